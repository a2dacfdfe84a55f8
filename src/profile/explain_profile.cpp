#include "profile/explain_profile.hpp"

#include <cstdio>

#include "core/printable.hpp"

namespace autocut::profile {
namespace {

// Every sentence in both languages, side by side, so a missing translation shows up as a compile error.
struct Phrases {
  const char* heading;
  const char* no_gpu;
  const char* cpu;
  const char* cores;       // "%d cores"
  const char* one_core;
  const char* separator;   // between cores and threads
  const char* threads;     // "%d threads"
  const char* hybrid;      // " (%dP + %dE)"
  const char* tier;        // " (%s performance)"
  const char* usable;      // "; %s CPUs usable"
  const char* isa;
  const char* memory;
  const char* size;        // "%s GiB"
  const char* available;   // "(%s available)"
  const char* limited;     // ", limited by the container (host %s)"
  const char* memory_cap;  // "memory ≤ %s"
  const char* memory_name;
  const char* container;
  const char* no_limits;
  const char* pressure;
  const char* system;
  const char* kernel;
  const char* wsl;
  const char* probe_failed;
  const char* level;
  const char* why;
  const char* why_cpu_only;
  const char* unknown;
};

constexpr Phrases kEnglish{
    "🧠 Runtime mode",
    "- GPU: none detected",
    "- CPU: ",
    "%d cores",
    "1 core",
    ", ",
    "%d threads",
    " (%dP + %dE)",
    " (%s performance)",
    "; %s CPUs usable here",
    "; inference instructions: ",
    "- Memory: ",
    "%s GiB",
    " (%s GiB available)",
    ", limited by the container (host %s GiB)",
    "memory ≤ %s GiB",
    "memory",
    "- Container: ",
    "no memory or CPU limit",
    "- Pressure (avg10): ",
    "- System: ",
    "kernel ",
    ", under WSL",
    " probe failed: ",
    "📊 Profile class: ",
    "   Why: ",
    "no GPU was detected, so local AI work runs on the CPU; heavy vision work is better sent to the cloud.",
    "unknown",
};

constexpr Phrases kChinese{
    "🧠 系统运行模式",
    "- 未检测到独立显卡",
    "- CPU: ",
    "%d 核",
    "1 核",
    " ",
    "%d 线程",
    " (%dP + %dE)",
    " (%s 性能)",
    "; 本环境可用 %s 个 CPU",
    "; 推理指令集: ",
    "- 内存: ",
    "%sGiB",
    " (可用 %sGiB)",
    ", 受容器限制 (主机 %sGiB)",
    "内存 ≤ %sGiB",
    "内存",
    "- 容器: ",
    "无内存与 CPU 限制",
    "- 压力 (avg10): ",
    "- 系统: ",
    "内核 ",
    ", 运行于 WSL",
    " 检测失败: ",
    "📊 运行级别: ",
    "   原因: ",
    "未检测到 GPU，本地 AI 任务在 CPU 上运行；较重的视觉任务建议交给云端。",
    "未知",
};

template <class... Args>
std::string format(const char* pattern, Args... args) {
  const int size = std::snprintf(nullptr, 0, pattern, args...);
  std::string text(static_cast<std::size_t>(size > 0 ? size : 0), '\0');
  std::snprintf(text.data(), text.size() + 1, pattern, args...);
  return text;
}

std::string one_decimal(double value) { return format("%.1f", value); }

std::string gigabytes(std::uint64_t bytes) {
  return one_decimal(static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0));
}

std::string cpu_line(const core::RuntimeProfile& profile, const Phrases& say) {
  const auto& cpu = *profile.facts.cpu;
  std::string line = say.cpu + cpu.model.value_or(say.unknown) + " — ";
  if (cpu.cores) {
    line += *cpu.cores == 1 ? std::string(say.one_core) : format(say.cores, *cpu.cores);
    if (cpu.performance_cores && cpu.efficiency_cores)
      line += format(say.hybrid, *cpu.performance_cores, *cpu.efficiency_cores);
    line += say.separator;
  }
  line += format(say.threads, cpu.threads);
  if (profile.cpu_tier) line += format(say.tier, std::string(core::to_string(*profile.cpu_tier)).c_str());
  if (profile.effective.cpus_limited_by_container && profile.effective.cpus)
    line += format(say.usable, format("%g", *profile.effective.cpus).c_str());
  if (!cpu.isa.empty()) {
    line += say.isa;
    for (std::size_t i = 0; i < cpu.isa.size(); ++i) line += (i ? ", " : "") + cpu.isa[i];
  }
  return line;
}

std::string memory_line(const core::RuntimeProfile& profile, const Phrases& say) {
  const auto& effective = profile.effective;
  std::string line = say.memory + format(say.size, gigabytes(effective.memory_total_bytes.value_or(0)).c_str());
  if (effective.memory_available_bytes) line += format(say.available, gigabytes(*effective.memory_available_bytes).c_str());
  if (effective.memory_limited_by_container)
    line += format(say.limited, gigabytes(profile.facts.memory->total_bytes).c_str());
  return line;
}

std::string container_line(const core::RuntimeProfile& profile, const Phrases& say) {
  const auto& facts = profile.facts;
  std::string line = say.container + facts.os->container.value_or("cgroup");
  if (!facts.cgroup) return line;
  line += "; cgroup v" + std::to_string(facts.cgroup->version);
  if (!facts.cgroup->memory_limit_bytes && !facts.cgroup->cpu_quota) return line + ", " + say.no_limits;
  if (facts.cgroup->memory_limit_bytes)
    line += ", " + format(say.memory_cap, gigabytes(*facts.cgroup->memory_limit_bytes).c_str());
  if (facts.cgroup->cpu_quota)
    line += ", CPU ≤ " + format("%g", static_cast<double>(facts.cgroup->cpu_quota->quota_us) /
                                          static_cast<double>(facts.cgroup->cpu_quota->period_us));
  return line;
}

std::string pressure_line(const core::PressureFacts& pressure, const Phrases& say) {
  std::string line = say.pressure;
  const auto add = [&](const char* name, const std::optional<core::PsiResource>& resource) {
    if (!resource) return;
    if (line.back() != ' ') line += ", ";
    line += std::string(name) + " " + one_decimal(resource->some.avg10) + "%";
  };
  add("cpu", pressure.cpu);
  add(say.memory_name, pressure.memory);
  add("io", pressure.io);
  return line;
}

}  // namespace

