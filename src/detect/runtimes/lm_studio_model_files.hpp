// Where LM Studio keeps a model: its models folder holds downloads as <publisher>/<repository>/<file>.gguf, the file
// named as the model's id is (an id "gemma-3-4b-it" for "gemma-3-4b-it-Q4_K_M.gguf"), any vision encoder beside it as
// "mmproj-*.gguf".
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace autocut::detect {

// The first GGUF file, not an encoder, whose name starts with `id` (ignoring case) two folders below one of `dirs`.
std::optional<std::filesystem::path> find_lm_studio_model(const std::vector<std::filesystem::path>& dirs,
                                                          const std::string& id);

}  // namespace autocut::detect
