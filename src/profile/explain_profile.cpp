#include "profile/explain_profile.hpp"

#include <cstdio>

#include "core/printable.hpp"
#include "profile/explain_gpu.hpp"
#include "profile/explain_runtimes.hpp"
#include "profile/wording.hpp"

namespace autocut::profile {
namespace {

using namespace wording;

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
  if (effective.memory_available_bytes)
    line += format(say.available, gigabytes(*effective.memory_available_bytes).c_str());
  if (effective.memory_limited_by_container)
    line += format(say.limited, gigabytes(profile.facts.memory->total_bytes).c_str());
  return line;
}

std::string container_line(const core::RuntimeProfile& profile, const Phrases& say) {
  const auto& facts = profile.facts;
  const bool job = facts.cgroup && facts.cgroup->job_object;
  std::string line = say.container + facts.os->container.value_or(job ? say.job_object : "cgroup");
  if (!facts.cgroup) return line;
  if (!job) line += "; cgroup v" + std::to_string(facts.cgroup->version);
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

// The probes still running, by what they look for: their answer is not "absent" yet.
std::optional<std::string> still_checking_line(const core::HostFacts& facts, const Phrases& say) {
  std::string names;
  for (const auto& probe : facts.probes) {
    if (probe.state != core::ProbeState::pending) continue;
    if (!names.empty()) names += ", ";
    names += probe.name == "ai-runtimes" ? say.local_ai_servers : probe.name;
  }
  if (names.empty()) return std::nullopt;
  return say.still_checking + names;
}

}  // namespace

std::string explain_profile(const core::RuntimeProfile& profile, core::Language language) {
  const Phrases& say = phrases(language);
  const auto& facts = profile.facts;
  std::string text = std::string(say.heading) + "\n";
  const auto line = [&](const std::string& content) { text += content + "\n"; };

  for (const auto& gpu : gpu_lines(profile, say)) line(gpu);
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
  for (const auto& runtime : runtime_lines(facts, say)) line(runtime);
  if (const auto checking = still_checking_line(facts, say)) line(*checking);
  for (const auto& probe : facts.probes)
    if (probe.state == core::ProbeState::failed) line("- ⚠ " + probe.name + say.probe_failed + probe.detail);

  text += "\n";
  line(std::string(say.level) + std::string(core::to_string(profile.profile_class)));
  line(std::string(say.why) + class_reason(profile, say));
  if (const auto advice = suggestions(facts, say); !advice.empty()) {
    text += "\n";
    line(say.suggestions);
    for (std::size_t i = 0; i < advice.size(); ++i) line("   " + std::to_string(i + 1) + ". " + advice[i]);
  }
  return core::printable(text);
}

}  // namespace autocut::profile
