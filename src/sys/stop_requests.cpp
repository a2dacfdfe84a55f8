// Signals become bytes on a pipe of our own (the self-pipe): the handler only writes one byte, which is safe in a
// signal handler, and wait() polls the pipe. Whichever thread the kernel hands a signal to — one of ours, or one a
// runtime started before main (a sanitizer's) — the request arrives; SA_RESTART keeps the other threads' system
// calls from failing with EINTR.
#include "sys/stop_requests.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>

namespace autocut::sys {
namespace {

constexpr std::array<int, 3> kSignals{SIGINT, SIGTERM, SIGHUP};
int pipe_fds[2] = {-1, -1};
struct sigaction previous[kSignals.size()];

extern "C" void on_outside_signal(int signal) {
  const int saved = errno;
  const char code = signal == SIGHUP ? 'r' : 's';
  [[maybe_unused]] const auto written = ::write(pipe_fds[1], &code, 1);  // a full pipe already holds a request
  errno = saved;
}

std::optional<OutsideRequest> take(int timeout_ms) {
  pollfd fd{pipe_fds[0], POLLIN, 0};
  int ready = 0;
  do ready = ::poll(&fd, 1, timeout_ms);
  while (ready < 0 && errno == EINTR);
  char code = 0;
  if (ready <= 0 || ::read(pipe_fds[0], &code, 1) != 1) return std::nullopt;
  return code == 'r' ? OutsideRequest::reload : OutsideRequest::stop;
}

}  // namespace

StopRequests::StopRequests() {
  ::pipe2(pipe_fds, O_CLOEXEC | O_NONBLOCK);
  struct sigaction action {};
  action.sa_handler = on_outside_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  for (std::size_t i = 0; i < kSignals.size(); ++i) ::sigaction(kSignals[i], &action, &previous[i]);
}

StopRequests::~StopRequests() {
  for (std::size_t i = 0; i < kSignals.size(); ++i) ::sigaction(kSignals[i], &previous[i], nullptr);
  ::close(pipe_fds[0]);
  ::close(pipe_fds[1]);
  pipe_fds[0] = pipe_fds[1] = -1;
}

std::optional<OutsideRequest> StopRequests::wait(std::chrono::milliseconds timeout) {
  return take(static_cast<int>(std::max<long long>(0, timeout.count())));
}

OutsideRequest StopRequests::wait() {
  for (;;)
    if (const auto request = take(-1)) return *request;
}

}  // namespace autocut::sys
