#include "policy/policy_text.hpp"

#include <array>
#include <nlohmann/json.hpp>

#include "core/printable.hpp"

namespace autocut::policy {
namespace {

using json = nlohmann::ordered_json;

struct Sentence {
  std::string_view code;
  std::string_view english;
  std::string_view chinese;
};

// Every note code the policy can give, in both languages; {name} is replaced by the note's value.
constexpr std::array<Sentence, 42> kSentences{{
    {"local_vision_off", "USE_LOCAL_VISION=false sends vision to the cloud",
     "USE_LOCAL_VISION=false：视觉任务交给云端"},
    {"hybrid_cloud", "the HYBRID level sends heavy vision work to the cloud", "HYBRID 级别：较重的视觉任务交给云端"},
    {"hybrid_no_key",
     "the HYBRID level wants the cloud, but no OPENAI_API_KEY is set: the builtin analyzer runs instead",
     "HYBRID 级别需要云端，但未设置 OPENAI_API_KEY：改用内置分析器"},
    {"model_fits_gpu", "{model} needs about {need_gib} GiB and fits the {usable_gib} GiB usable on {gpu}",
     "{model} 约需 {need_gib} GiB，可放入 {gpu} 的 {usable_gib} GiB 可用显存"},
    {"model_fits_gpu_at_context", "{model} at {context} context: {need_gib} GiB of {usable_gib} usable on {gpu}",
     "{model}（{context} 上下文）：约需 {need_gib} GiB，{gpu} 可用 {usable_gib} GiB"},
    {"partial_offload",
     "{model} does not fit whole: {gpu_layers} of its {layers} layers on {gpu} ({percent}% of it), the rest on the CPU",
     "{model} 放不下整个模型：{layers} 层中的 {gpu_layers} 层在 {gpu}（占 {percent}%），其余在 CPU"},
    {"frames_reduced", "{model} is sent {frames} frame(s) per scene so that its context fits",
     "{model} 每个场景只发送 {frames} 帧，以便上下文放得下"},
    {"fit_measured",
     "{model} was measured at {measured_gib} GiB loaded ({predicted_gib} GiB predicted): the measure counts",
     "{model} 实测加载后 {measured_gib} GiB（预测 {predicted_gib} GiB）：以实测为准"},
    {"model_split", "{model} is split across GPUs: {split} layers", "{model} 分布在多块 GPU 上：{split} 层"},
    {"editor_reserve", "{reserve_gib} GiB of the GPU is kept for the editor ({editor})",
     "为剪辑工具（{editor}）在 GPU 上保留 {reserve_gib} GiB"},
    {"no_vision_model_fits_gpu", "no installed vision model fits the {usable_gib} GiB usable on {gpu}",
     "没有已安装的视觉模型能放入 {gpu} 的 {usable_gib} GiB 可用显存"},
    {"pinned_model_missing", "LOCAL_VISION_MODEL={model} is not installed", "LOCAL_VISION_MODEL={model} 未安装"},
    {"pinned_model_too_big", "LOCAL_VISION_MODEL={model} does not fit in {usable_gib} GiB",
     "LOCAL_VISION_MODEL={model} 放不进 {usable_gib} GiB"},
    {"small_model_on_cpu", "{model} is small enough for the CPU (fewer frames, smaller images)",
     "{model} 足够小，可在 CPU 上运行（更少帧、更小图像）"},
    {"no_local_vision_model", "no local vision model can run here, so vision goes to the cloud",
     "本地没有可运行的视觉模型，视觉任务交给云端"},
    {"no_vision_anywhere",
     "no local vision model and no cloud key: the builtin analyzer describes scenes without a model",
     "没有本地视觉模型，也没有云端密钥：由内置分析器（无模型）描述场景"},
    {"planner_beside_vision", "{model} fits beside the vision model ({room_gib} GiB left on the GPU)",
     "{model} 可与视觉模型同时放入 GPU（剩余 {room_gib} GiB）"},
    {"cloud_planner", "DEEPSEEK_API_KEY is set: {model} plans the cut", "已设置 DEEPSEEK_API_KEY：由 {model} 规划剪辑"},
    {"local_planner_cpu", "{model} plans the cut on the CPU", "{model} 在 CPU 上规划剪辑"},
    {"planner_on_vision_cloud", "no planner of its own: the vision cloud ({model}) plans too",
     "没有专用规划模型：由视觉云端 ({model}) 兼任规划"},
    {"no_planner", "no planner available: no DEEPSEEK_API_KEY, no OPENAI_API_KEY and no local instruction model",
     "没有可用的规划模型：未设置 DEEPSEEK_API_KEY 或 OPENAI_API_KEY，也没有本地指令模型"},
    {"resolve_running", "DaVinci Resolve Studio is running and scriptable",
     "DaVinci Resolve Studio 正在运行，可脚本控制"},
    {"resolve_launchable", "DaVinci Resolve Studio is installed and will be started headless (-nogui)",
     "已安装 DaVinci Resolve Studio，将以无界面方式 (-nogui) 启动"},
    {"resolve_free", "the free DaVinci Resolve cannot be scripted from outside",
     "免费版 DaVinci Resolve 不支持外部脚本控制"},
    {"resolve_no_library", "DaVinci Resolve Studio lacks fusionscript.so",
     "DaVinci Resolve Studio 缺少 fusionscript.so"},
    {"ffmpeg_hardware", "ffmpeg's {encoder} passed its trial encode", "ffmpeg 的 {encoder} 通过了试编码"},
    {"ffmpeg_software", "no hardware encoder passed its trial ({tried} listed): libx264 on the CPU",
     "没有硬件编码器通过试编码（列出 {tried} 个）：使用 CPU 上的 libx264"},
    {"no_editor", "no editor: neither DaVinci Resolve Studio nor a working ffmpeg",
     "没有可用的剪辑工具：既无 DaVinci Resolve Studio，也无可用的 ffmpeg"},
    {"start_ollama", "Ollama is installed but not running: `ollama serve`", "Ollama 已安装但未运行：`ollama serve`"},
    {"install_ollama", "install Ollama to use local vision models at no cost: https://ollama.com",
     "安装 Ollama 以使用本地视觉模型（零成本）：https://ollama.com"},
    {"pull_vision_model_for_gpu", "`ollama pull {model}` fits your {gpu_gib} GiB GPU",
     "`ollama pull {model}` 适合你的 {gpu_gib} GiB 显卡"},
    {"pull_small_vision_model", "`ollama pull {model}` for a small local vision model",
     "`ollama pull {model}` 获取小型本地视觉模型"},
    {"set_vision_key", "set OPENAI_API_KEY for cloud vision", "设置 OPENAI_API_KEY 以使用云端视觉"},
    {"set_planning_key", "set DEEPSEEK_API_KEY for cloud planning", "设置 DEEPSEEK_API_KEY 以使用云端规划"},
    {"install_ffmpeg", "install ffmpeg (`apt-get install ffmpeg`)", "安装 ffmpeg（`apt-get install ffmpeg`）"},
    {"install_ffmpeg_windows", "install ffmpeg (`winget install Gyan.FFmpeg`)",
     "安装 ffmpeg（`winget install Gyan.FFmpeg`）"},
    {"resolve_needs_studio", "DaVinci Resolve Studio can edit for you; the free edition cannot be scripted",
     "DaVinci Resolve Studio 可自动剪辑；免费版不支持脚本控制"},
    {"editors_not_asked", "a captured machine (--root): its editors were not run",
     "采集的机器 (--root)：未运行其剪辑工具"},
    {"runtimes_still_checking", "for now: the local AI servers are still being asked for their models",
     "暂定：仍在询问本地 AI 服务有哪些模型"},
    {"planner_still_checking", "the local AI servers are still being asked; cloud keys would decide it at once",
     "仍在询问本地 AI 服务；若配置云端密钥则可立即确定"},
    {"editors_still_checking", "ffmpeg is still being run and its encoders tried; the choice follows",
     "仍在运行 ffmpeg 并试编码；随后确定"},
    {"runtimes_not_asked", "a captured machine (--root): its AI servers were not asked",
     "采集的机器 (--root)：未询问其 AI 服务"},
}};

constexpr std::array<std::pair<TaskKind, std::string_view>, 3> kTaskNames{
    {{TaskKind::vision, "vision"}, {TaskKind::planning, "planning"}, {TaskKind::editing, "editing"}}};

std::string fill(std::string_view pattern, const std::map<std::string, std::string>& values) {
  std::string text(pattern);
  for (const auto& [name, value] : values) {
    const auto placeholder = "{" + name + "}";
    for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + value.size()))
      text.replace(at, placeholder.size(), value);
  }
  return text;
}

