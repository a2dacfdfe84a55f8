// A whole small file as text: the ones the runtime writes itself (caches, captured answers, kept jobs), where a file
// that cannot be read simply is not there.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace autocut::sys {

std::optional<std::string> read_file(const std::filesystem::path& path);

}  // namespace autocut::sys
