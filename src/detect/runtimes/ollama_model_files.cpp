#include "detect/runtimes/ollama_model_files.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "model_fit/gguf_file.hpp"
#include "sys/file_text.hpp"

namespace autocut::detect {
namespace {

using nlohmann::json;

bool safe_part(std::string_view part) {
  return !part.empty() && part != "." && part != ".." && part.find_first_of("/\\:\0", 0, 4) == std::string_view::npos;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const auto end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::optional<OllamaLayer> layer(const json& entry) {
  const auto digest = entry.find("digest");
  const auto size = entry.find("size");
  if (digest == entry.end() || !digest->is_string() || size == entry.end() || !size->is_number_unsigned())
    return std::nullopt;
  return OllamaLayer{digest->get<std::string>(), size->get<std::uint64_t>()};
}

}  // namespace

std::optional<OllamaManifest> parse_ollama_manifest(std::string_view text) {
  const auto document = json::parse(text, nullptr, false);
  if (!document.is_object()) return std::nullopt;
  const auto layers = document.find("layers");
  if (layers == document.end() || !layers->is_array()) return std::nullopt;
  OllamaManifest manifest;
  for (const auto& entry : *layers) {
    if (!entry.is_object()) continue;
    const auto type = entry.find("mediaType");
    if (type == entry.end() || !type->is_string()) continue;
    // The first of each: a manifest lists one model and at most one projector Ollama uses.
    if (*type == "application/vnd.ollama.image.model" && !manifest.model) manifest.model = layer(entry);
    if (*type == "application/vnd.ollama.image.projector" && !manifest.projector) manifest.projector = layer(entry);
  }
  if (!manifest.model) return std::nullopt;
  return manifest;
}

std::optional<std::filesystem::path> ollama_manifest_path(std::string_view name) {
  // The tag follows the last colon after the last slash; "latest" when there is none.
  std::string_view tag = "latest";
  const auto slash = name.rfind('/');
  if (const auto colon = name.rfind(':');
      colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    tag = name.substr(colon + 1);
    name = name.substr(0, colon);
  }
  auto parts = split(name, '/');
  if (parts.size() == 1) parts.insert(parts.begin(), "library");
  if (parts.size() == 2) parts.insert(parts.begin(), "registry.ollama.ai");
  if (parts.size() != 3) return std::nullopt;
  std::filesystem::path path = "manifests";
  for (const auto part : parts) {
    if (!safe_part(part)) return std::nullopt;
    path /= std::string(part);
  }
  if (!safe_part(tag)) return std::nullopt;
  return path / std::string(tag);
}

std::optional<std::filesystem::path> ollama_blob_path(std::string_view digest) {
  if (digest.size() != 71 || !digest.starts_with("sha256") || (digest[6] != ':' && digest[6] != '-'))
    return std::nullopt;
  const auto hex = digest.substr(7);
  if (hex.find_first_not_of("0123456789abcdefABCDEF") != std::string_view::npos) return std::nullopt;
  return std::filesystem::path("blobs") / ("sha256-" + std::string(hex));
}

void apply_ollama_files(core::ModelShape& shape, const std::vector<std::filesystem::path>& models_dirs,
                        const std::string& name) {
  const auto relative = ollama_manifest_path(name);
  if (!relative) return;
  for (const auto& directory : models_dirs) {
    const auto text = sys::read_file(directory / *relative);
    const auto manifest = text ? parse_ollama_manifest(*text) : std::nullopt;
    if (!manifest) continue;
    if (manifest->projector) {
      // llava, moondream: the encoder is a file of its own.
      shape.weights_bytes = manifest->model->bytes;
      if (shape.projector) shape.projector->weights_bytes = manifest->projector->bytes;
    } else if (!shape.projector) {
      shape.weights_bytes = manifest->model->bytes;
    } else if (const auto blob = ollama_blob_path(manifest->model->digest)) {
      // qwen2.5vl, gemma3: the encoder's tensors are inside the model file; its header says how large each is.
      const auto file = model_fit::read_gguf_file(directory / *blob);
      if (!file.header) return;
      const auto weights = model_fit::weights_of(*file.header);
      if (weights.unknown_tensors > 0 || weights.vision_bytes == 0) return;
      shape.weights_bytes = weights.language_bytes;
      shape.projector->weights_bytes = weights.vision_bytes;
    }
    shape.source += " and its files";
    return;
  }
}

}  // namespace autocut::detect
