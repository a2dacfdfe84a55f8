// Video analysis over HTTP: POST /api/analyze starts a job on a video on this machine's disk, GET /api/analyze
// lists the jobs, GET /api/analyze/{id} gives one with its progress and results, POST /api/analyze/{id}/cancel
// stops it keeping the scenes done, GET /api/analyze/{id}/scenes/{n}/keyframe.jpg gives scene n's picture. Progress
// also goes to the event stream as "analysis" events.
#pragma once

#include "api/http_types.hpp"
#include "service/analysis_queue.hpp"

namespace autocut::api {

// For a path under /api/analyze; `queue` may be null (analysis not set up).
Response analysis_route(const Request& request, service::AnalysisQueue* queue);

}  // namespace autocut::api
