// An ABI-level stand-in for libnvidia-ml.so.1: it exports the C symbols autocut looks up and answers from its own
// tables, so the real dlopen, dlsym and calling code runs without an NVIDIA GPU or driver.
// The scenario (AUTOCUT_FAKE_NVML_SCENARIO) and its cards are in scenarios.cpp.
// Built a second time with FAKE_NVML_WITHOUT_MEMORY_V2, the library lacks that symbol altogether.
//
// The structs are declared here from NVIDIA's nvml.h, independently of autocut's own declarations, so that a layout
// mistake on either side shows up as a wrong value in the tests.
#include <strings.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "scenarios.hpp"

namespace {

using namespace fake_nvml;

constexpr unsigned kClockMem = 2, kMigEnable = 1, kMaxMigDevices = 7;

struct nvmlPciInfo_t {
  char busIdLegacy[16];
  unsigned int domain, bus, device, pciDeviceId, pciSubSystemId;
  char busId[32];
};
struct nvmlMemory_t {
  unsigned long long total, free, used;
};
struct nvmlMemory_v2_t {
  unsigned int version;
  unsigned long long total, reserved, free, used;
};
struct nvmlUtilization_t {
  unsigned int gpu, memory;
};
constexpr unsigned kMemoryV2 = static_cast<unsigned>(sizeof(nvmlMemory_v2_t)) | (2u << 24);

std::string scenario_name() {
  const char* name = std::getenv("AUTOCUT_FAKE_NVML_SCENARIO");
  return name ? name : "one-card";
}

Scenario& scenario() {
  static Scenario instance = load_scenario(scenario_name());
  return instance;
}
// NVML counts initialisations: a shutdown only ends the last one (nvml.h, nvmlShutdown), so a probe that opens
// and closes NVML does not pull the handles from under a sampler that keeps it open.
int init_count = 0;
int memory_queries = 0;

const FakeGpu* gpu_of(void* handle) {
  const auto index = reinterpret_cast<std::size_t>(handle);
  if (init_count == 0 || index == 0 || index > scenario().gpus.size()) return nullptr;
  return &scenario().gpus[index - 1];
}

void* handle_of(std::size_t index) { return reinterpret_cast<void*>(index + 1); }

// A MIG device's handle: its GPU's handle in the bits above the low byte, its MIG device index + 1 in the low byte,
// so that gpu_of never takes it for a GPU.
void* mig_handle_of(void* gpu_handle, unsigned mig_index) {
  return reinterpret_cast<void*>((reinterpret_cast<std::size_t>(gpu_handle) << 8) | (mig_index + 1));
}

struct MigOf {
  const FakeGpu* gpu;
  const FakeMig* instance;
};

MigOf mig_of(void* handle) {
  const auto value = reinterpret_cast<std::size_t>(handle);
  const auto* gpu = gpu_of(reinterpret_cast<void*>(value >> 8));
  if (!gpu || gpu->mig != Mig::enabled) return {nullptr, nullptr};
  for (const auto& instance : gpu->mig_instances)
    if (instance.index + 1 == (value & 0xff)) return {gpu, &instance};
  return {nullptr, nullptr};
}

std::string mig_name(const MigOf& mig) { return std::string(mig.gpu->name) + " MIG " + mig.instance->profile; }

int copy(char* out, unsigned length, const std::string& text) {
  if (!out) return kInvalidArgument;
  if (text.size() + 1 > length) return kInsufficientSize;
  std::memcpy(out, text.c_str(), text.size() + 1);
  return kSuccess;
}

// Returns a non-success code to answer with, or kSuccess to go on and fill the struct.
int memory_gate(const FakeGpu& gpu) {
  if (gpu.total_mib == 0) return kNotSupported;
  if (!scenario().lose_after_first_memory_query) return kSuccess;
  ++memory_queries;
  const bool back = scenario().back_from_query > 0 && memory_queries >= scenario().back_from_query;
  if (memory_queries > 1 && !back) return kGpuIsLost;
  return kSuccess;
}

}  // namespace

