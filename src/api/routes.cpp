#include "api/routes.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "api/analysis_routes.hpp"
#include "api/conditional_get.hpp"
#include "api/document_cache.hpp"
#include "api/metrics.hpp"
#include "api/openapi.hpp"
#include "api/responses.hpp"
#include "api/web_assets.hpp"

namespace autocut::api {
namespace {

using json = nlohmann::ordered_json;

// Compares in time independent of where the first difference lies, so the token cannot be guessed byte by byte.
bool same_secret(const std::string& given, const std::string& expected) {
  unsigned char difference = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < expected.size(); ++i)
    difference |= static_cast<unsigned char>((i < given.size() ? given[i] : 0) ^ expected[i]);
  return difference == 0;
}

double number_in(const Request& request, const std::string& name, double fallback, double low, double high) {
  const auto it = request.query.find(name);
  if (it == request.query.end()) return fallback;
  double value = 0;
  const auto& text = it->second;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value) || value < low || value > high)
    throw Refusal(400, "invalid parameter",
                  name + " must be a number from " + json(low).dump() + " to " + json(high).dump() + " (got \"" +
                      text.substr(0, 40) + "\")");
  return value;
}

std::string reason_in(const Request& request, const char* fallback) {
  const auto it = request.query.find("reason");
  if (it == request.query.end() || it->second.empty()) return fallback;
  if (it->second.size() > 500) throw Refusal(400, "invalid parameter", "reason must be at most 500 bytes");
  return it->second;
}

policy::TaskKind kind_in(const std::string& text) {
  if (text == "vision") return policy::TaskKind::vision;
  if (text == "planning") return policy::TaskKind::planning;
  if (text == "editing") return policy::TaskKind::editing;
  throw Refusal(400, "invalid parameter",
                "kind must be vision, planning or editing (got \"" + text.substr(0, 40) + "\")");
}

bool flag_in(const Request& request, const std::string& name) {
  const auto it = request.query.find(name);
  if (it != request.query.end() && it->second == "true") return true;
  if (it != request.query.end() && it->second == "false") return false;
  throw Refusal(400, "invalid parameter", name + " must be true or false");
}

FreshDocument json_document(const json& body) { return {json_text(body), "application/json", std::nullopt}; }

const char* language_key(core::Language language) { return language == core::Language::zh ? ":zh" : ":en"; }

core::Language language_in(const Request& request, core::Language fallback) {
  const auto it = request.query.find("lang");
  if (it == request.query.end()) return fallback;
  if (const auto language = core::parse_language(it->second)) return *language;
  throw Refusal(400, "invalid parameter", "lang must be en or zh");
}

service::TaskReport task_report(const std::string& body) {
  const auto document = json::parse(body, nullptr, false);
  if (document.is_discarded() || !document.is_object())
    throw Refusal(400, "invalid body", "the body must be a JSON object");
  const auto text = [&](const char* key, bool required) -> std::string {
    if (!document.contains(key)) {
      if (required) throw Refusal(400, "invalid body", std::string(key) + " is required");
      return {};
    }
    if (!document[key].is_string()) throw Refusal(400, "invalid body", std::string(key) + " must be a string");
    return document[key].get<std::string>();
  };
  service::TaskReport report;
  report.kind = text("kind", true);
  kind_in(report.kind);
  report.backend = text("backend", true);
  static const std::vector<std::string> backends{"ollama-gpu", "ollama-cpu",      "local-openai",    "cloud",
                                                 "builtin",    "davinci-resolve", "ffmpeg-hardware", "ffmpeg-libx264"};
  if (std::find(backends.begin(), backends.end(), report.backend) == backends.end())
    throw Refusal(400, "invalid body",
                  "backend must be one the policy names (ollama-gpu, ollama-cpu, local-openai, "
                  "cloud, builtin, davinci-resolve, ffmpeg-hardware, ffmpeg-libx264)");
  if (!document.contains("ok") || !document["ok"].is_boolean())
    throw Refusal(400, "invalid body", "ok is required and must be true or false");
  report.ok = document["ok"].get<bool>();
  if (document.contains("duration_ms")) {
    const auto& duration = document["duration_ms"];
    if (!duration.is_number() || duration.get<double>() < 0 || duration.get<double>() > 86400e3)
      throw Refusal(400, "invalid body", "duration_ms must be a number from 0 to 86400000");
    report.duration = std::chrono::milliseconds(static_cast<long long>(duration.get<double>()));
  }
  report.error = text("error", false).substr(0, 500);
  return report;
}

class Router {
 public:
  Router(service::RuntimeService& service, RouteOptions options) : service_(service), options_(std::move(options)) {}

  Response operator()(const Request& request) {
    try {
      return route(request);
    } catch (const Refusal& refusal) {
      return error_response(refusal.status, refusal.what(), refusal.detail);
    }
  }

 private:
  bool authorized(const Request& request) const {
    if (!options_.token) return true;
    const auto header = request.header("authorization");
    constexpr std::string_view kBearer = "Bearer ";
    return header && header->starts_with(kBearer) && same_secret(header->substr(kBearer.size()), *options_.token);
  }

  // A GET document as last rendered, unless the service has changed since: then rendered once and kept.
  template <typename Render>
  Response document(const Request& request, const std::string& key, Render render) {
    return only("GET", request,
                [&] { return document_response(request, documents_.get(key, service_.revision(), render)); });
  }

  // A document kept once per language: the request's `lang`, else the service's.
  template <typename Render>
  Response localized_document(const Request& request, const char* name, Render render) {
    const auto language = language_in(request, options_.language);
    return document(request, name + std::string(language_key(language)), [&] { return render(language); });
  }

