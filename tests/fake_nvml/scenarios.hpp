// The fake NVML's scenarios: the cards each one has, and how the fake driver misbehaves in it.
#pragma once

#include <string>
#include <vector>

namespace fake_nvml {

// NVML's return codes, as nvml.h numbers them.
constexpr int kSuccess = 0, kUninitialized = 1, kInvalidArgument = 2, kNotSupported = 3, kNotFound = 6,
              kInsufficientSize = 7, kDriverNotLoaded = 9, kFunctionNotFound = 13, kGpuIsLost = 15,
              kArgumentVersionMismatch = 25;

constexpr unsigned long long kMiB = 1024ull * 1024;

struct FakeMig {
  unsigned index;  // of nvmlDeviceGetMigDeviceHandleByIndex
  unsigned gpu_instance, compute_instance;
  const char* profile;
  const char* uuid;
  unsigned long long total_mib, used_mib;
};

enum class Mig { unsupported, disabled, enabled };

struct FakeGpu {
  const char* name;
  const char* uuid;
  unsigned bus;
  unsigned device_id;
  unsigned long long total_mib;  // 0: unified memory, queries answer NOT_SUPPORTED
  unsigned long long used_mib;
  unsigned long long reserved_mib;
  int cc_major, cc_minor;
  unsigned utilization, temperature, power_mw;
  unsigned bus_width_bits = 0;  // 0: this and the memory clock answer NOT_SUPPORTED
  unsigned memory_clock_max_mhz = 0;
  bool has_encoder = true;
  unsigned encoder_sessions = 0;
  unsigned encoder_capacity_percent = 100;
  Mig mig = Mig::unsupported;
  std::vector<FakeMig> mig_instances;
};

struct Scenario {
  std::string name;
  std::vector<FakeGpu> gpus;
  int init_result = kSuccess;
  bool lose_after_first_memory_query = false;
  int back_from_query = 0;  // 0: a lost card stays lost
  bool v2_unsupported = false;
  bool hang = false;
};

// The scenario of that name; an unknown name ends the process (a test asking for it is wrong).
Scenario load_scenario(const std::string& name);

}  // namespace fake_nvml
