// Windows detection natively: the probes' pure parts over the replay host, from a recording made from the documented
// formats of each call (tests/fixtures/windows/README.md). The same probes run over the live host under Wine.
#include "detect/windows/detect_windows.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/json_mapping.hpp"
#include "detect/windows/cpu_isa.hpp"
#include "policy/policy_text.hpp"
#include "policy/resolve.hpp"
#include "profile/build_profile.hpp"
#include "profile/explain_profile.hpp"
#include "profile/load_profile.hpp"
#include "support/temp_dir.hpp"
#include "sys/windows/recording.hpp"

namespace autocut::detect::windows {
namespace {

using json = nlohmann::ordered_json;
using sys::windows::Cpuid;
using sys::windows::Recording;

const std::string kOriginal = std::string(AUTOCUT_WINDOWS_FIXTURES) + "/original-workstation-rtx4090.json";

json read_json(const std::string& path) {
  std::ifstream in(path);
  return json::parse(in);
}

Recording recording(const std::string& path = kOriginal) {
  auto loaded = sys::windows::recording_from_json(read_json(path));
  EXPECT_TRUE(loaded.recording) << loaded.error;
  return *loaded.recording;
}

core::HostFacts replayed(Recording answers, const DetectOptions& options = {}) {
  sys::windows::ReplayHost host(std::move(answers));
  return detect_windows(host, options, true);
}

const core::ProbeStatus& probe(const core::HostFacts& facts, const std::string& name) {
  for (const auto& status : facts.probes)
    if (status.name == name) return status;
  throw std::runtime_error("no probe " + name);
}

struct IsaCase {
  const char* machine;
  Cpuid cpuid;
  std::vector<std::string> isa;
};

class IsaFromCpuid : public ::testing::TestWithParam<IsaCase> {};

TEST_P(IsaFromCpuid, NamesWhatTheCpuHasAndTheSystemSaves) {
  EXPECT_EQ(isa_from_cpuid(GetParam().cpuid), GetParam().isa);
}

constexpr std::uint32_t kAvxFmaF16cOsxsave = (1U << 12) | (1U << 27) | (1U << 28) | (1U << 29);
constexpr std::uint32_t kAvx512FBwVl = (1U << 16) | (1U << 30) | (1U << 31);

INSTANTIATE_TEST_SUITE_P(
    Machines, IsaFromCpuid,
    ::testing::Values(IsaCase{"hybrid desktop: AVX-VNNI, no AVX-512",
                              {"GenuineIntel", kAvxFmaF16cOsxsave, 1U << 5, 0, 0, 1U << 4, 0x7},
                              {"avx", "avx2", "fma", "f16c", "avx_vnni"}},
                      IsaCase{"server with AVX-512 and AMX, all state saved",
                              {"GenuineIntel", kAvxFmaF16cOsxsave, (1U << 5) | kAvx512FBwVl, 1U << 11,
                               (1U << 22) | (1U << 23) | (1U << 24) | (1U << 25), (1U << 4) | (1U << 5), 0x602e7},
                              {"avx", "avx2", "fma", "f16c", "avx_vnni", "avx512f", "avx512bw", "avx512vl",
                               "avx512_vnni", "avx512_bf16", "avx512_fp16", "amx_tile", "amx_bf16", "amx_int8"}},
                      IsaCase{"AVX-512 in the CPU but ZMM state not saved by the system",
                              {"GenuineIntel", kAvxFmaF16cOsxsave, (1U << 5) | kAvx512FBwVl, 1U << 11, 0, 0, 0x7},
                              {"avx", "avx2", "fma", "f16c"}},
                      IsaCase{"AVX in the CPU, XSAVE off",
                              {"AuthenticAMD", (1U << 12) | (1U << 28) | (1U << 29), 1U << 5, 0, 0, 0, 0},
                              {}}));

TEST(DetectWindows, TheOriginalsWorkstationFromItsRecording) {
  const auto facts = replayed(recording());
  ASSERT_TRUE(facts.cpu);
  EXPECT_EQ(facts.cpu->model, "13th Gen Intel(R) Core(TM) i7-13700K");
  EXPECT_EQ(facts.cpu->vendor, "GenuineIntel");
  EXPECT_EQ(facts.cpu->architecture, "x86_64");
  EXPECT_EQ(facts.cpu->cores, 16);
  EXPECT_EQ(facts.cpu->threads, 24);
  EXPECT_EQ(facts.cpu->performance_cores, 8);
  EXPECT_EQ(facts.cpu->efficiency_cores, 8);
  EXPECT_EQ(facts.cpu->sockets, 1);
  EXPECT_EQ(facts.cpu->isa, (std::vector<std::string>{"avx", "avx2", "fma", "f16c", "avx_vnni"}));
  EXPECT_FALSE(facts.cpu->hypervisor);
  EXPECT_EQ(facts.cpu->allowed_cpus.size(), 24u);

  ASSERT_TRUE(facts.memory);
  EXPECT_EQ(facts.memory->total_bytes, 34144990003u);
  EXPECT_EQ(facts.memory->available_bytes, 18253611008u);
  EXPECT_EQ(facts.memory->swap_total_bytes, 39513699123u - 34144990003u);

  ASSERT_TRUE(facts.os);
  EXPECT_EQ(facts.os->distribution, "Windows 11 Pro 23H2") << "build 22631 is Windows 11 whatever ProductName says";
  EXPECT_EQ(facts.os->kernel, "Windows NT 10.0.22631");

  ASSERT_EQ(facts.gpus.size(), 2u) << "the Basic Render Driver is no GPU";
  const auto& rtx = facts.gpus[0];
  EXPECT_EQ(rtx.pci_address, "0000:01:00.0");
  EXPECT_EQ(rtx.vendor, core::GpuVendor::nvidia);
  EXPECT_EQ(rtx.sources, (std::vector<std::string>{"dxgi", "nvml"}));
  EXPECT_EQ(rtx.memory_total_bytes, 25757220864u) << "NVML's figure for the card, not DXGI's";
  EXPECT_EQ(rtx.memory_bus_width_bits, 384);
  EXPECT_NEAR(rtx.memory_bandwidth().value_or(0), 1008e9, 1e9);
  EXPECT_EQ(rtx.encoder_sessions, 1);
  EXPECT_EQ(rtx.encoder_capacity_percent, 81);
  EXPECT_EQ(rtx.memory_used_bytes, 1932735283u);
  EXPECT_EQ(rtx.compute_capability, "8.9");
  EXPECT_EQ(rtx.driver_version, "560.94");
  EXPECT_FALSE(rtx.integrated);
  const auto& igpu = facts.gpus[1];
  EXPECT_EQ(igpu.vendor, core::GpuVendor::intel);
  EXPECT_TRUE(igpu.integrated) << "128 MiB carved out, the rest shared";
  EXPECT_EQ(igpu.sources, std::vector<std::string>{"dxgi"});

  ASSERT_TRUE(facts.resolve);
  EXPECT_EQ(facts.resolve->version, "19.0.3");
  EXPECT_EQ(facts.resolve->studio, true);
  EXPECT_TRUE(facts.resolve->scripting_api);
  EXPECT_TRUE(facts.resolve->scripting_library);
  EXPECT_TRUE(facts.resolve->running);
  EXPECT_TRUE(facts.resolve->scriptable());

  EXPECT_TRUE(facts.captured);
  EXPECT_EQ(probe(facts, "ai-runtimes").state, core::ProbeState::absent);
  for (const char* name : {"os", "cpu", "memory", "gpu-dxgi", "resolve"})
    EXPECT_EQ(probe(facts, name).state, core::ProbeState::ok) << name << ": " << probe(facts, name).detail;
}

TEST(DetectWindows, TheOriginalsWorkstationIsLocalGpuHigh) {
  const auto profile = profile::build_profile(replayed(recording()), std::chrono::system_clock::now());
  EXPECT_EQ(profile.profile_class, core::Level::local_gpu_high);
  ASSERT_TRUE(profile.best_gpu);
  EXPECT_EQ(profile.facts.gpus[*profile.best_gpu].name, "NVIDIA GeForce RTX 4090");
  EXPECT_EQ(profile.cpu_tier, core::CpuTier::ultra);
}

TEST(DetectWindows, WithoutDxgiOrNvmlThereIsNoGpuAndTheProbeSaysWhy) {
  auto answers = recording();
  answers.dxgi_adapters.reset();
  answers.nvml = {false, "nvml.dll not found", std::nullopt, {}};
  const auto facts = replayed(answers);
  EXPECT_TRUE(facts.gpus.empty());
  EXPECT_EQ(probe(facts, "gpu-dxgi").state, core::ProbeState::failed);
  EXPECT_NE(probe(facts, "gpu-dxgi").detail.find("no display"), std::string::npos);
  EXPECT_NE(probe(facts, "gpu-dxgi").detail.find("nvml.dll not found"), std::string::npos);
}

TEST(DetectWindows, ADeviceOnlyNvmlKnowsIsStillListed) {
  auto answers = recording();
  answers.dxgi_adapters->erase(answers.dxgi_adapters->begin());  // a card in TCC mode has no display adapter
  const auto facts = replayed(answers);
  ASSERT_EQ(facts.gpus.size(), 2u);
  EXPECT_EQ(facts.gpus[1].pci_address, "0000:01:00.0");
  EXPECT_EQ(facts.gpus[1].sources, std::vector<std::string>{"nvml"});
}

TEST(DetectWindows, FreeResolveNotRunningIsNotScriptable) {
  auto answers = recording();
  answers.file_versions.begin()->second.product_name = "DaVinci Resolve";
  answers.process_names = {"explorer.exe"};
  const auto facts = replayed(answers);
  ASSERT_TRUE(facts.resolve);
  EXPECT_EQ(facts.resolve->studio, false);
  EXPECT_FALSE(facts.resolve->running);
  EXPECT_FALSE(facts.resolve->scriptable());
  answers.files.clear();
  EXPECT_FALSE(replayed(answers).resolve);
}

// The local AI servers as this machine would answer (the HTTP conversation itself is tested against recorded
// responses in local_runtimes_test and under Wine); here, what the Windows probe makes of the answers.
std::vector<core::AiRuntime> ollama_answering(bool running) {
  core::AiRuntime ollama;
  ollama.url = "http://127.0.0.1:11434";
  ollama.running = running;
  if (running) {
    ollama.version = "0.5.7";
    ollama.models.push_back({"moondream:latest"});
    ollama.models.back().vision = true;
  } else {
    ollama.problem = "nothing listens on 127.0.0.1:11434";
  }
  return {ollama};
}

bool suggested(const core::RuntimeProfile& profile, const std::string& code) {
  const auto policy = policy::resolve(profile, {}, profile.profile_class);
  return std::any_of(policy.suggestions.begin(), policy.suggestions.end(),
                     [&code](const policy::Note& note) { return note.code == code; });
}

TEST(DetectWindows, AWindowsMachineWithoutAnEditorIsToldTheWindowsWayToGetFfmpeg) {
  auto answers = recording();
  answers.files.clear();  // no Resolve, and no ffmpeg.exe along PATH
  sys::windows::ReplayHost host(answers);
  const auto profile = profile::build_profile(detect_windows(host, {}, false), {});
  EXPECT_TRUE(suggested(profile, "install_ffmpeg_windows"));
  EXPECT_FALSE(suggested(profile, "install_ffmpeg"));
  EXPECT_NE(policy::sentence({"install_ffmpeg_windows", {}}, core::Language::en).find("winget install Gyan.FFmpeg"),
            std::string::npos);
}

TEST(DetectWindows, ARunningOllamaIsAskedLikeOnLinux) {
  sys::windows::ReplayHost host(recording());
  const auto facts = detect_windows(host, {}, false, {[] { return ollama_answering(true); }, {}});
  ASSERT_EQ(facts.runtimes.size(), 1u);
  EXPECT_TRUE(facts.runtimes[0].installed);
  EXPECT_EQ(probe(facts, "ai-runtimes").state, core::ProbeState::ok);
  EXPECT_NE(probe(facts, "ai-runtimes").detail.find("ollama 0.5.7 (1 model, 1 with vision)"), std::string::npos)
      << probe(facts, "ai-runtimes").detail;
}

TEST(DetectWindows, OllamaInItsPerUserInstallFolderIsInstalledButNotRunning) {
  auto answers = recording();
  answers.environment["LOCALAPPDATA"] = "C:\\Users\\editor\\AppData\\Local";
  answers.files["C:\\Users\\editor\\AppData\\Local\\Programs\\Ollama\\ollama.exe"] = true;
  sys::windows::ReplayHost host(answers);
  const auto facts = detect_windows(host, {}, false, {[] { return ollama_answering(false); }, {}});
  ASSERT_EQ(facts.runtimes.size(), 1u);
  EXPECT_TRUE(facts.runtimes[0].installed);
  EXPECT_EQ(probe(facts, "ai-runtimes").state, core::ProbeState::absent);
  EXPECT_NE(probe(facts, "ai-runtimes").detail.find("Ollama is installed but not running"), std::string::npos);
  EXPECT_TRUE(suggested(profile::build_profile(facts, {}), "start_ollama"));
}

TEST(DetectWindows, OllamaOnPathIsInstalledAndNowhereIsNot) {
  auto answers = recording();
  answers.environment["PATH"] = "C:\\Windows\\system32;D:\\Tools\\Ollama\\";
  answers.files["D:\\Tools\\Ollama\\ollama.exe"] = true;
  sys::windows::ReplayHost on_path(answers);
  EXPECT_TRUE(detect_windows(on_path, {}, false, {[] { return ollama_answering(false); }, {}}).runtimes[0].installed);

  sys::windows::ReplayHost nowhere(recording());
  const auto facts = detect_windows(nowhere, {}, false, {[] { return ollama_answering(false); }, {}});
  EXPECT_FALSE(facts.runtimes[0].installed);
  EXPECT_TRUE(suggested(profile::build_profile(facts, {}), "install_ollama"));
}

TEST(DetectWindows, FfmpegAlongPathIsRunAndItsTrialsDecideEditing) {
  auto answers = recording();
  answers.files.clear();  // no Resolve
  answers.environment["PATH"] = "C:\\Windows\\system32;C:\\ffmpeg\\bin";
  answers.files["C:\\ffmpeg\\bin\\ffmpeg.exe"] = true;
  sys::windows::ReplayHost host(answers);
  std::string ran;
  LocalPrograms programs;
  programs.ffmpeg = [&ran](const std::string& ffmpeg) {
    ran = ffmpeg;
    core::FfmpegFacts facts;
    facts.path = ffmpeg;
    facts.version = "7.1";
    facts.hardware_encoders = {"h264_nvenc"};
    facts.trials = {{"h264_nvenc", true, {}}, {"libx264", true, {}}};
    return FfmpegDetection{facts, {}};
  };
  const auto facts = detect_windows(host, {}, false, programs);
  EXPECT_EQ(ran, "C:\\ffmpeg\\bin\\ffmpeg.exe");
  EXPECT_EQ(probe(facts, "ffmpeg").state, core::ProbeState::ok);
  EXPECT_NE(probe(facts, "ffmpeg").detail.find("working encoders: h264_nvenc, libx264"), std::string::npos);
  const auto profile = profile::build_profile(facts, {});
  EXPECT_EQ(policy::resolve(profile, {}, profile.profile_class).editing.backend, policy::Backend::ffmpeg_hardware);
}

TEST(DetectWindows, AnFfmpegThatCannotBeUsedSaysWhy) {
  auto answers = recording();
  answers.environment["PATH"] = "C:\\ffmpeg\\bin\\";
  answers.files["C:\\ffmpeg\\bin\\ffmpeg.exe"] = true;
  sys::windows::ReplayHost host(answers);
  LocalPrograms programs;
  programs.ffmpeg = [](const std::string& ffmpeg) {
    return FfmpegDetection{std::nullopt, ffmpeg + " did not answer within 5000 ms"};
  };
  const auto facts = detect_windows(host, {}, false, programs);
  EXPECT_EQ(probe(facts, "ffmpeg").state, core::ProbeState::failed);
  EXPECT_EQ(probe(facts, "ffmpeg").detail, "C:\\ffmpeg\\bin\\ffmpeg.exe did not answer within 5000 ms");
  EXPECT_FALSE(facts.ffmpeg);
}

TEST(DetectWindows, ARecordingsAiServersAreNeverAsked) {
  sys::windows::ReplayHost host(recording());
  bool asked = false;
  const auto facts = detect_windows(host, {}, true,
                                    {[&asked] {
                                       asked = true;
                                       return ollama_answering(true);
                                     },
                                     {}});
  EXPECT_FALSE(asked);
  EXPECT_TRUE(facts.runtimes.empty());
  EXPECT_EQ(probe(facts, "ai-runtimes").state, core::ProbeState::absent);
}

TEST(DetectWindows, AJobObjectsLimitsAreTheContainerLimits) {
  auto answers = recording();
  // A service host's job: 8 GiB for the job, 12 GiB per process (the tighter counts), a hard cap of 25 % of the
  // machine's processors — 6 of the 24 threads.
  answers.job_limits = sys::windows::JobLimits{8ull << 30, 12ull << 30, 25.0};
  const auto profile = profile::build_profile(replayed(answers), {});
  ASSERT_TRUE(profile.facts.cgroup);
  EXPECT_TRUE(profile.facts.cgroup->job_object);
  EXPECT_EQ(profile.facts.cgroup->memory_limit_bytes, 8ull << 30);
  EXPECT_EQ(profile.effective.cpus, 6.0);
  EXPECT_TRUE(profile.effective.cpus_limited_by_container);
  EXPECT_EQ(profile.effective.memory_total_bytes, 8ull << 30);
  EXPECT_TRUE(profile.effective.memory_limited_by_container);
  EXPECT_EQ(probe(profile.facts, "job-object").state, core::ProbeState::ok);

  const auto text = profile::explain_profile(profile, core::Language::en);
  EXPECT_NE(text.find("Container: job object, memory ≤ 8"), std::string::npos) << text;
  EXPECT_NE(profile::explain_profile(profile, core::Language::zh).find("作业对象"), std::string::npos);
  const auto document = core::profile_to_json(profile);
  EXPECT_EQ(document["container"]["limits_from"], "job-object");
  EXPECT_TRUE(document["container"]["cgroup_version"].is_null());
  // Saved and read back, it is still a job object's limit, and decides the same.
  const auto loaded = profile::profile_from_document(document);
  ASSERT_TRUE(loaded.profile) << loaded.error;
  EXPECT_TRUE(loaded.profile->facts.cgroup->job_object);
  EXPECT_EQ(loaded.profile->effective.cpus, 6.0);
}

TEST(DetectWindows, PressureIsSaidToBeAbsentNotLeftOut) {
  const auto facts = replayed(recording());
  EXPECT_FALSE(facts.pressure);
  EXPECT_EQ(probe(facts, "pressure").state, core::ProbeState::absent);
  EXPECT_NE(probe(facts, "pressure").detail.find("no pressure stall information"), std::string::npos);
}

TEST(DetectWindows, OutsideAJobObjectThereIsNoContainerLimit) {
  const auto facts = replayed(recording());
  EXPECT_FALSE(facts.cgroup);
  EXPECT_EQ(probe(facts, "job-object").state, core::ProbeState::absent);
}

TEST(Recording, ReadsBackWhatItWrote) {
  // Compared without the order of keys: the registry, files and environment are written sorted.
  const auto unordered = [](const json& document) { return nlohmann::json::parse(document.dump()); };
  EXPECT_EQ(unordered(sys::windows::recording_to_json(recording())), unordered(read_json(kOriginal)));
}

TEST(Recording, DetectionThroughTheRecorderRecordsWhatItAsked) {
  sys::windows::ReplayHost original(recording());
  sys::windows::RecordingHost recorder(original);
  const auto first = detect_windows(recorder, {}, true);
  const auto again = replayed(recorder.recording());
  EXPECT_EQ(again.cpu->threads, first.cpu->threads);
  EXPECT_EQ(again.gpus.size(), first.gpus.size());
  EXPECT_EQ(again.resolve->version, first.resolve->version);
  EXPECT_EQ(recorder.recording().files.size(), 3u) << "only the files detection looked for";
}

TEST(Recording, AFileThatIsNotOneNamesTheField) {
  testing::TempDir dir;
  auto document = read_json(kOriginal);
  document["processor_topology"]["cores"][3]["processors"] = "0-1";
  const auto bad = dir.write("bad.json", document.dump());
  const auto facts = detect_recorded_windows(bad.string(), {});
  ASSERT_EQ(facts.probes.size(), 1u);
  EXPECT_EQ(facts.probes[0].state, core::ProbeState::failed);
  EXPECT_NE(facts.probes[0].detail.find("\"processor_topology.cores[3].processors\" is not a list of numbers"),
            std::string::npos)
      << facts.probes[0].detail;
  const auto foreign = dir.write("foreign.json", R"({"hello": 1})");
  EXPECT_NE(detect_recorded_windows(foreign.string(), {}).probes[0].detail.find("format"), std::string::npos);
}

}  // namespace
}  // namespace autocut::detect::windows
