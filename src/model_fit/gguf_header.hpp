// A GGUF model file's header (the format llama.cpp, Ollama and LM Studio keep models in): the model's own metadata,
// each tensor's name, shape and type, and where the weights begin, read from the file's first bytes without the
// weights. Pure and thread-safe; the bytes may come from anyone, so every length and count is checked before use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace autocut::model_fit {

// The most of a file a header may take. A length or count that could only fit a larger header is an error; one that
// merely runs past the bytes given is truncation. Real headers, vocabularies of 260k tokens with their merges
// included, take tens of MiB.
inline constexpr std::uint64_t kGgufMaxHeaderBytes = std::uint64_t{256} << 20;

struct GgufTensor {
  std::string name;
  std::vector<std::uint64_t> dimensions;  // innermost first, as ggml's ne[]
  std::uint32_t type = 0;                 // a ggml_type id; unknown ids are kept, and tensor_bytes says nullopt
  std::uint64_t offset = 0;               // from GgufHeader::data_offset
};

struct GgufHeader {
  std::uint32_t version = 0;
  // key → value. Arrays of more than 64 elements are {"length": N}: a vocabulary's size without its 150k strings.
  nlohmann::json metadata = nlohmann::json::object();
  std::vector<GgufTensor> tensors;
  std::uint64_t data_offset = 0;  // where tensor data begins, from the start of the file
};

struct GgufRead {
  std::optional<GgufHeader> header;
  // The bytes end inside the header: read more of the file and try again. Where the bytes were the whole file, the
  // file is cut short.
  bool truncated = false;
  std::string error;  // malformed: what is wrong and where ("key 12 (general.name): unknown value type 99")
};

GgufRead read_gguf_header(std::string_view bytes);

// The bytes of a tensor's data: its elements in blocks of its type. nullopt for a type this table does not know, a
// first dimension that is not a whole number of blocks, or a size past 2^64.
std::optional<std::uint64_t> tensor_bytes(const GgufTensor& tensor);

struct GgufWeights {
  std::uint64_t language_bytes = 0;
  std::uint64_t vision_bytes = 0;   // an encoder stored in the model file ("v.", "mm."), or a whole projector file
  std::size_t unknown_tensors = 0;  // tensors whose size tensor_bytes cannot tell; in neither sum
};

// Vision tensors are those named "v." or "mm." (encoders inside the model file, as Ollama's qwen2.5vl and gemma3
// store them); in a separate projector file (general.architecture "clip") every tensor is.
GgufWeights weights_of(const GgufHeader& header);

}  // namespace autocut::model_fit
