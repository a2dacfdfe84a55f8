#include "model_fit/model_metadata.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace autocut::model_fit {
namespace {

using nlohmann::json;

// A count from the metadata. Some architectures give a list per layer (head_count_kv of models that vary it); the
// largest then bounds what any layer needs.
std::optional<std::int64_t> count_at(const json& object, const std::string& key) {
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (it->is_number_integer()) return it->get<std::int64_t>();
  if (it->is_number_float()) return static_cast<std::int64_t>(it->get<double>());
  if (it->is_array()) {
    std::optional<std::int64_t> largest;
    for (const auto& value : *it)
      if (value.is_number()) largest = std::max(largest.value_or(0), value.get<std::int64_t>());
    return largest;
  }
  return std::nullopt;
}

std::optional<int> positive_int(const json& object, const std::string& key) {
  const auto value = count_at(object, key);
  if (!value || *value <= 0 || *value > (std::int64_t{1} << 30)) return std::nullopt;
  return static_cast<int>(*value);
}

// A list's length, where the runtime sent the list ("tokenizer.ggml.tokens" with `verbose`, or a GGUF header read
// through, which keeps the length of long arrays).
std::optional<int> list_length(const json& object, const std::string& key) {
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (it->is_array() && !it->empty()) return static_cast<int>(it->size());
  if (it->is_object())
    if (const auto length = it->find("length"); length != it->end() && length->is_number_unsigned())
      return static_cast<int>(length->get<std::uint64_t>());
  return std::nullopt;
}

// Vocabulary sizes of architectures whose token list /api/show leaves out unless asked with `verbose` (the models'
// own config.json): the logits of one batch grow with it.
constexpr std::array<std::pair<std::string_view, int>, 6> kVocabularies{{{"qwen25vl", 152064},
                                                                         {"qwen2", 152064},
                                                                         {"gemma3", 262208},
                                                                         {"mllama", 128256},
                                                                         {"phi2", 51200},
                                                                         {"llama", 32000}}};

// Every Nth layer of these attends globally; the others keep a window (llama.cpp sets it per architecture).
constexpr std::array<std::pair<std::string_view, int>, 2> kSlidingPatterns{{{"gemma3", 6}, {"gemma2", 2}}};

template <class Table>
std::optional<int> known(const Table& table, std::string_view architecture) {
  for (const auto& [name, value] : table)
    if (name == architecture) return value;
  return std::nullopt;
}

std::optional<core::ProjectorShape> projector_shape(const json& metadata, const std::string& prefix) {
  core::ProjectorShape projector;
  const auto block_count = positive_int(metadata, prefix + "block_count");
  const auto width = positive_int(metadata, prefix + "embedding_length");
  if (!block_count || !width) return std::nullopt;
  projector.block_count = *block_count;
  projector.embedding_length = *width;
  projector.head_count = positive_int(metadata, prefix + "attention.head_count").value_or(std::max(1, *width / 64));
  projector.patch_size = positive_int(metadata, prefix + "patch_size").value_or(14);
  projector.image_size = positive_int(metadata, prefix + "image_size").value_or(0);
  projector.spatial_merge_size = positive_int(metadata, prefix + "spatial_merge_size").value_or(1);
  return projector;
}

}  // namespace

std::optional<core::ModelShape> shape_from_metadata(const json& model, const json* projector) {
  if (!model.is_object()) return std::nullopt;
  const auto architecture = model.find("general.architecture");
  if (architecture == model.end() || !architecture->is_string()) return std::nullopt;
  core::ModelShape shape;
  shape.architecture = architecture->get<std::string>();
  const auto key = [&](std::string_view name) { return shape.architecture + "." + std::string(name); };

  const auto blocks = positive_int(model, key("block_count"));
  const auto width = positive_int(model, key("embedding_length"));
  const auto heads = positive_int(model, key("attention.head_count"));
  if (!blocks || !width || !heads) return std::nullopt;
  shape.block_count = *blocks;
  shape.embedding_length = *width;
  shape.head_count = *heads;
  shape.head_count_kv = positive_int(model, key("attention.head_count_kv")).value_or(*heads);
  shape.key_length = positive_int(model, key("attention.key_length")).value_or(*width / *heads);
  shape.value_length = positive_int(model, key("attention.value_length")).value_or(*width / *heads);
  shape.feed_forward_length = positive_int(model, key("feed_forward_length"));
  shape.context_length = positive_int(model, key("context_length"));
  shape.sliding_window = positive_int(model, key("attention.sliding_window"));
  if (shape.sliding_window)
    shape.sliding_window_pattern = positive_int(model, key("attention.sliding_window_pattern"))
                                       .value_or(known(kSlidingPatterns, shape.architecture).value_or(0));
  shape.vocab_size = positive_int(model, key("vocab_size"));
  if (!shape.vocab_size) shape.vocab_size = list_length(model, "tokenizer.ggml.tokens");
  if (!shape.vocab_size) shape.vocab_size = known(kVocabularies, shape.architecture);
  if (const auto parameters = count_at(model, "general.parameter_count"); parameters && *parameters > 0)
    shape.parameter_count = static_cast<std::uint64_t>(*parameters);

  // A separate encoder (llava, moondream: an mmproj beside the model) or one inside the model file (qwen2.5vl, gemma3).
  if (projector && projector->is_object()) {
    shape.projector = projector_shape(*projector, "clip.vision.");
    if (shape.projector)
      if (const auto parameters = count_at(*projector, "general.parameter_count"); parameters && *parameters > 0)
        shape.projector->parameter_count = static_cast<std::uint64_t>(*parameters);
  }
  if (!shape.projector) shape.projector = projector_shape(model, key("vision."));
  if (shape.projector)
    if (const auto tokens = positive_int(model, key("mm.tokens_per_image"))) shape.projector->tokens_per_image = tokens;
  return shape;
}

}  // namespace autocut::model_fit
