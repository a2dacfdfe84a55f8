#include "profile/explain_gpu.hpp"

#include <algorithm>
#include <cmath>

namespace autocut::profile {
namespace {

using namespace wording;

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

// A card's size as it is sold: 8188 MiB reads "8", 12288 MiB "12".
std::string nominal_gib(std::uint64_t bytes) {
  return format("%g", std::round(static_cast<double>(bytes) / kGiB * 2.0) / 2.0);
}

const char* threshold_gib(core::Level level) {
  switch (level) {
    case core::Level::local_gpu_high:
      return "15";
    case core::Level::local_gpu_mid:
      return "7.5";
    case core::Level::local_gpu_low:
      return "3.5";
    default:
      return "-";
  }
}

std::string display_name(const core::GpuFacts& gpu) {
  if (gpu.name) return *gpu.name;
  // Not in the PCI ID database: the numbers at least let a person look it up.
  std::string name = gpu.pci_address;
  if (gpu.vendor_id && gpu.device_id) name += format(" [%04x:%04x]", *gpu.vendor_id, *gpu.device_id);
  return name;
}

std::string gpu_line(const core::GpuFacts& gpu, const core::GpuCapacity& capacity, const Phrases& say) {
  std::string line = say.gpu + display_name(gpu);
  std::string details;
  const auto add = [&](const std::string& detail) { details += (details.empty() ? "" : ", ") + detail; };
  if (gpu.display_only)
    add(say.gpu_display_only);
  else if (gpu.integrated)
    add(say.gpu_integrated);
  else if (!gpu.memory_total_bytes)
    add(say.gpu_unknown);
  if (!gpu.kernel_driver) add(say.gpu_no_driver);
  if (capacity.usable_bytes) add(format(say.gpu_usable, gigabytes(*capacity.usable_bytes).c_str()));
  if (const auto bandwidth = gpu.memory_bandwidth()) {
    const auto gbps = format("%.0f", *bandwidth / 1e9);
    add(gpu.memory_type ? format(say.gpu_typed_bandwidth, gpu.memory_type->c_str(), gbps.c_str())
                        : format(say.gpu_bandwidth, gbps.c_str()));
  }
  // An editor encoding now takes memory and encoder time the models and the next render then do not have.
  if (gpu.encoder_sessions.value_or(0) > 0)
    add(format(say.gpu_encoding, *gpu.encoder_sessions, gpu.encoder_capacity_percent.value_or(0)));
  if (!gpu.integrated && gpu.memory_total_bytes) line += ", " + nominal_gib(*gpu.memory_total_bytes) + " GiB";
  if (!details.empty()) line += " (" + details + ")";
  if (gpu.driver_version) line += format(say.gpu_driver, gpu.driver_version->c_str());
  return line;
}

}  // namespace

std::vector<std::string> gpu_lines(const core::RuntimeProfile& profile, const Phrases& say) {
  const auto& gpus = profile.facts.gpus;
  if (gpus.empty()) return {say.no_gpu};
  std::vector<std::string> lines;
  if (std::all_of(gpus.begin(), gpus.end(), [](const auto& gpu) { return gpu.integrated; }))
    lines.emplace_back(say.no_discrete_gpu);
  for (std::size_t i = 0; i < gpus.size(); ++i) {
    auto line = gpu_line(gpus[i], profile.gpu_capacity.at(i), say);
    const bool gpu_class = profile.class_reason == core::ClassReason::gpu_memory;
    if (gpus.size() > 1 && gpu_class && profile.best_gpu == i) line += say.gpu_best;
    lines.push_back(std::move(line));
    if (gpus[i].mig_enabled && !gpus[i].mig_instances.empty()) {
      std::string instances = say.gpu_mig;
      for (const auto& instance : gpus[i].mig_instances)
        instances += (&instance == &gpus[i].mig_instances.front() ? "" : ", ") +
                     format(say.gpu_mig_instance, instance.profile.value_or("?").c_str(),
                            gigabytes(instance.memory_free_bytes.value_or(0)).c_str());
      lines.push_back(std::move(instances));
    }
  }
  return lines;
}

std::string class_reason(const core::RuntimeProfile& profile, const Phrases& say) {
  switch (profile.class_reason) {
    case core::ClassReason::no_gpu:
      return say.why_cpu_only;
    case core::ClassReason::gpu_too_small:
      return say.why_gpu_too_small;
    case core::ClassReason::gpu_memory_unknown:
      return say.why_gpu_unknown;
    case core::ClassReason::gpu_memory:
      break;
  }
  const auto& gpu = profile.facts.gpus.at(*profile.best_gpu);
  const auto& capacity = profile.gpu_capacity.at(*profile.best_gpu);
  const auto size = gpu.integrated ? gigabytes(capacity.class_memory_bytes.value_or(0))
                                   : nominal_gib(capacity.class_memory_bytes.value_or(0));
  return format(say.why_gpu_memory, display_name(gpu).c_str(), size.c_str(), threshold_gib(profile.profile_class),
                std::string(core::to_string(profile.profile_class)).c_str());
}

}  // namespace autocut::profile
