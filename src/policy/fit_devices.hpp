// The devices a local model may be placed on now: the best GPU and the others of its vendor (a runtime splits a model
// across one vendor's cards only), each MIG instance on its own, less what the editor keeps on the GPU it encodes
// on. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/runtime_profile.hpp"
#include "model_fit/placement.hpp"
#include "policy/policy.hpp"
#include "policy/policy_config.hpp"

namespace autocut::policy {

struct GpuDevices {
  std::vector<model_fit::FitDevice> devices;  // the best first
  bool may_split = true;                      // MIG instances are one device each to a process
  std::uint64_t reserved_bytes = 0;           // kept for the editor
  std::string reserved_for;                   // the editor: "h264_nvenc", "DaVinci Resolve Studio"
};

// What the editor keeps on a GPU while it renders: the configured figure, else by editor (a hardware encoder's session
// and its driver context; Resolve's frame buffers and effects).
std::uint64_t editor_reserve(const TaskPolicy& editing, const PolicyConfig& config);

GpuDevices gpu_devices(const core::RuntimeProfile& profile, const TaskPolicy& editing, const PolicyConfig& config);

}  // namespace autocut::policy
