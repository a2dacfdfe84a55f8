#include "model_fit/memory_estimate.hpp"

#include <algorithm>
#include <array>

namespace autocut::model_fit {
namespace {

constexpr std::uint64_t kF32 = 4;

// Bytes per cached element as numerator / denominator: q8_0 and q4_0 store blocks of 32 with one f16 scale.
struct ElementSize {
  std::uint64_t numerator;
  std::uint64_t denominator;
};

ElementSize element_size(KvCacheType type) {
  switch (type) {
    case KvCacheType::q8_0:
      return {34, 32};
    case KvCacheType::q4_0:
      return {18, 32};
    case KvCacheType::f16:
      break;
  }
  return {2, 1};
}

constexpr std::array<std::pair<KvCacheType, std::string_view>, 3> kKvNames{
    {{KvCacheType::f16, "f16"}, {KvCacheType::q8_0, "q8_0"}, {KvCacheType::q4_0, "q4_0"}}};

std::uint64_t u(int value) { return static_cast<std::uint64_t>(std::max(value, 0)); }

// The vision encoder's weights: the file when known, else its parameters in f16, else a ViT's 12·d² per block.
std::uint64_t projector_weights(const core::ProjectorShape& projector) {
  if (projector.weights_bytes) return *projector.weights_bytes;
  if (projector.parameter_count) return *projector.parameter_count * 2;
  return u(projector.block_count) * 12 * u(projector.embedding_length) * u(projector.embedding_length) * 2;
}

struct Patches {
  std::uint64_t across = 0;
  std::uint64_t down = 0;
  std::uint64_t count() const { return across * down; }
};

// Encoders with a fixed input resize every image to a square; the others cut a 16:9 frame into patches as it comes,
// in whole groups of the merge size.
Patches patches_of(const core::ProjectorShape& projector, int image_side) {
  const auto patch = u(std::max(projector.patch_size, 1));
  if (projector.image_size > 0) {
    const auto side = u(projector.image_size) / patch;
    return {side, side};
  }
  const auto merge = u(std::max(projector.spatial_merge_size, 1));
  const auto group = patch * merge;
  const auto round_up = [&](std::uint64_t pixels) { return std::max<std::uint64_t>(1, (pixels + group - 1) / group); };
  const auto side = u(image_side);
  return {round_up(side) * merge, round_up(side * 9 / 16) * merge};
}

// One image through the encoder: every head's attention scores over all patches (f32; the layers with full attention
// hold them whole) and the activations of the patches.
std::uint64_t image_encoding_bytes(const core::ProjectorShape& projector, int image_side) {
  const auto patches = patches_of(projector, image_side).count();
  return kF32 * (u(projector.head_count) * patches * patches + 8 * patches * u(projector.embedding_length));
}

// llama.cpp reserves the graph of one batch: the attention scores of every head over the context, the feed-forward
// activations or the logits, whichever stage is largest (the allocator reuses the buffer between stages), and the
// residual stream beside it.
std::uint64_t graph_bytes(const core::ModelShape& shape, int context, int batch) {
  const auto tokens = u(batch);
  const auto attention = tokens * u(shape.head_count) * u(context);
  const auto feed_forward = tokens * u(shape.feed_forward_length.value_or(4 * shape.embedding_length)) * 2;
  const auto logits = tokens * u(shape.vocab_size.value_or(32000));
  return kF32 * (std::max({attention, feed_forward, logits}) + 4 * tokens * u(shape.embedding_length));
}

}  // namespace

std::string_view to_string(KvCacheType type) {
  for (const auto& [value, name] : kKvNames)
    if (value == type) return name;
  return "f16";
}

std::optional<KvCacheType> kv_cache_type_named(std::string_view name) {
  for (const auto& [value, known] : kKvNames)
    if (known == name) return value;
  return std::nullopt;
}

std::uint64_t MemoryEstimate::per_layer_bytes() const {
  if (layers <= 0) return 0;
  const auto blocks = static_cast<std::uint64_t>(std::max(layers - 1, 1));
  return weights_bytes / static_cast<std::uint64_t>(layers) + kv_cache_bytes / blocks;
}

int tokens_per_image(const core::ProjectorShape& projector, int image_side) {
  if (projector.tokens_per_image) return *projector.tokens_per_image;
  const auto merge = u(std::max(projector.spatial_merge_size, 1));
  return static_cast<int>(patches_of(projector, image_side).count() / (merge * merge));
}

std::uint64_t kv_cache_bytes(const core::ModelShape& shape, int context, KvCacheType type, int batch) {
  const auto [numerator, denominator] = element_size(type);
  const auto per_position = u(shape.head_count_kv) * u(shape.key_length + shape.value_length);
  const auto sliding = u(shape.sliding_layers());
  const auto global = u(shape.block_count) - std::min(sliding, u(shape.block_count));
  // A sliding-window layer keeps its window and the batch being evaluated, never more than the context, in whole
  // blocks of 256 cells (llama.cpp pads it so).
  const auto window_cells =
      shape.sliding_window ? (std::min(u(context), u(*shape.sliding_window) + u(batch)) + 255) / 256 * 256 : 0;
  const auto elements = per_position * (global * u(context) + sliding * window_cells);
  return elements * numerator / denominator;
}

MemoryEstimate estimate_memory(const core::ModelShape& shape, std::uint64_t files_bytes,
                               const EstimateRequest& request) {
  MemoryEstimate estimate;
  estimate.context = request.context;
  estimate.layers = shape.block_count + 1;
  estimate.kv_cache_bytes = kv_cache_bytes(shape, request.context, request.kv, request.batch);
  estimate.graph_bytes = graph_bytes(shape, request.context, request.batch);
  if (shape.projector) {
    estimate.projector_bytes = projector_weights(*shape.projector);
    estimate.tokens_per_image = tokens_per_image(*shape.projector, request.image_side);
    if (request.frames > 0) estimate.image_bytes = image_encoding_bytes(*shape.projector, request.image_side);
  }
  // What was downloaded holds the encoder too, in a file of its own or inside the model's.
  estimate.weights_bytes = shape.weights_bytes.value_or(
      files_bytes > estimate.projector_bytes ? files_bytes - estimate.projector_bytes : files_bytes);
  return estimate;
}

}  // namespace autocut::model_fit