std::string backend_words(const TaskPolicy& task, core::Language language) {
  const bool zh = language == core::Language::zh;
  switch (task.backend) {
    case Backend::ollama_gpu:
      return zh ? "Ollama（GPU）" : "Ollama on the GPU";
    case Backend::ollama_cpu:
      return zh ? "Ollama（CPU）" : "Ollama on the CPU";
    case Backend::local_openai:
      return zh ? "本地 OpenAI 兼容服务" : "a local OpenAI-compatible server";
    case Backend::cloud:
      return zh ? "云端" : "the cloud";
    case Backend::builtin:
      return zh ? "内置分析器" : "the builtin analyzer";
    case Backend::davinci_resolve:
      return "DaVinci Resolve";
    case Backend::ffmpeg_hardware:
      return zh ? "ffmpeg（硬件编码）" : "ffmpeg with hardware encoding";
    case Backend::ffmpeg_software:
      return zh ? "ffmpeg（libx264）" : "ffmpeg with libx264";
    case Backend::none:
      return zh ? "无" : "nowhere";
    case Backend::pending:
      return zh ? "检测中" : "still checking";
  }
  return "?";
}

json note_json(const Note& note, core::Language language) {
  json values = json::object();
  for (const auto& [name, value] : note.values) values[name] = value;
  return {{"code", note.code}, {"values", values}, {"text", sentence(note, language)}};
}

