// The live Windows host under Wine: each answer against what Wine's own APIs say, a fake nvml.dll (the test tree's
// ABI-level fake NVML, built as a DLL in a folder of its own) standing for NVIDIA's driver, files and processes the
// test makes, and a recording of the live machine that replays to the same facts. Wine has no GPU without a display, so
// DXGI answers nothing here and the DXGI side is tested from recordings (detect_windows_test.cpp).
#include "sys/windows/live_host.hpp"

#include <gtest/gtest.h>
#include <windows.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "detect/windows/detect_windows.hpp"
#include "support/temp_dir.hpp"
#include "sys/windows/recording.hpp"

namespace autocut::sys::windows {
namespace {

std::string program_folder() {
  wchar_t path[MAX_PATH];
  const DWORD length = GetModuleFileNameW(nullptr, path, MAX_PATH);
  return std::filesystem::path(std::wstring(path, length)).parent_path().string();
}

TEST(LiveHost, CountsWhatWineReports) {
  LiveHost host;
  const auto topology = host.processor_topology();
  ASSERT_TRUE(topology);
  int threads = 0;
  for (const auto& core : topology->cores) threads += static_cast<int>(core.processors.size());
  EXPECT_EQ(threads, static_cast<int>(GetActiveProcessorCount(ALL_PROCESSOR_GROUPS)));
  EXPECT_EQ(threads, static_cast<int>(std::thread::hardware_concurrency()));
  EXPECT_GE(topology->packages, 1);

  MEMORYSTATUSEX status{};
  status.dwLength = sizeof status;
  ASSERT_TRUE(GlobalMemoryStatusEx(&status));
  const auto memory = host.memory_status();
  ASSERT_TRUE(memory);
  EXPECT_EQ(memory->total_physical, status.ullTotalPhys);

  const auto version = host.os_version();
  ASSERT_TRUE(version);
  EXPECT_EQ(version->major, 10u) << "the prefix is set to Windows 10 (scripts/wine-run)";
  EXPECT_EQ(host.process_affinity().size(), static_cast<std::size_t>(threads));
}

TEST(LiveHost, OutsideAJobObjectThereAreNoJobLimits) {
  BOOL in_job = TRUE;
  ASSERT_TRUE(IsProcessInJob(GetCurrentProcess(), nullptr, &in_job));
  if (in_job) GTEST_SKIP() << "this test process was started inside a job object";
  EXPECT_FALSE(LiveHost().job_limits());
}

// The process puts itself in a job with limits, as a service host would start it, and reads them back as the job's
// own handle reports them (Wine 8 keeps no job limits and reports none either way; Windows reports the 3 GiB). ctest
// runs each test in a process of its own, so the job ends with this test.
TEST(LiveHost, ReadsTheLimitsOfTheJobObjectItRunsIn) {
  HANDLE job = CreateJobObjectW(nullptr, nullptr);
  ASSERT_TRUE(job);
  JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits{};
  limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_JOB_MEMORY;
  limits.JobMemoryLimit = 3ull << 30;
  ASSERT_TRUE(SetInformationJobObject(job, JobObjectExtendedLimitInformation, &limits, sizeof limits));
  ASSERT_TRUE(AssignProcessToJobObject(job, GetCurrentProcess()));
  const auto read = LiveHost().job_limits();
  ASSERT_TRUE(read) << "IsProcessInJob says this process is in a job";
  JOBOBJECT_EXTENDED_LIMIT_INFORMATION reported{};
  ASSERT_TRUE(QueryInformationJobObject(job, JobObjectExtendedLimitInformation, &reported, sizeof reported, nullptr));
  const bool has_limit = reported.BasicLimitInformation.LimitFlags & JOB_OBJECT_LIMIT_JOB_MEMORY;
  EXPECT_EQ(read->job_memory_bytes,
            has_limit ? std::optional<std::uint64_t>(reported.JobMemoryLimit) : std::optional<std::uint64_t>());
  EXPECT_FALSE(read->process_memory_bytes);
  CloseHandle(job);
}

TEST(LiveHost, ReadsCpuidAndTheRegistry) {
  LiveHost host;
  const auto cpuid = host.cpuid();
  ASSERT_TRUE(cpuid);
  EXPECT_TRUE(cpuid->vendor == "GenuineIntel" || cpuid->vendor == "AuthenticAMD") << cpuid->vendor;
  EXPECT_TRUE(host.registry_value("HARDWARE\\DESCRIPTION\\System\\CentralProcessor\\0", "ProcessorNameString"));
  EXPECT_FALSE(host.registry_value("SOFTWARE\\No Such Vendor", "Nothing"));
}

TEST(LiveHost, SeesFilesEnvironmentAndItsOwnProcess) {
  LiveHost host;
  testing::TempDir dir;
  const auto file = dir.write("Resolve.exe", "MZ");
  EXPECT_TRUE(host.file_exists(file.string()));
  EXPECT_FALSE(host.file_exists((dir.path() / "missing.exe").string()));
  EXPECT_FALSE(host.file_exists(dir.path().string())) << "a folder is no file";
  SetEnvironmentVariableW(L"AUTOCUT_TEST_VALUE", L"测试");
  EXPECT_EQ(host.environment("AUTOCUT_TEST_VALUE"), "测试") << "UTF-16 across the API, UTF-8 inside";
  const auto processes = host.process_names();
  EXPECT_NE(std::find(processes.begin(), processes.end(), "windows_tests.exe"), processes.end());
}

TEST(LiveHost, TheFakeNvmlBesideTheProgramGivesItsCards) {
  // Through the C runtime's copy of the environment, which the fake reads with getenv.
  _putenv_s("AUTOCUT_FAKE_NVML_SCENARIO", "two-cards");
  LiveHost host(program_folder() + "\\..\\fake-nvml\\nvml.dll");
  const auto nvml = host.nvml();
  ASSERT_TRUE(nvml.loaded) << nvml.problem;
  ASSERT_EQ(nvml.devices.size(), 2u);
  EXPECT_EQ(nvml.devices[0].name, "NVIDIA GeForce RTX 4090");
  EXPECT_TRUE(nvml.devices[0].memory_total);
  EXPECT_EQ(nvml.devices[0].memory_bus_width_bits, 384);
  EXPECT_EQ(nvml.devices[0].memory_clock_max_mhz, 10501);
  EXPECT_EQ(nvml.devices[0].encoder_sessions, 0);
  const auto facts = detect::windows::detect_windows(host, {}, false);
  EXPECT_EQ(facts.gpus.size(), 2u) << "NVML's cards, with no display adapter under Wine";
}

TEST(LiveHost, WithoutNvmlTheProblemIsSaid) {
  LiveHost host(program_folder() + "\\no-such-nvml.dll");
  const auto nvml = host.nvml();
  EXPECT_FALSE(nvml.loaded);
  EXPECT_NE(nvml.problem.find("no-such-nvml.dll"), std::string::npos) << nvml.problem;
}

TEST(LiveHost, ARecordingOfThisMachineReplaysToTheSameFacts) {
  LiveHost live;
  RecordingHost recorder(live);
  const auto measured = detect::windows::detect_windows(recorder, {}, false);
  auto loaded = recording_from_json(recording_to_json(recorder.recording()));
  ASSERT_TRUE(loaded.recording) << loaded.error;
  ReplayHost replay(std::move(*loaded.recording));
  const auto replayed = detect::windows::detect_windows(replay, {}, true);
  ASSERT_TRUE(measured.cpu && replayed.cpu && measured.memory && replayed.memory);
  EXPECT_EQ(replayed.cpu->threads, measured.cpu->threads);
  EXPECT_EQ(replayed.cpu->cores, measured.cpu->cores);
  EXPECT_EQ(replayed.cpu->isa, measured.cpu->isa);
  EXPECT_EQ(replayed.memory->total_bytes, measured.memory->total_bytes);
  EXPECT_EQ(replayed.os->distribution, measured.os->distribution);
  EXPECT_EQ(replayed.gpus.size(), measured.gpus.size());
}

}  // namespace
}  // namespace autocut::sys::windows
