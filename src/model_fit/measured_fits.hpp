// What runtimes reported models taking once loaded (Ollama's /api/ps: size and size_vram, at the context it names),
// kept in the state directory beside runtime_profile.json so that the next fit starts from the truth.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/runtime_facts.hpp"

namespace autocut::model_fit {

inline constexpr const char* kMeasuredFitsFileName = "model_fits.json";

struct MeasuredFit {
  std::string model;
  std::optional<int> context;  // unknown where the runtime does not say
  std::uint64_t bytes = 0;
  std::optional<std::uint64_t> vram_bytes;

  bool operator==(const MeasuredFit&) const = default;
};

// What the runtime reports the model taking now, where it has it loaded and says how much. Pure.
std::optional<MeasuredFit> measured_now(const core::AiModel& model);
// The loaded models' figures, as the runtimes report them now. Pure.
std::vector<MeasuredFit> measured_now(const std::vector<core::AiRuntime>& runtimes);

// `kept` with `fresh` laid over it: a model measured again at the same context takes the new figure. Pure.
std::vector<MeasuredFit> merged(std::vector<MeasuredFit> kept, const std::vector<MeasuredFit>& fresh);

// The file's measurements; none when it is missing. A file that is not ours is reported in `problem`, never trusted.
std::vector<MeasuredFit> load_measured_fits(const std::filesystem::path& path, std::string& problem);

// Lays what the runtimes report now over the file's figures and writes it back atomically when anything changed.
// Returns why it could not, if it could not.
std::optional<std::string> keep_measured_fits(const std::filesystem::path& path,
                                              const std::vector<core::AiRuntime>& runtimes);

}  // namespace autocut::model_fit
