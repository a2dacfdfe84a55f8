// Telling systemd how the service is doing (sd_notify): READY once it answers, STOPPING on the way out, and
// WATCHDOG pings while it stays responsive. Without NOTIFY_SOCKET (not under systemd) every call does nothing.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <thread>

namespace autocut::service {

class SystemdNotifier {
 public:
  // `alive` is asked before each watchdog ping; a service that cannot answer it is not pinged, and systemd restarts it.
  explicit SystemdNotifier(std::function<bool()> alive);
  ~SystemdNotifier();

  void ready(const std::string& status);
  void stopping();

 private:
  std::function<bool()> alive_;
  std::jthread watchdog_;
};

}  // namespace autocut::service
