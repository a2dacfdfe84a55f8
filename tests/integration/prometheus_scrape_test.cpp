// A real Prometheus (Debian's package), started on loopback by the test, scrapes the service's /metrics; its query
// API then reports the target up and the policy level the service exposes.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <nlohmann/json.hpp>
#include <thread>

#include "api/http_server.hpp"
#include "api/routes.hpp"
#include "detect/detect_all.hpp"
#include "profile/build_profile.hpp"
#include "support/fixed_sample_source.hpp"
#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

namespace autocut::api {
namespace {

using namespace std::chrono_literals;
using testing::run_shell;
using testing::shell_quote;

std::uint16_t free_port() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

// Asks Prometheus' HTTP API for `query`; the first result's value, or "" while it has none.
std::string instant_value(std::uint16_t port, const std::string& query) {
  const auto reply = run_shell("curl -s --max-time 2 --get --data-urlencode " + shell_quote("query=" + query) +
                               " http://127.0.0.1:" + std::to_string(port) + "/api/v1/query");
  const auto document = nlohmann::json::parse(reply.out, nullptr, false);
  if (document.is_discarded() || document.value("status", "") != "success") return {};
  const auto& results = document["data"]["result"];
  if (results.empty()) return {};
  return results[0]["value"][1].get<std::string>();
}

TEST(PrometheusScrape, ARealPrometheusScrapesTheServiceAndSeesItsLevel) {
  service::ServiceSetup setup;
  setup.detect = [](service::DetectionDepth) {
    const sys::HostRoot root(std::filesystem::path(AUTOCUT_FIXTURE_HOSTS) / "amd-rx7900xtx");
    return profile::build_profile(detect::detect_all(root, {}), std::chrono::system_clock::now());
  };
  setup.sampler = [](const core::RuntimeProfile&) {
    monitor::Sample figures;
    figures.memory_available_bytes = 8ull << 30;
    return std::make_unique<testing::FixedSampleSource>(figures);
  };
  setup.monitor.interval = 200ms;
  service::RuntimeService service(std::move(setup));
  HttpServer server(ListenAddress{"127.0.0.1", 0}, make_routes(service, {}));
  service.start();
  server.start();

  testing::TempDir work;
  const auto prometheus_port = free_port();
  work.write("prometheus.yml",
             "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
             "scrape_configs:\n  - job_name: autocut\n    static_configs:\n"
             "      - targets: ['127.0.0.1:" +
                 std::to_string(server.port()) + "']\n");
  // posix_spawn, not fork: a child forked from this many-threaded process could find the allocator's lock held by
  // another thread (the service's) and hang before it ever ran Prometheus.
  const auto config = "--config.file=" + (work.path() / "prometheus.yml").string();
  const auto storage = "--storage.tsdb.path=" + (work.path() / "data").string();
  const auto listen = "--web.listen-address=127.0.0.1:" + std::to_string(prometheus_port);
  const auto log = (work.path() / "prometheus.log").string();
  std::vector<std::string> arguments{"prometheus", config, storage, listen, "--log.level=warn"};
  std::vector<char*> argv;
  for (auto& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  const int spawned = ::posix_spawnp(&pid, "prometheus", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ASSERT_EQ(spawned, 0) << "cannot run prometheus";

  std::string up, level;
  for (int i = 0; i < 120 && (up != "1" || level.empty()); ++i) {
    std::this_thread::sleep_for(250ms);
    up = instant_value(prometheus_port, "up{job=\"autocut\"}");
    level = instant_value(prometheus_port, "autocut_policy_level{level=\"LOCAL_GPU_HIGH\"}");
  }
  ::kill(pid, SIGTERM);
  ::waitpid(pid, nullptr, 0);
  server.stop();
  service.stop();
  EXPECT_EQ(up, "1") << testing::read_text(work.path() / "prometheus.log");
  EXPECT_EQ(level, "1");
}

}  // namespace
}  // namespace autocut::api
