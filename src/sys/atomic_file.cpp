#include "sys/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace autocut::sys {
namespace {

std::string failure(const std::filesystem::path& path, std::string_view what, int error) {
  return "cannot " + std::string(what) + " " + path.string() + ": " + std::strerror(error);
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

std::optional<std::string> write_file_atomically(const std::filesystem::path& path, std::string_view contents) {
  const auto directory = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  // A fresh, unpredictable name: in a shared directory nobody can plant a link for us to write through.
  std::string pattern = (directory / ("." + path.filename().string() + ".tmp.XXXXXX")).string();
  const int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
  if (fd < 0) return failure(path, "write", errno);
  const std::filesystem::path temporary = pattern;
  ::fchmod(fd, 0644);
  if (!write_all(fd, contents) || ::fsync(fd) != 0) {
    const int error = errno;
    ::close(fd);
    ::unlink(temporary.c_str());
    return failure(path, "write", error);
  }
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    return failure(path, "write", error);
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    return failure(path, "replace", error);
  }
  // The rename is durable only once the directory entry is.
  if (const int dir = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return std::nullopt;
}

}  // namespace autocut::sys
