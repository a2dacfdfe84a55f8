// A GGUF file's header read from disk: as much of the file's start as the header takes, never the weights.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/model_shape.hpp"
#include "model_fit/gguf_header.hpp"

namespace autocut::model_fit {

struct GgufFile {
  std::optional<GgufHeader> header;
  std::uint64_t file_bytes = 0;
  std::string error;  // unreadable, cut short or malformed, with the path
};

GgufFile read_gguf_file(const std::filesystem::path& path);

// A model's shape from its GGUF file and, where a separate vision encoder serves beside it (llama.cpp's --mmproj, an
// "mmproj-*.gguf" in LM Studio's folder), that file's: the exact bytes of both from their tensors. Nullopt when the
// file cannot be read or its metadata lacks what an estimate needs.
std::optional<core::ModelShape> shape_from_gguf(const std::filesystem::path& model,
                                                const std::optional<std::filesystem::path>& projector);

// A vision encoder's file in the model file's folder ("mmproj*.gguf"), as llama.cpp's and LM Studio's downloads
// place it.
std::optional<std::filesystem::path> projector_beside(const std::filesystem::path& model);

}  // namespace autocut::model_fit
