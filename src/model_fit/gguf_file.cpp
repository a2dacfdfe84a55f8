#include "model_fit/gguf_file.hpp"

#include <algorithm>
#include <fstream>

#include "model_fit/model_metadata.hpp"

namespace autocut::model_fit {

GgufFile read_gguf_file(const std::filesystem::path& path) {
  GgufFile result;
  std::error_code ec;
  result.file_bytes = std::filesystem::file_size(path, ec);
  if (ec) {
    result.error = path.string() + ": " + ec.message();
    return result;
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    result.error = path.string() + ": cannot be opened";
    return result;
  }
  // Headers run from kilobytes to tens of megabytes (a 260k-token vocabulary): read a little, then four times more.
  std::string bytes;
  for (std::uint64_t want = std::uint64_t{1} << 20;; want *= 4) {
    const auto limit = std::min({want, result.file_bytes, kGgufMaxHeaderBytes});
    const auto had = bytes.size();
    bytes.resize(limit);
    file.read(bytes.data() + had, static_cast<std::streamsize>(limit - had));
    bytes.resize(had + static_cast<std::size_t>(file.gcount()));
    auto read = read_gguf_header(bytes);
    if (read.header) {
      result.header = std::move(read.header);
      return result;
    }
    const bool whole = bytes.size() >= std::min(result.file_bytes, kGgufMaxHeaderBytes);
    if (!read.truncated || whole || bytes.size() < limit) {
      result.error = path.string() + ": " + (read.truncated ? "the header is cut short" : read.error);
      return result;
    }
  }
}

std::optional<core::ModelShape> shape_from_gguf(const std::filesystem::path& model,
                                                const std::optional<std::filesystem::path>& projector) {
  const auto file = read_gguf_file(model);
  if (!file.header) return std::nullopt;
  std::optional<GgufFile> encoder;
  if (projector) encoder = read_gguf_file(*projector);
  const bool separate = encoder && encoder->header;
  auto shape = shape_from_metadata(file.header->metadata, separate ? &encoder->header->metadata : nullptr);
  if (!shape) return std::nullopt;
  const auto weights = weights_of(*file.header);
  shape->weights_bytes = weights.language_bytes;
  if (shape->projector) {
    const auto vision = separate ? weights_of(*encoder->header).vision_bytes : weights.vision_bytes;
    if (vision > 0) shape->projector->weights_bytes = vision;
  }
  shape->source = "gguf";
  return shape;
}

std::optional<std::filesystem::path> projector_beside(const std::filesystem::path& model) {
  std::error_code ec;
  std::filesystem::directory_iterator entries(model.parent_path(), ec);
  // A download's folder holds a few files; a folder of thousands is not one, and is not read through.
  int looked = 0;
  for (; !ec && entries != std::filesystem::directory_iterator() && looked < 256; entries.increment(ec), ++looked) {
    const auto name = entries->path().filename().string();
    if (name.starts_with("mmproj") && name.ends_with(".gguf") && entries->is_regular_file(ec)) return entries->path();
  }
  return std::nullopt;
}

}  // namespace autocut::model_fit