template <class T>
json optional_json(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json fit_json(const std::optional<FitReport>& fit) {
  if (!fit) return nullptr;
  json devices = json::array();
  for (const auto& device : fit->devices)
    devices.push_back({{"device", device.device}, {"layers", device.layers}, {"bytes", device.bytes}});
  return {{"basis", fit->basis},
          {"context", fit->context == 0 ? json(nullptr) : json(fit->context)},
          {"frames", fit->frames == 0 ? json(nullptr) : json(fit->frames)},
          {"kv_cache", fit->kv_cache},
          {"weights_bytes", fit->weights_bytes},
          {"kv_cache_bytes", fit->kv_cache_bytes},
          {"graph_bytes", fit->graph_bytes},
          {"projector_bytes", fit->projector_bytes},
          {"image_bytes", fit->image_bytes},
          {"predicted_bytes", fit->predicted_bytes},
          {"measured_bytes", optional_json(fit->measured_bytes)},
          {"measured_vram_bytes", optional_json(fit->measured_vram_bytes)},
          {"usable_bytes", fit->usable_bytes},
          {"reserved_bytes", fit->reserved_bytes},
          {"layers", fit->layers},
          {"gpu_layers", fit->gpu_layers},
          {"gpu_share", fit->gpu_share},
          {"devices", devices},
          {"tokens_per_second_estimate", optional_json(fit->tokens_per_second)}};
}

}  // namespace

