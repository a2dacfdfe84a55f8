// Ollama (docs/api.md): version, installed models, what is loaded where, and which models can see images.
#include <nlohmann/json.hpp>

#include "detect/runtimes/local_runtimes.hpp"
#include "detect/runtimes/ollama_model_files.hpp"
#include "detect/runtimes/runtime_json.hpp"
#include "detect/runtimes/runtime_session.hpp"

namespace autocut::detect {
namespace {

// /api/show is one request per model; a library of hundreds of models must not hold detection up.
constexpr std::size_t kMaxModelsShown = 32;

void add_loaded(core::AiRuntime& runtime, const std::vector<LoadedModel>& loaded) {
  for (const auto& entry : loaded)
    for (auto& model : runtime.models)
      if (model.name == entry.name) {
        model.loaded = true;
        model.loaded_bytes = entry.size_bytes;
        model.loaded_vram_bytes = entry.vram_bytes;
        model.loaded_context = entry.context;
      }
}

}  // namespace

core::AiRuntime query_ollama(const RuntimeQuery& query) {
  core::AiRuntime runtime;
  runtime.kind = core::RuntimeKind::ollama;
  RuntimeSession session(query, "11434");
  runtime.url = session.describe();
  if (!session.valid_url()) {
    runtime.problem = "OLLAMA_HOST \"" + query.url + "\" is not an http://host:port address";
    runtime.fault = true;
    return runtime;
  }

  const auto version = session.get("/api/version");
  if (!version.ok()) {
    // Refused, or another server's 404, is simply no Ollama; one that accepts and never answers is a fault.
    runtime.problem = version.problem();
    runtime.fault = version.timed_out;
    return runtime;
  }
  runtime.version = parse_version_reply(version.body);
  if (!runtime.version) {
    runtime.problem = runtime.url + " answers, but not as Ollama (no version in /api/version)";
    return runtime;
  }
  runtime.running = true;
  runtime.fault = true;  // from here on, any problem is a fault of a running Ollama (cleared at the end)

  const auto tags = session.get("/api/tags");
  auto models = tags.ok() ? parse_ollama_tags(tags.body) : std::nullopt;
  if (!models) {
    runtime.problem = "/api/tags: " + (tags.ok() ? std::string("not the documented JSON") : tags.problem());
    return runtime;
  }
  runtime.models = std::move(*models);

  if (const auto ps = session.get("/api/ps"); ps.ok())
    if (const auto loaded = parse_ollama_ps(ps.body)) add_loaded(runtime, *loaded);

  // A vision model is one whose capabilities say so, not one whose name looks like it; what it takes in memory follows
  // from its architecture (model_info), not from its download size.
  std::size_t shown = 0;
  for (auto& model : runtime.models) {
    if (model.remote || shown++ >= kMaxModelsShown || session.out_of_time()) continue;
    const auto show = session.post("/api/show", nlohmann::json{{"model", model.name}}.dump());
    const auto shown_model = show.ok() ? parse_ollama_show(show.body) : std::nullopt;
    if (!shown_model) {
      if (runtime.problem.empty())
        runtime.problem = "/api/show " + model.name + ": " + (show.ok() ? "no capabilities" : show.problem());
      continue;
    }
    model.capabilities = shown_model->capabilities;
    model.vision =
        std::find(model.capabilities.begin(), model.capabilities.end(), "vision") != model.capabilities.end();
    model.shape = shown_model->shape;
    if (model.shape && !query.models_dirs.empty()) apply_ollama_files(*model.shape, query.models_dirs, model.name);
  }
  runtime.fault = !runtime.problem.empty();
  return runtime;
}

}  // namespace autocut::detect
