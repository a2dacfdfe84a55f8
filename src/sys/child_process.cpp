#include "sys/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <thread>
#include <utility>

#include "sys/output_lines.hpp"
#include "sys/spawn_arguments.hpp"

namespace autocut::sys {
namespace {

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

struct ChildProcess::Impl {
  pid_t pid = -1;
  int in = -1, out = -1, err = -1;
  OutputLines lines;
  OutputTail error_output;
  bool out_ended = false;
  std::optional<int> exit_code;

  ~Impl() {
    if (!exit_code && pid > 0) {
      ::kill(pid, SIGKILL);
      while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
      }
    }
    close_fd(in);
    close_fd(out);
    close_fd(err);
  }

  void take_error_output() {
    if (err < 0) return;
    std::array<char, 4096> buffer{};
    const ssize_t n = ::read(err, buffer.data(), buffer.size());
    if (n > 0)
      error_output.add(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    else if (n == 0 || errno != EINTR)
      close_fd(err);
  }
};

ChildProcess::ChildProcess(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ChildProcess::~ChildProcess() = default;

std::unique_ptr<ChildProcess> ChildProcess::start(const std::vector<std::string>& argv,
                                                  const std::vector<std::string>& environment, std::string& error) {
  if (argv.empty()) {
    error = "no program to run";
    return nullptr;
  }
  // Input is a socket so that writing to a child that has gone is an error (MSG_NOSIGNAL), not a SIGPIPE.
  int input[2], output[2], errors[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, input) != 0) {
    error = std::string("cannot create a pipe: ") + std::strerror(errno);
    return nullptr;
  }
  if (::pipe2(output, O_CLOEXEC) != 0) {
    error = std::string("cannot create a pipe: ") + std::strerror(errno);
    ::close(input[0]), ::close(input[1]);
    return nullptr;
  }
  if (::pipe2(errors, O_CLOEXEC) != 0) {
    error = std::string("cannot create a pipe: ") + std::strerror(errno);
    ::close(input[0]), ::close(input[1]), ::close(output[0]), ::close(output[1]);
    return nullptr;
  }
  auto args = spawn_arguments(argv);
  auto env = spawn_arguments(environment);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, input[1], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, output[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, errors[1], STDERR_FILENO);
  // Nothing else of ours: a service's listening socket held by its worker would outlive the service.
  posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
  pid_t pid = -1;
  const int spawned = ::posix_spawn(&pid, argv[0].c_str(), &actions, nullptr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(input[1]), ::close(output[1]), ::close(errors[1]);
  if (spawned != 0) {
    error = "cannot run " + argv[0] + ": " + std::strerror(spawned);
    ::close(input[0]), ::close(output[0]), ::close(errors[0]);
    return nullptr;
  }
  auto impl = std::make_unique<Impl>();
  impl->pid = pid;
  impl->in = input[0];
  impl->out = output[0];
  impl->err = errors[0];
  return std::unique_ptr<ChildProcess>(new ChildProcess(std::move(impl)));
}

bool ChildProcess::write_line(std::string_view line) {
  if (impl_->in < 0) return false;
  std::string data(line);
  data.push_back('\n');
  for (std::size_t sent = 0; sent < data.size();) {
    const ssize_t n = ::send(impl_->in, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

void ChildProcess::close_input() { close_fd(impl_->in); }

ReadResult ChildProcess::read_line(std::chrono::milliseconds timeout, std::size_t max_line) {
  auto& child = *impl_;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (auto line = child.lines.next(max_line)) return {ReadStatus::line, std::move(*line)};
    if (child.out_ended) {
      if (auto rest = child.lines.rest()) return {ReadStatus::line, std::move(*rest)};
      return {ReadStatus::ended, {}};
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    std::array<pollfd, 2> fds{{{child.out, POLLIN, 0}, {child.err, POLLIN, 0}}};
    // A signal (Ctrl-C) ends the wait early: the caller looks at its own flags and asks again.
    const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(std::max<long>(0, left.count())));
    if (ready <= 0) return {ReadStatus::timed_out, {}};
    if (fds[1].revents) child.take_error_output();
    if (fds[0].revents) {
      std::array<char, 16384> buffer{};
      const ssize_t n = ::read(child.out, buffer.data(), buffer.size());
      if (n > 0)
        child.lines.add(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
      else if (n == 0 || errno != EINTR)
        child.out_ended = true, close_fd(child.out);
    }
  }
}

void ChildProcess::request_stop() {
  if (!impl_->exit_code && impl_->pid > 0) ::kill(impl_->pid, SIGTERM);
}

void ChildProcess::kill() {
  if (!impl_->exit_code && impl_->pid > 0) ::kill(impl_->pid, SIGKILL);
}

void ChildProcess::abandon() {
  auto& child = *impl_;
  if (child.exit_code || child.pid <= 0) return;
  ::kill(child.pid, SIGKILL);
  std::thread([pid = child.pid] {
    while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
  }).detach();
  child.exit_code = 128 + SIGKILL;
}

int ChildProcess::wait(std::chrono::milliseconds deadline) {
  auto& child = *impl_;
  if (child.exit_code) return *child.exit_code;
  close_input();
  const auto until = std::chrono::steady_clock::now() + deadline;
  int status = 0;
  for (bool killed = false;;) {
    const pid_t done = ::waitpid(child.pid, &status, killed ? 0 : WNOHANG);
    if (done == child.pid) break;
    if (done < 0 && errno != EINTR) {
      child.exit_code = -1;
      return -1;
    }
    if (done == 0 && std::chrono::steady_clock::now() >= until) {
      ::kill(child.pid, SIGKILL);
      killed = true;
    } else if (done == 0) {
      // Keep its error output flowing, or a child blocked writing it would never exit.
      if (child.err >= 0) {
        pollfd fd{child.err, POLLIN, 0};
        if (::poll(&fd, 1, 5) > 0) child.take_error_output();
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    }
  }
  // What it wrote before it ended, without waiting on anything that inherited the stream.
  if (child.err >= 0) ::fcntl(child.err, F_SETFL, O_NONBLOCK);
  while (child.err >= 0) child.take_error_output();
  child.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return *child.exit_code;
}

std::string ChildProcess::ended_how() const {
  if (!impl_->exit_code) return "still running";
  const int code = *impl_->exit_code;
  return code > 128 ? "killed by signal " + std::to_string(code - 128) : "exit status " + std::to_string(code);
}

std::string ChildProcess::error_output() const { return impl_->error_output.text(); }

int ChildProcess::pid() const { return impl_->pid; }

}  // namespace autocut::sys
