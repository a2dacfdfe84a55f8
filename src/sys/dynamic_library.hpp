// A shared library loaded at run time (dlopen on POSIX, LoadLibraryW on Windows; one file per platform behind this
// header): a library that is not there is an answer, not an error. Loading and unloading are not thread-safe;
// symbols may be called from any thread.
#pragma once

#include <memory>
#include <string>

namespace autocut::sys {

class DynamicLibrary {
 public:
  // Null, with `error` saying why, when it cannot be loaded.
  static std::unique_ptr<DynamicLibrary> open(const std::string& path, std::string& error);
  ~DynamicLibrary();
  DynamicLibrary(const DynamicLibrary&) = delete;
  DynamicLibrary& operator=(const DynamicLibrary&) = delete;

  void* symbol(const char* name) const;
  // The file the loader took it from, which a bare name does not tell.
  std::string loaded_from() const;

 private:
  explicit DynamicLibrary(void* handle) : handle_(handle) {}
  void* handle_;
};

}  // namespace autocut::sys
