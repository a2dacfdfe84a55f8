// autocut-analyze-worker: one analysis job per process, so a decoder crash never takes its caller down.
//
// Standard input, one JSON object per line: first the job — {"video", "scenes" (list), "scenes_csv" (text) or
// "detect_scenes": true, "chain": {...}, "retry": {...}, "keyframes_dir" (optional: each scene's middle keyframe is
// kept there as <index>.jpg)} — then, while it runs, {"chain": {...}} whenever the
// policy changes; the scenes not yet started follow the newest chain. A chain is {"backends": [{"protocol",
// "name", "url", "model", "api_key_env", "timeout_s"}], "frames_per_scene", "image_max_side", "max_concurrent"}.
// Standard output, JSON lines: "scenes" (how many, and the video's duration), an "attempt" per model call (what the
// monitor's failure rate is fed), a "scene" per scene as it is done, then "done" with the summary. SIGINT or SIGTERM
// cancels: no new scene starts, requests in flight end, and "done" says "cancelled". Keys are read from the environment
// variable a backend names, never from the job, and never written out.
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <csignal>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

extern "C" {
#include <libavutil/log.h>
}

#include "analyze/analyze_job.hpp"
#include "analyze/chain_json.hpp"
#include "analyze/parallel_scene_detection.hpp"

