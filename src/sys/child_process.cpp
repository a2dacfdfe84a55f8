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

#include "sys/spawn_arguments.hpp"

namespace autocut::sys {
namespace {

constexpr std::size_t kErrorOutputKept = 8192;

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

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
  std::unique_ptr<ChildProcess> child(new ChildProcess());
  child->pid_ = pid;
  child->in_ = input[0];
  child->out_ = output[0];
  child->err_fd_ = errors[0];
  return child;
}

ChildProcess::~ChildProcess() {
  if (!exit_code_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
  close_fd(in_);
  close_fd(out_);
  close_fd(err_fd_);
}

bool ChildProcess::write_line(std::string_view line) {
  if (in_ < 0) return false;
  std::string data(line);
  data.push_back('\n');
  for (std::size_t sent = 0; sent < data.size();) {
    const ssize_t n = ::send(in_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

void ChildProcess::close_input() { close_fd(in_); }

void ChildProcess::take_error_output() {
  if (err_fd_ < 0) return;
  std::array<char, 4096> buffer{};
  const ssize_t n = ::read(err_fd_, buffer.data(), buffer.size());
  if (n > 0) {
    err_.append(buffer.data(), static_cast<std::size_t>(n));
    if (err_.size() > kErrorOutputKept) err_.erase(0, err_.size() - kErrorOutputKept);
  } else if (n == 0 || errno != EINTR) {
    close_fd(err_fd_);
  }
}

ReadResult ChildProcess::read_line(std::chrono::milliseconds timeout, std::size_t max_line) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (const auto end = pending_.find('\n'); end != std::string::npos) {
      ReadResult result{ReadStatus::line, pending_.substr(0, std::min(end, max_line))};
      pending_.erase(0, end + 1);
      return result;
    }
    if (pending_.size() > max_line) {
      // The rest of an overlong line is dropped up to its newline, not read as lines of its own.
      ReadResult result{ReadStatus::line, pending_.substr(0, max_line)};
      pending_.clear();
      skipping_ = true;
      return result;
    }
    if (out_ended_) {
      if (pending_.empty()) return {ReadStatus::ended, {}};
      return {ReadStatus::line, std::exchange(pending_, {})};
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    std::array<pollfd, 2> fds{{{out_, POLLIN, 0}, {err_fd_, POLLIN, 0}}};
    // A signal (Ctrl-C) ends the wait early: the caller looks at its own flags and asks again.
    const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(std::max<long>(0, left.count())));
    if (ready <= 0) return {ReadStatus::timed_out, {}};
    if (fds[1].revents) take_error_output();
    if (fds[0].revents) {
      std::array<char, 16384> buffer{};
      const ssize_t n = ::read(out_, buffer.data(), buffer.size());
      std::string_view data(buffer.data(), n > 0 ? static_cast<std::size_t>(n) : 0);
      if (skipping_) {
        const auto end = data.find('\n');
        skipping_ = end == std::string_view::npos;
        data.remove_prefix(skipping_ ? data.size() : end + 1);
      }
      if (n > 0)
        pending_.append(data);
      else if (n == 0 || errno != EINTR)
        out_ended_ = true, close_fd(out_);
    }
  }
}

void ChildProcess::signal(int signal_number) {
  if (!exit_code_ && pid_ > 0) ::kill(pid_, signal_number);
}

int ChildProcess::wait(std::chrono::milliseconds deadline) {
  if (exit_code_) return *exit_code_;
  close_input();
  const auto until = std::chrono::steady_clock::now() + deadline;
  int status = 0;
  for (bool killed = false;;) {
    const pid_t done = ::waitpid(pid_, &status, killed ? 0 : WNOHANG);
    if (done == pid_) break;
    if (done < 0 && errno != EINTR) {
      exit_code_ = -1;
      return -1;
    }
    if (done == 0 && std::chrono::steady_clock::now() >= until) {
      ::kill(pid_, SIGKILL);
      killed = true;
    } else if (done == 0) {
      // Keep its error output flowing, or a child blocked writing it would never exit.
      if (err_fd_ >= 0) {
        pollfd fd{err_fd_, POLLIN, 0};
        if (::poll(&fd, 1, 5) > 0) take_error_output();
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    }
  }
  // What it wrote before it ended, without waiting on anything that inherited the stream.
  if (err_fd_ >= 0) ::fcntl(err_fd_, F_SETFL, O_NONBLOCK);
  while (err_fd_ >= 0) take_error_output();
  exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return *exit_code_;
}

}  // namespace autocut::sys
