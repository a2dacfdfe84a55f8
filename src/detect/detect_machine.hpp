// The one detection the commands ask for, whatever the platform: this machine, or a captured one (`--root`): a
// directory holding a Linux machine's files, or a Windows machine's recording (one file per platform).
#pragma once

#include <filesystem>
#include <optional>

#include "core/host_facts.hpp"
#include "detect/probe.hpp"

namespace autocut::detect {

core::HostFacts detect_machine(const std::optional<std::filesystem::path>& root, const DetectOptions& options);

}  // namespace autocut::detect
