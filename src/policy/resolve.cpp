#include "policy/resolve.hpp"

#include <algorithm>

#include "core/units.hpp"
#include "policy/limits.hpp"
#include "policy/model_fit.hpp"
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
  std::optional<std::uint64_t> gpu_usable;  // of the best GPU
  std::string gpu_name;
  double cpus = 1;

  bool cloud_vision() const { return facts.cloud && facts.cloud->vision.key_present; }
  bool runtimes_pending() const { return core::still_checking(facts, "ai-runtimes"); }
  bool ffmpeg_pending() const { return core::still_checking(facts, "ffmpeg"); }
  bool cloud_planning() const { return facts.cloud && facts.cloud->planning.key_present; }
};

Machine gather(const core::RuntimeProfile& profile, const PolicyConfig& config, core::Level level) {
  Machine machine{profile, profile.facts, config, level, std::nullopt, {}, profile.effective.cpus.value_or(1)};
  if (profile.best_gpu && profile.profile_class != core::Level::local_cpu_only) {
    machine.gpu_usable = profile.gpu_capacity.at(*profile.best_gpu).usable_bytes;
    const auto& gpu = profile.facts.gpus.at(*profile.best_gpu);
    machine.gpu_name = gpu.name.value_or(gpu.pci_address);
  }
  return machine;
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

TaskPolicy local_vision(const Machine& machine, const ModelChoice& choice, bool on_gpu, Note reason) {
  const bool ollama_model = choice.runtime->kind == core::RuntimeKind::ollama;
  const Backend backend = !ollama_model ? Backend::local_openai : on_gpu ? Backend::ollama_gpu : Backend::ollama_cpu;
  const auto& best = machine.profile.facts.gpus;
  std::string device = "cpu";
  if (on_gpu && machine.profile.best_gpu) device = "gpu " + best.at(*machine.profile.best_gpu).pci_address;
  TaskPolicy task{TaskKind::vision, backend, choice.model->name, device, choice.runtime->url, {}, {std::move(reason)}};
  finish(task, machine);
  return task;
}

void pin_notes(const VisionChoice& choice, const PolicyConfig& config, std::vector<Note>& notes,
               const std::string& budget) {
  if (choice.pinned_missing) notes.push_back({"pinned_model_missing", {{"model", *config.local_vision_model}}});
  if (choice.pinned_too_big)
    notes.push_back({"pinned_model_too_big", {{"model", *config.local_vision_model}, {"usable_gib", budget}}});
}

TaskPolicy resolve_vision(const Machine& machine) {
  const auto& config = machine.config;
  if (!config.use_local_vision && machine.cloud_vision()) return cloud_vision(machine, {"local_vision_off", {}});
  if (machine.level == core::Level::hybrid)
    return machine.cloud_vision() ? cloud_vision(machine, {"hybrid_cloud", {}})
                                  : builtin_vision(machine, {"hybrid_no_key", {}});

  std::vector<Note> notes;
  if (gpu_level(machine.level) && machine.gpu_usable) {
    const auto choice =
        choose_vision_model(machine.facts.runtimes, *machine.gpu_usable, config.fit_factor, config.local_vision_model);
    pin_notes(choice, config, notes, core::gib_text(*machine.gpu_usable));
    if (choice.choice) {
      auto task = local_vision(machine, *choice.choice, true,
                               {"model_fits_gpu",
                                {{"model", choice.choice->model->name},
                                 {"need_gib", core::gib_text(choice.choice->need_bytes)},
                                 {"usable_gib", core::gib_text(*machine.gpu_usable)},
                                 {"gpu", machine.gpu_name}}});
      task.reasons.insert(task.reasons.end(), notes.begin(), notes.end());
      return task;
    }
    notes.push_back(
        {"no_vision_model_fits_gpu", {{"usable_gib", core::gib_text(*machine.gpu_usable)}, {"gpu", machine.gpu_name}}});
  }

  // On the CPU only small models are worth it: fewer frames, smaller images (see limits).
  const auto small = choose_vision_model(machine.facts.runtimes, config.cpu_vision_max_bytes, config.fit_factor,
                                         config.local_vision_model);
  if (notes.empty()) pin_notes(small, config, notes, core::gib_text(config.cpu_vision_max_bytes));
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

// What the chosen vision model takes on the GPU.
std::uint64_t vision_need(const Machine& machine, const TaskPolicy& vision) {
  for (const auto& runtime : machine.facts.runtimes)
    for (const auto& model : runtime.models)
      if (vision.model == model.name) return estimated_need(model, machine.config.fit_factor).value_or(0);
  return 0;
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
  // A strong GPU may hold a planner beside the vision model.
  if (machine.level == core::Level::local_gpu_high && machine.gpu_usable) {
    const auto taken = vision.backend == Backend::ollama_gpu ? vision_need(machine, vision) : 0;
    const auto room = *machine.gpu_usable > taken ? *machine.gpu_usable - taken : 0;
    if (const auto planner = choose_planner_model(machine.facts.runtimes, room, config.fit_factor)) {
      task = {TaskKind::planning,
              Backend::ollama_gpu,
              planner->model->name,
              vision.device,
              planner->runtime->url,
              {},
              {{"planner_beside_vision", {{"model", planner->model->name}, {"room_gib", core::gib_text(room)}}}}};
      finish(task, machine);
      return task;
    }
  }
  if (machine.cloud_planning()) {
    task = cloud_planner(machine.facts.cloud->planning, "cloud_planner");
  } else if (const auto* local = core::find_runtime(machine.facts.runtimes, core::RuntimeKind::ollama);
             local && local->running) {
    const auto room = machine.profile.effective.memory_available_bytes.value_or(0);
    if (const auto planner = choose_planner_model(machine.facts.runtimes, room, config.fit_factor))
      task = {TaskKind::planning,
              Backend::ollama_cpu,
              planner->model->name,
              "cpu",
              planner->runtime->url,
              {},
              {{"local_planner_cpu", {{"model", planner->model->name}}}}};
  }
  if (task.backend == Backend::none && machine.cloud_vision())
    task = cloud_planner(machine.facts.cloud->vision, "planner_on_vision_cloud");
  if (task.backend == Backend::none && machine.runtimes_pending()) {
    task.backend = Backend::pending;
    task.reasons = {{"planner_still_checking", {}}};
  }
  if (task.backend == Backend::none) task.reasons = {{"no_planner", {}}};
  finish(task, machine);
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
  const auto machine = gather(profile, config, level);
  ExecutionPolicy policy;
  policy.level = level;
  policy.detected = profile.profile_class;
  policy.vision = resolve_vision(machine);
  policy.planning = resolve_planning(machine, policy.vision);
  policy.editing = resolve_editing(machine);
  policy.suggestions = suggest(profile, config, policy);
  return policy;
}

}  // namespace autocut::policy
