// `autocut capture FILE` on Windows: the machine's answer to every question detection asks, recorded in one JSON file
// that `autocut profile --root FILE` replays on any platform (a bug report, a test fixture). Keys are never asked.
#pragma once

#include <CLI/App.hpp>
#include <filesystem>
#include <iosfwd>

#include "config/settings.hpp"
#include "sys/windows/windows_host.hpp"

namespace autocut::cli {

struct CaptureOptions {
  std::filesystem::path output;
};

CLI::App* add_capture_command(CLI::App& app, CaptureOptions& options);

int run_capture_command(const CaptureOptions& options, const config::Settings& settings,
                        sys::windows::WindowsHost& host, std::ostream& out, std::ostream& err);

}  // namespace autocut::cli
