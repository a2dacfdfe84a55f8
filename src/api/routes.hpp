// The service's HTTP API: the original's /api/runtime paths (state changes POST-only), events and their stream,
// task reports, admission, video analysis jobs, health, metrics and the OpenAPI description, over one RuntimeService.
#pragma once

#include <optional>
#include <string>

#include "api/http_types.hpp"
#include "service/analysis_queue.hpp"
#include "service/runtime_service.hpp"

namespace autocut::api {

struct RouteOptions {
  std::optional<std::string> token;  // set: every /api/ request needs "Authorization: Bearer <token>"
  bool metrics_need_token = false;
  core::Language language = core::Language::en;  // of explanations, unless ?lang= says otherwise
  service::AnalysisQueue* analysis = nullptr;    // none: /api/analyze answers that analysis is not available
};

Handler make_routes(service::RuntimeService& service, RouteOptions options);

}  // namespace autocut::api
