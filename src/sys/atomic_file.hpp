// Crash-safe file replacement: a reader sees the old file or the new one, never a torn mix.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace autocut::sys {

// Writes a temporary file beside `path`, fsyncs it, renames it over `path` and fsyncs the directory.
// Returns an error a person can act on ("cannot write DIR/x.json: Permission denied"), or nullopt on success.
std::optional<std::string> write_file_atomically(const std::filesystem::path& path, std::string_view contents);

}  // namespace autocut::sys
