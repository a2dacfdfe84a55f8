// The threaded monitor with a scripted sample source: subscribers, the event log, and concurrent use (run under
// TSan by `make test-tsan`).
#include "monitor/monitor.hpp"

#include <gtest/gtest.h>

#include <atomic>

namespace autocut::monitor {
namespace {

using namespace std::chrono_literals;
using core::Level;

// Reports a GPU at the given fill, changeable from the test.
class ScriptedSource final : public SampleSource {
 public:
  explicit ScriptedSource(std::atomic<double>& vram) : vram_(vram) {}
  Sample sample(Clock::time_point now, std::chrono::system_clock::time_point wall) override {
    Sample sample;
    sample.time = now;
    sample.wall_time = wall;
    sample.memory_available_bytes = 16ull << 30;
    sample.gpus.push_back({"0000:01:00.0", vram_.load(), 10.0, false});
    return sample;
  }

 private:
  std::atomic<double>& vram_;
};

MonitorSettings quick() {
  MonitorSettings settings;
  settings.interval = 1ms;
  settings.engine.vram.enter_for = 0s;
  settings.engine.vram.exit_for = 0s;
  settings.engine.arbiter.cooldown = 0s;
  return settings;
}

TEST(Monitor, SubscribersHearEachTransitionOnceAndAThrowingOneStopsNothing) {
  std::atomic<double> vram{50};
  Monitor monitor(std::make_unique<ScriptedSource>(vram), Level::local_gpu_mid, quick());
  std::vector<Event> heard;
  monitor.subscribe([](const Event&) { throw std::runtime_error("a broken subscriber"); });
  monitor.subscribe([&](const Event& event) { heard.push_back(event); });
  monitor.sample_now();
  EXPECT_TRUE(heard.empty());
  vram = 95;
  monitor.sample_now();
  monitor.sample_now();
  ASSERT_EQ(heard.size(), 1u);
  EXPECT_EQ(heard[0].to, Level::local_cpu_only);
  EXPECT_EQ(monitor.events().size(), 1u);
  EXPECT_EQ(monitor.status().active_rules, std::vector<std::string>{"vram"});
}

// After a good trial closes the breaker, the failures that opened it are history: they must not open it again.
TEST(Monitor, AClosedBreakerJudgesOnlyTheTasksSinceItClosed) {
  std::atomic<double> vram{50};
  auto settings = quick();
  settings.engine.failures.min_tasks = 4;
  settings.engine.failures.first_wait = 20ms;
  settings.engine.failures.trial_tasks = 2;
  Monitor monitor(std::make_unique<ScriptedSource>(vram), Level::local_cpu_only, settings);
  std::vector<Event> heard;
  monitor.subscribe([&](const Event& event) { heard.push_back(event); });
  for (int i = 0; i < 4; ++i) monitor.record_task({Clock::now(), "vision", "ollama-cpu", false, {}, "crashed"}, true);
  monitor.sample_now();
  ASSERT_EQ(monitor.status().level, Level::hybrid);
  std::this_thread::sleep_for(30ms);
  monitor.sample_now();  // the wait is over: half-open
  for (int i = 0; i < 2; ++i) monitor.record_task({Clock::now(), "vision", "ollama-cpu", true, {}, {}}, true);
  for (int i = 0; i < 5; ++i) monitor.sample_now();
  EXPECT_EQ(monitor.status().level, Level::local_cpu_only);
  ASSERT_EQ(heard.size(), 2u) << "opened once, closed once, and not opened again by the old failures";
  EXPECT_EQ(heard[1].to, Level::local_cpu_only);
  for (int i = 0; i < 4; ++i) monitor.record_task({Clock::now(), "vision", "ollama-cpu", false, {}, "crashed"}, true);
  monitor.sample_now();
  EXPECT_EQ(monitor.status().level, Level::hybrid) << "new failures still count";
}

TEST(Monitor, HistoryAndEventsAreBounded) {
  std::atomic<double> vram{50};
  auto settings = quick();
  settings.history_span = 5 * settings.interval;
  settings.event_capacity = 3;
  Monitor monitor(std::make_unique<ScriptedSource>(vram), Level::local_gpu_mid, settings);
  for (int i = 0; i < 40; ++i) {
    vram = i % 2 ? 95 : 50;
    monitor.sample_now();
  }
  EXPECT_EQ(monitor.history(1h).size(), 5u);
  EXPECT_EQ(monitor.events().size(), 3u);
}

TEST(Monitor, ManualDegradeAndRestoreAreEvents) {
  std::atomic<double> vram{50};
  Monitor monitor(std::make_unique<ScriptedSource>(vram), Level::local_gpu_mid, quick());
  const auto down = monitor.degrade("testing");
  ASSERT_TRUE(down);
  EXPECT_EQ(down->reason, "testing");
  EXPECT_EQ(monitor.status().floor, Level::local_gpu_low);
  monitor.restore("done");
  monitor.sample_now();
  EXPECT_EQ(monitor.status().level, Level::local_gpu_mid);
}

TEST(Monitor, ConcurrentReadersRecordersAndControlsAreSafe) {
  std::atomic<double> vram{50};
  Monitor monitor(std::make_unique<ScriptedSource>(vram), Level::local_gpu_mid, quick());
  std::atomic<int> heard{0};
  monitor.subscribe([&](const Event&) { ++heard; });
  monitor.start();
  std::vector<std::jthread> threads;
  threads.emplace_back([&] {
    for (int i = 0; i < 200; ++i) vram = i % 3 ? 50 : 95, std::this_thread::sleep_for(100us);
  });
  threads.emplace_back([&] {
    for (int i = 0; i < 300; ++i) monitor.record_task({Clock::now(), "vision", "ollama-gpu", i % 4 != 0, {}, {}}, true);
  });
  threads.emplace_back([&] {
    for (int i = 0; i < 50; ++i) {
      monitor.degrade("load test");
      monitor.restore("load test");
    }
  });
  threads.emplace_back([&] {
    for (int i = 0; i < 300; ++i) {
      (void)monitor.status();
      (void)monitor.history(1h);
      (void)monitor.events();
    }
  });
  threads.clear();  // joins
  monitor.stop();
  EXPECT_FALSE(monitor.status().running);
  EXPECT_GT(heard.load(), 0);
  EXPECT_LE(monitor.events().size(), quick().event_capacity);
}

}  // namespace
}  // namespace autocut::monitor
