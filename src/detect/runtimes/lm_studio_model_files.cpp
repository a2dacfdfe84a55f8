#include "detect/runtimes/lm_studio_model_files.hpp"

#include <algorithm>
#include <cctype>

namespace autocut::detect {
namespace {

// A models folder of thousands of entries is read no further: detection does not wait on a walk of a disk.
constexpr int kMostEntries = 4096;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

}  // namespace

std::optional<std::filesystem::path> find_lm_studio_model(const std::vector<std::filesystem::path>& dirs,
                                                          const std::string& id) {
  if (id.empty()) return std::nullopt;
  const auto wanted = lower(id);
  int looked = 0;
  for (const auto& root : dirs) {
    std::error_code ec;
    std::filesystem::recursive_directory_iterator entries(
        root, std::filesystem::directory_options::skip_permission_denied, ec);
    for (; !ec && entries != std::filesystem::recursive_directory_iterator(); entries.increment(ec)) {
      if (++looked > kMostEntries) return std::nullopt;
      if (entries.depth() >= 2) entries.disable_recursion_pending();
      if (entries.depth() != 2) continue;
      const auto name = lower(entries->path().filename().string());
      if (name.ends_with(".gguf") && !name.starts_with("mmproj") && name.starts_with(wanted) &&
          entries->is_regular_file(ec))
        return entries->path();
    }
  }
  return std::nullopt;
}

}  // namespace autocut::detect
