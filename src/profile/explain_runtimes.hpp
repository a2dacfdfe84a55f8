// The AI part of the explanation: local runtimes and their models, cloud keys, and what to do about what is
// missing. Pure.
#pragma once

#include <string>
#include <vector>

#include "core/host_facts.hpp"
#include "profile/wording.hpp"

namespace autocut::profile {

std::vector<std::string> runtime_lines(const core::HostFacts& facts, const wording::Phrases& say);
std::vector<std::string> suggestions(const core::HostFacts& facts, const wording::Phrases& say);

}  // namespace autocut::profile