std::string explain_profile(const core::RuntimeProfile& profile, core::Language language) {
  const Phrases& say = language == core::Language::zh ? kChinese : kEnglish;
  const auto& facts = profile.facts;
  std::string text = std::string(say.heading) + "\n";
  const auto line = [&](const std::string& content) { text += content + "\n"; };

  line(say.no_gpu);
  if (facts.cpu) line(cpu_line(profile, say));
  if (facts.memory) line(memory_line(profile, say));
  const bool contained = facts.os && facts.os->container;
  const bool limited = facts.cgroup && (facts.cgroup->memory_limit_bytes || facts.cgroup->cpu_quota);
  if (facts.os && (contained || limited)) line(container_line(profile, say));
  if (facts.pressure) line(pressure_line(*facts.pressure, say));
  if (facts.os) {
    std::string system = say.system + facts.os->distribution.value_or(say.unknown) + ", " + say.kernel +
                         facts.os->kernel.value_or(say.unknown);
    if (facts.os->wsl) system += say.wsl;
    line(system);
  }
  for (const auto& probe : facts.probes)
    if (probe.state == core::ProbeState::failed) line("- ⚠ " + probe.name + say.probe_failed + probe.detail);

  text += "\n";
  line(std::string(say.level) + std::string(core::to_string(profile.profile_class)));
  line(std::string(say.why) + say.why_cpu_only);
  return core::printable(text);
}

}  // namespace autocut::profile
