// A fresh directory for one test, removed with everything in it when the test ends.
#pragma once

#include <filesystem>
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

}  // namespace autocut::testing
