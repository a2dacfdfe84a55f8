#include "sys/stop_requests.hpp"

#include <pthread.h>
#include <signal.h>

#include <cerrno>
#include <ctime>

namespace autocut::sys {
namespace {

sigset_t outside_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&signals, signal);
  return signals;
}

sigset_t previous_mask;

}  // namespace

// Blocked before any other thread exists, so each thread started later inherits the mask and only wait() takes them.
StopRequests::StopRequests() {
  const auto signals = outside_signals();
  pthread_sigmask(SIG_BLOCK, &signals, &previous_mask);
}

StopRequests::~StopRequests() { pthread_sigmask(SIG_SETMASK, &previous_mask, nullptr); }

std::optional<OutsideRequest> StopRequests::wait(std::chrono::milliseconds timeout) {
  const auto signals = outside_signals();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(timeout);
  const timespec limit{static_cast<time_t>(seconds.count()),
                       static_cast<long>(std::chrono::nanoseconds(timeout - seconds).count())};
  int signal = -1;
  do signal = sigtimedwait(&signals, nullptr, &limit);
  while (signal < 0 && errno == EINTR);
  if (signal < 0) return std::nullopt;
  return signal == SIGHUP ? OutsideRequest::reload : OutsideRequest::stop;
}

OutsideRequest StopRequests::wait() {
  const auto signals = outside_signals();
  int signal = 0;
  sigwait(&signals, &signal);
  return signal == SIGHUP ? OutsideRequest::reload : OutsideRequest::stop;
}

}  // namespace autocut::sys