extern "C" {

__attribute__((visibility("default"))) int nvmlInit_v2() {
  // Read at every init, so a process that loads the library again (or never unloads it) sees the scenario it set.
  auto next = load_scenario(scenario_name());
  if (next.name != scenario().name) memory_queries = 0;  // a process that opens NVML twice keeps its count
  scenario() = std::move(next);
  if (scenario().init_result != kSuccess) return scenario().init_result;
  while (scenario().hang) std::this_thread::sleep_for(std::chrono::hours(1));  // only being killed ends it
  ++init_count;
  return kSuccess;
}

__attribute__((visibility("default"))) int nvmlShutdown() {
  if (init_count == 0) return kUninitialized;
  --init_count;
  return kSuccess;
}

__attribute__((visibility("default"))) const char* nvmlErrorString(int code) {
  return code == 0 ? "Success" : "Fake NVML error";
}

__attribute__((visibility("default"))) int nvmlSystemGetDriverVersion(char* version, unsigned length) {
  return init_count > 0 ? copy(version, length, "550.54.14") : kUninitialized;
}

__attribute__((visibility("default"))) int nvmlDeviceGetCount_v2(unsigned* count) {
  if (init_count == 0) return kUninitialized;
  *count = static_cast<unsigned>(scenario().gpus.size());
  return kSuccess;
}

__attribute__((visibility("default"))) int nvmlDeviceGetHandleByIndex_v2(unsigned index, void** device) {
  if (init_count == 0) return kUninitialized;
  if (index >= scenario().gpus.size()) return kInvalidArgument;
  *device = handle_of(index);
  return kSuccess;
}

__attribute__((visibility("default"))) int nvmlDeviceGetHandleByPciBusId_v2(const char* bus_id, void** device) {
  if (init_count == 0) return kUninitialized;
  for (std::size_t i = 0; i < scenario().gpus.size(); ++i) {
    char expected[32];
    std::snprintf(expected, sizeof expected, "00000000:%02X:00.0", scenario().gpus[i].bus);
    // NVML accepts both the 8-digit and the 4-digit domain form.
    if (strcasecmp(bus_id, expected) == 0 || strcasecmp(bus_id, expected + 4) == 0) {
      *device = handle_of(i);
      return kSuccess;
    }
  }
  return kNotFound;
}

__attribute__((visibility("default"))) int nvmlDeviceGetName(void* device, char* name, unsigned length) {
  if (const auto mig = mig_of(device); mig.instance) return copy(name, length, mig_name(mig));
  const auto* gpu = gpu_of(device);
  return gpu ? copy(name, length, gpu->name) : kInvalidArgument;
}

__attribute__((visibility("default"))) int nvmlDeviceGetUUID(void* device, char* uuid, unsigned length) {
  if (const auto mig = mig_of(device); mig.instance) return copy(uuid, length, mig.instance->uuid);
  const auto* gpu = gpu_of(device);
  return gpu ? copy(uuid, length, gpu->uuid) : kInvalidArgument;
}

__attribute__((visibility("default"))) int nvmlDeviceGetPciInfo_v3(void* device, nvmlPciInfo_t* pci) {
  const auto* gpu = gpu_of(device);
  if (!gpu || !pci) return kInvalidArgument;
  std::memset(pci, 0, sizeof *pci);
  pci->bus = gpu->bus;
  pci->pciDeviceId = (gpu->device_id << 16) | 0x10de;
  std::snprintf(pci->busIdLegacy, sizeof pci->busIdLegacy, "0000:%02X:00.0", gpu->bus);
  std::snprintf(pci->busId, sizeof pci->busId, "00000000:%02X:00.0", gpu->bus);
  return kSuccess;
}

__attribute__((visibility("default"))) int nvmlDeviceGetMemoryInfo(void* device, nvmlMemory_t* memory) {
  if (const auto mig = mig_of(device); mig.instance && memory) {  // an instance's own memory, nothing reserved
    memory->total = mig.instance->total_mib * kMiB;
    memory->used = mig.instance->used_mib * kMiB;
    memory->free = memory->total - memory->used;
    return kSuccess;
  }
  const auto* gpu = gpu_of(device);
  if (!gpu || !memory) return kInvalidArgument;
  if (const int gate = memory_gate(*gpu); gate != kSuccess) return gate;
  // v1 counts the driver's reservation as used.
  memory->total = gpu->total_mib * kMiB;
  memory->used = (gpu->used_mib + gpu->reserved_mib) * kMiB;
  memory->free = memory->total - memory->used;
  return kSuccess;
}

#ifndef FAKE_NVML_WITHOUT_MEMORY_V2
__attribute__((visibility("default"))) int nvmlDeviceGetMemoryInfo_v2(void* device, nvmlMemory_v2_t* memory) {
  if (const auto mig = mig_of(device); mig.instance && memory) {
    if (memory->version != kMemoryV2) return kArgumentVersionMismatch;
    memory->total = mig.instance->total_mib * kMiB;
    memory->reserved = 0;
    memory->used = mig.instance->used_mib * kMiB;
    memory->free = memory->total - memory->used;
    return kSuccess;
  }
  const auto* gpu = gpu_of(device);
  if (!gpu || !memory) return kInvalidArgument;
  if (scenario().v2_unsupported) return kFunctionNotFound;
  if (memory->version != kMemoryV2) return kArgumentVersionMismatch;
  if (const int gate = memory_gate(*gpu); gate != kSuccess) return gate;
  memory->total = gpu->total_mib * kMiB;
  memory->reserved = gpu->reserved_mib * kMiB;
  memory->used = gpu->used_mib * kMiB;
  memory->free = memory->total - memory->reserved - memory->used;
  return kSuccess;
}
#endif

__attribute__((visibility("default"))) int nvmlDeviceGetCudaComputeCapability(void* device, int* major, int* minor) {
  const auto* gpu = gpu_of(device);
  if (!gpu) return kInvalidArgument;
  *major = gpu->cc_major;
  *minor = gpu->cc_minor;
  return kSuccess;
}

__attribute__((visibility("default"))) int nvmlDeviceGetUtilizationRates(void* device, nvmlUtilization_t* rates) {
  const auto* gpu = gpu_of(device);
  if (!gpu) return kInvalidArgument;
  rates->gpu = gpu->utilization;
  rates->memory = gpu->utilization / 2;
  return kSuccess;
}

__attribute__((visibility("default"))) int nvmlDeviceGetTemperature(void* device, unsigned sensor, unsigned* celsius) {
  const auto* gpu = gpu_of(device);
  if (!gpu || sensor != 0) return kInvalidArgument;
  *celsius = gpu->temperature;
  return kSuccess;
}

__attribute__((visibility("default"))) int nvmlDeviceGetPowerUsage(void* device, unsigned* milliwatts) {
  const auto* gpu = gpu_of(device);
  if (!gpu) return kInvalidArgument;
  if (gpu->power_mw == 0) return kNotSupported;
  *milliwatts = gpu->power_mw;
  return kSuccess;
}

__attribute__((visibility("default"))) int nvmlDeviceGetMemoryBusWidth(void* device, unsigned* bits) {
  const auto* gpu = gpu_of(device);
  if (!gpu || !bits) return kInvalidArgument;
  if (gpu->bus_width_bits == 0) return kNotSupported;
  *bits = gpu->bus_width_bits;
  return kSuccess;
}

// Only the memory clock is in the tables: a caller asking for another clock gets no number it could mistake for it.
__attribute__((visibility("default"))) int nvmlDeviceGetMaxClockInfo(void* device, int type, unsigned* mhz) {
  const auto* gpu = gpu_of(device);
  if (!gpu || !mhz || type < 0 || type > 3) return kInvalidArgument;
  if (static_cast<unsigned>(type) != kClockMem || gpu->memory_clock_max_mhz == 0) return kNotSupported;
  *mhz = gpu->memory_clock_max_mhz;
  return kSuccess;
}

__attribute__((visibility("default"))) int nvmlDeviceGetEncoderStats(void* device, unsigned* sessions,
                                                                     unsigned* average_fps, unsigned* average_latency) {
  const auto* gpu = gpu_of(device);
  if (!gpu || !sessions || !average_fps || !average_latency) return kInvalidArgument;
  if (!gpu->has_encoder) return kNotSupported;
  *sessions = gpu->encoder_sessions;
  *average_fps = gpu->encoder_sessions > 0 ? 60 : 0;
  *average_latency = gpu->encoder_sessions > 0 ? 4000 : 0;
  return kSuccess;
}

// H.264 (0) and HEVC (1) only; the same capacity left for both.
__attribute__((visibility("default"))) int nvmlDeviceGetEncoderCapacity(void* device, int type, unsigned* percent) {
  const auto* gpu = gpu_of(device);
  if (!gpu || !percent || (type != 0 && type != 1)) return kInvalidArgument;
  if (!gpu->has_encoder) return kNotSupported;
  *percent = gpu->encoder_capacity_percent;
  return kSuccess;
}

__attribute__((visibility("default"))) int nvmlDeviceGetMigMode(void* device, unsigned* current, unsigned* pending) {
  const auto* gpu = gpu_of(device);
  if (!gpu || !current || !pending) return kInvalidArgument;
  if (gpu->mig == Mig::unsupported) return kNotSupported;
  *current = *pending = gpu->mig == Mig::enabled ? kMigEnable : 0;
  return kSuccess;
}

// Zero where MIG is not supported or not enabled (nvml.h).
__attribute__((visibility("default"))) int nvmlDeviceGetMaxMigDeviceCount(void* device, unsigned* count) {
  const auto* gpu = gpu_of(device);
  if (!gpu || !count) return kInvalidArgument;
  *count = gpu->mig == Mig::enabled ? kMaxMigDevices : 0;
  return kSuccess;
}

__attribute__((visibility("default"))) int nvmlDeviceGetMigDeviceHandleByIndex(void* device, unsigned index,
                                                                               void** mig_device) {
  const auto* gpu = gpu_of(device);
  if (!gpu || !mig_device) return kInvalidArgument;
  if (gpu->mig != Mig::enabled) return kNotSupported;
  if (index >= kMaxMigDevices) return kInvalidArgument;
  for (const auto& instance : gpu->mig_instances)
    if (instance.index == index) {
      *mig_device = mig_handle_of(device, index);
      return kSuccess;
    }
  return kNotFound;
}

// Both ids belong to MIG device handles only; a GPU's own handle is not one.
__attribute__((visibility("default"))) int nvmlDeviceGetGpuInstanceId(void* device, unsigned* id) {
  if (!id) return kInvalidArgument;
  if (const auto mig = mig_of(device); mig.instance) {
    *id = mig.instance->gpu_instance;
    return kSuccess;
  }
  return gpu_of(device) ? kNotSupported : kInvalidArgument;
}

__attribute__((visibility("default"))) int nvmlDeviceGetComputeInstanceId(void* device, unsigned* id) {
  if (!id) return kInvalidArgument;
  if (const auto mig = mig_of(device); mig.instance) {
    *id = mig.instance->compute_instance;
    return kSuccess;
  }
  return gpu_of(device) ? kNotSupported : kInvalidArgument;
}

}  // extern "C"
