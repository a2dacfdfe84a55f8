// A model's architecture as its own metadata states it (the GGUF keys, whether Ollama's /api/show or the file's header
// gave them): what the memory it takes at a given context follows from. Plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace autocut::core {

// The vision encoder ("projector", mmproj) that turns an image into tokens for the language model.
struct ProjectorShape {
  std::optional<std::uint64_t> weights_bytes;  // the projector file, when a runtime or the disk says
  std::optional<std::uint64_t> parameter_count;
  int image_size = 0;  // the side every image is resized to; 0 for encoders taking images at their own size
  int patch_size = 14;
  int embedding_length = 0;
  int head_count = 0;
  int block_count = 0;
  std::optional<int> tokens_per_image;  // fixed by the model (gemma3's 256)
  int spatial_merge_size = 1;           // patches merged into one token per side (qwen2.5vl: 2)
};

struct ModelShape {
  std::string architecture;  // general.architecture: "llama", "qwen25vl", "gemma3", "phi2", ...
  int block_count = 0;
  int embedding_length = 0;
  int head_count = 0;
  int head_count_kv = 0;
  int key_length = 0;    // per head; embedding_length / head_count where the model does not say
  int value_length = 0;  // per head
  std::optional<int> feed_forward_length;
  std::optional<int> context_length;  // what the model was trained for
  std::optional<int> sliding_window;  // layers with local attention keep only this many positions
  int sliding_window_pattern = 0;     // every Nth layer attends globally; 0: every layer uses the window
  std::optional<int> vocab_size;
  std::optional<std::uint64_t> parameter_count;
  std::optional<std::uint64_t> weights_bytes;  // the language model's file, the projector not included
  std::optional<ProjectorShape> projector;
  std::string source;  // where it was read: "ollama /api/show", "gguf"

  // Layers that attend through the sliding window; the rest keep the whole context.
  int sliding_layers() const {
    if (!sliding_window) return 0;
    if (sliding_window_pattern <= 1) return sliding_window_pattern == 1 ? 0 : block_count;
    return block_count - block_count / sliding_window_pattern;
  }
};

}  // namespace autocut::core
