// `autocut profile` on the machine the tests run on, checked against the system's own tools.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e/autocut_binary.hpp"
#include "sys/parse/cpulist.hpp"
#include "sys/parse/numbers.hpp"

namespace autocut::testing {
namespace {

nlohmann::json live_profile() {
  const auto result = run_shell(autocut("profile --json --no-save"));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return nlohmann::json::parse(result.out);
}

std::uint64_t number_from(const std::string& command_line) {
  const auto result = run_shell(command_line);
  EXPECT_EQ(result.exit_code, 0) << command_line << ": " << result.err;
  return sys::parse::parse_u64(result.out).value_or(0);
}

TEST(LiveMachine, ThreadsEqualNprocAll) {
  EXPECT_EQ(live_profile()["cpu"]["threads"].get<std::uint64_t>(), number_from("nproc --all"));
}

TEST(LiveMachine, AllowedCpusEqualNproc) {
  const auto allowed = live_profile()["cpu"]["allowed_cpus"].get<std::string>();
  const auto nproc = number_from("env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc");
  const auto cpus = sys::parse::parse_cpulist(allowed);
  ASSERT_TRUE(cpus) << allowed;
  const auto count = static_cast<std::uint64_t>(cpus->size());
  EXPECT_EQ(count, nproc);
}

TEST(LiveMachine, MemoryTotalEqualsMemTotal) {
  EXPECT_EQ(live_profile()["memory"]["host_total_bytes"].get<std::uint64_t>(),
            number_from("free -b | awk '/^Mem:/ {print $2}'"));
}

TEST(LiveMachine, EveryCoreProbeSucceeds) {
  const auto profile = live_profile();
  for (const char* probe : {"os", "cpu", "memory", "cgroup"})
    EXPECT_EQ(profile["probes"][probe]["status"], "ok") << probe << ": " << profile["probes"][probe]["detail"];
}

}  // namespace
}  // namespace autocut::testing
