#include "monitor/sample_text.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "core/time_text.hpp"
#include "core/units.hpp"

namespace autocut::monitor {
namespace {

using json = nlohmann::ordered_json;

std::string percent(const std::optional<double>& value) {
  if (!value) return "-";
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", *value);
  return text;
}

template <class T>
json optional_json(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

}  // namespace

std::string sample_line(const Sample& sample, core::Level level, const std::vector<std::string>& active_rules,
                        core::Language language) {
  const bool zh = language == core::Language::zh;
  std::optional<double> vram;
  for (const auto& gpu : sample.gpus)
    if (gpu.memory_used_percent) vram = std::max(vram.value_or(0.0), *gpu.memory_used_percent);
  const auto memory =
      sample.memory_available_bytes ? core::gib_text(*sample.memory_available_bytes) + (zh ? "GiB" : " GiB") : "-";
  const auto failures = sample.task_failure_rate ? percent(*sample.task_failure_rate * 100.0) : "-";
  std::string rules;
  for (const auto& rule : active_rules) rules += (rules.empty() ? "" : ",") + rule;
  if (rules.empty()) rules = zh ? "无" : "none";
  std::string line = core::format_time(sample.wall_time, "%H:%M:%S", false) + "  ";
  if (zh)
    line += "GPU 显存使用率 " + percent(vram) + " | 可用内存 " + memory + " | CPU 使用率 " +
            percent(sample.cpu_percent) + " | 任务失败率 " + failures + " | 运行级别 " +
            std::string(core::to_string(level)) + " | 触发规则 " + rules;
  else
    line += "GPU VRAM " + percent(vram) + " | memory available " + memory + " | CPU " + percent(sample.cpu_percent) +
            " | task failures " + failures + " | level " + std::string(core::to_string(level)) + " | rules " + rules;
  return line;
}

json sample_to_json(const Sample& sample) {
  json gpus = json::array();
  for (const auto& gpu : sample.gpus)
    gpus.push_back({{"pci_address", gpu.pci_address},
                    {"memory_used_percent", optional_json(gpu.memory_used_percent)},
                    {"utilization_percent", optional_json(gpu.utilization_percent)},
                    {"lost", gpu.lost}});
  return {{"time", std::chrono::duration_cast<std::chrono::milliseconds>(sample.wall_time.time_since_epoch()).count()},
          {"cpu_percent", optional_json(sample.cpu_percent)},
          {"memory_available_bytes", optional_json(sample.memory_available_bytes)},
          {"memory_pressure_full_avg10", optional_json(sample.memory_pressure_full_avg10)},
          {"cpu_pressure_some_avg10", optional_json(sample.cpu_pressure_some_avg10)},
          {"io_pressure_some_avg10", optional_json(sample.io_pressure_some_avg10)},
          {"task_failure_rate", optional_json(sample.task_failure_rate)},
          {"gpus", gpus}};
}

json event_to_json(const Event& event) {
  json values = json::object();
  for (const auto& [name, value] : event.values) values[name] = value;
  return {{"time", core::format_time(event.time, "%Y-%m-%dT%H:%M:%SZ", true)},
          {"from", core::to_string(event.from)},
          {"to", core::to_string(event.to)},
          {"rule", event.rule},
          {"reason", event.reason},
          {"values", values},
          {"applied", event.applied}};
}

}  // namespace autocut::monitor
