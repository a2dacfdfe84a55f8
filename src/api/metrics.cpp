#include "api/metrics.hpp"

#include <cstdio>
#include <sstream>

#include "policy/policy_text.hpp"

namespace autocut::api {
namespace {

constexpr core::Level kLevels[] = {core::Level::local_gpu_high, core::Level::local_gpu_mid, core::Level::local_gpu_low,
                                   core::Level::local_cpu_only, core::Level::hybrid};

// A label value escaped as the exposition format wants (backslash, quote, newline).
std::string escaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\' || c == '"')
      out += '\\', out += c;
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", value);
  return text;
}

class Exposition {
 public:
  // Each family once: its HELP and TYPE lines, then its samples.
  Exposition& family(const char* name, const char* type, const char* help) {
    out_ << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
    name_ = name;
    return *this;
  }
  Exposition& sample(double value, const std::string& labels = {}) {
    out_ << name_ << (labels.empty() ? "" : "{" + labels + "}") << ' ' << number(value) << '\n';
    return *this;
  }
  std::string text() const { return out_.str(); }

 private:
  std::ostringstream out_;
  std::string name_;
};

std::string label(const char* name, const std::string& value) {
  return std::string(name) + "=\"" + escaped(value) + "\"";
}

}  // namespace

std::string render_metrics(const service::RuntimeService& service) {
  const auto profile = service.current_profile();
  const auto status = service.monitor_status();
  const auto counters = service.counters();
  const auto& engine = service.monitor_settings().engine;
  Exposition metrics;

  metrics.family("autocut_policy_level", "gauge", "1 for the effective level the policy runs at, 0 for the others.");
  for (const auto level : kLevels)
    metrics.sample(level == status.level ? 1 : 0, label("level", std::string(core::to_string(level))));
  metrics.family("autocut_profile_class", "gauge", "1 for the class the detected hardware supports, 0 for the others.");
  for (const auto level : kLevels)
    metrics.sample(level == status.detected ? 1 : 0, label("level", std::string(core::to_string(level))));
  metrics.family("autocut_policy_manual_floor", "gauge", "1 while a manual degrade holds the level down.")
      .sample(status.floor ? 1 : 0);
  metrics.family("autocut_monitor_rule_active", "gauge", "1 while an adaptation rule demands a lower level.");
  for (const auto* rule : {&engine.vram, &engine.memory, &engine.memory_pressure})
    metrics.sample(std::count(status.active_rules.begin(), status.active_rules.end(), rule->name) ? 1 : 0,
                   label("rule", rule->name));
  metrics.sample(std::count(status.active_rules.begin(), status.active_rules.end(), "task_failures") ? 1 : 0,
                 label("rule", "task_failures"));
  metrics.family("autocut_monitor_transitions_total", "counter", "Level transitions, by the rule that caused them.");
  for (const auto& [rule, count] : counters.transitions_by_rule)
    metrics.sample(static_cast<double>(count), label("rule", rule));
  metrics.family("autocut_monitor_samples_total", "counter", "Samples the monitor has taken.")
      .sample(static_cast<double>(counters.samples));

  if (status.last_sample) {
    const auto& sample = *status.last_sample;
    if (sample.cpu_percent)
      metrics.family("autocut_monitor_cpu_usage_ratio", "gauge", "Busy share of all CPUs over the last interval.")
          .sample(*sample.cpu_percent / 100.0);
    if (sample.memory_available_bytes)
      metrics
          .family("autocut_monitor_memory_available_bytes", "gauge",
                  "Memory available to this service's control group or host, whichever is less.")
          .sample(static_cast<double>(*sample.memory_available_bytes));
    if (sample.memory_pressure_full_avg10)
      metrics
          .family("autocut_monitor_memory_pressure_full_ratio", "gauge",
                  "Share of the last 10 s in which all tasks stalled on memory (PSI full avg10).")
          .sample(*sample.memory_pressure_full_avg10 / 100.0);
    if (sample.cpu_pressure_some_avg10)
      metrics
          .family("autocut_monitor_cpu_pressure_some_ratio", "gauge",
                  "Share of the last 10 s in which some runnable task waited for a CPU (PSI some avg10).")
          .sample(*sample.cpu_pressure_some_avg10 / 100.0);
    if (sample.io_pressure_some_avg10)
      metrics
          .family("autocut_monitor_io_pressure_some_ratio", "gauge",
                  "Share of the last 10 s in which some task waited for I/O (PSI some avg10).")
          .sample(*sample.io_pressure_some_avg10 / 100.0);
    if (sample.task_failure_rate)
      metrics.family("autocut_monitor_task_failure_ratio", "gauge", "Vision task failure rate over the window.")
          .sample(*sample.task_failure_rate);
    if (!sample.gpus.empty()) {
      metrics.family("autocut_gpu_memory_used_ratio", "gauge", "Share of the GPU's memory in use.");
      for (const auto& gpu : sample.gpus)
        if (gpu.memory_used_percent)
          metrics.sample(*gpu.memory_used_percent / 100.0, label("pci_address", gpu.pci_address));
      metrics.family("autocut_gpu_utilization_ratio", "gauge", "Share of time the GPU was busy.");
      for (const auto& gpu : sample.gpus)
        if (gpu.utilization_percent)
          metrics.sample(*gpu.utilization_percent / 100.0, label("pci_address", gpu.pci_address));
      metrics.family("autocut_gpu_lost", "gauge", "1 when the GPU stopped answering (fell off the bus, vanished).");
      for (const auto& gpu : sample.gpus) metrics.sample(gpu.lost ? 1 : 0, label("pci_address", gpu.pci_address));
    }
  }
  if (!profile->facts.gpus.empty()) {
    metrics.family("autocut_gpu_memory_total_bytes", "gauge", "GPU memory as detected.");
    for (const auto& gpu : profile->facts.gpus)
      if (gpu.memory_total_bytes)
        metrics.sample(static_cast<double>(*gpu.memory_total_bytes),
                       label("pci_address", gpu.pci_address) + "," + label("name", gpu.name.value_or("")));
  }

  metrics.family("autocut_tasks_total", "counter", "Task outcomes reported, by kind, backend and outcome.");
  for (const auto& [key, count] : counters.tasks) {
    const auto& [kind, backend, ok] = key;
    metrics.sample(static_cast<double>(count), label("kind", kind) + "," + label("backend", backend) + "," +
                                                   label("outcome", ok ? "ok" : "failed"));
  }

  metrics.family("autocut_probe_success", "gauge",
                 "1 when the probe found what it looks for, 0 when absent, failed or pending.");
  for (const auto& probe : profile->facts.probes)
    metrics.sample(probe.state == core::ProbeState::ok ? 1 : 0, label("probe", probe.name));
  metrics.family("autocut_probe_duration_seconds", "gauge", "How long the probe took at the last detection.");
  for (const auto& probe : profile->facts.probes)
    metrics.sample(std::chrono::duration<double>(probe.duration).count(), label("probe", probe.name));
  metrics
      .family("autocut_profile_detection_complete", "gauge",
              "1 once the background probes (AI runtimes, ffmpeg) have finished.")
      .sample(service.complete() ? 1 : 0);
  return metrics.text();
}

}  // namespace autocut::api
