// Recorded runtime responses from tests/recorded/, and the routes that replay a whole runtime from them.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "support/replay_server.hpp"
#include "support/temp_dir.hpp"

namespace autocut::testing {

inline std::string recorded(const std::string& name) {
  return read_text(std::filesystem::path(AUTOCUT_RECORDED_DIR) / name);
}

// A whole Ollama: version, three local models and a cloud one, moondream loaded on the GPU, capabilities per model.
inline std::map<std::string, Reply> ollama_recorded_routes() {
  const auto show = [](const char* model) { return "POST /api/show " + nlohmann::json{{"model", model}}.dump(); };
  return {{"GET /api/version", {200, recorded("ollama-version.json")}},
          {"GET /api/tags", {200, recorded("ollama-tags.json")}},
          {"GET /api/ps", {200, recorded("ollama-ps.json")}},
          {show("moondream:latest"), {200, recorded("ollama-show-moondream.json")}},
          {show("llama3.2:3b"), {200, recorded("ollama-show-llama3.2.json")}},
          {show("llava:7b"), {200, recorded("ollama-show-llava.json")}}};
}

}  // namespace autocut::testing
