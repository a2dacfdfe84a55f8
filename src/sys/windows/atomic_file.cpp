// write_file_atomically on Windows: a temporary file beside the target, flushed to disk, then MoveFileExW with
// REPLACE_EXISTING and WRITE_THROUGH, which replaces the target in one step and returns once the move is on disk.
#include "sys/atomic_file.hpp"

#include <windows.h>

#include <algorithm>
#include <random>

#include "sys/windows/text.hpp"

namespace autocut::sys {
namespace {

std::string failure(const std::filesystem::path& path, std::string_view what, DWORD error) {
  return "cannot " + std::string(what) + " " + path.string() + ": " + windows::error_text(error);
}

}  // namespace

std::optional<std::string> write_file_atomically(const std::filesystem::path& path, std::string_view contents) {
  const auto directory = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::random_device random;
  const auto temporary =
      directory / ("." + path.filename().string() + ".tmp." + std::to_string(random()) + std::to_string(random()));
  // CREATE_NEW: a fresh name nobody else holds; no sharing while it is written.
  HANDLE file =
      CreateFileW(temporary.wstring().c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (file == INVALID_HANDLE_VALUE) return failure(path, "write", GetLastError());
  bool written = true;
  for (std::string_view rest = contents; written && !rest.empty();) {
    DWORD count = 0;
    const auto chunk = static_cast<DWORD>(std::min<std::size_t>(rest.size(), 1u << 30));
    written = WriteFile(file, rest.data(), chunk, &count, nullptr) && count > 0;
    rest.remove_prefix(count);
  }
  written = written && FlushFileBuffers(file);
  const DWORD error = written ? 0 : GetLastError();
  CloseHandle(file);
  if (!written) {
    DeleteFileW(temporary.wstring().c_str());
    return failure(path, "write", error);
  }
  if (!MoveFileExW(temporary.wstring().c_str(), path.wstring().c_str(),
                   MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
    const DWORD move_error = GetLastError();
    DeleteFileW(temporary.wstring().c_str());
    return failure(path, "replace", move_error);
  }
  return std::nullopt;
}

}  // namespace autocut::sys
