// Prints docs/policy.md's table: for the recorded models, our memory estimate beside the formulas of the runtimes it
// is anchored to, at the same context. Not a timing: the figures come from the models' own metadata.
//   Ollama today   llm/llama_server.go PredictServerVRAM: file size + 2·layers·kv_heads·(embedding/heads)·ctx·2
//   Ollama before  llm/memory.go (removed 2025-11): weights + KV (key/value lengths, gemma3's windows) + the
//                  full-offload graph of fs/ggml GraphSize for the architecture (and VisionGraphSize)
//   llama.cpp      common/fit.cpp: weights + KV (windows padded to 256) + a compute buffer measured at load + 1 GiB
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "detect/runtimes/runtime_json.hpp"
#include "model_fit/memory_estimate.hpp"
#include "sys/file_text.hpp"

using namespace autocut;

namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
constexpr std::uint64_t kBatch = 512;

struct Model {
  const char* name;
  const char* show;
  std::uint64_t size;            // /api/tags: everything downloaded
  std::uint64_t projector_file;  // a separate projector's file, 0 when inside the model's
};

// Sizes from the models' registry manifests (see tests/recorded/README.md).
const Model kModels[] = {{"llava:7b", "ollama-show-llava.json", 4'733'363'377, 624'434'368},
                         {"moondream:1.8b", "ollama-show-moondream.json", 1'738'451'197, 909'777'984},
                         {"gemma3:4b", "ollama-show-gemma3.json", 3'338'792'448, 0},
                         {"qwen2.5vl:7b", "ollama-show-qwen2.5vl.json", 5'969'233'408, 0},
                         {"llama3.2:3b", "ollama-show-llama3.2.json", 2'019'393'189, 0}};

double as_double(std::uint64_t bytes) { return static_cast<double>(bytes); }

std::string gib(double bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", bytes / kGiB);
  return text;
}

double ollama_today(const core::ModelShape& shape, const Model& model, int context) {
  const double head = static_cast<double>(shape.embedding_length) / shape.head_count;
  return static_cast<double>(model.size - model.projector_file) +
         4.0 * shape.block_count * shape.head_count_kv * head * context;
}

// KV as memory.go counts it: every layer whole, but gemma3's windowed layers (all but every sixth) at window + batch.
double old_kv(const core::ModelShape& shape, int context) {
  double total = 0;
  for (int layer = 0; layer < shape.block_count; ++layer) {
    double cells = context;
    if (shape.architecture == "gemma3" && (layer + 1) % 6 != 0) cells = *shape.sliding_window + kBatch;
    total += cells * (shape.key_length + shape.value_length) * shape.head_count_kv * 2.0;
  }
  return total;
}

// GraphSize's full-offload figure where memory.go has a case for the architecture; -1 where it has none we know.
double old_graph(const core::ModelShape& shape, int context, double kv) {
  const double b = std::min<double>(context, kBatch), e = shape.embedding_length, c = context, h = shape.head_count;
  const double v = shape.vocab_size.value_or(32000), k = shape.key_length;
  if (shape.architecture == "llama") return std::max(4 * b * (1 + 4 * e + c * (1 + h)), 4 * b * (e + v));
  if (shape.architecture == "gemma3") return std::max(4 * b * (e + v), 4 * b * (2 + c + c * h + 2 * e + 2 * k * h));
  if (shape.architecture == "qwen25vl") return (h / shape.head_count_kv) * kv / 6;  // no case: gqa·kv/6
  return -1;
}

// VisionGraphSize for encoders inside the model file.
double old_vision_graph(const core::ModelShape& shape) {
  if (!shape.projector) return 0;
  const auto& p = *shape.projector;
  if (shape.architecture == "gemma3") {
    const double patches = (p.image_size / p.patch_size) * (p.image_size / p.patch_size);
    return 4.0 *
           (p.image_size * p.image_size * 3.0 + p.embedding_length * p.patch_size + patches * patches * p.head_count);
  }
  if (shape.architecture == "qwen25vl") {
    const double pixels = 28 * 28 * 1280, patches = pixels / (p.patch_size * p.patch_size);
    return 4.0 * (2 * pixels * 3 + patches * 3 * p.patch_size * p.patch_size + patches * patches * p.head_count +
                  p.embedding_length * patches);
  }
  return 0;
}

}  // namespace

int main() {
  std::printf(
      "| model | context | ours: weights + KV + graph + projector + one image = total (GiB) | Ollama today | "
      "Ollama before | llama.cpp --fit (before its measured compute buffer) |\n|---|---|---|---|---|---|\n");
  for (const auto& model : kModels) {
    const auto text = sys::read_file(std::string(AUTOCUT_RECORDED_DIR) + "/" + model.show);
    const auto shown = text ? detect::parse_ollama_show(*text) : std::nullopt;
    if (!shown || !shown->shape) {
      std::fprintf(stderr, "%s: no shape\n", model.show);
      return 1;
    }
    const auto& shape = *shown->shape;
    int shown_context = 0;
    for (int context : {4096, 32768}) {
      // No context beyond what the model was trained for (moondream: 2048).
      context = std::min(context, shape.context_length.value_or(context));
      if (context == shown_context) continue;
      shown_context = context;
      const bool vision = shape.projector.has_value();
      const auto ours = model_fit::estimate_memory(shape, model.size,
                                                   {context, model_fit::KvCacheType::f16, 512, vision ? 1 : 0, 768});
      const double kv = old_kv(shape, context);
      const double graph = old_graph(shape, context, kv);
      const double projector = static_cast<double>(model.projector_file);
      const double weights_file = static_cast<double>(model.size - model.projector_file);
      const std::string before = graph < 0 ? "no graph formula for " + shape.architecture
                                           : gib(weights_file + projector + kv + graph + old_vision_graph(shape));
      const double fit_kv =
          static_cast<double>(model_fit::kv_cache_bytes(shape, context, model_fit::KvCacheType::f16, 512));
      // Ollama asks llama.cpp's fit to leave the encoder's weights and 1 GiB free beside a vision model.
      const double encoder = model.projector_file ? projector : as_double(ours.projector_bytes);
      const double today = ollama_today(shape, model, context) + (vision ? encoder + kGiB : 0.0);
      std::printf("| %s | %.3gk | %s + %s + %s + %s + %s = **%s** | %s | %s | %s + 1 GiB margin |\n", model.name,
                  context / 1024.0, gib(as_double(ours.weights_bytes)).c_str(),
                  gib(as_double(ours.kv_cache_bytes)).c_str(), gib(as_double(ours.graph_bytes)).c_str(),
                  gib(as_double(ours.projector_bytes)).c_str(), gib(as_double(ours.image_bytes)).c_str(),
                  gib(as_double(ours.total())).c_str(), gib(today).c_str(), before.c_str(),
                  gib(weights_file + projector + fit_kv).c_str());
    }
  }
  return 0;
}
