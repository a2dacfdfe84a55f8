// Detection on Windows: the HostFacts the Linux probes fill, from what a WindowsHost answers (the live machine, or a
// recording of one), in one registration list with each probe's status. Pure given the host.
#pragma once

#include <functional>
#include <vector>

#include "core/host_facts.hpp"
#include "detect/probe.hpp"
#include "sys/windows/windows_host.hpp"

namespace autocut::detect::windows {

// This machine's local AI servers, asked over HTTP (query_all_runtimes on the live machine; a script in tests).
using LocalServers = std::function<std::vector<core::AiRuntime>()>;

// `captured`: the host is a recording, so the programs and servers of this machine are not asked about it.
core::HostFacts detect_windows(sys::windows::WindowsHost& host, const DetectOptions& options, bool captured,
                               const LocalServers& local_servers = {});

// A Windows machine recorded by `autocut capture`, replayed. A file that cannot be read as a recording gives facts
// with that one probe failed, saying why.
core::HostFacts detect_recorded_windows(const std::string& path, const DetectOptions& options);

}  // namespace autocut::detect::windows
