// `autocut serve` as the real binary: start-up, a real client, a clean stop on SIGTERM, and the refusals.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdio>
#include <thread>

#include "e2e/autocut_binary.hpp"
#include "support/temp_dir.hpp"

namespace autocut::testing {
namespace {

// Starts the server in the background on a free port, waits for its "serving" line, runs `then` with $PORT set,
// sends SIGTERM and prints the server's exit status last.
std::string serve_script(const std::string& state_dir, const std::string& then, const std::string& flags = {},
                         const std::string& listen = "127.0.0.1:0") {
  return autocut("serve --listen " + listen + " --quiet --env-file /dev/null --state-dir " + shell_quote(state_dir) +
                 " " + flags) +
         " > " + shell_quote(state_dir + "/out.txt") +
         " 2>&1 & pid=$!; "
         "for i in $(seq 100); do grep -q 'serving on' " +
         shell_quote(state_dir + "/out.txt") +
         " && break; sleep 0.05; done; "
         "PORT=$(sed -n 's/.*(port \\([0-9]*\\)).*/\\1/p' " +
         shell_quote(state_dir + "/out.txt") + "); " + then + "; kill -TERM $pid; wait $pid; echo \"exit=$?\"";
}

TEST(ServeCli, ServesUntilSigtermThenStopsCleanlyHavingSavedTheProfile) {
  TempDir state;
  const auto result = run_shell(serve_script(state.path().string(),
                                             "curl -s http://127.0.0.1:$PORT/healthz; echo; "
                                             "curl -s -o /dev/null -w '%{http_code}\\n' "
                                             "http://127.0.0.1:$PORT/api/runtime/status"));
  EXPECT_NE(result.out.find("{\"status\":\"ok\"}"), std::string::npos) << result.out << result.err;
  EXPECT_NE(result.out.find("\n200\n"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("exit=0"), std::string::npos) << result.out;
  EXPECT_TRUE(std::filesystem::exists(state.path() / "runtime_profile.json"));
  EXPECT_NE(read_text(state.path() / "out.txt").find("autocut: stopping"), std::string::npos);
}

// The start-up explanation is the fast detection's: what waits on ffmpeg and the AI servers says "still checking";
// once they answer the whole explanation is printed again, now saying what is missing.
TEST(ServeCli, SaysStillCheckingAtStartAndTheWholeAnswerWhenDetectionCompletes) {
  TempDir state;
  const auto out = shell_quote((state.path() / "out.txt").string());
  const auto result = run_shell("PATH=" + shell_quote(state.path().string()) + " " +
                                autocut("serve --listen 127.0.0.1:0 --lang en --env-file /dev/null --state-dir " +
                                        shell_quote(state.path().string())) +
                                " > " + out + " 2>&1 & pid=$!; for i in $(seq 200); do grep -q 'detection complete' " +
                                out + " && break; sleep 0.05; done; kill -TERM $pid; wait $pid; echo \"exit=$?\"");
  EXPECT_NE(result.out.find("exit=0"), std::string::npos) << result.out << result.err;
  const auto text = read_text(state.path() / "out.txt");
  const auto serving = text.find("autocut: serving on");
  const auto complete = text.find("autocut: detection complete");
  ASSERT_NE(serving, std::string::npos) << text;
  ASSERT_NE(complete, std::string::npos) << text;
  const auto start = text.substr(0, serving);
  const auto later = text.substr(complete);
  EXPECT_NE(start.find("Still checking: local AI servers, ffmpeg"), std::string::npos) << start;
  EXPECT_NE(start.find("Editing: still checking"), std::string::npos) << start;
  EXPECT_EQ(start.find("no editor"), std::string::npos) << start;
  EXPECT_EQ(start.find("apt-get install ffmpeg"), std::string::npos) << start;
  EXPECT_EQ(later.find("Still checking"), std::string::npos) << later;
  EXPECT_NE(later.find("Editing: nowhere — no editor"), std::string::npos) << later;
  EXPECT_NE(later.find("apt-get install ffmpeg"), std::string::npos) << later;
}

TEST(ServeCli, APortInUseIsOneClearLine) {
  TempDir state;
  const auto second = autocut("serve --listen 127.0.0.1:$PORT --quiet --env-file /dev/null --state-dir " +
                              shell_quote(state.path().string()) + "; echo \"second=$?\"");
  const auto result = run_shell(serve_script(state.path().string(), second));
  EXPECT_NE(result.err.find("is already in use"), std::string::npos) << result.out << result.err;
  EXPECT_NE(result.out.find("second=1"), std::string::npos) << result.out;
}

TEST(ServeCli, RefusesABadAddressAnOpenBindWithoutATokenAndAnUnwritableStateDir) {
  const auto bad = run_shell(autocut("serve --listen nowhere --env-file /dev/null"));
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("--listen \"nowhere\" is not HOST:PORT"), std::string::npos) << bad.err;
  const auto open = run_shell(autocut("serve --listen 0.0.0.0:0 --env-file /dev/null"));
  EXPECT_EQ(open.exit_code, 1);
  EXPECT_NE(open.err.find("set AUTOCUT_API_TOKEN or --token-file"), std::string::npos) << open.err;
  const auto unwritable =
      run_shell(autocut("serve --listen 127.0.0.1:0 --state-dir /proc/autocut --env-file /dev/null"));
  EXPECT_NE(unwritable.exit_code, 0);
  EXPECT_NE(unwritable.err.find("--state-dir"), std::string::npos) << unwritable.err;
  EXPECT_EQ(std::count(unwritable.err.begin(), unwritable.err.end(), '\n'), 1) << unwritable.err;
}

TEST(ServeCli, KeepsTheNfdFeatureFileCurrentAsTheLevelChanges) {
  TempDir state;
  const auto nfd = (state.path() / "features.d" / "autocut").string();
  std::filesystem::create_directories(state.path() / "features.d");
  const auto result = run_shell(serve_script(
      state.path().string(),
      "sleep 0.3; grep autocut.level= " + shell_quote(nfd) +
          "; curl -s -X POST http://127.0.0.1:$PORT/api/runtime/policy/degrade >/dev/null; sleep 0.3; grep "
          "autocut.level= " +
          shell_quote(nfd),
      "--nfd-file " + shell_quote(nfd)));
  EXPECT_NE(result.out.find("autocut.level=LOCAL_CPU_ONLY\nfeature.node.kubernetes.io/autocut.level=HYBRID"),
            std::string::npos)
      << result.out << result.err;
}

TEST(ExportNfd, PrintsOrWritesTheFeatureFile) {
  const auto printed = run_shell(
      autocut("export nfd --env-file /dev/null --root " + shell_quote(fixture_host("amd-rx7900xtx").string())));
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  EXPECT_NE(printed.out.find("feature.node.kubernetes.io/autocut.profile-class=LOCAL_GPU_HIGH"), std::string::npos);
  TempDir out;
  const auto written =
      run_shell(autocut("export nfd --env-file /dev/null --output " + shell_quote((out.path() / "autocut").string())));
  ASSERT_EQ(written.exit_code, 0) << written.err;
  EXPECT_NE(read_text(out.path() / "autocut").find("autocut.level="), std::string::npos);
  EXPECT_NE(run_shell(autocut("export --env-file /dev/null")).exit_code, 0) << "a format must be named";
}

TEST(ServeCli, TellsSystemdItIsReadyPingsTheWatchdogAndSaysWhenItStops) {
  // systemd's side of sd_notify(3): a datagram socket named by NOTIFY_SOCKET.
  TempDir state;
  const auto socket_path = (state.path() / "notify").string();
  const int socket_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(socket_fd, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::snprintf(address.sun_path, sizeof address.sun_path, "%s", socket_path.c_str());
  ASSERT_EQ(::bind(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  timeval wait{0, 200000};
  ::setsockopt(socket_fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);

  std::jthread server([&] {
    run_shell("NOTIFY_SOCKET=" + shell_quote(socket_path) + " WATCHDOG_USEC=200000 " +
              serve_script(state.path().string(), "grep -c libsystemd /proc/$pid/maps > " +
                                                      shell_quote((state.path() / "maps.txt").string()) +
                                                      "; sleep 0.6"));
  });
  std::string heard;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (heard.find("STOPPING=1") == std::string::npos && std::chrono::steady_clock::now() < until) {
    char buffer[512];
    if (const auto size = ::recv(socket_fd, buffer, sizeof buffer, 0); size > 0)
      heard += std::string(buffer, static_cast<std::size_t>(size)) + "\n";
  }
  server.join();
  ::close(socket_fd);
  EXPECT_NE(heard.find("READY=1"), std::string::npos) << heard;
  const auto pings = [&] {
    int count = 0;
    for (auto at = heard.find("WATCHDOG=1"); at != std::string::npos; at = heard.find("WATCHDOG=1", at + 1)) ++count;
    return count;
  }();
  EXPECT_GE(pings, 2) << "a ping every 100 ms for 0.6 s: " << heard;
  EXPECT_NE(heard.find("STOPPING=1"), std::string::npos) << heard;
  EXPECT_NE(read_text(state.path() / "maps.txt"), "0\n") << "libsystemd is loaded when systemd is there to tell";
}

// Not started by systemd, the service never loads libsystemd (nor the six libraries it brings).
TEST(ServeCli, WithoutANotifySocketLibsystemdIsNeverLoaded) {
  TempDir state;
  const auto result =
      run_shell("env -u NOTIFY_SOCKET " + serve_script(state.path().string(), "grep -c libsystemd /proc/$pid/maps"));
  EXPECT_NE(result.out.find("0\nexit=0"), std::string::npos) << result.out << result.err;
}

TEST(ServeCli, SighupDetectsAgainAndKeepsServing) {
  TempDir state;
  const auto result = run_shell(
      serve_script(state.path().string(), "kill -HUP $pid; sleep 0.5; curl -s http://127.0.0.1:$PORT/healthz; echo"));
  EXPECT_NE(read_text(state.path() / "out.txt").find("detected the machine again"), std::string::npos);
  EXPECT_NE(result.out.find("{\"status\":\"ok\"}"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("exit=0"), std::string::npos) << result.out;
}

TEST(ServeCli, BeyondLoopbackTheTokenIsRequiredAndNeverWrittenAnywhere) {
  TempDir state;
  const std::string token = "tok-7f3a9c1e5b2d4a6f8e0c";
  const auto token_file = state.write("token", token + "\n").string();
  const auto result =
      run_shell(serve_script(state.path().string(),
                             "curl -s -o /dev/null -w '%{http_code}\\n' http://127.0.0.1:$PORT/api/runtime/status; "
                             "curl -s -o /dev/null -w '%{http_code}\\n' -H 'Authorization: Bearer " +
                                 token +
                                 "' http://127.0.0.1:$PORT/api/runtime/status; "
                                 "curl -s -H 'Authorization: Bearer " +
                                 token + "' http://127.0.0.1:$PORT/api/runtime/status > " +
                                 shell_quote((state.path() / "status.json").string()),
                             "--token-file " + shell_quote(token_file), "0.0.0.0:0"));
  EXPECT_NE(result.out.find("401\n200\n"), std::string::npos) << result.out << result.err;
  for (const auto* file : {"out.txt", "status.json", "runtime_profile.json"})
    EXPECT_EQ(read_text(state.path() / file).find(token.substr(0, 12)), std::string::npos) << file;
}

// Bound beyond loopback without --media-dir, analysis reads nothing: /etc/shadow is refused before it is opened.
TEST(ServeCli, BeyondLoopbackAnalysisReadsOnlyUnderTheMediaDirectories) {
  TempDir state;
  const std::string token = "tok-2b9d4f6a8c0e1357";
  const auto token_file = state.write("token", token + "\n").string();
  const auto post = [&](const std::string& video) {
    return "curl -s -w ' %{http_code}\\n' -X POST -H 'Authorization: Bearer " + token +
           "' -H 'Content-Type: application/json' --data '{\"video\": \"" + video +
           "\"}' http://127.0.0.1:$PORT/api/analyze";
  };
  const auto result = run_shell(
      serve_script(state.path().string(), post("/etc/shadow"), "--token-file " + shell_quote(token_file), "0.0.0.0:0"));
  EXPECT_NE(result.out.find("was given no --media-dir\"} 403"), std::string::npos) << result.out << result.err;
  EXPECT_EQ(result.out.find("Invalid data"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace autocut::testing
