#include "detect/runtimes/runtime_json.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "model_fit/model_metadata.hpp"

namespace autocut::detect {
namespace {

using nlohmann::json;

std::optional<json> object_from(std::string_view text) {
  auto document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object()) return std::nullopt;
  return document;
}

std::optional<std::string> string_at(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<std::uint64_t> size_at(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number_unsigned()) return std::nullopt;
  return it->get<std::uint64_t>();
}

// Ollama names a model under "name", and newer versions repeat it under "model".
std::optional<std::string> model_name(const json& entry) {
  auto name = string_at(entry, "name");
  return name ? name : string_at(entry, "model");
}

// The list under `key`, when it is one.
const json* array_at(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_array() ? &*it : nullptr;
}

}  // namespace

std::optional<std::string> parse_version_reply(std::string_view text) {
  const auto document = object_from(text);
  if (!document) return std::nullopt;
  return string_at(*document, "version");
}

std::optional<std::vector<core::AiModel>> parse_ollama_tags(std::string_view text) {
  const auto document = object_from(text);
  const json* models = document ? array_at(*document, "models") : nullptr;
  if (!models) return std::nullopt;
  std::vector<core::AiModel> result;
  for (const auto& entry : *models) {
    if (!entry.is_object()) continue;
    const auto name = model_name(entry);
    if (!name || name->empty()) continue;
    core::AiModel model;
    model.name = *name;
    model.size_bytes = size_at(entry, "size");
    // Models pulled from ollama.com's cloud run there, not here.
    const auto remote = string_at(entry, "remote_host");
    model.remote = remote && !remote->empty();
    // Recent Ollama versions list capabilities here too, which saves a /api/show per model.
    if (const auto capabilities = entry.find("capabilities"); capabilities != entry.end() && capabilities->is_array()) {
      for (const auto& capability : *capabilities)
        if (capability.is_string()) model.capabilities.push_back(capability.get<std::string>());
      model.vision =
          std::find(model.capabilities.begin(), model.capabilities.end(), "vision") != model.capabilities.end();
    }
    if (const auto details = entry.find("details"); details != entry.end() && details->is_object()) {
      model.family = string_at(*details, "family");
      model.parameter_size = string_at(*details, "parameter_size");
      model.quantization = string_at(*details, "quantization_level");
    }
    result.push_back(std::move(model));
  }
  return result;
}

std::optional<std::vector<LoadedModel>> parse_ollama_ps(std::string_view text) {
  const auto document = object_from(text);
  const json* models = document ? array_at(*document, "models") : nullptr;
  if (!models) return std::nullopt;
  std::vector<LoadedModel> result;
  for (const auto& entry : *models) {
    if (!entry.is_object()) continue;
    const auto name = model_name(entry);
    if (!name) continue;
    std::optional<int> context;
    if (const auto it = entry.find("context_length"); it != entry.end() && it->is_number_unsigned())
      if (const auto value = it->get<std::uint64_t>(); value > 0 && value < (1u << 30))
        context = static_cast<int>(value);
    result.push_back({*name, size_at(entry, "size"), size_at(entry, "size_vram"), context});
  }
  return result;
}

std::optional<ShownModel> parse_ollama_show(std::string_view text) {
  const auto document = object_from(text);
  const json* capabilities = document ? array_at(*document, "capabilities") : nullptr;
  if (!capabilities) return std::nullopt;
  ShownModel result;
  for (const auto& capability : *capabilities)
    if (capability.is_string()) result.capabilities.push_back(capability.get<std::string>());
  if (const auto info = document->find("model_info"); info != document->end() && info->is_object()) {
    const auto projector = document->find("projector_info");
    result.shape = model_fit::shape_from_metadata(*info, projector != document->end() ? &*projector : nullptr);
    if (result.shape) result.shape->source = "ollama /api/show";
  }
  return result;
}

std::optional<std::vector<core::AiModel>> parse_openai_models(std::string_view text) {
  const auto document = object_from(text);
  const json* data = document ? array_at(*document, "data") : nullptr;
  if (!data) return std::nullopt;
  std::vector<core::AiModel> result;
  for (const auto& entry : *data) {
    if (!entry.is_object()) continue;
    const auto id = string_at(entry, "id");
    if (!id || id->empty()) continue;
    core::AiModel model;
    model.name = *id;
    result.push_back(std::move(model));
  }
  return result;
}

std::optional<bool> parse_llama_cpp_vision(std::string_view text) {
  const auto document = object_from(text);
  if (!document) return std::nullopt;
  const auto modalities = document->find("modalities");
  if (modalities == document->end() || !modalities->is_object()) return false;  // servers before multimodal support
  const auto vision = modalities->find("vision");
  return vision != modalities->end() && vision->is_boolean() && vision->get<bool>();
}

std::optional<LlamaCppProps> parse_llama_cpp_props(std::string_view text) {
  const auto vision = parse_llama_cpp_vision(text);
  if (!vision) return std::nullopt;
  const auto document = object_from(text);
  LlamaCppProps props;
  props.vision = *vision;
  props.model_path = string_at(*document, "model_path");
  if (const auto settings = document->find("default_generation_settings");
      settings != document->end() && settings->is_object())
    if (const auto n_ctx = settings->find("n_ctx"); n_ctx != settings->end() && n_ctx->is_number_unsigned())
      if (const auto value = n_ctx->get<std::uint64_t>(); value > 0 && value < (1u << 30))
        props.context = static_cast<int>(value);
  return props;
}

std::optional<std::vector<core::AiModel>> parse_lm_studio_models(std::string_view text) {
  const auto document = object_from(text);
  const json* data = document ? array_at(*document, "data") : nullptr;
  if (!data) return std::nullopt;
  std::vector<core::AiModel> result;
  for (const auto& entry : *data) {
    if (!entry.is_object()) continue;
    const auto id = string_at(entry, "id");
    const auto type = string_at(entry, "type");
    if (!id || type == "embeddings") continue;  // embedding models neither see nor plan
    core::AiModel model;
    model.name = *id;
    model.vision = type == "vlm";
    model.family = string_at(entry, "arch");
    model.quantization = string_at(entry, "quantization");
    model.loaded = string_at(entry, "state") == "loaded";
    result.push_back(std::move(model));
  }
  return result;
}

}  // namespace autocut::detect
