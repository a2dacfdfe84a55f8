// `autocut capture DIR` on Linux: the answers of what detection asks besides files — the local AI servers and
// ffmpeg — recorded under DIR/autocut-answers, beside the files scripts/capture-host copies into DIR (it runs this
// command), so `autocut profile --root DIR` replays the machine whole. Keys are never sent nor recorded.
#pragma once

#include <CLI/App.hpp>
#include <filesystem>
#include <iosfwd>

#include "cli/detection_flags.hpp"
#include "config/settings.hpp"

namespace autocut::cli {

struct CaptureAnswersOptions {
  std::filesystem::path directory;
  DetectionFlags detection;  // --ollama-host and --env-file: where the servers are, as for the other commands
};

CLI::App* add_capture_answers_command(CLI::App& app, CaptureAnswersOptions& options);

int run_capture_answers_command(const CaptureAnswersOptions& options, const config::Settings& settings,
                                std::ostream& out, std::ostream& err);

}  // namespace autocut::cli
