// All local AI runtimes, asked at once in the background since detection started (detect/slow_probes.hpp); a
// closed port costs milliseconds.
#include <algorithm>

#include "detect/probe.hpp"
#include "detect/program_path.hpp"
#include "detect/runtimes/local_runtimes.hpp"
#include "detect/slow_probes.hpp"

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

ProbeOutcome probe_ai_runtimes(const ProbeContext& context, core::HostFacts& facts) {
  if (!context.root.is_live())
    return absent("not probed: local AI servers answer for this machine, not the captured one under --root");

  const auto& options = context.options;
  const bool started = context.slow && context.slow->runtimes.valid();
  facts.runtimes = started ? context.slow->runtimes.get() : query_all_runtimes(options);
  for (auto& runtime : facts.runtimes)
    if (runtime.kind == core::RuntimeKind::ollama)
      runtime.installed = runtime.running || find_program(context.root, options.path, "ollama").has_value();
  const auto* ollama = core::find_runtime(facts.runtimes, core::RuntimeKind::ollama);

  std::string running, problems;
  for (const auto& runtime : facts.runtimes) {
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
