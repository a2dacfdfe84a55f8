#include "monitor/monitor.hpp"

namespace autocut::monitor {

Monitor::Monitor(std::unique_ptr<SampleSource> source, core::Level detected, MonitorSettings settings)
    : settings_(settings),
      source_(std::move(source)),
      engine_(detected, settings.engine),
      history_(settings.history_capacity()) {}

Monitor::~Monitor() { stop(); }

void Monitor::start() {
  if (thread_.joinable()) return;
  running_ = true;
  changed();
  thread_ = std::jthread([this](std::stop_token stop) { loop(stop); });
}

void Monitor::stop() {
  if (!thread_.joinable()) return;
  thread_.request_stop();
  wake_.notify_all();
  thread_.join();
  running_ = false;
  changed();
}

void Monitor::loop(std::stop_token stop) {
  while (!stop.stop_requested()) {
    sample_now();
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, stop, settings_.interval, [] { return false; });
  }
}

void Monitor::subscribe(Subscriber subscriber) {
  std::lock_guard lock(mutex_);
  subscribers_.push_back(std::move(subscriber));
}

void Monitor::sample_now() {
  Sample sample;
  {
    // Reading files and calling NVML happen outside the main lock: readers never wait for the sampler.
    std::lock_guard sampling(sampling_);
    sample = source_->sample(Clock::now(), std::chrono::system_clock::now());
  }
  std::unique_lock lock(mutex_);
  const auto& failures = settings_.engine.failures;
  sample.task_failure_rate = outcomes_.failure_rate("vision", sample.time, failures.window, failures.min_tasks,
                                                    engine_.failures_counted_since());
  auto event = engine_.step(sample);
  history_.add(sample);
  last_sample_ = sample;
  changed();
  const auto listeners = sample_subscribers_;
  const auto now = status_locked();
  publish(std::move(event), lock);
  if (lock.owns_lock()) lock.unlock();
  for (const auto& listener : listeners) {
    try {
      listener(sample, now);
    } catch (...) {
    }
  }
}

void Monitor::set_dry_run(bool dry_run) {
  std::lock_guard lock(mutex_);
  engine_.set_dry_run(dry_run);
  changed();
}

void Monitor::subscribe_samples(SampleSubscriber subscriber) {
  std::lock_guard lock(mutex_);
  sample_subscribers_.push_back(std::move(subscriber));
}

std::optional<Event> Monitor::redetected(std::unique_ptr<SampleSource> source, core::Level detected) {
  {
    std::lock_guard sampling(sampling_);
    source_ = std::move(source);
  }
  std::unique_lock lock(mutex_);
  auto event = engine_.redetected(detected, Clock::now(), std::chrono::system_clock::now());
  changed();
  publish(event, lock);
  return event;
}

void Monitor::record_task(TaskOutcome outcome, bool local_backend) {
  std::lock_guard lock(mutex_);
  engine_.task_finished(outcome.ok, local_backend, outcome.time);
  outcomes_.record(std::move(outcome));
  changed();
}

std::optional<Event> Monitor::degrade(const std::string& reason) {
  std::unique_lock lock(mutex_);
  auto event = engine_.degrade(reason, Clock::now(), std::chrono::system_clock::now());
  changed();
  publish(event, lock);
  return event;
}

std::optional<Event> Monitor::restore(const std::string& reason) {
  std::unique_lock lock(mutex_);
  auto event = engine_.restore(reason, Clock::now(), std::chrono::system_clock::now());
  changed();
  publish(event, lock);
  return event;
}

void Monitor::publish(std::optional<Event> event, std::unique_lock<std::mutex>& lock) {
  if (!event) return;
  events_.push_back(*event);
  while (events_.size() > settings_.event_capacity) events_.pop_front();
  changed();
  const auto subscribers = subscribers_;
  const auto ticket = next_ticket_++;
  lock.unlock();
  // A subscriber that causes a transition itself tells it at once, inside its own telling: waiting would be for
  // itself.
  thread_local int telling_here = 0;
  if (telling_here == 0) {
    std::unique_lock order(order_mutex_);
    turn_.wait(order, [&] { return now_telling_ == ticket; });
  }
  // Outside the lock, so a subscriber may call back into the monitor; one that throws stops neither the monitor
  // nor the others.
  ++telling_here;
  for (const auto& subscriber : subscribers) {
    try {
      subscriber(*event);
    } catch (...) {
    }
  }
  --telling_here;
  {
    std::lock_guard order(order_mutex_);
    now_telling_ = std::max(now_telling_, ticket + 1);
  }
  turn_.notify_all();
}

MonitorStatus Monitor::status() const {
  std::lock_guard lock(mutex_);
  return status_locked();
}

MonitorStatus Monitor::status_locked() const {
  return {engine_.level(),
          engine_.detected(),
          engine_.floor(),
          engine_.active_rules(),
          engine_.settings().dry_run,
          engine_.settings().automatic,
          last_sample_,
          running_.load()};
}

std::vector<Sample> Monitor::history(std::chrono::seconds span) const {
  std::lock_guard lock(mutex_);
  return history_.last(span, Clock::now());
}

std::vector<Event> Monitor::events() const {
  std::lock_guard lock(mutex_);
  return {events_.begin(), events_.end()};
}

}  // namespace autocut::monitor
