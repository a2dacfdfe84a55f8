#include "sys/dynamic_library.hpp"

#include <windows.h>

#include "sys/windows/text.hpp"

namespace autocut::sys {

std::unique_ptr<DynamicLibrary> DynamicLibrary::open(const std::string& path, std::string& error) {
  // No "cannot find the DLL" dialog box: absence is a normal answer here.
  const UINT previous = SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOOPENFILEERRORBOX);
  HMODULE module = LoadLibraryW(windows::wide(path).c_str());
  const DWORD code = GetLastError();
  SetErrorMode(previous);
  if (!module) {
    error = windows::error_text(code);
    return nullptr;
  }
  return std::unique_ptr<DynamicLibrary>(new DynamicLibrary(module));
}

DynamicLibrary::~DynamicLibrary() { FreeLibrary(static_cast<HMODULE>(handle_)); }

void* DynamicLibrary::symbol(const char* name) const {
  return reinterpret_cast<void*>(GetProcAddress(static_cast<HMODULE>(handle_), name));
}

std::string DynamicLibrary::loaded_from() const {
  wchar_t path[MAX_PATH];
  const DWORD length = GetModuleFileNameW(static_cast<HMODULE>(handle_), path, MAX_PATH);
  return length ? windows::utf8(std::wstring(path, length)) : std::string();
}

}  // namespace autocut::sys
