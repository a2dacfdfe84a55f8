#include "sys/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include "sys/spawn_arguments.hpp"

namespace autocut::sys {
namespace {

struct Pipe {
  int read = -1;
  int write = -1;
  ~Pipe() {
    if (read >= 0) ::close(read);
    if (write >= 0) ::close(write);
  }
};

bool open_pipe(Pipe& pipe) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return false;
  pipe.read = fds[0];
  pipe.write = fds[1];
  return true;
}

}  // namespace

ProcessOutput run_process(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                          std::size_t max_output, const std::vector<std::string>& environment) {
  ProcessOutput output;
  Pipe out, err;
  if (argv.empty() || !open_pipe(out) || !open_pipe(err)) {
    output.error = "cannot create pipes";
    return output;
  }
  auto args = spawn_arguments(argv);
  auto env = spawn_arguments(environment);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.write, STDERR_FILENO);
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, argv[0].c_str(), &actions, nullptr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(out.write), out.write = -1;
  ::close(err.write), err.write = -1;
  if (spawned != 0) {
    output.error = "cannot run " + argv[0] + ": " + std::strerror(spawned);
    return output;
  }

  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::array<pollfd, 2> fds{{{out.read, POLLIN, 0}, {err.read, POLLIN, 0}}};
  std::array<std::string*, 2> sinks{&output.out, &output.err};
  int open_streams = 2;
  std::array<char, 16384> buffer{};
  while (open_streams > 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      output.timed_out = true;
      break;
    }
    const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(left.count()));
    if (ready < 0 && errno != EINTR) break;  // cannot wait on the pipes: the exit below still has its deadline
    if (ready <= 0) continue;
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = ::read(fds[i].fd, buffer.data(), buffer.size());
      if (n > 0) {
        const auto keep =
            std::min<std::size_t>(static_cast<std::size_t>(n), max_output - std::min(max_output, sinks[i]->size()));
        sinks[i]->append(buffer.data(), keep);
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open_streams;
      }
    }
  }
  // The child may close its output and still not exit: the deadline holds for the exit too.
  int status = 0;
  for (bool killed = false;;) {
    if (output.timed_out && !killed) ::kill(pid, SIGKILL), killed = true;
    const pid_t done = ::waitpid(pid, &status, killed ? 0 : WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) {
      // Without the child's status nothing is known about how it ended: never report success.
      output.error = "cannot wait for " + argv[0] + ": " + std::strerror(errno);
      return output;
    }
    if (done == 0 && std::chrono::steady_clock::now() >= deadline)
      output.timed_out = true;
    else if (done == 0)
      ::usleep(1000);
  }
  output.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return output;
}

}  // namespace autocut::sys
