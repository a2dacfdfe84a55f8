#include "detect/gpu/gpu_sampler.hpp"

#include <algorithm>

#include "detect/gpu/amdgpu_reading.hpp"
#include "detect/gpu/gpu_sysfs.hpp"
#include "sys/parse/meminfo.hpp"

namespace autocut::detect {

GpuSampler::GpuSampler(const sys::HostRoot& root, const std::vector<core::GpuFacts>& gpus, const DetectOptions& options,
                       bool wsl)
    : root_(root) {
  const auto from_nvml = [](const core::GpuFacts& gpu) {
    return std::find(gpu.sources.begin(), gpu.sources.end(), "nvml") != gpu.sources.end();
  };
  std::string nvml_error;
  if (std::any_of(gpus.begin(), gpus.end(), from_nvml))
    nvml_ = nvml::Library::open(nvml::library_candidates(options.nvml_library, wsl), nvml_error);

  for (const auto& gpu : gpus) {
    Tracked tracked{gpu.pci_address, Kind::sysfs_only, gpu.integrated, nullptr, {}};
    if (from_nvml(gpu)) {
      tracked.kind = Kind::nvml;
      // Handles are looked up by PCI address once, never by index: indices move when a GPU disappears.
      if (!nvml_)
        tracked.setup_error = "NVML unavailable: " + nvml_error;
      else if (const auto code = nvml_->device_by_pci_bus_id(gpu.pci_address, tracked.device); code != nvml::kSuccess)
        tracked.setup_error = nvml::describe_error(code);
    } else if (gpu.kernel_driver == "amdgpu") {
      tracked.kind = Kind::amdgpu;
    }
    gpus_.push_back(std::move(tracked));
  }
}

GpuSampler::~GpuSampler() = default;

std::vector<GpuSample> GpuSampler::sample() {
  std::vector<GpuSample> samples;
  samples.reserve(gpus_.size());
  for (auto& gpu : gpus_)
    samples.push_back(gpu.kind != Kind::nvml ? sample_sysfs(gpu) : gpu.lost ? sample_lost_nvml(gpu) : sample_nvml(gpu));
  return samples;
}

void GpuSampler::system_memory(GpuSample& sample) const {
  const auto file = root_.read(sys::HostRoot::proc("meminfo"));
  if (!file.ok()) return;
  const auto info = sys::parse::parse_meminfo(*file.text);
  if (!info.total_bytes || !info.available_bytes || *info.available_bytes > *info.total_bytes) return;
  sample.memory_total_bytes = info.total_bytes;
  sample.memory_used_bytes = *info.total_bytes - *info.available_bytes;
}

GpuSample GpuSampler::sample_lost_nvml(Tracked& gpu) const {
  constexpr int kMaxBackoff = 64;
  if (gpu.samples_until_reprobe > 0) {
    --gpu.samples_until_reprobe;
    GpuSample sample;
    sample.pci_address = gpu.pci_address;
    sample.lost = true;
    sample.error = nvml::describe_error(nvml::kGpuIsLost);
    return sample;
  }
  nvml::Device device = nullptr;
  if (const auto code = nvml_->device_by_pci_bus_id(gpu.pci_address, device); code == nvml::kSuccess)
    gpu.device = device;
  auto sample = sample_nvml(gpu);
  if (sample.lost) {
    gpu.reprobe_backoff = std::min(gpu.reprobe_backoff * 2, kMaxBackoff);
    gpu.samples_until_reprobe = gpu.reprobe_backoff;
  }
  return sample;
}

GpuSample GpuSampler::sample_nvml(Tracked& gpu) const {
  GpuSample sample;
  sample.pci_address = gpu.pci_address;
  if (!gpu.setup_error.empty()) {
    sample.error = gpu.setup_error;
    return sample;
  }
  const auto memory = nvml_->memory(gpu.device);
  if (memory.code == nvml::kSuccess && memory.total_bytes.value_or(0) > 0) {
    sample.memory_total_bytes = memory.total_bytes;
    sample.memory_used_bytes = memory.used_bytes;
  } else if (memory.code == nvml::kSuccess || memory.code == nvml::kNotSupported) {
    system_memory(sample);  // unified memory: the GPU uses what the system has
  } else {
    sample.error = nvml::describe_error(memory.code);
    sample.lost = memory.code == nvml::kGpuIsLost;
    if (sample.lost && !gpu.lost) gpu.lost = true, gpu.samples_until_reprobe = gpu.reprobe_backoff = 1;
    return sample;
  }
  gpu.lost = false;
  gpu.reprobe_backoff = 1;
  nvml::Utilization rates{};
  if (nvml_->utilization(gpu.device, rates) == nvml::kSuccess) sample.utilization_percent = rates.gpu;
  unsigned celsius = 0;
  if (nvml_->temperature(gpu.device, celsius) == nvml::kSuccess) sample.temperature_celsius = celsius;
  unsigned milliwatts = 0;
  if (nvml_->power_usage(gpu.device, milliwatts) == nvml::kSuccess) sample.power_watts = milliwatts / 1000.0;
  return sample;
}

GpuSample GpuSampler::sample_sysfs(const Tracked& gpu) const {
  GpuSample sample;
  sample.pci_address = gpu.pci_address;
  const GpuSysfs device(root_, gpu.pci_address);
  if (!device.exists("class")) {
    sample.lost = true;
    sample.error = "the device is gone from " + sys::HostRoot::sys("bus/pci/devices");
    return sample;
  }
  if (gpu.kind == Kind::amdgpu) {
    const auto reading = read_amdgpu(device);
    sample.memory_total_bytes = reading.vram_total_bytes;
    sample.memory_used_bytes = reading.vram_used_bytes;
    // An APU's carve-out is a small part of what it uses: its GTT counts as its memory too, as at detection.
    if (gpu.integrated && reading.gtt_total_bytes && reading.gtt_used_bytes && sample.memory_total_bytes &&
        sample.memory_used_bytes) {
      *sample.memory_total_bytes += *reading.gtt_total_bytes;
      *sample.memory_used_bytes += *reading.gtt_used_bytes;
    }
    sample.utilization_percent = reading.busy_percent;
    sample.temperature_celsius = reading.temperature_celsius;
    sample.power_watts = reading.power_watts;
    if (!sample.memory_used_bytes) sample.error = "mem_info_vram_used unreadable";
    return sample;
  }
  if (gpu.integrated) system_memory(sample);
  sample.temperature_celsius = device.hwmon_scaled("temp1_input", 1000.0);
  if (!sample.temperature_celsius) sample.temperature_celsius = device.hwmon_scaled("temp2_input", 1000.0);
  return sample;
}

}  // namespace autocut::detect
