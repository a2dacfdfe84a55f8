#include "service/service_manager.hpp"

#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <mutex>

#include "sys/dynamic_library.hpp"

namespace autocut::service {
namespace {

// sd-daemon.h's two calls, looked up at run time: libsystemd and the six libraries it brings (gcrypt, lz4, zstd,
// lzma, cap, gpg-error) are loaded only by a service that systemd started with a notify socket.
using NotifyFn = int (*)(int unset_environment, const char* state);
using WatchdogEnabledFn = int (*)(int unset_environment, std::uint64_t* usec);

}  // namespace

// systemd's notify socket, reached through libsystemd loaded on demand.
struct ServiceManager::Connection {
  std::unique_ptr<sys::DynamicLibrary> library;
  NotifyFn notify = nullptr;
  WatchdogEnabledFn watchdog_enabled = nullptr;

  static std::unique_ptr<Connection> load() {
    const char* socket = std::getenv("NOTIFY_SOCKET");
    if (!socket || !*socket) return nullptr;
    std::string error;
    auto systemd = std::make_unique<Connection>();
    systemd->library = sys::DynamicLibrary::open("libsystemd.so.0", error);
    if (!systemd->library) return nullptr;  // no libsystemd: nothing to tell it with, as without systemd
    systemd->notify = reinterpret_cast<NotifyFn>(systemd->library->symbol("sd_notify"));
    systemd->watchdog_enabled = reinterpret_cast<WatchdogEnabledFn>(systemd->library->symbol("sd_watchdog_enabled"));
    if (!systemd->notify || !systemd->watchdog_enabled) return nullptr;
    return systemd;
  }
};

ServiceManager::ServiceManager(std::function<bool()> alive)
    : alive_(std::move(alive)), connection_(Connection::load()) {}

ServiceManager::~ServiceManager() {
  watchdog_.request_stop();
  if (watchdog_.joinable()) watchdog_.join();
}

void ServiceManager::ready(const std::string& status) {
  if (!connection_) return;
  connection_->notify(0, ("READY=1\nSTATUS=" + status).c_str());
  std::uint64_t usec = 0;
  if (connection_->watchdog_enabled(0, &usec) <= 0 || usec == 0) return;
  // Twice per watchdog period, as sd_watchdog_enabled(3) advises.
  const auto period = std::chrono::microseconds(usec / 2);
  watchdog_ = std::jthread([this, period](std::stop_token stop) {
    std::mutex mutex;
    std::condition_variable_any wake;
    std::unique_lock lock(mutex);
    while (!stop.stop_requested()) {
      if (alive_()) connection_->notify(0, "WATCHDOG=1");
      wake.wait_for(lock, stop, period, [] { return false; });
    }
  });
}

void ServiceManager::stopping() {
  if (connection_) connection_->notify(0, "STOPPING=1");
}

}  // namespace autocut::service
