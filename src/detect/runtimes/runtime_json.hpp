// The JSON answers of local AI runtimes, as their documentation gives them, parsed into plain values. Pure:
// nullopt for anything that is not the documented shape.
//   Ollama    docs/api.md: GET /api/version, GET /api/tags, GET /api/ps, POST /api/show
//   llama.cpp tools/server/README.md: GET /props, GET /v1/models
//   LM Studio REST API v0: GET /api/v0/models
//   vLLM      OpenAI-compatible server: GET /version, GET /v1/models
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/runtime_facts.hpp"

namespace autocut::detect {

std::optional<std::string> parse_version_reply(std::string_view text);  // {"version": "0.5.7"}
std::optional<std::vector<core::AiModel>> parse_ollama_tags(std::string_view text);

struct LoadedModel {
  std::string name;
  std::optional<std::uint64_t> size_bytes;
  std::optional<std::uint64_t> vram_bytes;
  std::optional<int> context;  // context_length, in newer versions
};
std::optional<std::vector<LoadedModel>> parse_ollama_ps(std::string_view text);

struct ShownModel {
  std::vector<std::string> capabilities;
  std::optional<core::ModelShape> shape;  // from model_info and projector_info, where they hold enough
};
std::optional<ShownModel> parse_ollama_show(std::string_view text);  // /api/show; nullopt without capabilities

std::optional<std::vector<core::AiModel>> parse_openai_models(std::string_view text);  // {"data": [{"id": ...}]}
std::optional<bool> parse_llama_cpp_vision(std::string_view text);                     // /props: modalities.vision

struct LlamaCppProps {
  bool vision = false;
  std::optional<int> context;             // default_generation_settings.n_ctx: what the server was started with
  std::optional<std::string> model_path;  // the GGUF file it serves, as given on its command line
};
std::optional<LlamaCppProps> parse_llama_cpp_props(std::string_view text);  // nullopt: not llama.cpp's /props
std::optional<std::vector<core::AiModel>> parse_lm_studio_models(std::string_view text);

}  // namespace autocut::detect
