// All local AI runtimes at once: each server is asked in its own thread, so detection waits for the slowest
// one only, and a closed port costs milliseconds.
#include <algorithm>
#include <future>

#include "detect/probe.hpp"
#include "detect/runtimes/local_runtimes.hpp"

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

// "Nothing listens" is the normal state of a runtime that is not installed; anything else is a fault.
bool faulty(const core::AiRuntime& runtime) {
  return !runtime.problem.empty() && runtime.problem.find("nothing listens") == std::string::npos;
}

}  // namespace

ProbeOutcome probe_ai_runtimes(const ProbeContext& context, core::HostFacts& facts) {
  if (!context.root.is_live())
    return absent("not probed: local AI servers answer for this machine, not the captured one under --root");

  const auto& options = context.options;
  const auto query = [&](const std::string& url) {
    return RuntimeQuery{url, options.http_timeout, std::max(options.http_timeout * 4, std::chrono::milliseconds(1000))};
  };
  auto ollama = std::async(std::launch::async, query_ollama, query(options.ollama_host));
  auto llama = std::async(std::launch::async, query_llama_cpp, query(options.llama_cpp_host));
  auto lm_studio = std::async(std::launch::async, query_lm_studio, query(options.lm_studio_host));
  auto vllm = std::async(std::launch::async, query_vllm, query(options.vllm_host));
  facts.runtimes = {ollama.get(), llama.get(), lm_studio.get(), vllm.get()};
  facts.runtimes[0].installed = facts.runtimes[0].running || on_path(context.root, options.path, "ollama");

  std::string running, problems;
  for (const auto& runtime : facts.runtimes) {
    if (runtime.running) running += (running.empty() ? "" : "; ") + summary(runtime);
    if (faulty(runtime))
      problems += (problems.empty() ? "" : "; ") + std::string(core::to_string(runtime.kind)) + ": " + runtime.problem;
  }
  if (!problems.empty()) return failed(problems + (running.empty() ? "" : "; running: " + running));
  if (running.empty())
    return absent(facts.runtimes[0].installed ? "Ollama is installed but not running; no other local AI server answers"
                                              : "no local AI server answers");
  return ok(running);
}

ProbeOutcome probe_cloud(const ProbeContext& context, core::HostFacts& facts) {
  facts.cloud = context.options.cloud;
  const auto& cloud = *facts.cloud;
  if (!cloud.vision.key_present && !cloud.planning.key_present)
    return absent("no cloud API key is set (OPENAI_API_KEY for vision, DEEPSEEK_API_KEY for planning)");
  std::string detail;
  if (cloud.vision.key_present) detail += "vision: " + cloud.vision.model + " at " + cloud.vision.base_url;
  if (cloud.planning.key_present)
    detail += (detail.empty() ? "" : "; ") + std::string("planning: ") + cloud.planning.model + " at " + cloud.planning.base_url;
  return ok(detail + " (keys set; not contacted)");
}

}  // namespace autocut::detect
