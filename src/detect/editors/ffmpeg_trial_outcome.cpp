#include "detect/editors/ffmpeg_trial_outcome.hpp"

namespace autocut::detect {
namespace {

std::string first_reason(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  if (line.starts_with('[')) {
    const auto close = line.find("] ");
    if (close != std::string::npos) line.erase(0, close + 2);
  }
  return line.empty() ? "failed without a reason" : line;
}

}  // namespace

TrialOutcome trial_outcome(const sys::ProcessOutput& run, std::chrono::milliseconds timeout) {
  if (!run.error.empty()) return {false, run.error};
  if (run.timed_out) return {false, "did not finish within " + std::to_string(timeout.count()) + " ms"};
  if (run.exit_code != 0) return {false, first_reason(run.err)};
  return {true, {}};
}

}  // namespace autocut::detect
