// Detection on Windows: the HostFacts the Linux probes fill, from what a WindowsHost answers (the live machine, or a
// recording of one), in one registration list with each probe's status. Pure given the host.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/host_facts.hpp"
#include "detect/editors/ffmpeg_capabilities.hpp"
#include "detect/probe.hpp"
#include "sys/windows/windows_host.hpp"

namespace autocut::detect::windows {

// What detection learns by talking to other programs rather than to Windows: the local AI servers over HTTP
// (query_all_runtimes) and ffmpeg by running it (detect_ffmpeg) on the live machine; a script in tests. Either may
// be absent: that part is then reported as not asked.
struct LocalPrograms {
  std::function<std::vector<core::AiRuntime>()> ai_servers;
  std::function<FfmpegDetection(const std::string& ffmpeg)> ffmpeg;
};

// `captured`: the host is a recording, so the programs and servers of this machine are not asked about it.
core::HostFacts detect_windows(sys::windows::WindowsHost& host, const DetectOptions& options, bool captured,
                               const LocalPrograms& programs = {});

// How detection reads a DXGI adapter, for the monitor to read it the same way: its address ("dxgi:<index>" unless
// the driver tells its PCI location), whether it is integrated (a small carve-out, the rest shared), and the
// dedicated memory not left to this process — all of it less what the budget (QueryVideoMemoryInfo, the others'
// use taken away) leaves beyond this process's own use; none for an integrated GPU or without a budget.
std::string dxgi_address(const sys::windows::DxgiAdapter& adapter, std::size_t index);
bool dxgi_integrated(const sys::windows::DxgiAdapter& adapter);
std::optional<std::uint64_t> dxgi_memory_used(const sys::windows::DxgiAdapter& adapter);

// A Windows machine recorded by `autocut capture`, replayed. A file that cannot be read as a recording gives facts
// with that one probe failed, saying why.
core::HostFacts detect_recorded_windows(const std::string& path, const DetectOptions& options);

}  // namespace autocut::detect::windows
