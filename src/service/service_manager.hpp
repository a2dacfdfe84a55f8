// Telling the service manager how the service is doing. On Linux, systemd (sd_notify): READY once it answers,
// STOPPING on the way out, and WATCHDOG pings while it stays responsive; without NOTIFY_SOCKET (not under systemd)
// every call does nothing and libsystemd is never loaded. One file per platform behind this header.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

namespace autocut::service {

class ServiceManager {
 public:
  // `alive` is asked before each watchdog ping; a service that cannot answer it is not pinged, and systemd restarts it.
  explicit ServiceManager(std::function<bool()> alive);
  ~ServiceManager();
  ServiceManager(const ServiceManager&) = delete;
  ServiceManager& operator=(const ServiceManager&) = delete;

  void ready(const std::string& status);
  void stopping();

 private:
  struct Connection;  // the platform's link to its service manager, if any
  std::function<bool()> alive_;
  std::unique_ptr<Connection> connection_;
  std::jthread watchdog_;
};

}  // namespace autocut::service
