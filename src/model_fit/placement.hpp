// Where a model's layers go: whole on one device when it fits, across several with a margin each when together they
// hold it, else as many layers on the GPUs as fit and the rest on the CPU (partial offload). Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model_fit/memory_estimate.hpp"

namespace autocut::model_fit {

// A device a model may be placed on: a GPU, or one MIG instance of one, with the memory usable on it now.
struct FitDevice {
  std::string id;     // "gpu 0000:01:00.0", "gpu 0000:01:00.0 mig 1/0"
  std::string label;  // for sentences: "NVIDIA GeForce RTX 4090"
  std::uint64_t usable_bytes = 0;
  std::optional<double> memory_bandwidth;  // bytes per second, where known
};

struct DeviceShare {
  std::string id;
  int layers = 0;
  std::uint64_t bytes = 0;
};

struct Placement {
  std::vector<DeviceShare> devices;  // only the devices that hold layers, the first holding the projector
  int gpu_layers = 0;
  int total_layers = 0;
  std::uint64_t gpu_bytes = 0;
  std::uint64_t cpu_bytes = 0;

  bool whole() const { return total_layers > 0 && gpu_layers == total_layers; }
  bool on_gpu() const { return gpu_layers > 0; }
  double gpu_share() const {
    return gpu_bytes + cpu_bytes == 0 ? 0.0
                                      : static_cast<double>(gpu_bytes) / static_cast<double>(gpu_bytes + cpu_bytes);
  }
};

// `devices` may be split across only when `may_split` (MIG instances, devices of different vendors cannot be).
Placement place(const MemoryEstimate& estimate, const std::vector<FitDevice>& devices, bool may_split = true);

}  // namespace autocut::model_fit
