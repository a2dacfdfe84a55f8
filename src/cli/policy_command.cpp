#include "cli/policy_command.hpp"

#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "policy/admit.hpp"
#include "policy/policy_text.hpp"
#include "policy/resolve.hpp"

namespace autocut::cli {
namespace {

const std::vector<std::string> kLevelNames{"LOCAL_GPU_HIGH", "LOCAL_GPU_MID", "LOCAL_GPU_LOW", "LOCAL_CPU_ONLY",
                                           "HYBRID"};

}  // namespace

// The level to resolve for: an explicit --level, else the detected class under any configured floor.
core::Level chosen_level(const core::RuntimeProfile& profile, const config::Settings& settings,
                         const std::optional<std::string>& level) {
  if (level) return *core::parse_level(*level);
  const auto floor = settings.level_floor ? core::parse_level(*settings.level_floor) : std::nullopt;
  return policy::effective_level(profile.profile_class, floor);
}

policy::PolicyConfig policy_config(const config::Settings& settings, const std::filesystem::path& state_dir,
                                   std::ostream* warnings) {
  policy::PolicyConfig config;
  config.use_local_vision = settings.use_local_vision;
  config.local_vision_model = settings.local_vision_model;
  config.fit_factor = settings.fit_factor;
  config.cpu_vision_max_bytes = settings.cpu_vision_max_mib << 20;
  config.kv_cache_type = settings.kv_cache_type;
  if (settings.editor_gpu_reserve_mib) config.editor_gpu_reserve_bytes = *settings.editor_gpu_reserve_mib << 20;
  std::string problem;
  config.measured = model_fit::load_measured_fits(state_dir / model_fit::kMeasuredFitsFileName, problem);
  if (!problem.empty() && warnings) *warnings << "autocut: " << problem << std::endl;
  return config;
}

CLI::App* add_policy_command(CLI::App& app, PolicyOptions& options) {
  auto* command = app.add_subcommand("policy", "Show what runs where, with which model, and why");
  add_detection_flags(*command, options.detection);
  command->add_flag("--json", options.json, "Print the policy document as JSON");
  command->add_option("--level", options.level, "Show what this level would do")->check(CLI::IsMember(kLevelNames));
  return command;
}

CLI::App* add_admit_command(CLI::App& app, AdmitOptions& options) {
  auto* command = app.add_subcommand("admit", "Say where a task of this kind would run now, and why");
  command->add_option("kind", options.kind, "vision, planning or editing")
      ->required()
      ->check(CLI::IsMember({"vision", "planning", "editing"}));
  command->add_option("--model", options.model, "For vision: ask about this model");
  command->add_flag("--json", options.json, "Print the answer as JSON");
  add_detection_flags(*command, options.detection);
  return command;
}

int run_policy_command(const PolicyOptions& options, const config::Settings& settings, core::Language locale_language,
                       std::ostream& out) {
  const auto profile = detect_profile(options.detection, settings);
  const auto level = chosen_level(profile, settings, options.level);
  const auto resolved = policy::resolve(profile, policy_config(settings, ".", &std::cerr), level);
  if (options.json)
    out << policy::policy_to_json(resolved).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
        << "\n";
  else
    out << policy::explain_policy(resolved, chosen_language(options.detection, locale_language));
  return 0;
}

int run_admit_command(const AdmitOptions& options, const config::Settings& settings, core::Language locale_language,
                      std::ostream& out) {
  const auto profile = detect_profile(options.detection, settings);
  const auto kind = options.kind == "vision"     ? policy::TaskKind::vision
                    : options.kind == "planning" ? policy::TaskKind::planning
                                                 : policy::TaskKind::editing;
  const auto level = chosen_level(profile, settings, std::nullopt);
  const auto [runs, task] =
      policy::admit(profile, policy_config(settings, ".", &std::cerr), level, kind, options.model);
  if (options.json) {
    auto document = policy::task_to_json(task);
    document["admitted"] = runs;
    document["level"] = core::to_string(level);
    out << document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  } else {
    const auto language = chosen_language(options.detection, locale_language);
    out << policy::explain_task(task, language) << "\n";
    for (std::size_t i = 1; i < task.reasons.size(); ++i)
      out << "  · " << policy::sentence(task.reasons[i], language) << "\n";
  }
  return runs ? 0 : 1;
}

}  // namespace autocut::cli
