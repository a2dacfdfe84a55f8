// autocut-analyze-worker: one analysis job per process, so a decoder crash never takes its caller down. Reads the
// job as JSON on standard input — {"video", "scenes" (list) or "scenes_csv" (text), "frames_per_scene",
// "image_max_side"} — and writes JSON lines: one "scene" per scene as it is done, then "done" with the summary.
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "analyze/analyze_job.hpp"

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
  SceneList scenes = job.contains("scenes_csv") && job["scenes_csv"].is_string()
                         ? parse_scenes_csv(job["scenes_csv"].get<std::string>())
                         : parse_scenes_json(job.contains("scenes") ? job["scenes"].dump() : "null");
  JobOptions options;
  options.frames_per_scene = job.value("frames_per_scene", 1);
  options.image_max_side = std::clamp(job.value("image_max_side", 512), 64, 4096);

  const auto summary = run_job(job["video"].get<std::string>(), std::move(scenes), options, [](const SceneResult& r) {
    emit({{"event", "scene"},
          {"index", r.scene.index},
          {"start", r.scene.start_s},
          {"end", r.scene.end_s},
          {"keyframes", r.keyframes_s},
          {"description", r.description},
          {"tags", r.tags},
          {"backend", r.backend},
          {"model", nullptr},
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
