#include "api/analysis_routes.hpp"

#include <optional>
#include <utility>

#include "api/responses.hpp"

namespace autocut::api {
namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view kPrefix = "/api/analyze/";

analysis_jobs::AnalysisRequest request_in(const std::string& body) {
  const auto document = json::parse(body, nullptr, false);
  if (document.is_discarded() || !document.is_object())
    throw Refusal(400, "invalid body", "the body must be a JSON object");
  if (!document.contains("video") || !document["video"].is_string())
    throw Refusal(400, "invalid body", "video is required: the path of a video file on this machine");
  analysis_jobs::AnalysisRequest request;
  request.video = document["video"].get<std::string>();
  // Relative to what? The service's working directory is no business of the caller's.
  if (!request.video.is_absolute()) throw Refusal(400, "invalid body", "video must be an absolute path");
  const int sources = document.contains("scenes") + document.contains("scenes_csv") + document.contains("scene_file") +
                      (document.contains("detect_scenes") && document["detect_scenes"] == true);
  if (sources > 1)
    throw Refusal(400, "invalid body", "give scenes, scenes_csv, scene_file or detect_scenes, not several");
  if (document.contains("scene_file")) {
    // A file the person picked, as its text: told apart as `autocut analyze --scenes` tells a file apart.
    std::string error;
    if (document["scene_file"].is_string())
      analysis_jobs::read_scenes_text(document["scene_file"].get<std::string>(), request, error);
    if (!document["scene_file"].is_string() || !error.empty())
      throw Refusal(400, "invalid body",
                    error.empty() ? "scene_file must be the text of a JSON or CSV scene file" : error);
  }
  if (document.contains("scenes")) {
    if (!document["scenes"].is_array())
      throw Refusal(400, "invalid body", "scenes must be a list of {\"start\", \"end\"}");
    request.scenes = document["scenes"];
  }
  if (document.contains("scenes_csv")) {
    if (!document["scenes_csv"].is_string())
      throw Refusal(400, "invalid body", "scenes_csv must be the text of a PySceneDetect CSV");
    request.scenes_csv = document["scenes_csv"].get<std::string>();
  }
  if (document.contains("backend")) {
    const auto backend = document["backend"].is_string()
                             ? analysis_jobs::vision_backend_named(document["backend"].get<std::string>())
                             : std::nullopt;
    if (!backend)
      throw Refusal(400, "invalid body", std::string("backend must be ") + analysis_jobs::kVisionBackendNames);
    request.backend = backend;
  }
  return request;
}

Response start(const Request& request, service::AnalysisQueue& queue) {
  const auto submission = queue.submit(request_in(request.body));
  using Refused = service::AnalysisQueue::Refused;
  if (submission.refused == Refused::busy)
    return error_response(503, "busy", submission.error, {{"Retry-After", "30"}});
  if (submission.refused == Refused::unavailable) return error_response(503, "unavailable", submission.error);
  if (submission.refused == Refused::not_yet)
    return error_response(503, "still checking", submission.error, {{"Retry-After", "2"}});
  if (submission.refused == Refused::invalid) return error_response(400, "invalid video", submission.error);
  if (submission.refused == Refused::forbidden) return error_response(403, "forbidden", submission.error);
  const auto url = std::string(kPrefix) + submission.id;
  auto response = json_response(json{{"id", submission.id}, {"state", "queued"}, {"url", url}}, 202);
  response.headers.emplace_back("Location", url);
  return response;
}

// "{id}/scenes/{n}/keyframe.jpg" → (id, n); nothing else matches, so nothing else can reach the disk.
std::optional<std::pair<std::string, int>> keyframe_path(const std::string& rest) {
  constexpr std::string_view kScenes = "/scenes/", kName = "/keyframe.jpg";
  const auto slash = rest.find('/');
  if (slash == std::string::npos || !rest.ends_with(kName) || rest.compare(slash, kScenes.size(), kScenes) != 0)
    return std::nullopt;
  const auto number = rest.substr(slash + kScenes.size(), rest.size() - kName.size() - slash - kScenes.size());
  if (number.empty() || number.size() > 6 || number.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::pair(rest.substr(0, slash), std::stoi(number));
}

Response keyframe(const service::AnalysisQueue& queue, const std::string& id, int scene) {
  auto picture = queue.keyframe(id, scene);
  if (!picture)
    return error_response(404, "not found",
                          "no picture of scene " + std::to_string(scene) + " of analysis job " + id.substr(0, 40));
  Response response;
  response.content_type = "image/jpeg";
  response.body = std::move(*picture);
  // Written once and never changed (a job id is never reused): the browser need not ask again.
  response.headers.emplace_back("Cache-Control", "private, max-age=86400, immutable");
  return response;
}

}  // namespace

Response analysis_route(const Request& request, service::AnalysisQueue* queue) {
  if (!queue) return error_response(503, "unavailable", "video analysis is not set up in this service");
  try {
    if (request.path == "/api/analyze") {
      if (request.method == "POST") return start(request, *queue);
      return only("GET", request,
                  [&] { return json_response(json{{"jobs", queue->jobs()}, {"backends", queue->backends()}}); });
    }
    auto rest = request.path.substr(kPrefix.size());
    if (const auto picture = keyframe_path(rest))
      return only("GET", request, [&] { return keyframe(*queue, picture->first, picture->second); });
    const bool cancel = rest.ends_with("/cancel");
    if (cancel) rest.resize(rest.size() - std::string_view("/cancel").size());
    const auto missing = [&] { return error_response(404, "not found", "no analysis job " + rest.substr(0, 40)); };
    if (cancel)
      return only("POST", request, [&] {
        return queue->cancel(rest) ? json_response(json{{"id", rest}, {"cancelling", true}}, 202) : missing();
      });
    return only("GET", request, [&] {
      const auto job = queue->job(rest);
      return job ? json_response(*job) : missing();
    });
  } catch (const Refusal& refusal) {
    return error_response(refusal.status, refusal.what(), refusal.detail);
  }
}

}  // namespace autocut::api
