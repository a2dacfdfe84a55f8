#include "detect/detect_all.hpp"

#include <array>
#include <chrono>
#include <exception>
#include <string_view>

#include "detect/probe.hpp"
#include "detect/slow_probes.hpp"

namespace autocut::detect {
namespace {

struct RegisteredProbe {
  std::string_view name;
  ProbeFunction run;
};

// The one list of probes. Order is the order of the document and of the explanation.
constexpr std::array<RegisteredProbe, 14> kProbes{{
    {"os", &probe_os},
    {"cpu", &probe_cpu},
    {"memory", &probe_memory},
    {"cgroup", &probe_cgroup},
    {"pressure", &probe_pressure},
    {"gpu-pci", &probe_pci_gpus},
    {"nvml", &probe_nvml},
    {"amdgpu", &probe_amdgpu},
    {"intel-gpu", &probe_intel_gpu},
    {"gpu-names", &probe_gpu_names},
    {"ai-runtimes", &probe_ai_runtimes},
    {"cloud", &probe_cloud},
    {"resolve", &probe_resolve},
    {"ffmpeg", &probe_ffmpeg},
}};

}  // namespace

core::HostFacts detect_all(const sys::HostRoot& root, const DetectOptions& given) {
  core::HostFacts facts;
  facts.captured = !root.is_live();
  // A captured machine brings its programs' and servers' recorded answers, if it was captured with them.
  DetectOptions options = given;
  if (facts.captured && !options.answers)
    options.answers = CapturedAnswers{CapturedAnswers::Mode::replay, root.root() / kAnswersDirectory};
  auto slow = options.slow_probes ? start_slow_probes(root, options) : SlowProbes{};
  const ProbeContext context{root, options, &slow};
  for (const auto& probe : kProbes) {
    if (!options.slow_probes && (probe.name == "ai-runtimes" || probe.name == "ffmpeg")) {
      facts.probes.push_back({std::string(probe.name), core::ProbeState::pending, "still probing", {}});
      continue;
    }
    facts.probes.push_back(run_probe(probe.name, [&] { return probe.run(context, facts); }));
  }
  return facts;
}

}  // namespace autocut::detect
