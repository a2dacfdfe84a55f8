// A fresh directory for one test, removed with everything in it when the test ends; and reading files back.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace autocut::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `contents` to path()/relative, creating parent directories.
  std::filesystem::path write(std::string_view relative, std::string_view contents) const;

 private:
  std::filesystem::path path_;
};

// The whole file as bytes; empty when it cannot be read.
std::string read_text(const std::filesystem::path& path);

}  // namespace autocut::testing
