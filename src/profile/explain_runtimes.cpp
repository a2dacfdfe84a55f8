#include "profile/explain_runtimes.hpp"

#include <algorithm>

namespace autocut::profile {
namespace {

using namespace wording;

std::string display_kind(core::RuntimeKind kind) {
  switch (kind) {
    case core::RuntimeKind::ollama:
      return "Ollama";
    case core::RuntimeKind::llama_cpp:
      return "llama.cpp";
    case core::RuntimeKind::lm_studio:
      return "LM Studio";
    case core::RuntimeKind::vllm:
      return "vLLM";
  }
  return "?";
}

bool sees(const core::AiModel& model) { return model.vision.value_or(false) && !model.remote; }

std::string runtime_line(const core::AiRuntime& runtime, const Phrases& say) {
  std::string line = say.local_ai + display_kind(runtime.kind) + (runtime.version ? " " + *runtime.version : "");
  std::vector<std::string> vision;
  for (const auto& model : runtime.models)
    if (sees(model)) vision.push_back(model.name);
  line += format(say.runtime_models, static_cast<int>(runtime.models.size()), static_cast<int>(vision.size()));
  if (!vision.empty()) {
    line += " (";
    for (std::size_t i = 0; i < vision.size() && i < 3; ++i) line += (i ? ", " : "") + vision[i];
    line += vision.size() > 3 ? ", …)" : ")";
  }
  return line;
}

bool any_vision_model(const core::HostFacts& facts) {
  return std::any_of(facts.runtimes.begin(), facts.runtimes.end(), [](const auto& runtime) {
    return runtime.running && std::any_of(runtime.models.begin(), runtime.models.end(), sees);
  });
}

// What the GPU decoders' trials found, when there were any: what decodes, by which hwaccel; else the first reason.
std::string decoders_text(const std::vector<core::DecoderTrial>& trials, const Phrases& say) {
  if (trials.empty()) return {};
  std::string working;
  for (const auto& trial : trials)
    if (trial.works) working += (working.empty() ? "" : ", ") + trial.sample + " (" + trial.hwaccel + ")";
  if (!working.empty()) return format(say.ffmpeg_decoders, working.c_str());
  return format(say.ffmpeg_no_decoder, static_cast<int>(trials.size()), trials.front().detail.c_str());
}

std::string editors_line(const core::HostFacts& facts, const Phrases& say) {
  std::string resolve = say.no_resolve;
  if (facts.resolve) {
    const auto version = facts.resolve->version.value_or("");
    if (facts.resolve->scriptable())
      resolve = format(say.resolve_scriptable, version.c_str());
    else if (facts.resolve->studio.value_or(false))
      resolve = format(say.resolve_not_running, version.c_str());
    else
      resolve = format(say.resolve_free, version.c_str());
  }
  std::string ffmpeg = core::not_asked(facts, "ffmpeg") ? "" : say.no_ffmpeg;
  if (facts.ffmpeg) {
    std::string working;
    for (const auto& trial : facts.ffmpeg->trials)
      if (trial.works) working += (working.empty() ? "" : ", ") + trial.encoder;
    ffmpeg = format(say.ffmpeg_encoders, facts.ffmpeg->version.value_or("").c_str(),
                    working.empty() ? "-" : working.c_str());
    ffmpeg += decoders_text(facts.ffmpeg->decode_trials, say);
  }
  return say.editors + resolve + (ffmpeg.empty() ? "" : "; " + ffmpeg);
}

}  // namespace

std::vector<std::string> runtime_lines(const core::HostFacts& facts, const Phrases& say) {
  std::vector<std::string> lines;
  for (const auto& runtime : facts.runtimes)
    if (runtime.running) lines.push_back(runtime_line(runtime, say));
  if (lines.empty() && !facts.runtimes.empty()) {
    const auto* local = core::find_runtime(facts.runtimes, core::RuntimeKind::ollama);
    lines.push_back(std::string(say.local_ai) +
                    (local && local->installed ? say.installed_not_running : say.not_installed));
  }
  if (facts.cloud) {
    const auto& cloud = *facts.cloud;
    lines.push_back(std::string(say.cloud) + format(say.cloud_vision, cloud.vision.model.c_str()) +
                    (cloud.vision.key_present ? say.key_set : say.key_missing) + ", " +
                    format(say.cloud_planning, cloud.planning.model.c_str()) +
                    (cloud.planning.key_present ? say.key_set : say.key_missing));
  }
  if (facts.resolve || facts.ffmpeg) lines.push_back(editors_line(facts, say));
  return lines;
}

std::vector<std::string> suggestions(const core::HostFacts& facts, const Phrases& say) {
  std::vector<std::string> advice;
  if (!facts.runtimes.empty()) {
    const auto* local = core::find_runtime(facts.runtimes, core::RuntimeKind::ollama);
    const bool any_running =
        std::any_of(facts.runtimes.begin(), facts.runtimes.end(), [](const auto& r) { return r.running; });
    if (local && !local->running && local->installed)
      advice.emplace_back(say.suggest_start_ollama);
    else if (!any_running)
      advice.emplace_back(say.suggest_install_ollama);
    else if (!any_vision_model(facts))
      advice.emplace_back(say.suggest_pull_vision);
  }
  if (facts.cloud && !facts.cloud->vision.key_present) advice.emplace_back(say.suggest_openai_key);
  if (facts.cloud && !facts.cloud->planning.key_present) advice.emplace_back(say.suggest_deepseek_key);
  return advice;
}

}  // namespace autocut::profile
