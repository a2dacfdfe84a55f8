// A GGUF file's header built byte by byte as ggml's writer lays it out (docs/gguf.md): magic, version, counts,
// key-value pairs, tensor infos, in version 3 or version 1's 32-bit lengths. For the tests of what reads them.
#pragma once

#include <bit>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace autocut::testing::gguf {

// GGUF value types and ggml tensor types the tests use, numbered as in gguf.md and ggml.h.
enum : std::uint32_t { kUint32 = 4, kInt32 = 5, kFloat32 = 6, kBool = 7, kString = 8, kArray = 9, kUint64 = 10 };
enum : std::uint32_t { kF32 = 0, kQ8_0 = 8, kQ4_K = 12, kRemovedType = 4 };

inline std::string little_endian(std::uint64_t value, int width) {
  std::string bytes;
  for (int i = 0; i < width; ++i) bytes += static_cast<char>((value >> (8 * i)) & 0xFF);
  return bytes;
}

inline std::string u32(std::uint64_t value) { return little_endian(value, 4); }
inline std::string u64(std::uint64_t value) { return little_endian(value, 8); }

// The header alone: what a reader of headers needs; tensor data, where a test wants it, is its own to append.
class GgufWriter {
 public:
  explicit GgufWriter(std::uint32_t version = 3) : version_(version) {}

  // Lengths and counts: 32 bits in version 1, 64 after.
  std::string length(std::uint64_t n) const { return version_ == 1 ? u32(n) : u64(n); }
  std::string string(std::string_view text) const { return length(text.size()) + std::string(text); }
  std::string array(std::uint32_t element_type, std::uint64_t count, const std::string& elements) const {
    return u32(element_type) + length(count) + elements;
  }

  GgufWriter& kv(std::string_view key, std::uint32_t type, const std::string& value) {
    metadata_ += string(key) + u32(type) + value;
    ++metadata_count_;
    return *this;
  }
  GgufWriter& kv_u32(std::string_view key, std::uint32_t value) { return kv(key, kUint32, u32(value)); }
  GgufWriter& kv_f32(std::string_view key, float value) {
    return kv(key, kFloat32, u32(std::bit_cast<std::uint32_t>(value)));
  }
  GgufWriter& kv_string(std::string_view key, std::string_view value) { return kv(key, kString, string(value)); }
  GgufWriter& kv_strings(std::string_view key, const std::vector<std::string>& values) {
    std::string elements;
    for (const auto& value : values) elements += string(value);
    return kv(key, kArray, array(kString, values.size(), elements));
  }

  GgufWriter& tensor(std::string_view name, const std::vector<std::uint64_t>& dimensions, std::uint32_t type,
                     std::uint64_t offset) {
    tensors_ += string(name) + u32(dimensions.size());
    for (const auto extent : dimensions) tensors_ += length(extent);  // version 1's dimensions are 32-bit too
    tensors_ += u32(type) + u64(offset);
    ++tensor_count_;
    return *this;
  }

  std::string bytes() const { return bytes_with_counts(tensor_count_, metadata_count_); }
  std::string bytes_with_counts(std::uint64_t tensors, std::uint64_t metadata) const {
    return "GGUF" + u32(version_) + length(tensors) + length(metadata) + metadata_ + tensors_;
  }

 private:
  std::uint32_t version_;
  std::string metadata_;
  std::string tensors_;
  std::uint64_t metadata_count_ = 0;
  std::uint64_t tensor_count_ = 0;
};

}  // namespace autocut::testing::gguf
