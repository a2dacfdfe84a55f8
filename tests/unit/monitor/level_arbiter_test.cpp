#include "monitor/level_arbiter.hpp"

#include <gtest/gtest.h>

namespace autocut::monitor {
namespace {

using namespace std::chrono_literals;
using core::Level;

const ArbiterSettings kSettings{15s};

TEST(LevelArbiter, DegradesAtOnceToTheWeakestDemand) {
  Arbiter arbiter{Level::local_gpu_mid, std::nullopt};
  const Clock::time_point t0{};
  const auto transition = arbitrate(arbiter, Level::local_gpu_mid, std::nullopt,
                                    {{"vram", Level::local_cpu_only}, {"memory", Level::hybrid}}, t0, kSettings);
  ASSERT_TRUE(transition);
  EXPECT_EQ(transition->from, Level::local_gpu_mid);
  EXPECT_EQ(transition->to, Level::hybrid);
  EXPECT_EQ(transition->rule, "memory");
  EXPECT_FALSE(arbitrate(arbiter, Level::local_gpu_mid, std::nullopt, {{"memory", Level::hybrid}}, t0 + 5s, kSettings))
      << "one transition per change, not one per sample";
}

TEST(LevelArbiter, RecoversOneLevelAtATimeAfterTheCooldown) {
  Arbiter arbiter{Level::local_gpu_mid, std::nullopt};
  const Clock::time_point t0{};
  arbitrate(arbiter, Level::local_gpu_mid, std::nullopt, {{"memory", Level::hybrid}}, t0, kSettings);
  EXPECT_FALSE(arbitrate(arbiter, Level::local_gpu_mid, std::nullopt, {}, t0 + 10s, kSettings)) << "cool-down holds";
  auto step = arbitrate(arbiter, Level::local_gpu_mid, std::nullopt, {}, t0 + 15s, kSettings);
  ASSERT_TRUE(step);
  EXPECT_EQ(step->to, Level::local_cpu_only);
  EXPECT_EQ(step->rule, "recovery");
  EXPECT_FALSE(arbitrate(arbiter, Level::local_gpu_mid, std::nullopt, {}, t0 + 20s, kSettings));
  step = arbitrate(arbiter, Level::local_gpu_mid, std::nullopt, {}, t0 + 30s, kSettings);
  ASSERT_TRUE(step);
  EXPECT_EQ(step->to, Level::local_gpu_low);
  step = arbitrate(arbiter, Level::local_gpu_mid, std::nullopt, {}, t0 + 45s, kSettings);
  ASSERT_TRUE(step);
  EXPECT_EQ(step->to, Level::local_gpu_mid);
  EXPECT_FALSE(arbitrate(arbiter, Level::local_gpu_mid, std::nullopt, {}, t0 + 90s, kSettings))
      << "never above the machine";
}

TEST(LevelArbiter, AManualFloorWinsOverRecovery) {
  Arbiter arbiter{Level::local_gpu_high, std::nullopt};
  const Clock::time_point t0{};
  const auto down = arbitrate(arbiter, Level::local_gpu_high, Level::local_cpu_only, {}, t0, kSettings);
  ASSERT_TRUE(down);
  EXPECT_EQ(down->rule, "manual");
  for (int i = 1; i < 20; ++i)
    EXPECT_FALSE(arbitrate(arbiter, Level::local_gpu_high, Level::local_cpu_only, {}, t0 + i * 30s, kSettings));
  EXPECT_EQ(arbiter.current, Level::local_cpu_only);
}

TEST(LevelArbiter, PressureDuringTheCooldownStillDegrades) {
  Arbiter arbiter{Level::local_gpu_mid, std::nullopt};
  const Clock::time_point t0{};
  arbitrate(arbiter, Level::local_gpu_mid, std::nullopt, {{"vram", Level::local_cpu_only}}, t0, kSettings);
  const auto worse = arbitrate(arbiter, Level::local_gpu_mid, std::nullopt,
                               {{"vram", Level::local_cpu_only}, {"memory", Level::hybrid}}, t0 + 5s, kSettings);
  ASSERT_TRUE(worse);
  EXPECT_EQ(worse->to, Level::hybrid);
}

}  // namespace
}  // namespace autocut::monitor
