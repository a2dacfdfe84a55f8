// Where a local Ollama keeps a model (models/manifests/<registry>/<namespace>/<model>/<tag>, a Docker-style manifest
// naming blobs/sha256-<hex>) and what its files tell that /api/show does not: the exact bytes of the weights and of
// the vision encoder, a separate projector's from the manifest, an encoder inside the model file from its GGUF header.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model_shape.hpp"

namespace autocut::detect {

struct OllamaLayer {
  std::string digest;  // "sha256:<64 hex>"
  std::uint64_t bytes = 0;
};

struct OllamaManifest {
  std::optional<OllamaLayer> model;      // application/vnd.ollama.image.model
  std::optional<OllamaLayer> projector;  // application/vnd.ollama.image.projector
};

// nullopt for anything that is not a manifest with a model layer. Pure.
std::optional<OllamaManifest> parse_ollama_manifest(std::string_view text);

// The manifest's path for a model name ("llava:7b", "user/model", "hf.co/org/repo:tag"), relative to the models
// directory; nullopt for a name that would leave it. Pure.
std::optional<std::filesystem::path> ollama_manifest_path(std::string_view name);

// A blob's path relative to the models directory; nullopt for a digest that is not sha256. Pure.
std::optional<std::filesystem::path> ollama_blob_path(std::string_view digest);

// Lays what the first models directory holding `name` says over `shape`. Files that are absent change nothing.
void apply_ollama_files(core::ModelShape& shape, const std::vector<std::filesystem::path>& models_dirs,
                        const std::string& name);

}  // namespace autocut::detect
