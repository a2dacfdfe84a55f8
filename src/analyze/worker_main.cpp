// autocut-analyze-worker: one analysis job per process, so a decoder crash never takes its caller down. Reads the
// job as JSON on standard input — {"video", "scenes" (list), "scenes_csv" (text) or "detect_scenes": true,
// "frames_per_scene",
// "image_max_side", "backends": [{"protocol", "name", "url", "model", "api_key_env", "timeout_s"}]} — and writes
// JSON lines: an "attempt" per model call (what the monitor's failure rate is fed), a "scene" per scene as it is
// done, then "done" with the summary. Keys are read from the environment variable a backend names, never from
// the job, and never written out.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "analyze/analyze_job.hpp"
#include "analyze/scene_detector.hpp"

namespace {

using json = nlohmann::ordered_json;

void emit(const json& line) { std::cout << line.dump(-1, ' ', false, json::error_handler_t::replace) << std::endl; }

}  // namespace

int main() {
  using namespace autocut::analyze;
  const std::string input((std::istreambuf_iterator<char>(std::cin)), {});
  const auto job = json::parse(input, nullptr, false);
  if (job.is_discarded() || !job.is_object() || !job.contains("video") || !job["video"].is_string()) {
    emit({{"event", "done"}, {"error", "the job must be a JSON object with \"video\""}});
    return 2;
  }
  SceneList scenes;
  if (job.value("detect_scenes", false)) {
    std::string error;
    auto video = VideoSource::open(job["video"].get<std::string>(), error);
    if (!video) {
      emit({{"event", "done"}, {"error", error}});
      return 1;
    }
    scenes = detect_scenes(*video);
    emit({{"event", "scenes"},
          {"count", scenes.scenes.size()},
          {"error", scenes.error.empty() ? json(nullptr) : json(scenes.error)}});
    scenes.error.clear();  // a video that breaks off still has the scenes found before the break
  } else if (job.contains("scenes_csv") && job["scenes_csv"].is_string()) {
    scenes = parse_scenes_csv(job["scenes_csv"].get<std::string>());
  } else {
    scenes = parse_scenes_json(job.contains("scenes") ? job["scenes"].dump() : "null");
  }
  JobOptions options;
  options.frames_per_scene = job.value("frames_per_scene", 1);
  options.image_max_side = std::clamp(job.value("image_max_side", 512), 64, 4096);
  if (job.contains("backends") && job["backends"].is_array())
    for (const auto& item : job["backends"]) {
      if (!item.is_object()) continue;
      BackendConfig backend;
      backend.protocol = item.value("protocol", "ollama");
      backend.name = item.value("name", backend.protocol);
      backend.url = item.value("url", "");
      backend.model = item.value("model", "");
      backend.timeout = std::chrono::milliseconds(static_cast<long>(item.value("timeout_s", 60.0) * 1000));
      if (const auto variable = item.value("api_key_env", std::string()); !variable.empty())
        if (const char* key = std::getenv(variable.c_str()); key && *key) backend.api_key = key;
      if (!backend.url.empty() && !backend.model.empty()) options.backends.push_back(std::move(backend));
    }
  options.on_attempt = [](const AttemptReport& report) {
    emit({{"event", "attempt"},
          {"scene", report.scene_index},
          {"kind", "vision"},
          {"backend", report.backend},
          {"ok", report.attempt.ok},
          {"duration_ms", report.attempt.duration_ms},
          {"error", report.attempt.error.empty() ? json(nullptr) : json(report.attempt.error)}});
  };

  const auto summary = run_job(job["video"].get<std::string>(), std::move(scenes), options, [](const SceneResult& r) {
    emit({{"event", "scene"},
          {"index", r.scene.index},
          {"start", r.scene.start_s},
          {"end", r.scene.end_s},
          {"keyframes", r.keyframes_s},
          {"description", r.description},
          {"tags", r.tags},
          {"backend", r.backend},
          {"model", r.model.empty() ? json(nullptr) : json(r.model)},
          {"duration_ms", r.duration_ms},
          {"ok", r.ok},
          {"error", r.error.empty() ? json(nullptr) : json(r.error)},
          {"attempts", r.attempts}});
  });
  emit({{"event", "done"},
        {"scenes", summary.scenes},
        {"succeeded", summary.succeeded},
        {"failed", summary.failed},
        {"total_ms", summary.total_ms},
        {"error", summary.error.empty() ? json(nullptr) : json(summary.error)}});
  return summary.error.empty() ? 0 : 1;
}
