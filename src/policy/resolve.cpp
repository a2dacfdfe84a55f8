#include "policy/resolve.hpp"

#include <algorithm>

#include "core/units.hpp"
#include "policy/fit_devices.hpp"
#include "policy/limits.hpp"
#include "policy/model_choice.hpp"
#include "policy/suggestions.hpp"

namespace autocut::policy {
namespace {

bool gpu_level(core::Level level) {
  return level == core::Level::local_gpu_high || level == core::Level::local_gpu_mid ||
         level == core::Level::local_gpu_low;
}

// Everything one resolution needs, gathered once.
struct Machine {
  const core::RuntimeProfile& profile;
  const core::HostFacts& facts;
  const PolicyConfig& config;
  core::Level level;
  GpuDevices gpus;  // where a local model may go, the editor's share taken
  double cpus = 1;

  bool cloud_vision() const { return facts.cloud && facts.cloud->vision.key_present; }
  bool runtimes_pending() const { return core::still_checking(facts, "ai-runtimes"); }
  bool ffmpeg_pending() const { return core::still_checking(facts, "ffmpeg"); }
  bool cloud_planning() const { return facts.cloud && facts.cloud->planning.key_present; }
  std::uint64_t gpu_usable() const { return gpus.devices.empty() ? 0 : gpus.devices.front().usable_bytes; }
  std::string gpu_name() const { return gpus.devices.empty() ? std::string() : gpus.devices.front().label; }
};

Machine gather(const core::RuntimeProfile& profile, const PolicyConfig& config, core::Level level,
               const TaskPolicy& editing) {
  return {
      profile, profile.facts, config, level, gpu_devices(profile, editing, config), profile.effective.cpus.value_or(1)};
}

void finish(TaskPolicy& task, const Machine& machine) {
  task.limits = limits_for(task.kind, task.backend, machine.level, machine.cpus);
}

TaskPolicy cloud_vision(const Machine& machine, Note reason) {
  TaskPolicy task{TaskKind::vision,
                  Backend::cloud,
                  machine.facts.cloud->vision.model,
                  "cloud",
                  machine.facts.cloud->vision.base_url,
                  {},
                  {std::move(reason)}};
  finish(task, machine);
  return task;
}

TaskPolicy builtin_vision(const Machine& machine, Note reason) {
  TaskPolicy task{TaskKind::vision, Backend::builtin, std::nullopt, "cpu", {}, {}, {std::move(reason)}};
  finish(task, machine);
  return task;
}

// What a vision request asks of a model at this level: the frames and image size its limits allow.
FitNeeds vision_needs(const Machine& machine, Backend backend) {
  const auto limits = limits_for(TaskKind::vision, backend, machine.level, machine.cpus);
  const auto kv = model_fit::kv_cache_type_named(machine.config.kv_cache_type).value_or(model_fit::KvCacheType::f16);
  return {limits.frames_per_scene, limits.image_max_side, 8192, kv};
}

std::string gib(std::uint64_t bytes) { return core::gib_text(bytes); }

// A fit made against the CPU's budget: its "device" was the CPU, and nothing of it is on a GPU.
FitReport on_the_cpu(FitReport fit) {
  fit.devices.clear();
  fit.gpu_layers = 0;
  fit.gpu_share = 0;
  fit.tokens_per_second.reset();
  return fit;
}

// The fit, said: the context, the total against what is usable, and any split or partial offload.
void fit_notes(const ModelChoice& choice, const Machine& machine, bool on_gpu, std::vector<Note>& notes) {
  const auto& fit = choice.fit;
  const auto& name = choice.model->name;
  if (fit.basis == "metadata" && fit.frames > 0 &&
      fit.frames < vision_needs(machine, on_gpu ? Backend::ollama_gpu : Backend::ollama_cpu).frames)
    notes.push_back({"frames_reduced", {{"model", name}, {"frames", std::to_string(fit.frames)}}});
  if (fit.measured_bytes && fit.basis == "metadata")
    notes.push_back(
        {"fit_measured",
         {{"model", name}, {"measured_gib", gib(*fit.measured_bytes)}, {"predicted_gib", gib(fit.predicted_bytes)}}});
  if (on_gpu && fit.devices.size() > 1) {
    std::string split;
    for (const auto& device : fit.devices)
      split += (split.empty() ? "" : ", ") + std::to_string(device.layers) + " on " + device.device;
    notes.push_back({"model_split", {{"model", name}, {"split", split}}});
  }
  if (on_gpu && machine.gpus.reserved_bytes > 0)
    notes.push_back(
        {"editor_reserve", {{"reserve_gib", gib(machine.gpus.reserved_bytes)}, {"editor", machine.gpus.reserved_for}}});
}

TaskPolicy local_vision(const Machine& machine, const ModelChoice& choice, bool on_gpu, Note reason) {
  const bool ollama_model = choice.runtime->kind == core::RuntimeKind::ollama;
  const Backend backend = !ollama_model ? Backend::local_openai : on_gpu ? Backend::ollama_gpu : Backend::ollama_cpu;
  std::string device = "cpu";
  if (on_gpu && !choice.fit.devices.empty())
    device = choice.fit.devices.front().device;
  else if (on_gpu && !machine.gpus.devices.empty())
    device = machine.gpus.devices.front().id;
  TaskPolicy task{TaskKind::vision, backend, choice.model->name, device, choice.runtime->url, {}, {std::move(reason)}};
  finish(task, machine);
  task.fit = on_gpu ? choice.fit : on_the_cpu(choice.fit);
  if (on_gpu) task.fit->reserved_bytes = machine.gpus.reserved_bytes;
  // The runtime is told the context the fit was sized for, and asked no more frames than fit.
  if (ollama_model && choice.fit.context > 0) task.limits.context_tokens = choice.fit.context;
  if (choice.fit.frames > 0) task.limits.frames_per_scene = std::min(task.limits.frames_per_scene, choice.fit.frames);
  fit_notes(choice, machine, on_gpu, task.reasons);
  return task;
}

void pin_notes(const VisionChoice& choice, const PolicyConfig& config, std::vector<Note>& notes,
               const std::string& budget) {
  if (choice.pinned_missing) notes.push_back({"pinned_model_missing", {{"model", *config.local_vision_model}}});
  if (choice.pinned_too_big)
    notes.push_back({"pinned_model_too_big", {{"model", *config.local_vision_model}, {"usable_gib", budget}}});
}

Note gpu_fit_note(const ModelChoice& choice, const Machine& machine, bool partial) {
  const auto& fit = choice.fit;
  const auto need = fit.measured_bytes && fit.basis == "metadata" ? *fit.measured_bytes : fit.predicted_bytes;
  std::string gpu = machine.gpu_name();
  for (const auto& device : machine.gpus.devices)
    if (!fit.devices.empty() && device.id == fit.devices.front().device) gpu = device.label;  // a MIG instance's name
  if (partial)
    return {"partial_offload",
            {{"model", choice.model->name},
             {"gpu_layers", std::to_string(fit.gpu_layers)},
             {"layers", std::to_string(fit.layers)},
             {"percent", std::to_string(static_cast<int>(fit.gpu_share * 100))},
             {"gpu", gpu}}};
  if (fit.basis == "metadata")
    return {"model_fits_gpu_at_context",
            {{"model", choice.model->name},
             {"context", std::to_string(fit.context / 1024) + "k"},
             {"need_gib", gib(need)},
             {"usable_gib", gib(fit.usable_bytes)},
             {"gpu", gpu}}};
  return {
      "model_fits_gpu",
      {{"model", choice.model->name}, {"need_gib", gib(need)}, {"usable_gib", gib(fit.usable_bytes)}, {"gpu", gpu}}};
}

TaskPolicy resolve_vision(const Machine& machine) {
  const auto& config = machine.config;
  if (!config.use_local_vision && machine.cloud_vision()) return cloud_vision(machine, {"local_vision_off", {}});
  if (machine.level == core::Level::hybrid)
    return machine.cloud_vision() ? cloud_vision(machine, {"hybrid_cloud", {}})
                                  : builtin_vision(machine, {"hybrid_no_key", {}});

  std::vector<Note> notes;
  if (gpu_level(machine.level) && !machine.gpus.devices.empty()) {
    const auto choice = choose_vision_model(machine.facts.runtimes, machine.gpus.devices, machine.gpus.may_split,
                                            vision_needs(machine, Backend::ollama_gpu), config, true);
    pin_notes(choice, config, notes, gib(machine.gpu_usable()));
    if (choice.choice) {
      auto task = local_vision(machine, *choice.choice, true, gpu_fit_note(*choice.choice, machine, choice.partial));
      task.reasons.insert(task.reasons.end(), notes.begin(), notes.end());
      return task;
    }
    notes.push_back(
        {"no_vision_model_fits_gpu", {{"usable_gib", gib(machine.gpu_usable())}, {"gpu", machine.gpu_name()}}});
  }

  // On the CPU only small models are worth it: fewer frames, smaller images (see limits).
  const std::vector<model_fit::FitDevice> cpu{{"cpu", "CPU", config.cpu_vision_max_bytes, std::nullopt}};
  const auto small = choose_vision_model(machine.facts.runtimes, cpu, false, vision_needs(machine, Backend::ollama_cpu),
                                         config, false);
  if (notes.empty()) pin_notes(small, config, notes, gib(config.cpu_vision_max_bytes));
  if (small.choice) {
    auto task =
        local_vision(machine, *small.choice, false, {"small_model_on_cpu", {{"model", small.choice->model->name}}});
    task.reasons.insert(task.reasons.end(), notes.begin(), notes.end());
    return task;
  }
  // Until the AI servers have answered, no local model is known to be missing: this choice is for now.
  if (machine.runtimes_pending())
    return machine.cloud_vision() ? cloud_vision(machine, {"runtimes_still_checking", {}})
                                  : builtin_vision(machine, {"runtimes_still_checking", {}});
  TaskPolicy task = machine.cloud_vision() ? cloud_vision(machine, {"no_local_vision_model", {}})
                                           : builtin_vision(machine, {"no_vision_anywhere", {}});
  task.reasons.insert(task.reasons.end(), notes.begin(), notes.end());
  if (core::not_asked(machine.facts, "ai-runtimes")) task.reasons.push_back({"runtimes_not_asked", {}});
  return task;
}

// The GPUs less what the vision model holds on each.
std::vector<model_fit::FitDevice> room_beside(const Machine& machine, const TaskPolicy& vision) {
  auto devices = machine.gpus.devices;
  if (vision.backend != Backend::ollama_gpu || !vision.fit) return devices;
  for (auto& device : devices)
    for (const auto& taken : vision.fit->devices)
      if (taken.device == device.id)
        device.usable_bytes = device.usable_bytes > taken.bytes ? device.usable_bytes - taken.bytes : 0;
  return devices;
}

TaskPolicy cloud_planner(const core::CloudEndpoint& cloud, const char* reason) {
  return {TaskKind::planning,
          Backend::cloud,
          cloud.model,
          "cloud",
          cloud.base_url,
          {},
          {{reason, {{"model", cloud.model}}}}};
}

TaskPolicy resolve_planning(const Machine& machine, const TaskPolicy& vision) {
  const auto& config = machine.config;
  TaskPolicy task;
  task.kind = TaskKind::planning;
  auto needs = vision_needs(machine, Backend::ollama_gpu);
  needs.frames = 0;
  // A strong GPU may hold a planner beside the vision model.
  if (machine.level == core::Level::local_gpu_high && !machine.gpus.devices.empty()) {
    const auto room = room_beside(machine, vision);
    if (const auto planner = choose_planner_model(machine.facts.runtimes, room, needs, config)) {
      task = {
          TaskKind::planning,
          Backend::ollama_gpu,
          planner->model->name,
          planner->fit.devices.empty() ? vision.device : planner->fit.devices.front().device,
          planner->runtime->url,
          {},
          {{"planner_beside_vision", {{"model", planner->model->name}, {"room_gib", gib(room.front().usable_bytes)}}}}};
      finish(task, machine);
      task.fit = planner->fit;
      if (planner->fit.context > 0) task.limits.context_tokens = planner->fit.context;
      return task;
    }
  }
  if (machine.cloud_planning()) {
    task = cloud_planner(machine.facts.cloud->planning, "cloud_planner");
  } else if (const auto* local = core::find_runtime(machine.facts.runtimes, core::RuntimeKind::ollama);
             local && local->running) {
    const std::vector<model_fit::FitDevice> cpu{
        {"cpu", "CPU", machine.profile.effective.memory_available_bytes.value_or(0), std::nullopt}};
    if (const auto planner = choose_planner_model(machine.facts.runtimes, cpu, needs, config)) {
      task = {TaskKind::planning,
              Backend::ollama_cpu,
              planner->model->name,
              "cpu",
              planner->runtime->url,
              {},
              {{"local_planner_cpu", {{"model", planner->model->name}}}}};
      task.fit = on_the_cpu(planner->fit);
    }
  }
  if (task.backend == Backend::none && machine.cloud_vision())
    task = cloud_planner(machine.facts.cloud->vision, "planner_on_vision_cloud");
  if (task.backend == Backend::none && machine.runtimes_pending()) {
    task.backend = Backend::pending;
    task.reasons = {{"planner_still_checking", {}}};
  }
  if (task.backend == Backend::none) task.reasons = {{"no_planner", {}}};
  finish(task, machine);
  if (task.fit && task.fit->context > 0) task.limits.context_tokens = task.fit->context;
  return task;
}

TaskPolicy resolve_editing(const Machine& machine) {
  const auto& facts = machine.facts;
  TaskPolicy task;
  task.kind = TaskKind::editing;
  std::vector<Note> notes;
  if (facts.resolve && facts.resolve->studio.value_or(false) && facts.resolve->scripting_library) {
    task = {TaskKind::editing,
            Backend::davinci_resolve,
            "DaVinci Resolve Studio",
            "local",
            facts.resolve->install_path,
            {},
            {{facts.resolve->running ? "resolve_running" : "resolve_launchable", {}}}};
    finish(task, machine);
    return task;
  }
  if (facts.resolve)
    notes.push_back({facts.resolve->studio.value_or(false) ? "resolve_no_library" : "resolve_free", {}});
  if (facts.ffmpeg) {
    // Dedicated encoders first, then the generic interfaces.
    static constexpr std::string_view kOrder[] = {"_nvenc", "_qsv", "_vaapi", "_amf", "_v4l2m2m"};
    for (const auto suffix : kOrder)
      for (const auto& trial : facts.ffmpeg->trials)
        if (trial.works && trial.encoder.ends_with(suffix) && task.backend == Backend::none)
          task = {TaskKind::editing,
                  Backend::ffmpeg_hardware,
                  trial.encoder,
                  "local",
                  facts.ffmpeg->path,
                  {},
                  {{"ffmpeg_hardware", {{"encoder", trial.encoder}}}}};
    const bool x264 = std::any_of(facts.ffmpeg->trials.begin(), facts.ffmpeg->trials.end(),
                                  [](const auto& trial) { return trial.encoder == "libx264" && trial.works; });
    if (task.backend == Backend::none && x264)
      task = {TaskKind::editing,
              Backend::ffmpeg_software,
              "libx264",
              "cpu",
              facts.ffmpeg->path,
              {},
              {{"ffmpeg_software", {{"tried", std::to_string(facts.ffmpeg->hardware_encoders.size())}}}}};
  }
  if (task.backend == Backend::none && machine.ffmpeg_pending()) {
    task.backend = Backend::pending;
    task.reasons = {{"editors_still_checking", {}}};
  }
  if (task.backend == Backend::none)
    task.reasons = {{core::not_asked(facts, "ffmpeg") ? "editors_not_asked" : "no_editor", {}}};
  task.reasons.insert(task.reasons.end(), notes.begin(), notes.end());
  finish(task, machine);
  return task;
}

}  // namespace

core::Level effective_level(core::Level detected, std::optional<core::Level> floor) {
  return floor ? std::max(detected, *floor) : detected;
}

ExecutionPolicy resolve(const core::RuntimeProfile& profile, const PolicyConfig& config, core::Level level) {
  ExecutionPolicy policy;
  policy.level = level;
  policy.detected = profile.profile_class;
  // The editor first: what it keeps on the GPU is not the models'.
  policy.editing =
      resolve_editing(Machine{profile, profile.facts, config, level, {}, profile.effective.cpus.value_or(1)});
  const auto machine = gather(profile, config, level, policy.editing);
  policy.vision = resolve_vision(machine);
  policy.planning = resolve_planning(machine, policy.vision);
  policy.suggestions = suggest(profile, config, policy);
  return policy;
}

}  // namespace autocut::policy
