#include "model_fit/gguf_file.hpp"

#include <algorithm>
#include <fstream>

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

}  // namespace autocut::model_fit
