#include "detect/gpu/nvml_library.hpp"

#include <array>
#include <cstdio>
#include <cstring>
#include <utility>

#include "sys/dynamic_library.hpp"

namespace autocut::detect::nvml {
namespace {

struct ErrorMeaning {
  Return code;
  const char* meaning;
};

// nvml.h's nvmlReturn_t, in words, with the remedy where there is one.
constexpr std::array<ErrorMeaning, 31> kErrors{{
    {0, "success"},
    {1, "NVML was not initialised"},
    {2, "invalid argument"},
    {3, "not supported by this GPU"},
    {4, "no permission"},
    {5, "already initialised"},
    {6, "not found"},
    {7, "buffer too small"},
    {8, "insufficient power: check the card's power cables"},
    {9, "the NVIDIA driver is not loaded"},
    {10, "timed out"},
    {11, "interrupt problem with the GPU"},
    {12, "NVML library not found"},
    {13, "function not found: the driver is older than this call"},
    {14, "the GPU's infoROM is corrupted"},
    {15, "the GPU has fallen off the bus (GPU is lost)"},
    {16, "the GPU needs a reset"},
    {17, "blocked by the operating system (in a container, is the device passed through?)"},
    {18, "driver and library versions differ: reboot after the driver upgrade"},
    {19, "the GPU is in use"},
    {20, "out of memory"},
    {21, "no data"},
    {22, "ECC not supported on this vGPU"},
    {23, "insufficient resources"},
    {24, "frequency not supported"},
    {25, "argument version mismatch"},
    {26, "deprecated"},
    {27, "not ready"},
    {28, "GPU not found"},
    {29, "invalid state"},
    {999, "unknown error"},
}};

template <class Fn>
Fn symbol(const sys::DynamicLibrary& library, const char* name) {
  return reinterpret_cast<Fn>(library.symbol(name));
}

bool is_stub(const sys::DynamicLibrary& library) { return library.loaded_from().find("/stubs/") != std::string::npos; }

}  // namespace

std::string describe_error(Return code) {
  for (const auto& error : kErrors)
    if (error.code == code) return std::string(error.meaning) + " (NVML error " + std::to_string(code) + ")";
  return "NVML error " + std::to_string(code);
}

std::vector<std::string> library_candidates(const std::optional<std::string>& explicit_path, bool wsl) {
  if (explicit_path) return {*explicit_path};
  std::vector<std::string> candidates;
  if (wsl) candidates.emplace_back("/usr/lib/wsl/lib/libnvidia-ml.so.1");
  candidates.emplace_back("libnvidia-ml.so.1");
  return candidates;
}

std::unique_ptr<Library> Library::open(const std::vector<std::string>& candidates, std::string& error) {
  error.clear();
  for (const auto& candidate : candidates) {
    const auto note = [&](const std::string& what) { error += (error.empty() ? "" : "; ") + candidate + ": " + what; };
    std::string reason;
    auto loaded = sys::DynamicLibrary::open(candidate, reason);
    if (!loaded) {
      note(reason);
      continue;
    }
    if (is_stub(*loaded)) {
      note("is the CUDA toolkit's stub, not the driver's library");
      continue;
    }
    const auto& handle = *loaded;
    const auto init = symbol<InitFn>(handle, "nvmlInit_v2");
    std::unique_ptr<Library> library(new Library());
    library->path_ = candidate;
    library->shutdown_ = symbol<ShutdownFn>(handle, "nvmlShutdown");
    library->count_ = symbol<DeviceGetCountFn>(handle, "nvmlDeviceGetCount_v2");
    library->by_index_ = symbol<DeviceGetHandleByIndexFn>(handle, "nvmlDeviceGetHandleByIndex_v2");
    if (!init || !library->shutdown_ || !library->count_ || !library->by_index_) {
      library->shutdown_ = nullptr;  // never initialised: nothing to shut down
      note("lacks nvmlInit_v2, nvmlShutdown, nvmlDeviceGetCount_v2 or nvmlDeviceGetHandleByIndex_v2 (driver too old?)");
      continue;
    }
    if (const Return code = init(); code != kSuccess) {
      library->shutdown_ = nullptr;
      note(describe_error(code));
      continue;
    }
    library->library_ = std::move(loaded);
    // The rest are optional: a missing one costs its field, not the GPU.
    library->driver_version_ = symbol<SystemGetDriverVersionFn>(handle, "nvmlSystemGetDriverVersion");
    library->by_pci_bus_id_ = symbol<DeviceGetHandleByPciBusIdFn>(handle, "nvmlDeviceGetHandleByPciBusId_v2");
    library->name_ = symbol<DeviceGetNameFn>(handle, "nvmlDeviceGetName");
    library->uuid_ = symbol<DeviceGetUuidFn>(handle, "nvmlDeviceGetUUID");
    library->pci_info_ = symbol<DeviceGetPciInfoFn>(handle, "nvmlDeviceGetPciInfo_v3");
    library->memory_v1_ = symbol<DeviceGetMemoryInfoFn>(handle, "nvmlDeviceGetMemoryInfo");
    library->memory_v2_ = symbol<DeviceGetMemoryInfoV2Fn>(handle, "nvmlDeviceGetMemoryInfo_v2");
    library->compute_capability_ =
        symbol<DeviceGetCudaComputeCapabilityFn>(handle, "nvmlDeviceGetCudaComputeCapability");
    library->utilization_ = symbol<DeviceGetUtilizationRatesFn>(handle, "nvmlDeviceGetUtilizationRates");
    library->temperature_ = symbol<DeviceGetTemperatureFn>(handle, "nvmlDeviceGetTemperature");
    library->power_usage_ = symbol<DeviceGetPowerUsageFn>(handle, "nvmlDeviceGetPowerUsage");
    library->memory_bus_width_ = symbol<DeviceGetMemoryBusWidthFn>(handle, "nvmlDeviceGetMemoryBusWidth");
    library->max_clock_ = symbol<DeviceGetMaxClockInfoFn>(handle, "nvmlDeviceGetMaxClockInfo");
    library->encoder_stats_ = symbol<DeviceGetEncoderStatsFn>(handle, "nvmlDeviceGetEncoderStats");
    library->encoder_capacity_ = symbol<DeviceGetEncoderCapacityFn>(handle, "nvmlDeviceGetEncoderCapacity");
    library->mig_mode_ = symbol<DeviceGetMigModeFn>(handle, "nvmlDeviceGetMigMode");
    library->max_mig_devices_ = symbol<DeviceGetMaxMigDeviceCountFn>(handle, "nvmlDeviceGetMaxMigDeviceCount");
    library->mig_by_index_ = symbol<DeviceGetMigDeviceHandleByIndexFn>(handle, "nvmlDeviceGetMigDeviceHandleByIndex");
    library->gpu_instance_id_ = symbol<DeviceGetGpuInstanceIdFn>(handle, "nvmlDeviceGetGpuInstanceId");
    library->compute_instance_id_ = symbol<DeviceGetComputeInstanceIdFn>(handle, "nvmlDeviceGetComputeInstanceId");
    error.clear();
    return library;
  }
  return nullptr;
}

Library::~Library() {
  if (shutdown_) shutdown_();
}

Return Library::device_count(unsigned& count) const { return count_(&count); }

Return Library::device_by_index(unsigned index, Device& device) const { return by_index_(index, &device); }

Return Library::device_by_pci_bus_id(const std::string& bus_id, Device& device) const {
  return by_pci_bus_id_ ? by_pci_bus_id_(bus_id.c_str(), &device) : kFunctionNotFound;
}

std::optional<std::string> Library::driver_version() const {
  std::array<char, kVersionBufferSize> buffer{};
  if (!driver_version_ || driver_version_(buffer.data(), kVersionBufferSize) != kSuccess) return std::nullopt;
  buffer.back() = '\0';
  return std::string(buffer.data());
}

namespace {
template <std::size_t N, class Fn>
Return read_string(Fn fn, Device device, std::string& out) {
  if (!fn) return kFunctionNotFound;
  std::array<char, N> buffer{};
  const Return code = fn(device, buffer.data(), static_cast<unsigned>(N));
  buffer.back() = '\0';
  if (code == kSuccess) out = buffer.data();
  return code;
}
}  // namespace

Return Library::name(Device device, std::string& out) const { return read_string<kNameBufferSize>(name_, device, out); }

Return Library::uuid(Device device, std::string& out) const { return read_string<kUuidBufferSize>(uuid_, device, out); }

Return Library::pci_info(Device device, PciInfo& info) const {
  return pci_info_ ? pci_info_(device, &info) : kFunctionNotFound;
}

MemoryReading Library::memory(Device device) const {
  MemoryReading reading;
  if (memory_v2_) {
    MemoryV2 memory{};
    memory.version = kMemoryV2Version;
    reading.code = memory_v2_(device, &memory);
    if (reading.code == kSuccess) {
      reading.total_bytes = memory.total;
      reading.free_bytes = memory.free;
      reading.used_bytes = memory.used;
      return reading;
    }
    // Older drivers and some WSL builds lack the v2 call or its struct version; v1 still answers.
    const bool try_v1 =
        reading.code == kFunctionNotFound || reading.code == kArgumentVersionMismatch || reading.code == 999;
    if (!try_v1) return reading;
  }
  if (!memory_v1_) {
    reading.code = kFunctionNotFound;
    return reading;
  }
  Memory memory{};
  reading.code = memory_v1_(device, &memory);
  if (reading.code == kSuccess) {
    reading.total_bytes = memory.total;
    reading.free_bytes = memory.free;
    reading.used_bytes = memory.used;
  }
  return reading;
}

Return Library::compute_capability(Device device, int& major, int& minor) const {
  return compute_capability_ ? compute_capability_(device, &major, &minor) : kFunctionNotFound;
}

Return Library::utilization(Device device, Utilization& rates) const {
  return utilization_ ? utilization_(device, &rates) : kFunctionNotFound;
}

Return Library::temperature(Device device, unsigned& celsius) const {
  return temperature_ ? temperature_(device, kTemperatureGpu, &celsius) : kFunctionNotFound;
}

Return Library::power_usage(Device device, unsigned& milliwatts) const {
  return power_usage_ ? power_usage_(device, &milliwatts) : kFunctionNotFound;
}

Return Library::memory_bus_width(Device device, unsigned& bits) const {
  return memory_bus_width_ ? memory_bus_width_(device, &bits) : kFunctionNotFound;
}

Return Library::max_memory_clock(Device device, unsigned& mhz) const {
  return max_clock_ ? max_clock_(device, kClockMem, &mhz) : kFunctionNotFound;
}

Return Library::encoder_sessions(Device device, unsigned& sessions) const {
  unsigned average_fps = 0, average_latency_us = 0;  // of the open sessions: not what autocut decides on
  return encoder_stats_ ? encoder_stats_(device, &sessions, &average_fps, &average_latency_us) : kFunctionNotFound;
}

Return Library::encoder_capacity(Device device, unsigned& percent) const {
  return encoder_capacity_ ? encoder_capacity_(device, kEncoderQueryH264, &percent) : kFunctionNotFound;
}

Return Library::mig_mode(Device device, unsigned& current) const {
  unsigned pending = 0;  // the mode after the next GPU reset
  return mig_mode_ ? mig_mode_(device, &current, &pending) : kFunctionNotFound;
}

Return Library::max_mig_device_count(Device device, unsigned& count) const {
  return max_mig_devices_ ? max_mig_devices_(device, &count) : kFunctionNotFound;
}

Return Library::mig_device_by_index(Device device, unsigned index, Device& mig_device) const {
  return mig_by_index_ ? mig_by_index_(device, index, &mig_device) : kFunctionNotFound;
}

Return Library::gpu_instance_id(Device mig_device, unsigned& id) const {
  return gpu_instance_id_ ? gpu_instance_id_(mig_device, &id) : kFunctionNotFound;
}

Return Library::compute_instance_id(Device mig_device, unsigned& id) const {
  return compute_instance_id_ ? compute_instance_id_(mig_device, &id) : kFunctionNotFound;
}

std::string sysfs_pci_address(const PciInfo& info) {
  // The bus id string also carries the PCI function, which the numeric fields do not.
  unsigned domain = 0, bus = 0, device = 0, function = 0;
  char text[32];
  const std::string bus_id(info.bus_id, strnlen(info.bus_id, sizeof info.bus_id));
  if (std::sscanf(bus_id.c_str(), "%x:%x:%x.%x", &domain, &bus, &device, &function) != 4) {
    domain = info.domain;
    bus = info.bus;
    device = info.device;
    function = 0;
  }
  std::snprintf(text, sizeof text, "%04x:%02x:%02x.%x", domain & 0xffffu, bus & 0xffu, device & 0x1fu, function & 0x7u);
  return text;
}

std::optional<std::string> mig_profile(std::string_view mig_device_name) {
  // NVML names a MIG device after its parent, then "MIG", then the profile: the profile is the last word.
  const auto space = mig_device_name.find_last_of(' ');
  if (space == std::string_view::npos || space + 1 == mig_device_name.size()) return std::nullopt;
  const auto rest = mig_device_name.substr(0, space);
  if (!rest.ends_with(" MIG") && rest != "MIG") return std::nullopt;
  return std::string(mig_device_name.substr(space + 1));
}

}  // namespace autocut::detect::nvml
