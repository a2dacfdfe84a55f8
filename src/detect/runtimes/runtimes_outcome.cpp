#include "detect/runtimes/runtimes_outcome.hpp"

#include <algorithm>

namespace autocut::detect {
namespace {

std::string summary(const core::AiRuntime& runtime) {
  std::string text(core::to_string(runtime.kind));
  if (runtime.version) text += " " + *runtime.version;
  const auto vision = std::count_if(runtime.models.begin(), runtime.models.end(),
                                    [](const auto& model) { return model.vision.value_or(false); });
  text += " (" + std::to_string(runtime.models.size()) + " model" + (runtime.models.size() == 1 ? "" : "s") + ", " +
          std::to_string(vision) + " with vision)";
  return text;
}

}  // namespace

ProbeOutcome runtimes_outcome(const std::vector<core::AiRuntime>& runtimes) {
  const auto* ollama = core::find_runtime(runtimes, core::RuntimeKind::ollama);
  std::string running, problems;
  for (const auto& runtime : runtimes) {
    if (runtime.running) running += (running.empty() ? "" : "; ") + summary(runtime);
    if (runtime.fault)
      problems += (problems.empty() ? "" : "; ") + std::string(core::to_string(runtime.kind)) + ": " + runtime.problem;
  }
  if (!problems.empty()) return failed(problems + (running.empty() ? "" : "; running: " + running));
  if (running.empty())
    return absent(ollama && ollama->installed ? "Ollama is installed but not running; no other local AI server answers"
                                              : "no local AI server answers");
  return ok(running);
}

}  // namespace autocut::detect
