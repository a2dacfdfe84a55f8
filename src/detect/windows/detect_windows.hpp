// Detection on Windows: the HostFacts the Linux probes fill, from what a WindowsHost answers (the live machine, or a
// recording of one), in one registration list with each probe's status. Pure given the host.
#pragma once

#include "core/host_facts.hpp"
#include "detect/probe.hpp"
#include "sys/windows/windows_host.hpp"

namespace autocut::detect::windows {

// `captured`: the host is a recording, so the programs and servers of this machine are not asked about it.
core::HostFacts detect_windows(sys::windows::WindowsHost& host, const DetectOptions& options, bool captured);

// A Windows machine recorded by `autocut capture`, replayed. A file that cannot be read as a recording gives facts
// with that one probe failed, saying why.
core::HostFacts detect_recorded_windows(const std::string& path, const DetectOptions& options);

}  // namespace autocut::detect::windows
