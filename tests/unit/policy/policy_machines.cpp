#include "policy_machines.hpp"

#include <map>

#include "profile/build_profile.hpp"

namespace autocut::policy::testing {
namespace {

constexpr std::uint64_t kMiB = 1024ull * 1024;
constexpr std::uint64_t kGiB = 1024 * kMiB;

// Download sizes as `ollama list` reports them.
const std::map<std::string, std::pair<std::uint64_t, bool>> kModels{
    {"moondream:latest", {1'738'451'197, true}},
    {"llava:7b", {4'733'363'377, true}},
    {"qwen2.5vl:7b", {5'969'245'856, true}},
    {"llama3.2:3b", {2'019'393'189, false}},
};

}  // namespace

core::RuntimeProfile machine(const MachineSpec& spec) {
  core::HostFacts facts;
  facts.cpu = core::CpuFacts{};
  facts.cpu->threads = spec.threads;
  facts.memory = core::MemoryFacts{32 * kGiB, 30 * kGiB, 0, 0};
  for (std::size_t i = 0; i < spec.gpu_mib.size(); ++i) {
    core::GpuFacts gpu;
    gpu.pci_address = "0000:0" + std::to_string(i + 1) + ":00.0";
    gpu.vendor = core::GpuVendor::nvidia;
    gpu.name = "NVIDIA GPU " + std::to_string(spec.gpu_mib[i]) + " MiB";
    gpu.memory_total_bytes = spec.gpu_mib[i] * kMiB;
    // A desktop and its display take a little of every card.
    gpu.memory_used_bytes = 700 * kMiB;
    gpu.memory_free_bytes = (spec.gpu_mib[i] - 700) * kMiB;
    gpu.sources = {"nvml"};
    facts.gpus.push_back(gpu);
  }
  if (spec.unified) {
    core::GpuFacts orin;
    orin.pci_address = "0000:00:00.0";
    orin.vendor = core::GpuVendor::nvidia;
    orin.name = "Orin (nvgpu)";
    orin.integrated = true;
    facts.gpus.push_back(orin);
  }
  core::AiRuntime ollama;
  ollama.kind = core::RuntimeKind::ollama;
  ollama.url = "http://127.0.0.1:11434";
  ollama.installed = spec.ollama != Ollama::absent;
  ollama.running = spec.ollama == Ollama::running;
  if (ollama.running)
    for (const auto& name : spec.models) {
      core::AiModel model;
      model.name = name;
      model.size_bytes = kModels.at(name).first;
      model.vision = kModels.at(name).second;
      model.capabilities = model.vision.value() ? std::vector<std::string>{"completion", "vision"}
                                                : std::vector<std::string>{"completion", "tools"};
      ollama.models.push_back(model);
    }
  facts.runtimes = {ollama};
  facts.cloud = core::CloudFacts{{spec.openai_key, "https://api.openai.com/v1", "gpt-4o"},
                                 {spec.deepseek_key, "https://api.deepseek.com", "deepseek-chat"}};
  if (spec.resolve != Resolve::absent) {
    core::ResolveFacts resolve;
    resolve.install_path = "/opt/resolve";
    resolve.version = "19.1.3";
    resolve.studio = spec.resolve == Resolve::studio;
    resolve.scripting_api = resolve.scripting_library = true;
    facts.resolve = resolve;
  }
  if (spec.slow_probes_pending) {
    facts.runtimes.clear();
    facts.probes.push_back({"ai-runtimes", core::ProbeState::pending, "still probing", {}});
    facts.probes.push_back({"ffmpeg", core::ProbeState::pending, "still probing", {}});
  }
  if (spec.ffmpeg && !spec.slow_probes_pending) {
    core::FfmpegFacts ffmpeg;
    ffmpeg.path = "/usr/bin/ffmpeg";
    ffmpeg.hardware_encoders = {"h264_nvenc"};
    ffmpeg.trials = {{"libx264", true, ""},
                     {"h264_nvenc", spec.nvenc_works, spec.nvenc_works ? "" : "Cannot load libcuda.so.1"}};
    facts.ffmpeg = ffmpeg;
  }
  return profile::build_profile(facts, {});
}

}  // namespace autocut::policy::testing
