// OpenAI-compatible local servers: llama.cpp's llama-server, LM Studio and vLLM, each told apart by the
// endpoints only it has.
#include "detect/runtimes/lm_studio_model_files.hpp"
#include "detect/runtimes/local_runtimes.hpp"
#include "detect/runtimes/runtime_json.hpp"
#include "detect/runtimes/runtime_session.hpp"
#include "model_fit/gguf_file.hpp"

namespace autocut::detect {
namespace {

core::AiRuntime start(core::RuntimeKind kind, RuntimeSession& session, const RuntimeQuery& query) {
  core::AiRuntime runtime;
  runtime.kind = kind;
  runtime.url = session.describe();
  if (!session.valid_url()) {
    runtime.problem = "\"" + query.url + "\" is not an http://host:port address";
    runtime.fault = true;
  }
  return runtime;
}

bool read_models(core::AiRuntime& runtime, RuntimeSession& session) {
  const auto reply = session.get("/v1/models");
  auto models = reply.ok() ? parse_openai_models(reply.body) : std::nullopt;
  if (!models) {
    runtime.problem = "/v1/models: " + (reply.ok() ? std::string("not the documented JSON") : reply.problem());
    runtime.fault = true;  // the server said what it is, then failed
    return false;
  }
  runtime.models = std::move(*models);
  return true;
}

}  // namespace

core::AiRuntime query_llama_cpp(const RuntimeQuery& query) {
  RuntimeSession session(query, "8080");
  auto runtime = start(core::RuntimeKind::llama_cpp, session, query);
  if (!session.valid_url()) return runtime;
  // /health answers 503 while the model loads; only a 200 means it can serve.
  const auto health = session.get("/health");
  if (!health.ok()) {
    runtime.problem = health.problem();  // 503 while loading, or another server's 404: not a fault
    runtime.fault = health.timed_out;
    return runtime;
  }
  const auto props_reply = session.get("/props");
  const auto props = props_reply.ok() ? parse_llama_cpp_props(props_reply.body) : std::nullopt;
  if (!props) {
    runtime.problem = runtime.url + " answers /health, but /props is not llama.cpp's";
    return runtime;
  }
  runtime.running = true;
  if (!read_models(runtime, session)) return runtime;
  // One model per server: its projector decides whether it sees; its file on this machine what it takes.
  std::optional<core::ModelShape> shape;
  if (query.files_readable && props->model_path && std::filesystem::path(*props->model_path).is_absolute()) {
    const std::filesystem::path file(*props->model_path);
    shape = model_fit::shape_from_gguf(file, props->vision ? model_fit::projector_beside(file) : std::nullopt);
  }
  for (auto& model : runtime.models) {
    model.vision = props->vision;
    model.loaded = true;
    model.loaded_context = props->context;
    model.shape = shape;
  }
  return runtime;
}

core::AiRuntime query_lm_studio(const RuntimeQuery& query) {
  RuntimeSession session(query, "1234");
  auto runtime = start(core::RuntimeKind::lm_studio, session, query);
  if (!session.valid_url()) return runtime;
  const auto reply = session.get("/api/v0/models");
  auto models = reply.ok() ? parse_lm_studio_models(reply.body) : std::nullopt;
  if (!models) {
    runtime.problem = reply.ok() ? runtime.url + " answers, but /api/v0/models is not LM Studio's" : reply.problem();
    runtime.fault = reply.timed_out;
    return runtime;
  }
  runtime.running = true;
  runtime.models = std::move(*models);
  for (auto& model : runtime.models)
    if (const auto file = find_lm_studio_model(query.models_dirs, model.name))
      model.shape = model_fit::shape_from_gguf(
          *file, model.vision.value_or(false) ? model_fit::projector_beside(*file) : std::nullopt);
  return runtime;
}

core::AiRuntime query_vllm(const RuntimeQuery& query) {
  RuntimeSession session(query, "8000");
  auto runtime = start(core::RuntimeKind::vllm, session, query);
  if (!session.valid_url()) return runtime;
  const auto version = session.get("/version");
  runtime.version = version.ok() ? parse_version_reply(version.body) : std::nullopt;
  if (!runtime.version) {
    runtime.problem = version.ok() ? runtime.url + " answers, but /version is not vLLM's" : version.problem();
    runtime.fault = version.timed_out;
    return runtime;
  }
  runtime.running = true;
  read_models(runtime, session);
  return runtime;
}

}  // namespace autocut::detect
