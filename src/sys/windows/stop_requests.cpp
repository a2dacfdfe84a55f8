// Windows asks a console program to stop through its console control handler, called on a thread of its own. Ctrl-C
// and Ctrl-Break are answered at once; for a closed console, a log-off or a shutdown the process ends as soon as the
// handler returns, so the handler holds on until the command has cleaned up (Windows allows about five seconds).
#include "sys/stop_requests.hpp"

#include <windows.h>

#include <condition_variable>
#include <deque>
#include <mutex>

namespace autocut::sys {
namespace {

struct Shared {
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<OutsideRequest> requests;
  bool cleaned_up = false;
};

Shared& shared() {
  static Shared state;  // the handler is a plain function: the state it reaches must be global
  return state;
}

BOOL WINAPI on_console_event(DWORD event) {
  auto& state = shared();
  std::unique_lock lock(state.mutex);
  state.requests.push_back(OutsideRequest::stop);
  state.changed.notify_all();
  if (event == CTRL_CLOSE_EVENT || event == CTRL_LOGOFF_EVENT || event == CTRL_SHUTDOWN_EVENT)
    state.changed.wait_for(lock, std::chrono::milliseconds(4500), [&state] { return state.cleaned_up; });
  return TRUE;  // handled: not the default handler, which would end the process now
}

}  // namespace

StopRequests::StopRequests() {
  auto& state = shared();
  {
    std::lock_guard lock(state.mutex);
    state.requests.clear();
    state.cleaned_up = false;
  }
  SetConsoleCtrlHandler(on_console_event, TRUE);
}

StopRequests::~StopRequests() {
  auto& state = shared();
  {
    std::lock_guard lock(state.mutex);
    state.cleaned_up = true;
  }
  state.changed.notify_all();
  SetConsoleCtrlHandler(on_console_event, FALSE);
}

std::optional<OutsideRequest> StopRequests::wait(std::chrono::milliseconds timeout) {
  auto& state = shared();
  std::unique_lock lock(state.mutex);
  if (!state.changed.wait_for(lock, timeout, [&state] { return !state.requests.empty(); })) return std::nullopt;
  const auto request = state.requests.front();
  state.requests.pop_front();
  return request;
}

OutsideRequest StopRequests::wait() {
  auto& state = shared();
  std::unique_lock lock(state.mutex);
  state.changed.wait(lock, [&state] { return !state.requests.empty(); });
  const auto request = state.requests.front();
  state.requests.pop_front();
  return request;
}

}  // namespace autocut::sys
