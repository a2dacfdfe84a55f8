// The sampler the monitor reads the machine with, whatever the platform: this machine, or a captured one (`--root`:
// a directory holding a Linux machine's files, or a Windows machine's recording). One file per platform, as
// detect_machine is.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include "core/runtime_profile.hpp"
#include "detect/probe.hpp"
#include "monitor/sample_source.hpp"

namespace autocut::monitor {

std::unique_ptr<SampleSource> machine_sampler(const std::optional<std::filesystem::path>& root,
                                              const core::RuntimeProfile& profile,
                                              const detect::DetectOptions& options);

}  // namespace autocut::monitor
