#include "service/runtime_service.hpp"

#include <nlohmann/json.hpp>

#include "core/json_mapping.hpp"
#include "model_fit/measured_fits.hpp"
#include "monitor/sample_text.hpp"
#include "policy/admit.hpp"
#include "policy/policy_text.hpp"
#include "policy/resolve.hpp"
#include "profile/explain_profile.hpp"
#include "profile/profile_store.hpp"

namespace autocut::service {
namespace {

using json = nlohmann::ordered_json;

double seconds(std::chrono::milliseconds duration) { return std::chrono::duration<double>(duration).count(); }

json rule_json(const monitor::ThresholdRule& rule, const char* unit) {
  return {{"name", rule.name},
          {"signal_unit", unit},
          {"direction", rule.direction == monitor::Direction::above ? "above" : "below"},
          {"enter", rule.enter},
          {"enter_for_s", seconds(rule.enter_for)},
          {"exit", rule.exit},
          {"exit_for_s", seconds(rule.exit_for)},
          {"demands", core::to_string(rule.demands)}};
}

json optional_level(const std::optional<core::Level>& level) {
  return level ? json(core::to_string(*level)) : json(nullptr);
}

std::string explanation_of(const core::RuntimeProfile& profile, const policy::ExecutionPolicy& policy,
                           core::Language language) {
  return profile::explain_profile(profile, language) + "\n" + policy::explain_policy(policy, language);
}

}  // namespace

RuntimeService::RuntimeService(ServiceSetup setup) : setup_(std::move(setup)) {
  auto first = setup_.detect(DetectionDepth::fast);
  auto source = setup_.sampler(first);
  monitor_ = std::make_unique<monitor::Monitor>(std::move(source), first.profile_class, setup_.monitor);
  {
    std::lock_guard lock(mutex_);
    profile_ = std::make_shared<const core::RuntimeProfile>(std::move(first));
    resolve_locked(monitor_->status().level);
    save_locked();
  }
  monitor_->subscribe([this](const monitor::Event& event) { on_transition(event); });
  monitor_->subscribe_samples([this](const monitor::Sample& sample, const monitor::MonitorStatus& status) {
    {
      std::lock_guard lock(mutex_);
      ++counters_.samples;
      changed();
    }
    auto data = monitor::sample_to_json(sample);
    data["level"] = core::to_string(status.level);
    data["active_rules"] = status.active_rules;
    hub_.publish("sample", data);
  });
}

RuntimeService::~RuntimeService() { stop(); }

void RuntimeService::start() {
  monitor_->start();
  completing_ = std::jthread([this](std::stop_token stop) {
    auto complete = setup_.detect(DetectionDepth::complete);
    if (stop.stop_requested()) return;
    adopt(std::move(complete), false);
  });
  notify_level();
}

void RuntimeService::stop() {
  if (completing_.joinable()) completing_.join();
  if (!monitor_) return;
  monitor_->stop();
  std::lock_guard lock(mutex_);
  save_locked();
}

void RuntimeService::adopt(core::RuntimeProfile profile, bool redetect_monitor) {
  const auto detected = profile.profile_class;
  std::optional<monitor::Event> event;
  // The GPUs to sample are those of the new profile; the fast detection already saw every GPU (no slow probe
  // finds one), so completing it keeps the sampler.
  if (redetect_monitor) event = monitor_->redetected(setup_.sampler(profile), detected);
  json data;
  {
    std::lock_guard lock(mutex_);
    profile_ = std::make_shared<const core::RuntimeProfile>(std::move(profile));
    complete_ = true;
    resolve_locked(monitor_->status().level);  // tells the change
    save_locked();
    data = {{"profile", core::profile_to_json(*profile_)},
            {"policy", policy::policy_to_json(policy_)},
            {"detection_complete", true}};
  }
  hub_.publish("profile", data);
  notify_level();
}

void RuntimeService::on_transition(const monitor::Event& event) {
  json policy_data;
  policy::ExecutionPolicy policy;
  std::vector<TransitionSubscriber> subscribers;
  {
    std::lock_guard lock(mutex_);
    ++counters_.transitions_by_rule[event.rule];
    changed();
    if (event.applied) resolve_locked(event.to);
    policy_data = policy::policy_to_json(policy_);
    policy = policy_;
    subscribers = subscribers_;
  }
  hub_.publish("transition", monitor::event_to_json(event));
  if (event.applied) {
    hub_.publish("policy", policy_data);
    notify_level();
  }
  for (const auto& subscriber : subscribers) subscriber(event, policy);
}

void RuntimeService::subscribe(TransitionSubscriber subscriber) {
  std::lock_guard lock(mutex_);
  subscribers_.push_back(std::move(subscriber));
}

void RuntimeService::resolve_locked(core::Level level) {
  policy_ = policy::resolve(*profile_, setup_.policy_config, level);
  changed();
}

void RuntimeService::save_locked() {
  if (!setup_.profile_path) return;
  // A failed save is not fatal to a running service: the profile is still served, and the next save may work.
  if (const auto error = profile::save_profile(*setup_.profile_path, *profile_)) {
    hub_.publish("warning", json{{"message", *error}});
    if (setup_.on_warning) setup_.on_warning(*error);
  }
  // Loaded models' measured sizes are kept beside the profile: the next start fits from them.
  const auto fits = setup_.profile_path->parent_path() / model_fit::kMeasuredFitsFileName;
  if (const auto error = model_fit::keep_measured_fits(fits, profile_->facts.runtimes)) {
    hub_.publish("warning", json{{"message", *error}});
    if (setup_.on_warning) setup_.on_warning(*error);
  }
}

void RuntimeService::notify_level() {
  if (!setup_.on_level) return;
  std::lock_guard told(notify_mutex_);
  std::shared_ptr<const core::RuntimeProfile> profile;
  policy::ExecutionPolicy policy;
  {
    std::lock_guard lock(mutex_);
    profile = profile_;
    policy = policy_;
  }
  setup_.on_level(*profile, policy);
}

std::shared_ptr<const core::RuntimeProfile> RuntimeService::current_profile() const {
  std::lock_guard lock(mutex_);
  return profile_;
}

policy::ExecutionPolicy RuntimeService::current_policy() const {
  std::lock_guard lock(mutex_);
  return policy_;
}

Counters RuntimeService::counters() const {
  std::lock_guard lock(mutex_);
  return counters_;
}

bool RuntimeService::complete() const {
  std::lock_guard lock(mutex_);
  return complete_;
}

json RuntimeService::profile() const { return core::profile_to_json(*current_profile()); }

json RuntimeService::policy(core::Language language) const {
  return policy::policy_to_json(current_policy(), language);
}

json RuntimeService::monitor_state() const {
  const auto status = monitor_->status();
  const auto& engine = setup_.monitor.engine;
  const auto& failures = engine.failures;
  return {{"running", status.running},
          {"level", core::to_string(status.level)},
          {"detected_class", core::to_string(status.detected)},
          {"manual_floor", optional_level(status.floor)},
          {"active_rules", status.active_rules},
          {"automatic", status.automatic},
          {"dry_run", status.dry_run},
          {"interval_s", seconds(setup_.monitor.interval)},
          {"cooldown_s", seconds(engine.arbiter.cooldown)},
          {"rules", json::array({rule_json(engine.vram, "percent"), rule_json(engine.memory, "GiB"),
                                 rule_json(engine.memory_pressure, "percent"),
                                 json{{"name", "task_failures"},
                                      {"failure_rate", failures.failure_rate},
                                      {"window_s", seconds(failures.window)},
                                      {"min_tasks", failures.min_tasks},
                                      {"wait_s", seconds(failures.first_wait)},
                                      {"max_wait_s", seconds(failures.max_wait)},
                                      {"trial_tasks", failures.trial_tasks},
                                      {"demands", core::to_string(failures.demands)}}})},
          {"last_sample", status.last_sample ? monitor::sample_to_json(*status.last_sample) : json(nullptr)}};
}

json RuntimeService::history(std::chrono::seconds span, std::optional<monitor::Clock::time_point>* changes_at) const {
  const auto window = monitor_->history(span);
  if (changes_at) *changes_at = window.empty() ? std::nullopt : std::optional(window.front().time + span);
  json samples = json::array();
  for (const auto& sample : window) samples.push_back(monitor::sample_to_json(sample));
  return {{"minutes", static_cast<double>(span.count()) / 60.0}, {"samples", samples}};
}

json RuntimeService::events() const {
  json list = json::array();
  for (const auto& event : monitor_->events()) list.push_back(monitor::event_to_json(event));
  return {{"events", list}};
}

json RuntimeService::admit(policy::TaskKind kind, const std::optional<std::string>& model) const {
  const auto level = monitor_->status().level;
  const auto [runs, task] = policy::admit(*current_profile(), setup_.policy_config, level, kind, model);
  auto document = policy::task_to_json(task);
  document["admitted"] = runs;
  document["level"] = core::to_string(level);
  return document;
}

RuntimeService::Snapshot RuntimeService::snapshot() const {
  std::lock_guard lock(mutex_);
  return {profile_, policy_, complete_};
}

std::string RuntimeService::explanation(core::Language language) const {
  const auto now = snapshot();
  return explanation_of(*now.profile, now.policy, language);
}

json RuntimeService::status(core::Language language) const {
  // One snapshot, so a reload between the parts cannot give a profile and a policy that were never together.
  const auto now = snapshot();
  return {{"profile", core::profile_to_json(*now.profile)},
          {"policy", policy::policy_to_json(now.policy, language)},
          {"monitor", monitor_state()},
          {"detection_complete", now.complete},
          {"explanation", explanation_of(*now.profile, now.policy, language)}};
}

json RuntimeService::reload_profile() {
  adopt(setup_.detect(DetectionDepth::complete), true);
  return {{"profile", profile()}, {"policy", policy()}};
}

json RuntimeService::reload_policy() {
  json data;
  {
    std::lock_guard lock(mutex_);
    resolve_locked(monitor_->status().level);
    data = policy::policy_to_json(policy_);
  }
  hub_.publish("policy", data);
  return data;
}

json RuntimeService::degrade(const std::string& reason) {
  const auto event = monitor_->degrade(reason);
  return {{"level", core::to_string(monitor_->status().level)},
          {"event", event ? monitor::event_to_json(*event) : json(nullptr)}};
}

json RuntimeService::restore(const std::string& reason) {
  const auto event = monitor_->restore(reason);
  return {{"level", core::to_string(monitor_->status().level)},
          {"event", event ? monitor::event_to_json(*event) : json(nullptr)}};
}

json RuntimeService::set_dry_run(bool dry_run) {
  monitor_->set_dry_run(dry_run);
  auto state = monitor_state();
  hub_.publish("monitor", state);
  return state;
}

void RuntimeService::record_task(const TaskReport& report) {
  const bool local = report.backend == policy::to_string(policy::Backend::ollama_gpu) ||
                     report.backend == policy::to_string(policy::Backend::ollama_cpu) ||
                     report.backend == policy::to_string(policy::Backend::local_openai);
  monitor_->record_task({monitor::Clock::now(), report.kind, report.backend, report.ok, report.duration, report.error},
                        local);
  {
    std::lock_guard lock(mutex_);
    ++counters_.tasks[{report.kind, report.backend, report.ok}];
    changed();
  }
  hub_.publish("task", json{{"kind", report.kind},
                            {"backend", report.backend},
                            {"ok", report.ok},
                            {"duration_ms", report.duration.count()},
                            {"error", report.error}});
}

}  // namespace autocut::service
