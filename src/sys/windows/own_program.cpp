#include "sys/own_program.hpp"

#include <windows.h>

#include <vector>

namespace autocut::sys {

std::filesystem::path own_program_path() {
  // The path may be longer than MAX_PATH: grow the buffer until it fits.
  for (std::vector<wchar_t> buffer(MAX_PATH);; buffer.resize(buffer.size() * 2)) {
    const DWORD length = GetModuleFileNameW(nullptr, buffer.data(), static_cast<DWORD>(buffer.size()));
    if (length == 0) return {};
    if (length < buffer.size()) return std::filesystem::path(std::wstring(buffer.data(), length));
  }
}

std::string program_file_name(const std::string& name) { return name + ".exe"; }

// Windows runs any file CreateProcessW accepts; what can be checked beforehand is that it is a file.
bool can_run(const std::filesystem::path& program) {
  std::error_code ignored;
  return std::filesystem::is_regular_file(program, ignored);
}

}  // namespace autocut::sys
