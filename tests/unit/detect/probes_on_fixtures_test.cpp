// Each probe against captured machines in tests/fixtures/hosts: the behaviour each fixture exists to show.
#include <gtest/gtest.h>

#include "detect/detect_all.hpp"
#include "support/temp_dir.hpp"

namespace autocut::detect {
namespace {

core::HostFacts detect_fixture(const std::string& name) {
  return detect_all(sys::HostRoot(std::filesystem::path(AUTOCUT_FIXTURE_HOSTS) / name));
}

const core::ProbeStatus& status_of(const core::HostFacts& facts, std::string_view name) {
  for (const auto& probe : facts.probes)
    if (probe.name == name) return probe;
  throw std::runtime_error("no probe named " + std::string(name));
}

TEST(ProbesOnFixtures, EveryProbeReportsInTheRegisteredOrder) {
  const auto facts = detect_fixture("debian12-vm");
  std::vector<std::string> names;
  for (const auto& probe : facts.probes) names.push_back(probe.name);
  EXPECT_EQ(names, (std::vector<std::string>{"os", "cpu", "memory", "cgroup", "pressure", "gpu-pci", "nvml", "amdgpu",
                                             "intel-gpu", "gpu-names", "ai-runtimes", "cloud", "resolve", "ffmpeg"}));
  // This VM has no GPU; runtimes are not asked about a captured machine; no cloud key is configured here.
  const std::vector<std::string> host_probes{"os", "cpu", "memory", "cgroup", "pressure"};
  for (const auto& probe : facts.probes) {
    const bool host = std::find(host_probes.begin(), host_probes.end(), probe.name) != host_probes.end();
    EXPECT_EQ(probe.state, host ? core::ProbeState::ok : core::ProbeState::absent)
        << probe.name << ": " << probe.detail;
  }
}

TEST(ProbesOnFixtures, HybridCpuSplitsPerformanceAndEfficiencyCores) {
  const auto facts = detect_fixture("intel-hybrid-13900k");
  ASSERT_TRUE(facts.cpu);
  EXPECT_EQ(facts.cpu->threads, 32);
  EXPECT_EQ(facts.cpu->cores, 24);
  EXPECT_EQ(facts.cpu->performance_cores, 8);
  EXPECT_EQ(facts.cpu->efficiency_cores, 16);
  EXPECT_EQ(facts.cpu->max_mhz, 5800.0);
  EXPECT_NE(std::find(facts.cpu->isa.begin(), facts.cpu->isa.end(), "avx_vnni"), facts.cpu->isa.end());
  EXPECT_FALSE(facts.cpu->hypervisor);
}

TEST(ProbesOnFixtures, NonHybridCpuHasNoCoreTypeSplit) {
  const auto facts = detect_fixture("docker-cgroup2-limited");
  ASSERT_TRUE(facts.cpu);
  EXPECT_FALSE(facts.cpu->performance_cores);
  EXPECT_FALSE(facts.cpu->efficiency_cores);
}

TEST(ProbesOnFixtures, CgroupV2ContainerLimitsAreRead) {
  const auto facts = detect_fixture("docker-cgroup2-limited");
  ASSERT_TRUE(facts.cgroup);
  EXPECT_EQ(facts.cgroup->version, 2);
  EXPECT_EQ(facts.cgroup->memory_limit_bytes, 4294967296u);
  ASSERT_TRUE(facts.cgroup->cpu_quota);
  EXPECT_EQ(facts.cgroup->cpu_quota->quota_us, 150000u);
  EXPECT_EQ(facts.cgroup->cpu_quota->period_us, 100000u);
  ASSERT_TRUE(facts.cgroup->memory_working_set_bytes);
  EXPECT_LT(*facts.cgroup->memory_working_set_bytes, 4294967296u);
  ASSERT_TRUE(facts.os);
  EXPECT_EQ(facts.os->container, "docker");
}

TEST(ProbesOnFixtures, CgroupV1ContainerWithoutNamespaceIsReadAtTheMount) {
  const auto facts = detect_fixture("docker-cgroup1-limited");
  ASSERT_TRUE(facts.cgroup);
  EXPECT_EQ(facts.cgroup->version, 1);
  EXPECT_EQ(facts.cgroup->memory_limit_bytes, 2147483648u);
  ASSERT_TRUE(facts.cgroup->cpu_quota);
  EXPECT_EQ(facts.cgroup->cpu_quota->quota_us, 200000u);
  ASSERT_TRUE(facts.cgroup->cpuset);
  EXPECT_EQ(facts.cgroup->cpuset->size(), 4u);
  ASSERT_TRUE(facts.cpu);
  EXPECT_EQ(facts.cpu->threads, 56);
  EXPECT_EQ(facts.cpu->sockets, 2);
}

TEST(ProbesOnFixtures, KernelWithoutPsiReportsPressureAbsent) {
  const auto facts = detect_fixture("raspberrypi4-no-psi");
  EXPECT_EQ(status_of(facts, "pressure").state, core::ProbeState::absent);
  EXPECT_FALSE(facts.pressure);
}

TEST(ProbesOnFixtures, ArmCpuUsesSysfsTopologyAndNeon) {
  const auto facts = detect_fixture("raspberrypi4-no-psi");
  ASSERT_TRUE(facts.cpu);
  EXPECT_EQ(facts.cpu->architecture, "aarch64");
  EXPECT_EQ(facts.cpu->threads, 4);
  EXPECT_EQ(facts.cpu->cores, 4);
  EXPECT_EQ(facts.cpu->isa, std::vector<std::string>{"neon"});
  ASSERT_TRUE(facts.cpu->model);
  EXPECT_EQ(facts.cpu->model->rfind("Cortex-A72", 0), 0u);
}

// Magny-Cours: two dies per package number their cores 0-3 each, in cpuinfo and in sysfs alike.
TEST(ProbesOnFixtures, MultiDieOpteronCountsEveryCoreFromTheSiblingLists) {
  const auto facts = detect_fixture("amd-opteron-6134-four-sockets");
  ASSERT_TRUE(facts.cpu);
  EXPECT_EQ(facts.cpu->cores, 32);
  EXPECT_EQ(facts.cpu->threads, 32);
  EXPECT_EQ(facts.cpu->sockets, 4);
  EXPECT_EQ(status_of(facts, "cpu").state, core::ProbeState::ok);
}

TEST(ProbesOnFixtures, IntelDiesFromLeaf0x1fDoNotHalveTheCores) {
  const auto facts = detect_fixture("intel-xeon-9221-two-dies");
  ASSERT_TRUE(facts.cpu);
  EXPECT_EQ(facts.cpu->cores, 64);
  EXPECT_EQ(facts.cpu->threads, 128);
  EXPECT_EQ(facts.cpu->sockets, 2);
}

TEST(ProbesOnFixtures, OfflineCpusAreNeitherThreadsNorCores) {
  const auto facts = detect_fixture("intel-xeon-offline-cpus");
  ASSERT_TRUE(facts.cpu);
  EXPECT_EQ(facts.cpu->threads, 17);
  // Socket 0 keeps cores 0-5 (0-3 by their second threads only), socket 1 all six.
  EXPECT_EQ(facts.cpu->cores, 12);
  EXPECT_EQ(facts.cpu->sockets, 2);
}

TEST(ProbesOnFixtures, TopologyWithoutCpuinfoStillCountsTheCpu) {
  const auto facts = detect_fixture("sysfs-topology-without-cpuinfo");
  ASSERT_TRUE(facts.cpu);
  EXPECT_EQ(facts.cpu->cores, 4);
  EXPECT_EQ(facts.cpu->threads, 8);
  EXPECT_FALSE(facts.cpu->model);
  const auto& cpu = status_of(facts, "cpu");
  EXPECT_EQ(cpu.state, core::ProbeState::failed) << "the model and flags are missing";
  EXPECT_NE(cpu.detail.find("counts come from sysfs"), std::string::npos) << cpu.detail;
}

TEST(ProbesOnFixtures, ItaniumIsCountedFromSysfsAndNamedFromItsCpuinfo) {
  const auto facts = detect_fixture("ia64-itanium-rx2660");
  ASSERT_TRUE(facts.cpu);
  EXPECT_EQ(facts.cpu->architecture, "ia64");
  EXPECT_EQ(facts.cpu->cores, 4);
  EXPECT_EQ(facts.cpu->threads, 8);
  EXPECT_EQ(facts.cpu->sockets, 2);
  EXPECT_TRUE(facts.cpu->isa.empty());
}

// Without sysfs topology, cpuinfo's ids fill in; "cpu cores" corrects ids that restart per die.
TEST(ProbesOnFixtures, CpuinfoAloneCountsMultiDiePackagesByTheirStatedCores) {
  testing::TempDir root;
  std::string cpuinfo;
  for (int cpu = 0; cpu < 16; ++cpu)
    cpuinfo += "processor\t: " + std::to_string(cpu) +
               "\nvendor_id\t: AuthenticAMD\nphysical id\t: " + std::to_string(cpu / 8) +
               "\nsiblings\t: 8\ncore id\t\t: " + std::to_string(cpu % 4) + "\ncpu cores\t: 8\n\n";
  root.write("proc/cpuinfo", cpuinfo);
  root.write("sys/devices/system/cpu/online", "0-15\n");
  const auto facts = detect_all(sys::HostRoot(root.path()));
  ASSERT_TRUE(facts.cpu);
  EXPECT_EQ(facts.cpu->cores, 16);
  EXPECT_EQ(facts.cpu->sockets, 2);

  root.write("sys/devices/system/cpu/online", "0-5\n");  // offline CPUs cannot add cores
  const auto fewer = detect_all(sys::HostRoot(root.path()));
  ASSERT_TRUE(fewer.cpu);
  EXPECT_EQ(fewer.cpu->threads, 6);
  EXPECT_LE(*fewer.cpu->cores, 6);
}

TEST(ProbesOnFixtures, WslIsRecognisedFromTheKernelName) {
  const auto facts = detect_fixture("wsl2-ubuntu");
  ASSERT_TRUE(facts.os);
  EXPECT_TRUE(facts.os->wsl);
  ASSERT_TRUE(facts.cpu);
  EXPECT_TRUE(facts.cpu->hypervisor);
}

TEST(ProbesOnFixtures, GarbageFilesFailTheirProbesButNotTheOthers) {
  const auto facts = detect_fixture("garbage-proc");
  EXPECT_EQ(status_of(facts, "os").state, core::ProbeState::ok);
  EXPECT_EQ(status_of(facts, "memory").state, core::ProbeState::failed);
  EXPECT_EQ(status_of(facts, "pressure").state, core::ProbeState::failed);
  EXPECT_FALSE(facts.memory);
  for (const auto& probe : facts.probes) EXPECT_FALSE(probe.detail.empty()) << probe.name;
}

TEST(ProbesOnFixtures, ResolveStudioRunningIsScriptable) {
  const auto facts = detect_fixture("resolve-studio-running");
  ASSERT_TRUE(facts.resolve);
  EXPECT_EQ(facts.resolve->version, "18.6.6");
  EXPECT_EQ(facts.resolve->studio, true);
  EXPECT_TRUE(facts.resolve->running);
  EXPECT_TRUE(facts.resolve->scriptable());
}

TEST(ProbesOnFixtures, ResolveFreeSaysEveryReasonItCannotBeScripted) {
  const auto facts = detect_fixture("resolve-free");
  ASSERT_TRUE(facts.resolve);
  EXPECT_EQ(facts.resolve->studio, false);
  EXPECT_FALSE(facts.resolve->running);
  EXPECT_FALSE(facts.resolve->scriptable());
  const auto& detail = status_of(facts, "resolve").detail;
  EXPECT_NE(detail.find("free edition"), std::string::npos) << detail;
  EXPECT_NE(detail.find("not running"), std::string::npos) << detail;
}

TEST(ProbesOnFixtures, ResolveOverridesPointElsewhere) {
  DetectOptions options;
  options.resolve_script_lib = "/nowhere/fusionscript.so";
  const auto facts =
      detect_all(sys::HostRoot(std::filesystem::path(AUTOCUT_FIXTURE_HOSTS) / "resolve-studio-running"), options);
  ASSERT_TRUE(facts.resolve);
  EXPECT_FALSE(facts.resolve->scripting_library);
  EXPECT_FALSE(facts.resolve->scriptable());
}

TEST(ProbesOnFixtures, AnEmptyRootFailsEveryProbeWithAReason) {
  autocut::testing::TempDir empty;
  const auto facts = detect_all(sys::HostRoot(empty.path()));
  ASSERT_EQ(facts.probes.size(), 14u);
  for (const auto& probe : facts.probes) {
    EXPECT_NE(probe.state, core::ProbeState::ok) << probe.name;
    EXPECT_FALSE(probe.detail.empty()) << probe.name;
  }
  EXPECT_EQ(status_of(facts, "memory").detail, "cannot read /proc/meminfo: No such file or directory");
}

}  // namespace
}  // namespace autocut::detect
