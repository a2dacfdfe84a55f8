#include "api/openapi.hpp"

#include <nlohmann/json.hpp>

namespace autocut::api {
namespace {

using json = nlohmann::ordered_json;

json error_reply(const char* description) {
  return {{"description", description},
          {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}

json json_reply(const char* description) {
  return {{"description", description}, {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
}

json query(const char* name, const char* description, json schema) {
  return {{"name", name}, {"in", "query"}, {"required", false}, {"description", description}, {"schema", schema}};
}

json operation(const char* summary, json responses, json parameters = json::array()) {
  json op{{"summary", summary}, {"responses", responses}};
  if (!parameters.empty()) op["parameters"] = parameters;
  return op;
}

json state_change(const char* summary, json parameters = json::array()) {
  return operation(summary,
                   {{"200", json_reply("The new state")},
                    {"400", error_reply("A parameter is out of range")},
                    {"401", error_reply("A token is required")},
                    {"405", error_reply("Sent as GET: state changes are POST-only")}},
                   parameters);
}

json reading(const char* summary, json parameters = json::array()) {
  return operation(summary,
                   {{"200", json_reply(summary)},
                    {"400", error_reply("A parameter is out of range")},
                    {"401", error_reply("A token is required")}},
                   parameters);
}

// A document kept between changes: its 200 carries an ETag, and If-None-Match with that tag is answered 304.
json conditional(json op) {
  op["parameters"].push_back({{"name", "If-None-Match"},
                              {"in", "header"},
                              {"required", false},
                              {"description", "The ETag of the copy held: 304 while it is current"},
                              {"schema", {{"type", "string"}}}});
  op["responses"]["200"]["headers"]["ETag"] = {{"description", "Changes exactly when the body does"},
                                               {"schema", {{"type", "string"}}}};
  op["responses"]["304"] = {{"description", "Not modified: the copy held is current (no body)"}};
  return op;
}

json build() {
  const json reason = query("reason", "Why, in any language (at most 500 bytes)", {{"type", "string"}});
  const json lang = query("lang", "Language of the explanation", {{"type", "string"}, {"enum", {"en", "zh"}}});
  json paths;
  paths["/api/runtime/status"]["get"] =
      conditional(reading("Everything: profile, policy, monitor and explanation", {lang}));
  paths["/api/runtime/profile"]["get"] = conditional(reading("The detected runtime profile"));
  paths["/api/runtime/policy"]["get"] = conditional(reading("The execution policy at the effective level", {lang}));
  paths["/api/runtime/monitor"]["get"] = conditional(reading("The monitor: level, rules, last sample"));
  paths["/api/runtime/monitor/metrics/history"]["get"] = conditional(reading(
      "Samples over the last minutes",
      {query("minutes", "How far back, 0.1 to 1440", {{"type", "number"}, {"minimum", 0.1}, {"maximum", 1440}})}));
  paths["/api/runtime/events"]["get"] = conditional(reading("Recent level transitions"));
  paths["/api/runtime/events/stream"]["get"] =
      operation("Server-Sent Events: hello, sample, transition, policy, profile, task, analysis",
                {{"200",
                  {{"description", "An event stream"},
                   {"content", {{"text/event-stream", {{"schema", {{"type", "string"}}}}}}}}}});
  paths["/api/runtime/admit"]["get"] =
      reading("Where a task of this kind would run now",
              {query("kind", "The task kind", {{"type", "string"}, {"enum", {"vision", "planning", "editing"}}}),
               query("model", "For vision: a model to ask about", {{"type", "string"}})});
  paths["/api/runtime/explanation"]["get"] =
      conditional(operation("The explanation in words", {{"200", {{"description", "Plain text"}}}}, {lang}));
  paths["/api/runtime/profile/reload"]["post"] = state_change("Detect the machine again");
  paths["/api/runtime/policy/reload"]["post"] = state_change("Resolve the policy again");
  paths["/api/runtime/policy/degrade"]["post"] = state_change("Lower the level by one and hold it there", {reason});
  paths["/api/runtime/policy/restore"]["post"] = state_change("Lift a manual degrade", {reason});
  paths["/api/runtime/monitor/dry-run"]["post"] =
      state_change("Switch dry-run on or off: the rules decide and report, the level stays",
                   {query("enabled", "true or false", {{"type", "boolean"}})});
  paths["/api/runtime/tasks"]["post"] = {
      {"summary", "Report a task outcome (feeds the failure-rate rule)"},
      {"requestBody",
       {{"required", true},
        {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/TaskReport"}}}}}}}}},
      {"responses",
       {{"202", json_reply("Recorded")},
        {"400", error_reply("The body is not a valid report")},
        {"413", error_reply("The body is over 64 KiB")}}}};
  paths["/api/analyze"]["post"] = {
      {"summary", "Start analysing a video on this machine's disk; its scenes go where the policy says"},
      {"requestBody",
       {{"required", true},
        {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/AnalysisRequest"}}}}}}}}},
      {"responses",
       {{"202", json_reply("Queued: {id, state, url}; Location names the job")},
        {"400", error_reply("The body or the video is not usable (missing, not a regular readable file)")},
        {"401", error_reply("A token is required")},
        {"403", error_reply("The video lies outside the media directories the service may read (--media-dir)")},
        {"503", error_reply("The worker is not installed, too many jobs wait, or the backend asked for depends on "
                            "detection still under way (Retry-After)")}}}};
  paths["/api/analyze"]["get"] = reading(
      "The analysis jobs, newest last, without their scenes; and the backends a job may name on this machine now");
  const json job_id{{"name", "id"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}};
  paths["/api/analyze/{id}"]["get"] =
      operation("One job: state, progress (done/total, rate, ETA), summary by backend, plan changes and each scene",
                {{"200", json_reply("The job")}, {"404", error_reply("No such job")}}, {job_id});
  paths["/api/analyze/{id}/cancel"]["post"] =
      operation("Cancel: no new scene starts, the scenes done are kept",
                {{"202", json_reply("Cancelling")}, {"404", error_reply("No such job")}}, {job_id});
  const json scene_number{{"name", "n"},
                          {"in", "path"},
                          {"required", true},
                          {"description", "The scene's index, from 1, as in the job's scenes"},
                          {"schema", {{"type", "integer"}, {"minimum", 1}}}};
  paths["/api/analyze/{id}/scenes/{n}/keyframe.jpg"]["get"] = operation(
      "A scene's middle keyframe as a JPEG (at most 320 px a side), kept with its job under a total size cap "
      "(AUTOCUT_KEYFRAMES_MAX_MIB)",
      {{"200",
        {{"description", "The picture"},
         {"content", {{"image/jpeg", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}}},
       {"401", error_reply("A token is required")},
       {"404", error_reply("No such job, no such scene, or its picture was not kept (removed under the cap)")}},
      {job_id, scene_number});
  paths["/healthz"]["get"] = operation("Liveness", {{"200", json_reply("ok")}});
  paths["/metrics"]["get"] =
      conditional(operation("Prometheus metrics (text format 0.0.4)", {{"200", {{"description", "Metrics"}}}}));
  paths["/openapi.json"]["get"] = conditional(operation("This document", {{"200", json_reply("OpenAPI 3")}}));
  paths["/docs"]["get"] = operation("This API reference, as a page", {{"200", {{"description", "HTML"}}}});
  paths["/"]["get"] = operation("The dashboard", {{"200", {{"description", "HTML"}}}});

  json schemas;
  schemas["Error"] = {{"type", "object"},
                      {"required", {"error", "detail"}},
                      {"properties", {{"error", {{"type", "string"}}}, {"detail", {{"type", "string"}}}}}};
  schemas["TaskReport"] = {{"type", "object"},
                           {"required", {"kind", "backend", "ok"}},
                           {"properties",
                            {{"kind", {{"type", "string"}, {"enum", {"vision", "planning", "editing"}}}},
                             {"backend",
                              {{"type", "string"},
                               {"enum",
                                {"ollama-gpu", "ollama-cpu", "local-openai", "cloud", "builtin", "davinci-resolve",
                                 "ffmpeg-hardware", "ffmpeg-libx264"}}}},
                             {"ok", {{"type", "boolean"}}},
                             {"duration_ms", {{"type", "number"}, {"minimum", 0}}},
                             {"error", {{"type", "string"}, {"maxLength", 500}}}}}};
  schemas["AnalysisRequest"] = {
      {"type", "object"},
      {"required", {"video"}},
      {"properties",
       {{"video", {{"type", "string"}, {"description", "Absolute path of a video file on the server's machine"}}},
        {"scenes",
         {{"type", "array"},
          {"description",
           "Scenes as {start, end}: seconds or HH:MM:SS.mmm; without scenes, scenes_csv or scene_file, detected"},
          {"items", {{"type", "object"}}}}},
        {"scenes_csv", {{"type", "string"}, {"description", "PySceneDetect's scene list CSV"}}},
        {"scene_file",
         {{"type", "string"},
          {"description", "The text of a scene file, JSON or PySceneDetect's CSV, told apart by its first character"}}},
        {"detect_scenes", {{"type", "boolean"}}},
        {"backend",
         {{"type", "string"},
          {"description", "Only this backend, then the builtin analyzer, whatever the policy says"},
          {"enum", {"ollama-gpu", "ollama-cpu", "local-openai", "cloud", "builtin"}}}}}}};
  return {{"openapi", "3.0.3"},
          {"info",
           {{"title", "autocut-director runtime"},
            {"version", "1"},
            {"description", "What the machine is, what runs where and why, and how it adapts."}}},
          {"paths", paths},
          {"components",
           {{"schemas", schemas}, {"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
          {"security", json::array({json::object(), json{{"bearer", json::array()}}})}};
}

}  // namespace

const std::string& openapi_document() {
  static const std::string document = build().dump(2);
  return document;
}

}  // namespace autocut::api
