// The runtime monitor: samples the machine every interval on its own thread, feeds the engine, keeps a bounded
// history and event log, and tells subscribers of each level change. Thread-safe: readers, task reports and
// manual degrade/restore may come from any thread; start and stop from the owner's; subscribers are called outside
// the lock.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "monitor/engine.hpp"
#include "monitor/history.hpp"
#include "monitor/sample_source.hpp"
#include "monitor/task_outcomes.hpp"

namespace autocut::monitor {

struct MonitorSettings {
  std::chrono::milliseconds interval{5000};
  std::chrono::milliseconds history_span = std::chrono::hours(1);  // kept at whatever interval: bounded memory

  std::size_t history_capacity() const {
    return static_cast<std::size_t>(
        std::max<long long>(1, history_span / std::max(interval, std::chrono::milliseconds(1))));
  }
  std::size_t event_capacity = 256;
  EngineSettings engine;
};

struct MonitorStatus {
  core::Level level = core::Level::local_cpu_only;
  core::Level detected = core::Level::local_cpu_only;
  std::optional<core::Level> floor;
  std::vector<std::string> active_rules;
  bool dry_run = false;
  bool automatic = true;
  std::optional<Sample> last_sample;
  bool running = false;
};

class Monitor {
 public:
  using Subscriber = std::function<void(const Event&)>;
  using SampleSubscriber = std::function<void(const Sample&, const MonitorStatus&)>;

  Monitor(std::unique_ptr<SampleSource> source, core::Level detected, MonitorSettings settings);
  ~Monitor();
  Monitor(const Monitor&) = delete;
  Monitor& operator=(const Monitor&) = delete;

  void start();
  void stop();
  void subscribe(Subscriber subscriber);
  void subscribe_samples(SampleSubscriber subscriber);  // after each sample, outside the lock

  // One sample now, on the calling thread (the background loop calls this too).
  void sample_now();
  void record_task(TaskOutcome outcome, bool local_backend);
  std::optional<Event> degrade(const std::string& reason);
  std::optional<Event> restore(const std::string& reason);
  // Dry-run: the rules still decide and events still say what would happen, but the level stays.
  void set_dry_run(bool dry_run);
  // A new detection: sample the GPUs it found, and start the rules from its class.
  std::optional<Event> redetected(std::unique_ptr<SampleSource> source, core::Level detected);

  MonitorStatus status() const;
  std::vector<Sample> history(std::chrono::seconds span) const;
  std::vector<Event> events() const;
  // Grows after every change to what status(), history() and events() answer, once the change can be read: a
  // reader that saw revision r and then reads sees at least that state, so what it renders may be kept until the
  // revision moves.
  std::uint64_t revision() const { return revision_.load(std::memory_order_acquire); }

 private:
  void publish(std::optional<Event> event, std::unique_lock<std::mutex>& lock);
  MonitorStatus status_locked() const;
  void changed() { revision_.fetch_add(1, std::memory_order_release); }
  void loop(std::stop_token stop);

  MonitorSettings settings_;
  std::mutex sampling_;  // one sampler call at a time
  std::unique_ptr<SampleSource> source_;

  // Transitions are told in the order they happened, though told outside mutex_: each takes a ticket under mutex_
  // and waits for its turn.
  std::mutex order_mutex_;
  std::condition_variable turn_;
  std::uint64_t now_telling_ = 0;  // guarded by order_mutex_

  mutable std::mutex mutex_;  // everything below
  std::uint64_t next_ticket_ = 0;
  Engine engine_;
  History history_;
  TaskOutcomes outcomes_;
  std::deque<Event> events_;
  std::vector<Subscriber> subscribers_;
  std::vector<SampleSubscriber> sample_subscribers_;
  std::optional<Sample> last_sample_;

  std::condition_variable_any wake_;
  std::atomic<bool> running_{false};
  std::atomic<std::uint64_t> revision_{0};
  std::jthread thread_;  // started and stopped by the owner only
};

}  // namespace autocut::monitor
