#include "monitor/engine.hpp"

#include <algorithm>

namespace autocut::monitor {
namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

// The fullest GPU: the one that decides whether work must leave the GPUs. A lost GPU counts as full.
std::optional<double> fullest_gpu(const Sample& sample) {
  std::optional<double> fullest;
  for (const auto& gpu : sample.gpus) {
    const auto used = gpu.lost ? std::optional<double>(100.0) : gpu.memory_used_percent;
    if (used) fullest = std::max(fullest.value_or(0.0), *used);
  }
  return fullest;
}

}  // namespace

Engine::Engine(core::Level detected, EngineSettings settings)
    : detected_(detected),
      settings_(std::move(settings)),
      arbiter_{std::max(detected, settings_.initial_floor.value_or(detected)), std::nullopt},
      floor_(settings_.initial_floor) {}

std::optional<Event> Engine::step(const Sample& sample) {
  const auto now = sample.time;
  const auto vram = fullest_gpu(sample);
  const auto available_gib = sample.memory_available_bytes
                                 ? std::optional<double>(static_cast<double>(*sample.memory_available_bytes) / kGiB)
                                 : std::nullopt;
  vram_ = observe(vram_, settings_.vram, vram, now);
  memory_ = observe(memory_, settings_.memory, available_gib, now);
  pressure_ = observe(pressure_, settings_.memory_pressure, sample.memory_pressure_full_avg10, now);
  breaker_ =
      on_tick(on_failure_rate(breaker_, settings_.failures, sample.task_failure_rate, now), settings_.failures, now);
  // A lost GPU moves work off it at once, without waiting out the rule's enter duration.
  if (std::any_of(sample.gpus.begin(), sample.gpus.end(), [](const auto& gpu) { return gpu.lost; }))
    vram_.active = true;

  std::map<std::string, double> values;
  if (vram) values["vram_used_percent"] = *vram;
  if (available_gib) values["memory_available_gib"] = *available_gib;
  if (sample.memory_pressure_full_avg10) values["memory_pressure_full_avg10"] = *sample.memory_pressure_full_avg10;
  if (sample.task_failure_rate) values["task_failure_rate"] = *sample.task_failure_rate;
  if (sample.cpu_percent) values["cpu_percent"] = *sample.cpu_percent;
  if (!settings_.automatic) return std::nullopt;
  return decide(now, sample.wall_time, {}, values);
}

void Engine::task_finished(bool ok, bool local_backend, Clock::time_point now) {
  if (local_backend) breaker_ = on_trial(breaker_, settings_.failures, ok, now);
}

std::vector<std::string> Engine::active_rules() const {
  std::vector<std::string> rules;
  if (vram_.active) rules.push_back(settings_.vram.name);
  if (memory_.active) rules.push_back(settings_.memory.name);
  if (pressure_.active) rules.push_back(settings_.memory_pressure.name);
  if (breaker_.demanding()) rules.emplace_back("task_failures");
  return rules;
}

std::optional<Event> Engine::decide(Clock::time_point now, std::chrono::system_clock::time_point wall,
                                    const std::string& reason, const std::map<std::string, double>& values) {
  std::vector<Demand> demands;
  if (settings_.automatic) {
    if (vram_.active) demands.push_back({settings_.vram.name, settings_.vram.demands});
    if (memory_.active) demands.push_back({settings_.memory.name, settings_.memory.demands});
    if (pressure_.active) demands.push_back({settings_.memory_pressure.name, settings_.memory_pressure.demands});
    if (breaker_.demanding()) demands.push_back({"task_failures", settings_.failures.demands});
  }
  // Dry-run decides on a copy: the real state never moves.
  Arbiter scratch = arbiter_;
  auto& arbiter = settings_.dry_run ? scratch : arbiter_;
  const auto transition = arbitrate(arbiter, detected_, floor_, demands, now, settings_.arbiter);
  if (!transition) return std::nullopt;
  return Event{wall, transition->from, transition->to, transition->rule, reason, values, !settings_.dry_run};
}

std::optional<Event> Engine::degrade(const std::string& reason, Clock::time_point now,
                                     std::chrono::system_clock::time_point wall) {
  const auto from = floor_.value_or(std::max(detected_, arbiter_.current));
  floor_ = from == core::Level::hybrid ? from : static_cast<core::Level>(static_cast<int>(from) + 1);
  return decide(now, wall, reason, {});
}

std::optional<Event> Engine::restore(const std::string& reason, Clock::time_point now,
                                     std::chrono::system_clock::time_point wall) {
  floor_.reset();
  // Restoring hands control back to the rules; recovery then climbs as usual, one level after each cool-down.
  return decide(now, wall, reason, {});
}

std::optional<Event> Engine::redetected(core::Level detected, Clock::time_point now,
                                        std::chrono::system_clock::time_point wall) {
  detected_ = detected;
  return decide(now, wall, "the machine was detected again", {});
}

}  // namespace autocut::monitor
