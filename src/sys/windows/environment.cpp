#include "sys/environment.hpp"

#include <windows.h>

#include "sys/windows/text.hpp"

namespace autocut::sys {

std::map<std::string, std::string> process_environment() {
  std::map<std::string, std::string> variables;
  wchar_t* block = GetEnvironmentStringsW();
  if (!block) return variables;
  // NAME=value\0NAME=value\0\0; entries such as "=C:=C:\dir" (the per-drive folders) start with '=' and are skipped.
  for (const wchar_t* entry = block; *entry; entry += wcslen(entry) + 1) {
    const std::string text = windows::utf8(entry);
    if (const auto equals = text.find('=', 1); equals != std::string::npos && text[0] != '=')
      variables.emplace(text.substr(0, equals), text.substr(equals + 1));
  }
  FreeEnvironmentStringsW(block);
  return variables;
}

}  // namespace autocut::sys
