// The part of NVML's C ABI that autocut uses, declared here so that no vendor header is needed to build.
// Layouts and symbol names follow nvml.h (NVML_API_VERSION 13); only versioned symbols are looked up.
#pragma once

#include <cstdint>

namespace autocut::detect::nvml {

using Return = int;  // nvmlReturn_t
using Device = struct DeviceOpaque*;

inline constexpr Return kSuccess = 0;
inline constexpr Return kNotSupported = 3;
inline constexpr Return kNotFound = 6;
inline constexpr Return kDriverNotLoaded = 9;
inline constexpr Return kFunctionNotFound = 13;
inline constexpr Return kGpuIsLost = 15;
inline constexpr Return kArgumentVersionMismatch = 25;

inline constexpr unsigned kNameBufferSize = 96;     // NVML_DEVICE_NAME_V2_BUFFER_SIZE
inline constexpr unsigned kUuidBufferSize = 96;     // NVML_DEVICE_UUID_V2_BUFFER_SIZE
inline constexpr unsigned kVersionBufferSize = 80;  // NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE
inline constexpr unsigned kTemperatureGpu = 0;      // NVML_TEMPERATURE_GPU
inline constexpr unsigned kClockMem = 2;            // NVML_CLOCK_MEM
inline constexpr unsigned kEncoderQueryH264 = 0;    // NVML_ENCODER_QUERY_H264
inline constexpr unsigned kMigEnable = 1;           // NVML_DEVICE_MIG_ENABLE

struct PciInfo {  // nvmlPciInfo_t (v3)
  char bus_id_legacy[16];
  unsigned domain;
  unsigned bus;
  unsigned device;
  unsigned pci_device_id;  // (device << 16) | vendor
  unsigned pci_subsystem_id;
  char bus_id[32];  // "00000000:01:00.0"
};

struct Memory {  // nvmlMemory_t (v1): used includes the driver's reservation
  unsigned long long total;
  unsigned long long free;
  unsigned long long used;
};

struct MemoryV2 {  // nvmlMemory_v2_t: used excludes the reservation, as nvidia-smi shows
  unsigned version;
  unsigned long long total;
  unsigned long long reserved;
  unsigned long long free;
  unsigned long long used;
};

// NVML_STRUCT_VERSION(Memory, 2): the size in the low bits, the version in the top byte (0x02000028). Passing
// a plain 2 makes NVML answer FUNCTION_NOT_FOUND.
inline constexpr unsigned kMemoryV2Version = static_cast<unsigned>(sizeof(MemoryV2)) | (2u << 24);
static_assert(sizeof(MemoryV2) == 40, "nvmlMemory_v2_t is 40 bytes");
static_assert(sizeof(PciInfo) == 68, "nvmlPciInfo_t is 68 bytes");

struct Utilization {  // nvmlUtilization_t
  unsigned gpu;
  unsigned memory;
};

extern "C" {
using InitFn = Return (*)();
using ShutdownFn = Return (*)();
using ErrorStringFn = const char* (*)(Return);
using SystemGetDriverVersionFn = Return (*)(char*, unsigned);
using DeviceGetCountFn = Return (*)(unsigned*);
using DeviceGetHandleByIndexFn = Return (*)(unsigned, Device*);
using DeviceGetHandleByPciBusIdFn = Return (*)(const char*, Device*);
using DeviceGetNameFn = Return (*)(Device, char*, unsigned);
using DeviceGetUuidFn = Return (*)(Device, char*, unsigned);
using DeviceGetPciInfoFn = Return (*)(Device, PciInfo*);
using DeviceGetMemoryInfoFn = Return (*)(Device, Memory*);
using DeviceGetMemoryInfoV2Fn = Return (*)(Device, MemoryV2*);
using DeviceGetCudaComputeCapabilityFn = Return (*)(Device, int*, int*);
using DeviceGetUtilizationRatesFn = Return (*)(Device, Utilization*);
using DeviceGetTemperatureFn = Return (*)(Device, unsigned, unsigned*);
using DeviceGetPowerUsageFn = Return (*)(Device, unsigned*);
using DeviceGetMemoryBusWidthFn = Return (*)(Device, unsigned*);
using DeviceGetMaxClockInfoFn = Return (*)(Device, unsigned, unsigned*);  // nvmlClockType_t is an int-sized enum
using DeviceGetEncoderStatsFn = Return (*)(Device, unsigned*, unsigned*, unsigned*);
using DeviceGetEncoderCapacityFn = Return (*)(Device, unsigned, unsigned*);  // nvmlEncoderType_t likewise
using DeviceGetMigModeFn = Return (*)(Device, unsigned*, unsigned*);
using DeviceGetMaxMigDeviceCountFn = Return (*)(Device, unsigned*);
using DeviceGetMigDeviceHandleByIndexFn = Return (*)(Device, unsigned, Device*);
using DeviceGetGpuInstanceIdFn = Return (*)(Device, unsigned*);
using DeviceGetComputeInstanceIdFn = Return (*)(Device, unsigned*);
}

}  // namespace autocut::detect::nvml
