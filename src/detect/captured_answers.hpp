// The answers of the programs and servers detection asks, kept as files inside a captured machine's tree
// (`autocut capture DIR`, run by scripts/capture-host) and replayed by `--root DIR`, so a captured machine's profile
// and policy come out as they did on the machine itself. Layout under DIR/autocut-answers/:
//   runtimes/<kind>/<request>.json  one exchange with a local AI server: {status, body, error, timed_out}
//   ffmpeg/path, version.txt, encoders.txt, hwaccels.txt, trials.json  (or problem.txt when ffmpeg failed)
// Requests carry no key and local servers' replies hold none; nothing else is recorded.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "sys/http_client.hpp"

namespace autocut::detect {

inline constexpr std::string_view kAnswersDirectory = "autocut-answers";

// Replayed instead of asking, or kept as they come while asking (`autocut capture`).
struct CapturedAnswers {
  enum class Mode { replay, record };
  Mode mode = Mode::replay;
  std::filesystem::path directory;
};

// Where a replay reads `part` ("runtimes", "ffmpeg") from: set only when replaying a capture that recorded it.
std::optional<std::filesystem::path> replayed(const std::optional<CapturedAnswers>& answers, std::string_view part);

// One request as a file name: the target's path ("/api/tags" → "api_tags"), and for a request about one model
// (Ollama's /api/show) the model too ("api_show/llava%3A7b"), so each model's answer is a file of its own.
std::string reply_file_name(std::string_view target, std::string_view json_body);

// A reply that was not recorded reads as a refused connection: nothing listened there when the machine was captured.
sys::HttpResponse read_reply(const std::filesystem::path& directory, std::string_view name);
std::optional<std::string> write_reply(const std::filesystem::path& directory, std::string_view name,
                                       const sys::HttpResponse& response);

}  // namespace autocut::detect
