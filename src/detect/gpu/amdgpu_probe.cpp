// AMD GPUs through the amdgpu driver's sysfs files: VRAM and GTT, load, temperature and power; and through its
// device info (libdrm_amdgpu), the memory's type, width and clock, which sysfs does not tell together.
#include "detect/gpu/amd_integrated.hpp"
#include "detect/gpu/amdgpu_library.hpp"
#include "detect/gpu/amdgpu_reading.hpp"
#include "detect/gpu/gpu_list.hpp"
#include "detect/gpu/gpu_sysfs.hpp"
#include "detect/probe.hpp"

namespace autocut::detect {

bool amd_is_integrated(bool has_vram_vendor, std::optional<std::uint64_t> vram_total,
                       std::optional<std::uint64_t> gtt_total) {
  // Discrete boards say who made their memory; APUs have none of their own, only a small BIOS carve-out that
  // the driver tops up from system memory through GTT.
  if (has_vram_vendor) return false;
  constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;
  if (!vram_total) return true;
  const bool small_carve_out = *vram_total <= 4 * kGiB;
  const bool large_gtt = gtt_total && *gtt_total >= 8 * kGiB && *gtt_total >= 4 * *vram_total;
  return small_carve_out || large_gtt;
}

namespace {

// Asks the driver about the memory of each AMD GPU, loading libdrm_amdgpu on the first: a captured machine's GPUs
// are not this machine's, unless a recorded library stands in for the driver. Says what it could not learn.
class MemoryBusQuestions {
 public:
  explicit MemoryBusQuestions(const ProbeContext& context) : context_(context) {}

  void ask(const GpuSysfs& device, core::GpuFacts& gpu) {
    if (!context_.root.is_live() && !context_.options.amdgpu_library) return;
    if (!tried_) load();
    if (!library_) return;
    const auto node = device.render_node();
    if (!node) return note(gpu.pci_address + ": no render node, memory bandwidth unknown");
    std::string error;
    if (const auto bus = library_->memory_bus(context_.root.resolve(*node), error))
      amdgpu::describe_memory(*bus, gpu);
    else
      note(gpu.pci_address + ": memory bandwidth unknown: " + error);
  }

  const std::string& notes() const { return notes_; }

 private:
  void load() {
    tried_ = true;
    std::string error;
    library_ = amdgpu::Library::open(context_.options.amdgpu_library.value_or(amdgpu::Library::kSoname), error);
    if (!library_) note("memory bandwidth unknown: " + error);
  }
  void note(const std::string& text) { notes_ += "; " + text; }

  const ProbeContext& context_;
  bool tried_ = false;
  std::unique_ptr<amdgpu::Library> library_;
  std::string notes_;
};

}  // namespace

ProbeOutcome probe_amdgpu(const ProbeContext& context, core::HostFacts& facts) {
  const auto& root = context.root;
  int described = 0;
  int seen = 0;
  std::string problems;
  MemoryBusQuestions memory_bus(context);
  for (auto& gpu : facts.gpus) {
    if (gpu.vendor != core::GpuVendor::amd) continue;
    ++seen;
    if (gpu.kernel_driver != "amdgpu") {
      problems += (problems.empty() ? "" : "; ") + gpu.pci_address + ": driven by " +
                  gpu.kernel_driver.value_or("no driver") + ", not amdgpu: memory unknown";
      continue;
    }
    const GpuSysfs device(root, gpu.pci_address);
    const auto reading = read_amdgpu(device);
    gpu.memory_total_bytes = reading.vram_total_bytes;
    gpu.memory_used_bytes = reading.vram_used_bytes;
    if (gpu.memory_total_bytes && gpu.memory_used_bytes && *gpu.memory_used_bytes <= *gpu.memory_total_bytes)
      gpu.memory_free_bytes = *gpu.memory_total_bytes - *gpu.memory_used_bytes;
    gpu.shared_memory_total_bytes = reading.gtt_total_bytes;
    gpu.integrated = amd_is_integrated(reading.has_vram_vendor, gpu.memory_total_bytes, gpu.shared_memory_total_bytes);
    gpu.utilization_percent = reading.busy_percent;
    gpu.temperature_celsius = reading.temperature_celsius;
    gpu.power_watts = reading.power_watts;
    if (reading.product_name && !gpu.name) gpu.name = reading.product_name;
    if (!gpu.memory_total_bytes) {
      problems += (problems.empty() ? "" : "; ") + gpu.pci_address + ": mem_info_vram_total unreadable";
      continue;
    }
    add_source(gpu, "amdgpu");
    memory_bus.ask(device, gpu);
    ++described;
  }
  if (seen == 0) return absent("no AMD GPU");
  if (!problems.empty()) return failed(problems + memory_bus.notes());
  return ok(std::to_string(described) + " AMD GPU" + (described == 1 ? "" : "s") + " through amdgpu sysfs" +
            memory_bus.notes());
}

}  // namespace autocut::detect
