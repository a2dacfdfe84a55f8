// Runs every probe against one host root, in a fixed order, and collects the facts and each probe's status.
#pragma once

#include "core/host_facts.hpp"
#include "detect/probe.hpp"
#include "sys/host_root.hpp"

namespace autocut::detect {

core::HostFacts detect_all(const sys::HostRoot& root, const DetectOptions& options = {});

}  // namespace autocut::detect
