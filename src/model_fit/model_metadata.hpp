// A model's shape from its GGUF metadata: the key-value pairs Ollama's /api/show returns as `model_info` (and, for
// models with a separate vision encoder, `projector_info`), or those a GGUF file's header holds. Pure.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>

#include "core/model_shape.hpp"

namespace autocut::model_fit {

// nullopt when the metadata lacks what a memory estimate needs (architecture, layers, width, heads).
// `projector` is the separate encoder's metadata (clip.vision.*); encoders inside the model file are read from
// `<arch>.vision.*` in `model`.
std::optional<core::ModelShape> shape_from_metadata(const nlohmann::json& model, const nlohmann::json* projector);

}  // namespace autocut::model_fit
