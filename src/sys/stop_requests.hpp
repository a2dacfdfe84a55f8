// What a long-running command (serve, monitor) is asked from outside while it runs: to stop — Ctrl-C or SIGTERM
// on Linux; Ctrl-C, Ctrl-Break, closing the console window, logging off or shutting down on Windows — or to detect
// the machine again (SIGHUP; Windows has none). One file per platform behind this header. From its creation to its
// end those requests come to wait() instead of ending the process. One instance at a time.
#pragma once

#include <chrono>
#include <optional>

namespace autocut::sys {

enum class OutsideRequest { stop, reload };

class StopRequests {
 public:
  StopRequests();
  // On Windows, a console being closed waits (up to the few seconds Windows gives) until this is destroyed, so the
  // command's clean-up — the profile saved, requests finished — runs before the process is ended.
  ~StopRequests();
  StopRequests(const StopRequests&) = delete;
  StopRequests& operator=(const StopRequests&) = delete;

  // The next request; nullopt when none came within `timeout`.
  std::optional<OutsideRequest> wait(std::chrono::milliseconds timeout);
  OutsideRequest wait();
};

}  // namespace autocut::sys
