// GPU detection as a user meets it, with the fake NVML standing in for the driver: faults cost the GPU section
// a reason, never the document.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "e2e/autocut_binary.hpp"
#include "support/recorded.hpp"
#include "support/replay_server.hpp"
#include "support/temp_dir.hpp"

namespace autocut::testing {
namespace {

nlohmann::json profile_with(const std::string& environment, const std::string& root) {
  const auto result = run_shell(environment + " " + autocut("profile --json --no-save --root " + shell_quote(root)));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return nlohmann::json::parse(result.out);
}

std::string fake(const std::string& scenario, const char* library = AUTOCUT_FAKE_NVML) {
  return "AUTOCUT_NVML_LIBRARY=" + shell_quote(library) + " AUTOCUT_FAKE_NVML_SCENARIO=" + scenario;
}

const std::string kVm = fixture_host("debian12-vm").string();

TEST(GpuCli, OneCardMakesTheOriginalGpuFieldAndTheClass) {
  const auto profile = profile_with(fake("one-card"), kVm);
  EXPECT_EQ(profile["profile_class"], "LOCAL_GPU_MID");
  EXPECT_EQ(profile["gpu"]["name"], "NVIDIA GeForce RTX 4060");
  EXPECT_EQ(profile["gpu"]["pci_address"], "0000:01:00.0");
  EXPECT_EQ(profile["gpu"]["memory_total_bytes"], 8188ull << 20);
  EXPECT_EQ(profile["gpu"]["compute_capability"], "8.9");
  EXPECT_EQ(profile["gpu"]["sources"], nlohmann::json::array({"nvml"}));
  EXPECT_EQ(profile["gpus"].size(), 1u);
  EXPECT_EQ(profile["probes"]["nvml"]["status"], "ok");
}

TEST(GpuCli, TwoCardsAreListedAndTheStrongerIsTheGpu) {
  const auto profile = profile_with(fake("two-cards"), kVm);
  EXPECT_EQ(profile["gpus"].size(), 2u);
  EXPECT_EQ(profile["gpu"]["name"], "NVIDIA GeForce RTX 4090");
  EXPECT_EQ(profile["profile_class"], "LOCAL_GPU_HIGH");
}

// NVML's first look runs in autocut-nvml-probe under a deadline: a driver that never answers holds the helper, which
// is killed, while profile and serve answer. The fake's "hang" scenario blocks in nvmlInit_v2 for good.
TEST(GpuCli, AHungDriverCostsTheDeadlineNotTheAnswer) {
  const std::string mark = "nvml-hang-" + std::to_string(::getpid());
  const auto hung = fake("hang") + " AUTOCUT_NVML_TIMEOUT_MS=400 AUTOCUT_TEST_MARK=" + mark;
  const auto started = std::chrono::steady_clock::now();
  const auto profile = profile_with(hung, kVm);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  EXPECT_EQ(profile["probes"]["nvml"]["status"], "failed");
  EXPECT_NE(profile["probes"]["nvml"]["detail"].get<std::string>().find("did not answer within 400 ms"),
            std::string::npos);
  EXPECT_EQ(profile["probes"]["cpu"]["status"], "ok");
  // The helper inherited the mark: no live process may still carry it.
  EXPECT_EQ(run_shell("sleep 0.2; grep -l " + mark + " /proc/[0-9]*/environ 2>/dev/null").out, "")
      << "the helper is not left behind";

  TempDir state;
  const auto out = shell_quote((state.path() / "out.txt").string());
  const auto served = run_shell(
      hung + " " +
      autocut("serve --quiet --listen 127.0.0.1:0 --env-file /dev/null --root " + shell_quote(kVm) + " --state-dir " +
              shell_quote(state.path().string())) +
      " > " + out + " 2>&1 & pid=$!; for i in $(seq 200); do grep -q 'serving on' " + out +
      " && break; sleep 0.05; done; PORT=$(sed -n 's/.*(port \\([0-9]*\\)).*/\\1/p' " + out +
      "); curl -s -o /dev/null -w '%{http_code}\\n' http://127.0.0.1:$PORT/api/runtime/status; kill -TERM $pid; "
      "wait $pid; echo serve=$?");
  EXPECT_NE(served.out.find("200\nserve=0"), std::string::npos) << served.out << read_text(state.path() / "out.txt");
}

// Without the helper (a program embedding detection, or a broken install) NVML is asked in this process.
TEST(GpuCli, WithoutTheHelperNvmlIsAskedInProcess) {
  const auto profile = profile_with(fake("one-card") + " AUTOCUT_NVML_HELPER=/nonexistent/autocut-nvml-probe", kVm);
  EXPECT_EQ(profile["probes"]["nvml"]["status"], "ok");
  EXPECT_EQ(profile["gpu"]["name"], "NVIDIA GeForce RTX 4060");
}

// libpci (with libudev and zlib) is loaded only to name a GPU no driver named; the dynamic loader says what it loads.
TEST(GpuCli, LibpciIsLoadedOnlyToNameAGpuNoDriverNamed) {
  const auto loads_libpci = [](const std::string& host, const std::string& environment = {}) {
    const auto result =
        run_shell(environment + " LD_DEBUG=files " +
                  autocut("profile --json --no-save --root " + shell_quote(fixture_host(host).string())) +
                  " 2>&1 >/dev/null | grep -c 'file=libpci'");
    return result.out != "0\n";
  };
  EXPECT_FALSE(loads_libpci("debian12-vm")) << "no GPU at all";
  EXPECT_FALSE(loads_libpci("container-nvml-no-pci", fake("one-card"))) << "every GPU named by its driver";
  EXPECT_TRUE(loads_libpci("pci-gpu-no-driver")) << "an A100 without its driver is named from pci.ids";
}

TEST(GpuCli, DriverNotLoadedIsAReasonAndTheRestStands) {
  const auto profile = profile_with(fake("driver-not-loaded"), kVm);
  EXPECT_EQ(profile["probes"]["nvml"]["status"], "failed");
  EXPECT_NE(profile["probes"]["nvml"]["detail"].get<std::string>().find("driver is not loaded"), std::string::npos);
  EXPECT_TRUE(profile["gpu"].is_null());
  EXPECT_EQ(profile["profile_class"], "LOCAL_CPU_ONLY");
  EXPECT_EQ(profile["probes"]["cpu"]["status"], "ok");
}

TEST(GpuCli, MissingLibraryIsAReason) {
  const auto profile = profile_with("AUTOCUT_NVML_LIBRARY=/nonexistent/libnvidia-ml.so.1", kVm);
  EXPECT_EQ(profile["probes"]["nvml"]["status"], "failed");
  EXPECT_NE(profile["probes"]["nvml"]["detail"].get<std::string>().find("/nonexistent/libnvidia-ml.so.1"),
            std::string::npos);
}

TEST(GpuCli, LibraryWithoutTheV2MemoryCallStillGivesMemory) {
  const auto profile = profile_with(fake("one-card", AUTOCUT_FAKE_NVML_NO_V2), kVm);
  EXPECT_EQ(profile["gpu"]["memory_total_bytes"], 8188ull << 20);
  EXPECT_EQ(profile["gpu"]["memory_used_bytes"], (612ull + 318) << 20) << "v1 counts the reservation as used";
}

TEST(GpuCli, UnifiedMemoryIsIntegratedAndBoundedBySystemMemory) {
  const auto profile = profile_with(fake("unified"), kVm);
  EXPECT_TRUE(profile["gpu"]["integrated"].get<bool>());
  EXPECT_EQ(profile["gpu"]["class_memory_bytes"], profile["memory"]["available_bytes"]);
}

TEST(GpuCli, ACapturedMachineIsNotDescribedByThisMachinesDriver) {
  const auto result = run_shell(autocut("profile --json --no-save --root " + shell_quote(kVm)));
  const auto profile = nlohmann::json::parse(result.out);
  EXPECT_EQ(profile["probes"]["nvml"]["status"], "absent");
  EXPECT_NE(profile["probes"]["nvml"]["detail"].get<std::string>().find("--root"), std::string::npos);
}

TEST(GpuCli, ReserveFlagChangesUsableMemory) {
  const auto small = profile_with(fake("one-card"), kVm);
  const auto result = run_shell(fake("one-card") + " " +
                                autocut("profile --json --no-save --gpu-reserve-mib 1024 --root " + shell_quote(kVm)));
  const auto large = nlohmann::json::parse(result.out);
  EXPECT_EQ(small["gpu"]["usable_bytes"].get<std::uint64_t>() - large["gpu"]["usable_bytes"].get<std::uint64_t>(),
            512ull << 20);
}

TEST(GpuCli, ExplanationNamesTheCardAndItsUsableMemory) {
  const auto result =
      run_shell(fake("one-card") + " " + autocut("profile --lang en --no-save --root " + shell_quote(kVm)));
  EXPECT_NE(
      result.out.find("- GPU: NVIDIA GeForce RTX 4060, 8 GiB (6.6 GiB usable, memory 272 GB/s), driver 550.54.14"),
      std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("LOCAL_GPU_MID"), std::string::npos) << result.out;
}

TEST(GpuCli, WithMigEachInstanceIsAGpuOfItsOwnAndAModelIsFittedOnOne) {
  const auto profile = profile_with(fake("mig"), kVm);
  const auto& a100 = profile["gpus"][0];
  EXPECT_EQ(a100["mig_enabled"], true);
  ASSERT_EQ(a100["mig_instances"].size(), 3u);
  EXPECT_EQ(a100["mig_instances"][0]["profile"], "3g.20gb");
  EXPECT_EQ(profile["profile_class"], "LOCAL_GPU_HIGH") << "the 20 GB instance, not the 40 GB card, sets the class";

  const auto text =
      run_shell(fake("mig") + " " + autocut("profile --lang en --no-save --root " + shell_quote(kVm))).out;
  EXPECT_NE(text.find("MIG on, each instance a GPU of its own: 3g.20gb"), std::string::npos) << text;

  // With Ollama asked (the recorded answers), llava goes on the 3g.20gb instance, by its own memory.
  ReplayServer ollama(ollama_recorded_routes());
  const auto result = run_shell(fake("mig") + " " +
                                autocut("policy --json --root " + shell_quote(kVm) + " --ollama-host " + ollama.url()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto vision = nlohmann::json::parse(result.out)["vision"];
  EXPECT_EQ(vision["backend"], "ollama-gpu");
  EXPECT_EQ(vision["model"], "llava:7b");
  EXPECT_EQ(vision["device"], "gpu 0000:41:00.0 mig 1/0");
  EXPECT_EQ(vision["fit"]["basis"], "metadata");
}

TEST(GpuCli, OpenEncoderSessionsAreReported) {
  const auto profile = profile_with(fake("encoding"), kVm);
  EXPECT_EQ(profile["gpu"]["encoder_sessions"], 2);
  EXPECT_EQ(profile["gpu"]["encoder_capacity_percent"], 64);
  EXPECT_EQ(profile["gpu"]["memory_bus_width_bits"], 128);
}

// The captured RX 7900 XTX's render node answered by the fake libdrm_amdgpu (tests/fake_amdgpu), as the driver would:
// GDDR6 on 384 bits at 1250 MHz. The iGPU's nodes were not captured, and that is said.
TEST(GpuCli, AnAmdBoardsBandwidthComesFromItsDriversDeviceInfo) {
  const std::string amd = fixture_host("amd-rx7900xtx").string();
  const auto environment = "AUTOCUT_AMDGPU_LIBRARY=" + shell_quote(AUTOCUT_FAKE_AMDGPU);
  const auto profile = profile_with(environment, amd);
  const auto& board = profile["gpu"];
  EXPECT_EQ(board["pci_address"], "0000:03:00.0");
  EXPECT_EQ(board["memory_type"], "GDDR6");
  EXPECT_EQ(board["memory_transfers_per_clock"], 16);
  EXPECT_EQ(board["memory_bandwidth_bytes_per_s"], 960000000000ll);
  const auto detail = profile["probes"]["amdgpu"]["detail"].get<std::string>();
  EXPECT_NE(detail.find("0000:10:00.0: no render node, memory bandwidth unknown"), std::string::npos) << detail;

  // Without the recorded library a captured machine's boards are not asked: no bandwidth, and no word against it.
  const auto unasked = profile_with("", amd);
  EXPECT_TRUE(unasked["gpu"]["memory_bandwidth_bytes_per_s"].is_null());
  EXPECT_EQ(unasked["probes"]["amdgpu"]["detail"], "2 AMD GPUs through amdgpu sysfs");

  const auto text =
      run_shell(environment + " " + autocut("profile --lang en --no-save --root " + shell_quote(amd))).out;
  EXPECT_NE(text.find("24 GiB (22.4 GiB usable, GDDR6 memory 960 GB/s)"), std::string::npos) << text;

  // The policy's estimate of a model's speed now has a bandwidth to stand on.
  ReplayServer ollama(ollama_recorded_routes());
  const auto result = run_shell(environment + " " +
                                autocut("policy --json --root " + shell_quote(amd) + " --ollama-host " + ollama.url()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto vision = nlohmann::json::parse(result.out)["vision"];
  EXPECT_EQ(vision["device"], "gpu 0000:03:00.0") << vision.dump();
  EXPECT_GT(vision["fit"]["tokens_per_second_estimate"].get<double>(), 0) << vision.dump();
}

}  // namespace
}  // namespace autocut::testing
