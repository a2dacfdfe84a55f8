// The running service's state: the profile, the policy resolved at the monitor's effective level, the monitor, and
// the live event hub. Detection and sampling come in as functions, so a test can point the whole service at a
// captured machine. Thread-safe: HTTP handlers call it from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "core/language.hpp"
#include "core/runtime_profile.hpp"
#include "monitor/monitor.hpp"
#include "policy/policy.hpp"
#include "policy/policy_config.hpp"
#include "service/event_hub.hpp"

namespace autocut::service {

enum class DetectionDepth {
  fast,      // what the files say; runtimes and ffmpeg pending
  complete,  // everything, waiting for the probes that ask other programs
};

struct ServiceSetup {
  std::function<core::RuntimeProfile(DetectionDepth)> detect;
  std::function<std::unique_ptr<monitor::SampleSource>(const core::RuntimeProfile&)> sampler;
  policy::PolicyConfig policy_config;
  monitor::MonitorSettings monitor;
  std::optional<std::filesystem::path> profile_path;  // where runtime_profile.json is saved; none: not saved
  // Called with the profile and the policy at the effective level whenever either changes (the NFD feature file).
  std::function<void(const core::RuntimeProfile&, const policy::ExecutionPolicy&)> on_level;
  // Told what went wrong without stopping the service (a save that failed), besides the stream's "warning" event.
  std::function<void(const std::string&)> on_warning;
};

struct TaskReport {
  std::string kind;     // vision, planning, editing
  std::string backend;  // a backend name as the policy writes it
  bool ok = true;
  std::chrono::milliseconds duration{0};
  std::string error;
};

struct Counters {
  std::uint64_t samples = 0;
  std::map<std::string, std::uint64_t> transitions_by_rule;
  std::map<std::tuple<std::string, std::string, bool>, std::uint64_t> tasks;  // kind, backend, ok
};

class RuntimeService {
 public:
  // Detects (fast), resolves and saves; the monitor is not running yet.
  explicit RuntimeService(ServiceSetup setup);
  ~RuntimeService();
  RuntimeService(const RuntimeService&) = delete;
  RuntimeService& operator=(const RuntimeService&) = delete;

  // Starts the monitor and completes detection in the background.
  void start();
  // Stops the monitor and the background detection, and saves the profile.
  void stop();

  nlohmann::ordered_json status(core::Language language) const;
  nlohmann::ordered_json profile() const;
  nlohmann::ordered_json policy(core::Language language = core::Language::en) const;
  nlohmann::ordered_json monitor_state() const;
  // `changes_at`, when given, is set to when the oldest sample leaves the window (none: no sample yet), the one
  // change to this document that no revision tells.
  nlohmann::ordered_json history(std::chrono::seconds span,
                                 std::optional<monitor::Clock::time_point>* changes_at = nullptr) const;
  nlohmann::ordered_json events() const;
  nlohmann::ordered_json admit(policy::TaskKind kind, const std::optional<std::string>& model) const;
  std::string explanation(core::Language language) const;

  nlohmann::ordered_json reload_profile();
  nlohmann::ordered_json reload_policy();
  nlohmann::ordered_json degrade(const std::string& reason);
  nlohmann::ordered_json restore(const std::string& reason);
  nlohmann::ordered_json set_dry_run(bool dry_run);
  void record_task(const TaskReport& report);
  // Samples and judges at once rather than at the next tick: after an analysis attempt, so that the failure rule
  // moves the policy before the job's next scene is asked, as `autocut analyze` does.
  void judge_now() { monitor_->sample_now(); }

  // Called once per level transition, after the policy has followed it, on the thread that caused it (the
  // monitor's, or a caller's degrade and restore), outside the service's locks.
  using TransitionSubscriber = std::function<void(const monitor::Event&, const policy::ExecutionPolicy&)>;
  void subscribe(TransitionSubscriber subscriber);

  EventHub& hub() { return hub_; }
  std::shared_ptr<const core::RuntimeProfile> current_profile() const;
  policy::ExecutionPolicy current_policy() const;
  monitor::MonitorStatus monitor_status() const { return monitor_->status(); }
  const monitor::MonitorSettings& monitor_settings() const { return setup_.monitor; }
  const policy::PolicyConfig& policy_config() const { return setup_.policy_config; }
  Counters counters() const;
  bool complete() const;  // the background detection has finished
  // Grows after every change to what the documents above answer (the profile, the policy, the counters, the
  // monitor's state), once the change can be read; what was rendered at a revision may be served until it moves.
  std::uint64_t revision() const { return revision_.load(std::memory_order_acquire) + monitor_->revision(); }

 private:
  // The profile, the policy resolved from it and whether detection is complete, read together.
  struct Snapshot {
    std::shared_ptr<const core::RuntimeProfile> profile;
    policy::ExecutionPolicy policy;
    bool complete = false;
  };
  Snapshot snapshot() const;
  void adopt(core::RuntimeProfile profile, bool redetect_monitor);
  void on_transition(const monitor::Event& event);
  void resolve_locked(core::Level level);
  void save_locked();
  void notify_level();
  void changed() { revision_.fetch_add(1, std::memory_order_release); }

  ServiceSetup setup_;
  mutable std::mutex mutex_;  // the three below and the counters
  std::shared_ptr<const core::RuntimeProfile> profile_;
  policy::ExecutionPolicy policy_;
  bool complete_ = false;
  Counters counters_;
  std::atomic<std::uint64_t> revision_{0};  // with the monitor's: see revision()
  std::vector<TransitionSubscriber> subscribers_;
  // Held while on_level reads the policy and runs, so two threads telling at once cannot leave the older level last.
  std::mutex notify_mutex_;

  EventHub hub_;
  std::unique_ptr<monitor::Monitor> monitor_;
  std::jthread completing_;  // the background detection
};

}  // namespace autocut::service
