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

// Windows' own folders: a program's DLLs (and a GPU driver's, for ffmpeg's hardware encoders) load from System32,
// and some of Windows' libraries fail to start without SystemRoot.
std::vector<std::string> tool_environment() {
  const auto variables = process_environment();
  const auto found = variables.find("SystemRoot");
  const std::string root = found != variables.end() ? found->second : "C:\\Windows";
  return {"SystemRoot=" + root, "PATH=" + root + "\\system32;" + root, "LC_ALL=C"};
}

}  // namespace autocut::sys
