// What a model takes in memory at a given context, from its shape: weights, KV cache, the compute graph, the vision
// projector and the encoding of one image. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/model_shape.hpp"

namespace autocut::model_fit {

// The element types llama.cpp (and Ollama's OLLAMA_KV_CACHE_TYPE) offers for the KV cache.
enum class KvCacheType { f16, q8_0, q4_0 };
std::string_view to_string(KvCacheType type);
std::optional<KvCacheType> kv_cache_type_named(std::string_view name);

struct EstimateRequest {
  int context = 4096;  // tokens the KV cache holds
  KvCacheType kv = KvCacheType::f16;
  int batch = 512;     // tokens evaluated at once (llama.cpp's n_ubatch, Ollama's num_batch)
  int frames = 0;      // images per request; 0 for text
  int image_side = 0;  // the longer side an image is sent at (for encoders that take any size)
};

struct MemoryEstimate {
  int context = 0;
  int layers = 0;                     // the repeating blocks and the output layer, as offload counts them
  std::uint64_t weights_bytes = 0;    // the language model's weights
  std::uint64_t kv_cache_bytes = 0;   // at `context`, sliding-window layers holding only their window
  std::uint64_t graph_bytes = 0;      // the compute buffer of one batch
  std::uint64_t projector_bytes = 0;  // the vision encoder's weights
  std::uint64_t image_bytes = 0;      // encoding one image (images are encoded one at a time)
  int tokens_per_image = 0;

  std::uint64_t total() const { return weights_bytes + kv_cache_bytes + graph_bytes + projector_bytes + image_bytes; }
  // What each offloaded layer moves to a device: its share of the weights and of the KV cache.
  std::uint64_t per_layer_bytes() const;
  // What a device holds besides its layers: the graph, and on the first device the projector and one image.
  std::uint64_t fixed_bytes() const { return graph_bytes + projector_bytes + image_bytes; }
};

// Tokens one image takes in the context (and so in the KV cache).
int tokens_per_image(const core::ProjectorShape& projector, int image_side);

// `files_bytes`: what the model's files take on disk, its vision encoder included (Ollama's size in /api/tags); the
// shape's own weights_bytes wins where known.
MemoryEstimate estimate_memory(const core::ModelShape& shape, std::uint64_t files_bytes,
                               const EstimateRequest& request);

// The KV cache alone: 2 tensors (K and V) per layer, per head, per position.
std::uint64_t kv_cache_bytes(const core::ModelShape& shape, int context, KvCacheType type, int batch);

}  // namespace autocut::model_fit
