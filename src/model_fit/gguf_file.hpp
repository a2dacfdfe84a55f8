// A GGUF file's header read from disk: as much of the file's start as the header takes, never the weights.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "model_fit/gguf_header.hpp"

namespace autocut::model_fit {

struct GgufFile {
  std::optional<GgufHeader> header;
  std::uint64_t file_bytes = 0;
  std::string error;  // unreadable, cut short or malformed, with the path
};

GgufFile read_gguf_file(const std::filesystem::path& path);

}  // namespace autocut::model_fit
