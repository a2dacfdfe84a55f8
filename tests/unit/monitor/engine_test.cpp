// The monitor's decisions over stepped samples: one event per transition, dry-run, manual floor, lost GPUs.
#include "monitor/engine.hpp"

#include <gtest/gtest.h>

namespace autocut::monitor {
namespace {

using namespace std::chrono_literals;
using core::Level;

constexpr std::uint64_t kGiB = 1024ull * 1024 * 1024;

struct Scenario {
  Engine engine;
  Clock::time_point now{};
  std::vector<Event> events;

  explicit Scenario(EngineSettings settings = {}, Level detected = Level::local_gpu_mid) : engine(detected, settings) {}

  // One sample every 5 s for `duration`.
  void run(std::chrono::seconds duration, std::optional<double> vram,
           std::optional<std::uint64_t> available = 20 * kGiB, bool lost = false) {
    for (auto end = now + duration; now < end; now += 5s) {
      Sample sample;
      sample.time = now;
      sample.memory_available_bytes = available;
      sample.gpus.push_back({"0000:01:00.0", vram, std::nullopt, lost});
      if (auto event = engine.step(sample)) events.push_back(*event);
    }
  }
};

TEST(Engine, SustainedVramPressureDegradesOnceAndRecovers) {
  Scenario scenario;
  scenario.run(60s, 95);
  ASSERT_EQ(scenario.events.size(), 1u) << "one event per transition, not per sample";
  EXPECT_EQ(scenario.events[0].from, Level::local_gpu_mid);
  EXPECT_EQ(scenario.events[0].to, Level::local_cpu_only);
  EXPECT_EQ(scenario.events[0].rule, "vram");
  EXPECT_EQ(scenario.events[0].values.at("vram_used_percent"), 95.0);
  EXPECT_EQ(scenario.engine.active_rules(), std::vector<std::string>{"vram"});

  scenario.run(100s, 50);
  EXPECT_EQ(scenario.engine.level(), Level::local_cpu_only) << "the exit duration is 120 s";
  scenario.run(25s, 50);  // clear since t=60 s: the rule lets go at 180 s
  EXPECT_EQ(scenario.engine.level(), Level::local_gpu_low) << "recovery climbs one level";
  scenario.run(30s, 50);  // and the next after the 15 s cool-down
  EXPECT_EQ(scenario.engine.level(), Level::local_gpu_mid);
  EXPECT_EQ(scenario.events.size(), 3u);
}

TEST(Engine, LowMemorySendsVisionToTheCloudLevel) {
  Scenario scenario;
  scenario.run(30s, 10, kGiB);
  ASSERT_EQ(scenario.events.size(), 1u);
  EXPECT_EQ(scenario.events[0].to, Level::hybrid);
  EXPECT_EQ(scenario.events[0].rule, "memory");
}

TEST(Engine, MissingSamplesHoldTheLevel) {
  Scenario scenario;
  scenario.run(30s, 95);
  ASSERT_EQ(scenario.engine.level(), Level::local_cpu_only);
  scenario.run(30min, std::nullopt, std::nullopt);
  EXPECT_EQ(scenario.engine.level(), Level::local_cpu_only);
}

TEST(Engine, DryRunReportsButChangesNothing) {
  EngineSettings settings;
  settings.dry_run = true;
  Scenario scenario(settings);
  scenario.run(30s, 95);
  ASSERT_FALSE(scenario.events.empty());
  EXPECT_FALSE(scenario.events[0].applied);
  EXPECT_EQ(scenario.events[0].to, Level::local_cpu_only);
  EXPECT_EQ(scenario.engine.level(), Level::local_gpu_mid);
}

TEST(Engine, WithAutomaticAdaptationOffOnlyManualChangesCount) {
  EngineSettings settings;
  settings.automatic = false;
  Scenario scenario(settings);
  scenario.run(60s, 99, kGiB);
  EXPECT_TRUE(scenario.events.empty());
  const auto event = scenario.engine.degrade("operator", scenario.now, {});
  ASSERT_TRUE(event);
  EXPECT_EQ(event->to, Level::local_gpu_low);
  EXPECT_EQ(event->rule, "manual");
  EXPECT_EQ(event->reason, "operator");
}

TEST(Engine, AManualFloorHoldsUntilRestored) {
  Scenario scenario;
  ASSERT_TRUE(scenario.engine.degrade("testing", scenario.now, {}));
  ASSERT_TRUE(scenario.engine.degrade("testing", scenario.now, {}));
  EXPECT_EQ(scenario.engine.level(), Level::local_cpu_only);
  scenario.run(30min, 10);
  EXPECT_EQ(scenario.engine.level(), Level::local_cpu_only) << "healthy samples do not lift a manual floor";
  scenario.engine.restore("done", scenario.now, {});
  scenario.run(60s, 10);
  EXPECT_EQ(scenario.engine.level(), Level::local_gpu_mid);
}

TEST(Engine, ALostGpuMovesWorkOffItAtOnce) {
  Scenario scenario;
  scenario.run(5s, std::nullopt, 20 * kGiB, true);
  ASSERT_EQ(scenario.events.size(), 1u);
  EXPECT_EQ(scenario.events[0].to, Level::local_cpu_only);
}

}  // namespace
}  // namespace autocut::monitor
