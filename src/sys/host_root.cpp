#include "sys/host_root.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace autocut::sys {

bool FileText::missing() const { return !ok() && (error == ENOENT || error == ENOTDIR); }

std::string FileText::describe() const {
  if (ok()) return host_path;
  return host_path + ": " + std::strerror(error);
}

HostRoot::HostRoot() : root_("/"), live_(true) {}

HostRoot::HostRoot(std::filesystem::path root) : root_(std::move(root)), live_(root_ == "/") {}

std::string HostRoot::proc(std::string_view relative) { return std::string("/proc/").append(relative); }

std::string HostRoot::sys(std::string_view relative) { return std::string("/sys/").append(relative); }

std::filesystem::path HostRoot::resolve(std::string_view host_path) const {
  if (live_) return std::filesystem::path(host_path);
  std::string_view relative = host_path;
  while (relative.starts_with('/')) relative.remove_prefix(1);
  return root_ / relative;
}

FileText HostRoot::read(std::string_view host_path) const {
  FileText result{std::string(host_path), std::nullopt, 0};
  const std::string path = resolve(host_path).string();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    result.error = errno;
    return result;
  }
  // procfs and sysfs report a size of 0 or 4096 whatever the content, so read to the end instead of trusting stat.
  std::string text;
  std::array<char, 8192> buffer{};
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n > 0) {
      text.append(buffer.data(), static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) result.error = errno;
    break;
  }
  ::close(fd);
  if (result.error == 0) result.text = std::move(text);
  return result;
}

bool HostRoot::exists(std::string_view host_path) const {
  std::error_code ec;
  return std::filesystem::exists(resolve(host_path), ec);
}

std::vector<std::string> HostRoot::list(std::string_view host_dir) const {
  std::vector<std::string> names;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(resolve(host_dir), ec), end; !ec && it != end; it.increment(ec))
    names.push_back(it->path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace autocut::sys