nlohmann::ordered_json task_to_json(const TaskPolicy& task, core::Language language) {
  json reasons = json::array();
  for (const auto& reason : task.reasons) reasons.push_back(note_json(reason, language));
  return {{"backend", to_string(task.backend)},
          {"model", task.model ? json(*task.model) : json(nullptr)},
          {"device", task.device},
          {"endpoint", task.endpoint.empty() ? json(nullptr) : json(task.endpoint)},
          {"limits",
           {{"max_concurrent", task.limits.max_concurrent},
            {"batch_size", task.limits.batch_size},
            {"frames_per_scene", task.limits.frames_per_scene},
            {"image_max_side", task.limits.image_max_side},
            {"timeout_s", task.limits.timeout.count()},
            {"context_tokens", task.limits.context_tokens == 0 ? json(nullptr) : json(task.limits.context_tokens)}}},
          {"fit", fit_json(task.fit)},
          {"reasons", reasons}};
}

std::string_view to_string(TaskKind kind) {
  for (const auto& [value, name] : kTaskNames)
    if (value == kind) return name;
  return "?";
}

std::string_view to_string(Backend backend) {
  switch (backend) {
    case Backend::ollama_gpu:
      return "ollama-gpu";
    case Backend::ollama_cpu:
      return "ollama-cpu";
    case Backend::local_openai:
      return "local-openai";
    case Backend::cloud:
      return "cloud";
    case Backend::builtin:
      return "builtin";
    case Backend::davinci_resolve:
      return "davinci-resolve";
    case Backend::ffmpeg_hardware:
      return "ffmpeg-hardware";
    case Backend::ffmpeg_software:
      return "ffmpeg-libx264";
    case Backend::none:
      return "none";
    case Backend::pending:
      return "pending";
  }
  return "none";
}

std::string sentence(const Note& note, core::Language language) {
  for (const auto& entry : kSentences)
    if (entry.code == note.code)
      return fill(language == core::Language::zh ? entry.chinese : entry.english, note.values);
  return note.code;
}

nlohmann::ordered_json policy_to_json(const ExecutionPolicy& policy, core::Language language) {
  json suggestions = json::array();
  for (const auto& note : policy.suggestions) suggestions.push_back(note_json(note, language));
  return {{"level", core::to_string(policy.level)},
          {"detected_class", core::to_string(policy.detected)},
          {"vision", task_to_json(policy.vision, language)},
          {"planning", task_to_json(policy.planning, language)},
          {"editing", task_to_json(policy.editing, language)},
          {"suggestions", suggestions}};
}

std::string explain_task(const TaskPolicy& task, core::Language language) {
  const bool zh = language == core::Language::zh;
  static constexpr std::array<std::string_view, 3> kEnglish{"Vision", "Planning", "Editing"};
  static constexpr std::array<std::string_view, 3> kChinese{"视觉", "规划", "剪辑"};
  const auto index = static_cast<std::size_t>(task.kind);
  std::string line = std::string(zh ? kChinese[index] : kEnglish[index]) + ": " + backend_words(task, language);
  if (task.model) line += " · " + *task.model;
  if (!task.reasons.empty()) line += (zh ? " — " : " — ") + sentence(task.reasons.front(), language);
  return core::printable(line);
}

std::string explain_policy(const ExecutionPolicy& policy, core::Language language) {
  const bool zh = language == core::Language::zh;
  std::string text =
      std::string(zh ? "🎬 执行策略: " : "🎬 Execution policy: ") + std::string(core::to_string(policy.level));
  if (policy.level != policy.detected)
    text += std::string(zh ? "（本机级别 " : " (machine class ") + std::string(core::to_string(policy.detected)) +
            (zh ? "）" : ")");
  text += "\n";
  for (const auto* task : {&policy.vision, &policy.planning, &policy.editing}) {
    text += "- " + explain_task(*task, language) + "\n";
    for (std::size_t i = 1; i < task->reasons.size(); ++i)
      text += "    · " + sentence(task->reasons[i], language) + "\n";
  }
  if (!policy.suggestions.empty()) {
    text += std::string("\n") + (zh ? "💡 建议" : "💡 Suggestions") + "\n";
    for (std::size_t i = 0; i < policy.suggestions.size(); ++i)
      text += "   " + std::to_string(i + 1) + ". " + sentence(policy.suggestions[i], language) + "\n";
  }
  return core::printable(text);
}

}  // namespace autocut::policy
