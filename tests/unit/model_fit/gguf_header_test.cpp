// The GGUF header reader, on files built here byte by byte in the layouts of ggml's docs/gguf.md (version 3, and
// version 1's 32-bit lengths).
#include "model_fit/gguf_header.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "support/gguf_writer.hpp"

namespace autocut::model_fit {
namespace {

using namespace autocut::testing::gguf;

std::vector<std::string> tokens(int count) {
  std::vector<std::string> list;
  for (int i = 0; i < count; ++i) list.push_back("tok" + std::to_string(i));
  return list;
}

// The bytes of `elements` in blocks of `block_elements` taking `block_bytes` (ggml's type_traits).
constexpr std::uint64_t packed(std::uint64_t elements, std::uint64_t block_elements, std::uint64_t block_bytes) {
  return elements / block_elements * block_bytes;
}

constexpr std::uint64_t kF32Bytes = packed(4096, 1, 4);
constexpr std::uint64_t kQ4KBytes = packed(4096ull * 4096, 256, 144);
constexpr std::uint64_t kQ8_0Bytes = packed(4096ull * 32000, 32, 34);

GgufWriter llama(std::uint32_t version = 3, int vocabulary = 1000) {
  GgufWriter writer(version);
  writer.kv_string("general.architecture", "llama")
      .kv_string("general.name", "Tiny Llama")
      .kv_u32("llama.block_count", 32)
      .kv_u32("llama.context_length", 4096)
      .kv_u32("llama.embedding_length", 4096)
      .kv_u32("llama.attention.head_count", 32)
      .kv_f32("llama.rope.freq_base", 10000.0f)
      .kv("tokenizer.ggml.add_bos_token", kBool, std::string(1, '\1'))
      .kv("llama.attention.head_count_kv", kArray,
          writer.array(kInt32, 3, u32(8) + u32(8) + u32(static_cast<std::uint32_t>(-4))))
      .kv_strings("tokenizer.ggml.tokens", tokens(vocabulary));
  writer.tensor("token_embd.weight", {4096, 32000}, kQ8_0, 0)
      .tensor("blk.0.attn_norm.weight", {4096}, kF32, kQ8_0Bytes)
      .tensor("blk.0.attn_q.weight", {4096, 4096}, kQ4_K, kQ8_0Bytes + kF32Bytes);
  return writer;
}

TEST(GgufHeader, ReadsTheMetadataAsJson) {
  const auto read = read_gguf_header(llama().bytes());
  ASSERT_TRUE(read.header) << read.error;
  EXPECT_FALSE(read.truncated);
  EXPECT_EQ(read.error, "");
  const auto& metadata = read.header->metadata;
  EXPECT_EQ(read.header->version, 3u);
  EXPECT_EQ(metadata.at("general.architecture"), "llama");
  EXPECT_EQ(metadata.at("llama.block_count"), 32);
  EXPECT_TRUE(metadata.at("llama.block_count").is_number_unsigned());
  EXPECT_DOUBLE_EQ(metadata.at("llama.rope.freq_base").get<double>(), 10000.0);
  EXPECT_EQ(metadata.at("tokenizer.ggml.add_bos_token"), true);
  EXPECT_EQ(metadata.at("llama.attention.head_count_kv"), nlohmann::json({8, 8, -4}));
}

TEST(GgufHeader, KeepsOnlyTheLengthOfALongArray) {
  const auto read = read_gguf_header(llama().bytes());
  ASSERT_TRUE(read.header) << read.error;
  EXPECT_EQ(read.header->metadata.at("tokenizer.ggml.tokens"), nlohmann::json({{"length", 1000}}));
}

TEST(GgufHeader, ListsAnArrayOfSixtyFourElementsAndCountsOneOfSixtyFive) {
  GgufWriter writer;
  writer.kv_strings("short", tokens(64)).kv_strings("long", tokens(65));
  const auto read = read_gguf_header(writer.bytes());
  ASSERT_TRUE(read.header) << read.error;
  EXPECT_EQ(read.header->metadata.at("short").size(), 64u);
  EXPECT_EQ(read.header->metadata.at("short")[63], "tok63");
  EXPECT_EQ(read.header->metadata.at("long"), nlohmann::json({{"length", 65}}));
}

TEST(GgufHeader, ListsNestedArrays) {
  GgufWriter writer;
  const auto inner = writer.array(kUint32, 2, u32(1) + u32(2)) + writer.array(kUint32, 0, "");
  writer.kv("nested", kArray, writer.array(kArray, 2, inner));
  const auto read = read_gguf_header(writer.bytes());
  ASSERT_TRUE(read.header) << read.error;
  EXPECT_EQ(read.header->metadata.at("nested"), nlohmann::json::parse("[[1,2],[]]"));
}

TEST(GgufHeader, ReadsTensorInfosAndTheirSizes) {
  const auto bytes = llama().bytes();
  const auto read = read_gguf_header(bytes);
  ASSERT_TRUE(read.header) << read.error;
  const auto& tensors = read.header->tensors;
  ASSERT_EQ(tensors.size(), 3u);
  EXPECT_EQ(tensors[0].name, "token_embd.weight");
  EXPECT_EQ(tensors[0].dimensions, (std::vector<std::uint64_t>{4096, 32000}));
  EXPECT_EQ(tensors[0].type, kQ8_0);
  EXPECT_EQ(tensors[2].offset, kQ8_0Bytes + kF32Bytes);
  EXPECT_EQ(tensor_bytes(tensors[0]), kQ8_0Bytes);
  EXPECT_EQ(tensor_bytes(tensors[1]), kF32Bytes);
  EXPECT_EQ(tensor_bytes(tensors[2]), kQ4KBytes);
}

TEST(GgufHeader, TensorDataBeginsAtTheNextMultipleOfThirtyTwo) {
  const auto bytes = llama().bytes();
  const auto read = read_gguf_header(bytes);
  ASSERT_TRUE(read.header) << read.error;
  EXPECT_EQ(read.header->data_offset % 32, 0u);
  EXPECT_GE(read.header->data_offset, bytes.size());
  EXPECT_LT(read.header->data_offset, bytes.size() + 32);
}

TEST(GgufHeader, TensorDataFollowsACustomAlignment) {
  GgufWriter writer;
  writer.kv_u32("general.alignment", 64).tensor("a", {16}, kF32, 0).tensor("b", {16}, kF32, 64);
  const auto bytes = writer.bytes();
  const auto read = read_gguf_header(bytes);
  ASSERT_TRUE(read.header) << read.error;
  EXPECT_EQ(read.header->data_offset % 64, 0u);
  EXPECT_GE(read.header->data_offset, bytes.size());
  EXPECT_LT(read.header->data_offset, bytes.size() + 64);
}

TEST(GgufHeader, ReadsVersionOneWithItsThirtyTwoBitLengths) {
  const auto read = read_gguf_header(llama(1).bytes());
  ASSERT_TRUE(read.header) << read.error;
  EXPECT_EQ(read.header->version, 1u);
  EXPECT_EQ(read.header->metadata.at("general.name"), "Tiny Llama");
  EXPECT_EQ(read.header->metadata.at("tokenizer.ggml.tokens"), nlohmann::json({{"length", 1000}}));
  ASSERT_EQ(read.header->tensors.size(), 3u);
  EXPECT_EQ(tensor_bytes(read.header->tensors[2]), kQ4KBytes);
}

TEST(GgufHeader, EveryPrefixOfAValidFileIsTruncatedNeverAnError) {
  for (const std::uint32_t version : {1u, 3u}) {
    GgufWriter writer = llama(version, 70);  // a long array, skipped rather than listed
    const auto inner = writer.array(kUint32, 1, u32(7));
    writer.kv("nested", kArray, writer.array(kArray, 1, inner)).kv_u32("general.alignment", 64);
    const auto bytes = writer.bytes();
    ASSERT_TRUE(read_gguf_header(bytes).header) << read_gguf_header(bytes).error;
    for (std::size_t size = 0; size < bytes.size(); ++size) {
      const auto read = read_gguf_header(std::string_view(bytes).substr(0, size));
      ASSERT_TRUE(read.truncated) << "version " << version << ", " << size << " bytes: " << read.error;
      EXPECT_FALSE(read.header);
      EXPECT_EQ(read.error, "");
    }
  }
}

TEST(GgufHeader, AStringRunningPastTheBytesGivenIsTruncation) {
  const auto bytes = "GGUF" + u32(3) + u64(0) + u64(1) + u64(100) + "general";
  EXPECT_TRUE(read_gguf_header(bytes).truncated);
}

GgufWriter one_key(std::uint32_t type, const std::string& value) {
  GgufWriter writer;
  writer.kv("general.foo", type, value);
  return writer;
}

std::string nested(int depth) {
  GgufWriter writer;
  std::string value = writer.array(kUint32, 0, "");
  for (int level = 1; level < depth; ++level) value = writer.array(kArray, 1, value);
  return one_key(kArray, value).bytes();
}

TEST(GgufHeader, MalformedFilesAreErrorsThatSayWhatAndWhere) {
  const GgufWriter writer;
  const struct {
    std::string name;
    std::string bytes;
    std::string error;
  } cases[] = {
      {"bad magic", "GGML" + u32(3) + u64(0) + u64(0), "not a GGUF file (magic)"},
      {"bad magic, cut short", "GX", "not a GGUF file (magic)"},
      {"version 0", "GGUF" + u32(0) + u64(0) + u64(0), "unsupported GGUF version 0"},
      {"version 4", "GGUF" + u32(4) + u64(0) + u64(0), "unsupported GGUF version 4"},
      {"big-endian", "GGUF" + u32(0x03000000) + u64(0) + u64(0), "a big-endian GGUF file"},
      {"unknown value type", one_key(99, "").bytes(), "key 0 (general.foo): unknown value type 99"},
      {"unknown array element type", one_key(kArray, writer.array(42, 0, "")).bytes(),
       "key 0 (general.foo): unknown array element type 42"},
      {"string longer than any header", one_key(kString, u64(std::uint64_t{1} << 40) + "x").bytes(),
       "key 0 (general.foo): a string of 1099511627776 bytes runs past the first 256 MiB"},
      {"key longer than any header", "GGUF" + u32(3) + u64(0) + u64(1) + u64(~std::uint64_t{0}),
       "key 0: a string of 18446744073709551615 bytes runs past"},
      {"absurd tensor count", GgufWriter().bytes_with_counts(std::uint64_t{1} << 60, 0),
       "tensor count 1152921504606846976 cannot fit in a GGUF header"},
      {"absurd metadata count", GgufWriter().bytes_with_counts(0, ~std::uint64_t{0}),
       "metadata count 18446744073709551615 cannot fit"},
      {"absurd array length", one_key(kArray, writer.array(kUint64, std::uint64_t{1} << 62, "")).bytes(),
       "key 0 (general.foo): array length 4611686018427387904 cannot fit"},
      {"arrays nested five deep", nested(5), "key 0 (general.foo): arrays nested more than 4 deep"},
      {"duplicate key", GgufWriter().kv_u32("a", 1).kv_u32("a", 2).bytes(), "key 1 (a): the key appears twice"},
      {"alignment 0", GgufWriter().kv_u32("general.alignment", 0).bytes(),
       "key 0 (general.alignment): alignment 0 is not a power of two"},
      {"alignment 48", GgufWriter().kv_u32("general.alignment", 48).bytes(),
       "key 0 (general.alignment): alignment 48 is not a power of two"},
      {"alignment not a uint32", GgufWriter().kv("general.alignment", kUint64, u64(32)).bytes(),
       "key 0 (general.alignment): the alignment must be a uint32"},
      {"nine dimensions", GgufWriter().tensor("t", std::vector<std::uint64_t>(9, 1), kF32, 0).bytes(),
       "tensor 0 (t): 9 dimensions, more than 8"},
      {"elements past int64", GgufWriter().tensor("t", {1ull << 32, 1ull << 32}, kF32, 0).bytes(),
       "tensor 0 (t): more elements than ggml can count"},
      {"misaligned offset", GgufWriter().tensor("t", {8}, kF32, 0).tensor("u", {8}, kF32, 36).bytes(),
       "tensor 1 (u): offset 36 is not a multiple of the alignment 32"},
      {"offset misaligned to a custom alignment",
       GgufWriter().kv_u32("general.alignment", 64).tensor("t", {8}, kF32, 32).bytes(),
       "tensor 0 (t): offset 32 is not a multiple of the alignment 64"},
      {"duplicate tensor", GgufWriter().tensor("t", {8}, kF32, 0).tensor("t", {8}, kF32, 32).bytes(),
       "tensor 1 (t): the name appears twice"},
      {"tensor name too long", GgufWriter().tensor(std::string(65, 'n'), {8}, kF32, 0).bytes(),
       "tensor 0: a name longer than 64 bytes"},
  };
  for (const auto& c : cases) {
    const auto read = read_gguf_header(c.bytes);
    EXPECT_FALSE(read.header) << c.name;
    EXPECT_FALSE(read.truncated) << c.name;
    EXPECT_TRUE(read.error.starts_with(c.error)) << c.name << ": " << read.error;
  }
}

TEST(GgufHeader, ArraysFourDeepAreRead) {
  const auto read = read_gguf_header(nested(4));
  ASSERT_TRUE(read.header) << read.error;
  EXPECT_EQ(read.header->metadata.at("general.foo"), nlohmann::json::parse("[[[[]]]]"));
}

TEST(GgufHeader, TensorBytesFollowTheTypeTable) {
  const struct {
    std::vector<std::uint64_t> dimensions;
    std::uint32_t type;
    std::optional<std::uint64_t> bytes;
  } cases[] = {
      {{4096}, kF32, packed(4096, 1, 4)},
      {{}, kF32, 4},  // a scalar
      {{4096, 0}, kF32, 0},
      {{32, 3}, 2, packed(96, 32, 18)},                // Q4_0
      {{256, 2}, 14, packed(512, 256, 210)},           // Q6_K
      {{64}, 30, packed(64, 1, 2)},                    // BF16
      {{512}, 34, packed(512, 256, 54)},               // TQ1_0
      {{32}, 39, packed(32, 32, 17)},                  // MXFP4
      {{4096}, kRemovedType, std::nullopt},            // Q4_2, removed from ggml
      {{4096}, 31, std::nullopt},                      // removed too
      {{4096}, 40, std::nullopt},                      // newer than this table
      {{100, 256}, kQ4_K, std::nullopt},               // a row that is not a whole number of blocks
      {{1ull << 62, 1ull << 62}, kF32, std::nullopt},  // past 2^64
  };
  for (const auto& c : cases) {
    const GgufTensor tensor{"t", c.dimensions, c.type, 0};
    EXPECT_EQ(tensor_bytes(tensor), c.bytes) << "type " << c.type;
  }
}

TEST(GgufHeader, WeightsSplitLanguageAndVisionTensorsAndCountUnknownTypes) {
  GgufWriter writer;
  writer.kv_string("general.architecture", "gemma3")
      .tensor("blk.0.attn_q.weight", {4096, 4096}, kQ4_K, 0)
      .tensor("v.blk.0.attn_q.weight", {4096}, kF32, 0)
      .tensor("mm.input_projection.weight", {4096, 32000}, kQ8_0, 0)
      .tensor("blk.0.ffn_up.weight", {4096}, kRemovedType, 0);
  const auto read = read_gguf_header(writer.bytes());
  ASSERT_TRUE(read.header) << read.error;
  const auto weights = weights_of(*read.header);
  EXPECT_EQ(weights.language_bytes, kQ4KBytes);
  EXPECT_EQ(weights.vision_bytes, kF32Bytes + kQ8_0Bytes);
  EXPECT_EQ(weights.unknown_tensors, 1u);
}

TEST(GgufHeader, WeightsOfAProjectorFileAreAllVision) {
  GgufWriter writer;
  writer.kv_string("general.architecture", "clip")
      .tensor("v.blk.0.attn_q.weight", {4096}, kF32, 0)
      .tensor("output_norm.weight", {4096}, kF32, 16384);
  const auto read = read_gguf_header(writer.bytes());
  ASSERT_TRUE(read.header) << read.error;
  const auto weights = weights_of(*read.header);
  EXPECT_EQ(weights.language_bytes, 0u);
  EXPECT_EQ(weights.vision_bytes, 2 * kF32Bytes);
}

}  // namespace
}  // namespace autocut::model_fit