  Response route(const Request& request) {
    const auto& path = request.path;
    if (path == "/healthz") return only("GET", request, [] { return json_response(json{{"status", "ok"}}); });
    if (path == "/metrics") {
      if (options_.metrics_need_token && !authorized(request)) return unauthorized();
      return document(request, "metrics", [&] {
        return FreshDocument{render_metrics(service_), "text/plain; version=0.0.4; charset=utf-8", std::nullopt};
      });
    }
    if (path == "/" || path == "/index.html" || path == "/app.js" || path == "/app.css" || path == "/docs" ||
        path.starts_with("/docs/"))
      return only("GET", request, [&] {
        const auto asset = find_web_asset(path);
        if (!asset) return error_response(404, "not found", "no such path: " + path.substr(0, 200));
        // Built into the binary: one revision for the process's life.
        const auto kept = documents_.get("asset " + path, 0, [&] {
          return FreshDocument{std::string(asset->body), std::string(asset->content_type), std::nullopt};
        });
        // Everything the page needs comes from here; it may fetch only from here. Pictures fetched with a token are
        // shown from memory (blob:).
        return document_response(request, kept,
                                 {{"Content-Security-Policy",
                                   "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                                   "frame-ancestors 'none'"}});
      });
    if (path == "/openapi.json")
      return only("GET", request, [&] {
        const auto kept = documents_.get("openapi", 0, [] {
          return FreshDocument{openapi_document(), "application/json", std::nullopt};
        });
        return document_response(request, kept);
      });
    if (!path.starts_with("/api/")) return error_response(404, "not found", "no such path: " + path.substr(0, 200));
    if (!authorized(request)) return unauthorized();
    return route_api(request);
  }

  Response route_api(const Request& request) {
    const auto& path = request.path;
    const auto get = [&](auto body) { return only("GET", request, [&] { return json_response(body()); }); };
    const auto post = [&](auto body) { return only("POST", request, [&] { return json_response(body()); }); };

    if (path == "/api/runtime/status")
      return localized_document(request, "status",
                                [&](core::Language language) { return json_document(service_.status(language)); });
    if (path == "/api/runtime/profile")
      return document(request, "profile", [&] { return json_document(service_.profile()); });
    if (path == "/api/runtime/policy")
      return localized_document(request, "policy",
                                [&](core::Language language) { return json_document(service_.policy(language)); });
    if (path == "/api/runtime/monitor")
      return document(request, "monitor", [&] { return json_document(service_.monitor_state()); });
    if (path == "/api/runtime/monitor/metrics/history") {
      const auto minutes = number_in(request, "minutes", 5, 0.1, 1440);
      const auto span = std::chrono::seconds(static_cast<long long>(std::llround(minutes * 60)));
      return document(request, "history " + std::to_string(span.count()), [&] {
        std::optional<monitor::Clock::time_point> changes_at;
        auto fresh = json_document(service_.history(span, &changes_at));
        fresh.stale_after = changes_at;
        return fresh;
      });
    }
    if (path == "/api/runtime/events")
      return document(request, "events", [&] { return json_document(service_.events()); });
    if (path == "/api/runtime/events/stream") return only("GET", request, [&] { return event_stream(); });
    if (path == "/api/runtime/admit")
      return get([&] {
        const auto kind = request.query.count("kind") ? request.query.at("kind") : std::string("vision");
        const auto model = request.query.count("model") ? std::optional(request.query.at("model")) : std::nullopt;
        return service_.admit(kind_in(kind), model);
      });
    if (path == "/api/runtime/explanation")
      return localized_document(request, "explanation", [&](core::Language language) {
        return FreshDocument{service_.explanation(language), "text/plain; charset=utf-8", std::nullopt};
      });
    if (path == "/api/runtime/profile/reload") return post([&] { return service_.reload_profile(); });
    if (path == "/api/runtime/policy/reload") return post([&] { return service_.reload_policy(); });
    if (path == "/api/runtime/policy/degrade")
      return post([&] { return service_.degrade(reason_in(request, "manual degrade")); });
    if (path == "/api/runtime/policy/restore")
      return post([&] { return service_.restore(reason_in(request, "manual restore")); });
    if (path == "/api/runtime/monitor/dry-run")
      return post([&] { return service_.set_dry_run(flag_in(request, "enabled")); });
    if (path == "/api/runtime/tasks")
      return only("POST", request, [&] {
        service_.record_task(task_report(request.body));
        return json_response(json{{"recorded", true}}, 202);
      });
    if (path == "/api/analyze" || path.starts_with("/api/analyze/")) return analysis_route(request, options_.analysis);
    return error_response(404, "not found", "no such path: " + path.substr(0, 200));
  }

  Response unauthorized() const {
    return error_response(401, "unauthorized", "send Authorization: Bearer <token>",
                          {{"WWW-Authenticate", "Bearer realm=\"autocut\""}});
  }

  Response event_stream() {
    Response response;
    response.stream = std::make_shared<EventStream>();
    response.stream->open = [this](std::function<void(std::string)> send) {
      // The stream starts with where things stand, so a client needs no second call.
      send(service::sse_text(0, "hello", json{{"monitor", service_.monitor_state()}}));
      return service_.hub().listen([send](const std::string& text) { send(text); });
    };
    return response;
  }

  service::RuntimeService& service_;
  RouteOptions options_;
  DocumentCache documents_;
};

}  // namespace

Handler make_routes(service::RuntimeService& service, RouteOptions options) {
  return [router = std::make_shared<Router>(service, std::move(options))](const Request& request) {
    return (*router)(request);
  };
}

}  // namespace autocut::api