namespace {

using json = nlohmann::ordered_json;
using namespace autocut::analyze;

std::atomic<bool> cancelled{false};

extern "C" void on_cancel(int) { cancelled = true; }

void emit(const json& line) { std::cout << line.dump(-1, ' ', false, json::error_handler_t::replace) << std::endl; }

json nullable(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

// Lines from standard input, waiting in short steps so that the reader can be told to stop.
class InputLines {
 public:
  std::optional<std::string> next(const std::atomic<bool>& stop) {
    for (;;) {
      if (const auto end = pending_.find('\n'); end != std::string::npos) {
        auto line = pending_.substr(0, end);
        pending_.erase(0, end + 1);
        return line;
      }
      if (ended_ || stop) return std::nullopt;
      pollfd fd{STDIN_FILENO, POLLIN, 0};
      if (::poll(&fd, 1, 100) <= 0) continue;
      char buffer[8192];
      const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
      if (n > 0)
        pending_.append(buffer, static_cast<std::size_t>(n));
      else if (n == 0 || errno != EINTR)
        ended_ = true, pending_.push_back('\n');  // a last line without its newline still counts
    }
  }

 private:
  std::string pending_;
  bool ended_ = false;
};

// Chains that came while the job runs; the newest wins.
class ChainUpdates {
 public:
  void put(Chain chain) {
    std::lock_guard lock(mutex_);
    latest_ = std::move(chain);
  }
  std::optional<Chain> take() {
    std::lock_guard lock(mutex_);
    return std::exchange(latest_, std::nullopt);
  }

 private:
  std::mutex mutex_;
  std::optional<Chain> latest_;
};

// Detection decodes on the GPU decoder the keyframes get; its falls to software are said in the warning.
SceneList job_scenes(const json& job, const HardwareDecoderChoice& hardware, std::string& warning) {
  if (job.value("detect_scenes", false)) {
    std::vector<std::string> falls;
    auto scenes = detect_scenes_in_parallel(job["video"].get<std::string>(), 0, {}, hardware, &falls);
    if (scenes.scenes.empty()) return scenes;   // not a video, or nothing in it could be read: the job's error
    warning = std::exchange(scenes.error, {});  // a video that breaks off still has the scenes found before
    for (const auto& fall : falls) warning += (warning.empty() ? "scene detection: " : "; ") + fall;
    return scenes;
  }
  if (job.contains("scenes_csv") && job["scenes_csv"].is_string())
    return parse_scenes_csv(job["scenes_csv"].get<std::string>());
  return parse_scenes_json(job.contains("scenes") ? job["scenes"].dump() : "null");
}

// Figures to three decimals: what a person reads, and what keeps the lines short.
double rounded(double value) { return std::round(value * 1000) / 1000; }

json measurements_json(const std::optional<SceneMeasurements>& m) {
  if (!m) return nullptr;
  auto colours = json::array();
  for (const auto& colour : m->colours) colours.push_back({{"hex", colour.hex}, {"share", rounded(colour.share)}});
  return {{"brightness", rounded(m->brightness)},
          {"contrast", rounded(m->contrast)},
          {"colourfulness", rounded(m->colourfulness)},
          {"sharpness", rounded(m->sharpness)},
          {"motion", m->motion ? json(rounded(*m->motion)) : json(nullptr)},
          {"colours", std::move(colours)}};
}

json scene_line(const SceneResult& r) {
  return {{"event", "scene"},
          {"index", r.scene.index},
          {"start", r.scene.start_s},
          {"end", r.scene.end_s},
          {"keyframes", r.keyframes_s},
          {"keyframe_kept", r.keyframe_kept},
          {"description", r.description},
          {"tags", r.tags},
          {"measurements", measurements_json(r.measurements)},
          {"backend", r.backend},
          {"model", nullable(r.model)},
          {"duration_ms", r.duration_ms},
          {"ok", r.ok},
          {"error", nullable(r.error)},
          {"attempts", r.attempts}};
}

}  // namespace

int main() {
  // A broken video is reported once, as the scene's or the job's error, not as a line per damaged packet.
  av_log_set_level(AV_LOG_FATAL);
  std::signal(SIGINT, on_cancel);
  std::signal(SIGTERM, on_cancel);
  InputLines input;
  const std::atomic<bool> never{false};
  const auto first = input.next(never);
  const auto job = json::parse(first.value_or(""), nullptr, false);
  if (job.is_discarded() || !job.is_object() || !job.contains("video") || !job["video"].is_string()) {
    emit({{"event", "done"}, {"error", "the job must be a JSON object with \"video\" on the first line"}});
    return 2;
  }
  JobOptions options;
  options.chain = chain_from_json(job.value("chain", json::object()));
  options.retry = retry_from_json(job.value("retry", json::object()));
  options.cancel = &cancelled;
  if (!options.chain.hardware_decoders.empty()) options.hardware = proven_hardware(options.chain.hardware_decoders);
  std::string warning;
  auto scenes = job_scenes(job, options.hardware, warning);
  if (job.contains("keyframes_dir") && job["keyframes_dir"].is_string())
    options.keyframes_dir = job["keyframes_dir"].get<std::string>();
  ChainUpdates updates;
  options.take_update = [&] { return updates.take(); };
  options.on_scenes = [&](int count, double duration_s) {
    emit({{"event", "scenes"}, {"count", count}, {"duration_s", duration_s}, {"warning", nullable(warning)}});
  };
  options.on_attempt = [](const AttemptReport& report) {
    emit({{"event", "attempt"},
          {"scene", report.scene_index},
          {"kind", "vision"},
          {"backend", report.backend},
          {"ok", report.attempt.ok},
          {"duration_ms", report.attempt.duration_ms},
          {"error", nullable(report.attempt.error)}});
  };

  std::atomic<bool> finished{false};
  std::thread listening([&] {
    while (auto line = input.next(finished)) {
      const auto update = json::parse(*line, nullptr, false);
      if (update.is_object() && update.contains("chain")) updates.put(chain_from_json(update["chain"]));
    }
  });
  const auto summary = run_job(job["video"].get<std::string>(), std::move(scenes), options,
                               [](const SceneResult& result) { emit(scene_line(result)); });
  finished = true;
  listening.join();
  emit({{"event", "done"},
        {"scenes", summary.scenes},
        {"succeeded", summary.succeeded},
        {"failed", summary.failed},
        {"total_ms", summary.total_ms},
        {"cancelled", summary.cancelled},
        {"decoding", summary.decoding},
        {"decoding_notes", summary.decoding_notes},
        {"error", nullable(summary.error)}});
  return summary.error.empty() ? 0 : 1;
}
