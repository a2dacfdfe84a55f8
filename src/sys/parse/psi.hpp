// Pressure stall information (/proc/pressure/* and cgroup *.pressure; kernel accounting/psi.rst).
#pragma once

#include <optional>
#include <string_view>

#include "core/host_facts.hpp"

namespace autocut::sys::parse {

// "some avg10=0.00 avg60=0.00 avg300=0.00 total=0" plus an optional "full" line; nullopt without a valid "some".
std::optional<core::PsiResource> parse_psi(std::string_view text);

}  // namespace autocut::sys::parse
