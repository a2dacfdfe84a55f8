// The service over its HTTP API, in process on a loopback port, spoken to by the real curl. The machine is a captured
// fixture (an RX 7900 XTX workstation) and the monitor's samples are scripted, so every answer is known.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "api/http_server.hpp"
#include "api/routes.hpp"
#include "detect/detect_all.hpp"
#include "profile/build_profile.hpp"
#include "support/fixed_sample_source.hpp"
#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

namespace autocut::api {

// The same load on every sample: the CPU an eighth busy, 20 GiB free, the card's memory 40 % used.
inline monitor::Sample quiet_machine() {
  monitor::Sample sample;
  sample.cpu_percent = 12.5;
  sample.memory_available_bytes = 20ull << 30;
  sample.gpus.push_back({"0000:03:00.0", 40.0, 10.0, false});
  return sample;
}

struct Reply {
  int status = 0;
  std::string body;
  std::string headers;

  // The value of a response header, "" when absent (names compared without case, as HTTP does).
  std::string header(std::string name) const {
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::istringstream lines(headers);
    for (std::string line; std::getline(lines, line);) {
      const auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      auto key = line.substr(0, colon);
      for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (key != name) continue;
      auto value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
      while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.pop_back();
      return value;
    }
    return {};
  }
};

class ServiceApi : public ::testing::Test {
 protected:
  void serve(std::optional<std::string> token = std::nullopt) {
    service::ServiceSetup setup;
    setup.detect = detect_ ? detect_ : [](service::DetectionDepth) {
      const sys::HostRoot root(std::filesystem::path(AUTOCUT_FIXTURE_HOSTS) / "amd-rx7900xtx");
      return profile::build_profile(detect::detect_all(root, {}), std::chrono::system_clock::now());
    };
    setup.sampler = [](const core::RuntimeProfile&) {
      return std::make_unique<testing::FixedSampleSource>(quiet_machine());
    };
    setup.monitor.interval = std::chrono::milliseconds(100);
    setup.monitor.engine.arbiter.cooldown =
        std::chrono::milliseconds(0);  // restore climbs back at once (the default waits 15 s)
    setup.profile_path = state_.path() / "runtime_profile.json";
    setup.on_level = [this](const core::RuntimeProfile&, const policy::ExecutionPolicy& policy) {
      if (policy.level == core::Level::local_gpu_mid) std::this_thread::sleep_for(slow_to_tell_mid_.load());
      std::lock_guard lock(levels_mutex_);
      levels_told_.push_back(policy.level);
    };
    service_ = std::make_unique<service::RuntimeService>(std::move(setup));
    server_ = std::make_unique<HttpServer>(ListenAddress{"127.0.0.1", 0},
                                           make_routes(*service_, {token, false, core::Language::en}));
    service_->start();
    server_->start();
  }

  void TearDown() override {
    if (server_) server_->stop();
    if (service_) service_->stop();
  }

  std::string url(const std::string& target) const {
    return testing::shell_quote("http://127.0.0.1:" + std::to_string(server_->port()) + target);
  }

  Reply call(const std::string& curl_arguments) const {
    const auto result = testing::run_shell("curl -sS -D - --max-time 10 " + curl_arguments);
    Reply reply;
    const auto split = result.out.find("\r\n\r\n");
    reply.headers = result.out.substr(0, split);
    reply.body = split == std::string::npos ? "" : result.out.substr(split + 4);
    if (reply.headers.size() > 12) reply.status = std::stoi(reply.headers.substr(9, 3));
    return reply;
  }
  Reply get(const std::string& target, const std::string& extra = {}) const { return call(extra + " " + url(target)); }
  Reply post(const std::string& target, const std::string& extra = {}) const {
    return call("-X POST " + extra + " " + url(target));
  }

  std::vector<core::Level> levels_told() {
    std::lock_guard lock(levels_mutex_);
    return levels_told_;
  }

  testing::TempDir state_;
  std::function<core::RuntimeProfile(service::DetectionDepth)> detect_;  // the fixture's machine when unset
  std::atomic<std::chrono::milliseconds> slow_to_tell_mid_{std::chrono::milliseconds(0)};
  std::mutex levels_mutex_;
  std::vector<core::Level> levels_told_;
  std::unique_ptr<service::RuntimeService> service_;
  std::unique_ptr<HttpServer> server_;
};

}  // namespace autocut::api
