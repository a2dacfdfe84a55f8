// NVML loaded at run time (sys::DynamicLibrary): absence is a normal, reported state, and every NVML error code becomes
// a reason a person can read. Calls are thread-safe (NVML is); loading and unloading are not.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "detect/gpu/nvml_api.hpp"
#include "sys/dynamic_library.hpp"

namespace autocut::detect::nvml {

// What an NVML error code means, with what to do about it where there is something to do.
std::string describe_error(Return code);

// Library paths to try, in order. An explicit path wins alone; under WSL the Windows driver's copy comes first,
// because a Linux copy there fails with DRIVER_NOT_LOADED. Only the versioned soname: the CUDA toolkit's stub is
// the unversioned libnvidia-ml.so and reports no GPU.
std::vector<std::string> library_candidates(const std::optional<std::string>& explicit_path, bool wsl);

struct MemoryReading {
  Return code = kSuccess;  // of the call that decided: v2, or v1 after v2 was unavailable
  std::optional<std::uint64_t> total_bytes;
  std::optional<std::uint64_t> free_bytes;
  std::optional<std::uint64_t> used_bytes;
};

class Library {
 public:
  // Tries each candidate until one loads, has the required symbols and initialises. On failure returns null and
  // sets `error` to what happened with each candidate.
  static std::unique_ptr<Library> open(const std::vector<std::string>& candidates, std::string& error);
  ~Library();
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;

  const std::string& path() const { return path_; }

  Return device_count(unsigned& count) const;
  Return device_by_index(unsigned index, Device& device) const;
  Return device_by_pci_bus_id(const std::string& bus_id, Device& device) const;
  std::optional<std::string> driver_version() const;
  Return name(Device device, std::string& name) const;
  Return uuid(Device device, std::string& uuid) const;
  Return pci_info(Device device, PciInfo& info) const;
  MemoryReading memory(Device device) const;
  Return compute_capability(Device device, int& major, int& minor) const;
  Return utilization(Device device, Utilization& rates) const;
  Return temperature(Device device, unsigned& celsius) const;
  Return power_usage(Device device, unsigned& milliwatts) const;
  Return memory_bus_width(Device device, unsigned& bits) const;
  Return max_memory_clock(Device device, unsigned& mhz) const;
  Return encoder_sessions(Device device, unsigned& sessions) const;
  Return encoder_capacity(Device device, unsigned& percent) const;  // of H.264 encoding left
  Return mig_mode(Device device, unsigned& current) const;          // NOT_SUPPORTED: the GPU has no MIG
  Return max_mig_device_count(Device device, unsigned& count) const;
  // NOT_FOUND for an index no MIG instance occupies. Name, UUID and memory of the handle are the instance's own.
  Return mig_device_by_index(Device device, unsigned index, Device& mig_device) const;
  Return gpu_instance_id(Device mig_device, unsigned& id) const;
  Return compute_instance_id(Device mig_device, unsigned& id) const;

 private:
  Library() = default;
  std::unique_ptr<sys::DynamicLibrary> library_;  // unloaded after the destructor has shut NVML down
  std::string path_;
  ShutdownFn shutdown_ = nullptr;
  SystemGetDriverVersionFn driver_version_ = nullptr;
  DeviceGetCountFn count_ = nullptr;
  DeviceGetHandleByIndexFn by_index_ = nullptr;
  DeviceGetHandleByPciBusIdFn by_pci_bus_id_ = nullptr;
  DeviceGetNameFn name_ = nullptr;
  DeviceGetUuidFn uuid_ = nullptr;
  DeviceGetPciInfoFn pci_info_ = nullptr;
  DeviceGetMemoryInfoFn memory_v1_ = nullptr;
  DeviceGetMemoryInfoV2Fn memory_v2_ = nullptr;
  DeviceGetCudaComputeCapabilityFn compute_capability_ = nullptr;
  DeviceGetUtilizationRatesFn utilization_ = nullptr;
  DeviceGetTemperatureFn temperature_ = nullptr;
  DeviceGetPowerUsageFn power_usage_ = nullptr;
  DeviceGetMemoryBusWidthFn memory_bus_width_ = nullptr;
  DeviceGetMaxClockInfoFn max_clock_ = nullptr;
  DeviceGetEncoderStatsFn encoder_stats_ = nullptr;
  DeviceGetEncoderCapacityFn encoder_capacity_ = nullptr;
  DeviceGetMigModeFn mig_mode_ = nullptr;
  DeviceGetMaxMigDeviceCountFn max_mig_devices_ = nullptr;
  DeviceGetMigDeviceHandleByIndexFn mig_by_index_ = nullptr;
  DeviceGetGpuInstanceIdFn gpu_instance_id_ = nullptr;
  DeviceGetComputeInstanceIdFn compute_instance_id_ = nullptr;
};

// "00000000:01:00.0" (NVML's bus id) -> "0000:01:00.0" (sysfs's), lower case.
std::string sysfs_pci_address(const PciInfo& info);

// "NVIDIA A100-SXM4-40GB MIG 3g.20gb" (NVML's name of a MIG device) -> "3g.20gb"; nullopt for a name without "MIG".
std::optional<std::string> mig_profile(std::string_view mig_device_name);

}  // namespace autocut::detect::nvml
