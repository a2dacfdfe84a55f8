#include "service/service_manager.hpp"

#include <systemd/sd-daemon.h>

#include <condition_variable>
#include <mutex>

namespace autocut::service {

ServiceManager::ServiceManager(std::function<bool()> alive) : alive_(std::move(alive)) {}

ServiceManager::~ServiceManager() {
  watchdog_.request_stop();
  if (watchdog_.joinable()) watchdog_.join();
}

void ServiceManager::ready(const std::string& status) {
  sd_notify(0, ("READY=1\nSTATUS=" + status).c_str());
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return;
  // Twice per watchdog period, as sd_watchdog_enabled(3) advises.
  const auto period = std::chrono::microseconds(usec / 2);
  watchdog_ = std::jthread([this, period](std::stop_token stop) {
    std::mutex mutex;
    std::condition_variable_any wake;
    std::unique_lock lock(mutex);
    while (!stop.stop_requested()) {
      if (alive_()) sd_notify(0, "WATCHDOG=1");
      wake.wait_for(lock, stop, period, [] { return false; });
    }
  });
}

void ServiceManager::stopping() { sd_notify(0, "STOPPING=1"); }

}  // namespace autocut::service
