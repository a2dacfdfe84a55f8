#include "profile/build_profile.hpp"

#include <gtest/gtest.h>

namespace autocut::profile {
namespace {

constexpr std::uint64_t kGiB = 1024ull * 1024 * 1024;

core::HostFacts machine(int threads, std::uint64_t total, std::uint64_t available) {
  core::HostFacts facts;
  facts.cpu = core::CpuFacts{};
  facts.cpu->threads = threads;
  facts.memory = core::MemoryFacts{total, available, 0, 0};
  return facts;
}

struct TierCase {
  double cpus;
  core::CpuTier tier;
};

class CpuTierTable : public ::testing::TestWithParam<TierCase> {};

TEST_P(CpuTierTable, FollowsTheOriginalThresholds) {
  EXPECT_EQ(cpu_tier(GetParam().cpus), GetParam().tier) << GetParam().cpus;
}

INSTANTIATE_TEST_SUITE_P(Table, CpuTierTable,
                         ::testing::Values(TierCase{24, core::CpuTier::ultra}, TierCase{16, core::CpuTier::ultra},
                                           TierCase{15, core::CpuTier::high}, TierCase{8, core::CpuTier::high},
                                           TierCase{4, core::CpuTier::medium}, TierCase{3.5, core::CpuTier::low},
                                           TierCase{1, core::CpuTier::low}));

TEST(EffectiveResources, WithoutLimitsAreTheHostFigures) {
  const auto effective = effective_resources(machine(24, 32 * kGiB, 17 * kGiB));
  EXPECT_EQ(effective.cpus, 24.0);
  EXPECT_FALSE(effective.cpus_limited_by_container);
  EXPECT_EQ(effective.memory_total_bytes, 32 * kGiB);
  EXPECT_EQ(effective.memory_available_bytes, 17 * kGiB);
  EXPECT_FALSE(effective.memory_limited_by_container);
}

TEST(EffectiveResources, MemoryLimitCapsTotalAndAvailable) {
  auto facts = machine(16, 32 * kGiB, 20 * kGiB);
  facts.cgroup = core::CgroupFacts{};
  facts.cgroup->memory_limit_bytes = 4 * kGiB;
  facts.cgroup->memory_working_set_bytes = 1 * kGiB;
  const auto effective = effective_resources(facts);
  EXPECT_EQ(effective.memory_total_bytes, 4 * kGiB);
  EXPECT_EQ(effective.memory_available_bytes, 3 * kGiB);
  EXPECT_TRUE(effective.memory_limited_by_container);
}

TEST(EffectiveResources, HostShortageBindsEvenUnderALooseLimit) {
  auto facts = machine(16, 32 * kGiB, 1 * kGiB);
  facts.cgroup = core::CgroupFacts{};
  facts.cgroup->memory_limit_bytes = 8 * kGiB;
  facts.cgroup->memory_working_set_bytes = 2 * kGiB;
  EXPECT_EQ(effective_resources(facts).memory_available_bytes, 1 * kGiB);
}

TEST(EffectiveResources, WorkingSetAboveTheLimitLeavesNothingAvailable) {
  auto facts = machine(4, 32 * kGiB, 20 * kGiB);
  facts.cgroup = core::CgroupFacts{};
  facts.cgroup->memory_limit_bytes = 1 * kGiB;
  facts.cgroup->memory_working_set_bytes = 2 * kGiB;
  EXPECT_EQ(effective_resources(facts).memory_available_bytes, 0u);
}

TEST(EffectiveResources, LimitAboveHostMemoryChangesNothing) {
  auto facts = machine(4, 8 * kGiB, 6 * kGiB);
  facts.cgroup = core::CgroupFacts{};
  facts.cgroup->memory_limit_bytes = 64 * kGiB;
  const auto effective = effective_resources(facts);
  EXPECT_EQ(effective.memory_total_bytes, 8 * kGiB);
  EXPECT_FALSE(effective.memory_limited_by_container);
}

TEST(EffectiveResources, CpuQuotaAffinityAndCpusetTakeTheLowest) {
  auto facts = machine(16, 8 * kGiB, 6 * kGiB);
  facts.cgroup = core::CgroupFacts{};
  facts.cgroup->cpu_quota = core::CpuQuota{150000, 100000};
  EXPECT_EQ(effective_resources(facts).cpus, 1.5);
  EXPECT_TRUE(effective_resources(facts).cpus_limited_by_container);

  facts.cgroup->cpu_quota.reset();
  facts.cpu->allowed_cpus = {0, 1, 2, 3, 4, 5};
  facts.cgroup->cpuset = std::vector<int>{0, 1, 2};
  EXPECT_EQ(effective_resources(facts).cpus, 3.0);
}

TEST(BuildProfile, WithoutAGpuTheClassIsCpuOnlyAndTheTierFollowsUsableCpus) {
  auto facts = machine(24, 32 * kGiB, 17 * kGiB);
  const auto profile = build_profile(facts, std::chrono::system_clock::time_point{});
  EXPECT_EQ(profile.profile_class, core::Level::local_cpu_only);
  EXPECT_EQ(profile.cpu_tier, core::CpuTier::ultra);
  EXPECT_EQ(profile.fingerprint.size(), 16u);

  facts.cgroup = core::CgroupFacts{};
  facts.cgroup->cpu_quota = core::CpuQuota{200000, 100000};
  EXPECT_EQ(build_profile(facts, {}).cpu_tier, core::CpuTier::low);
}

TEST(Fingerprint, IgnoresLoadAndLimitsButNotHardware) {
  const auto base = build_profile(machine(8, 16 * kGiB, 10 * kGiB), {}).fingerprint;
  EXPECT_EQ(build_profile(machine(8, 16 * kGiB, 2 * kGiB), {}).fingerprint, base);
  EXPECT_EQ(build_profile(machine(8, 16 * kGiB - 5 * 1024 * 1024, 10 * kGiB), {}).fingerprint, base);
  auto limited = machine(8, 16 * kGiB, 10 * kGiB);
  limited.cgroup = core::CgroupFacts{};
  limited.cgroup->memory_limit_bytes = kGiB;
  EXPECT_EQ(build_profile(limited, {}).fingerprint, base);
  EXPECT_NE(build_profile(machine(16, 16 * kGiB, 10 * kGiB), {}).fingerprint, base);
  EXPECT_NE(build_profile(machine(8, 32 * kGiB, 10 * kGiB), {}).fingerprint, base);
}

}  // namespace
}  // namespace autocut::profile
