#include "sys/output_lines.hpp"

#include <algorithm>
#include <utility>

namespace autocut::sys {

void OutputLines::add(std::string_view data) {
  if (skipping_) {
    const auto end = data.find('\n');
    skipping_ = end == std::string_view::npos;
    data.remove_prefix(skipping_ ? data.size() : end + 1);
  }
  pending_.append(data);
}

std::optional<std::string> OutputLines::next(std::size_t max_line) {
  if (const auto end = pending_.find('\n'); end != std::string::npos) {
    const auto length = end > 0 && pending_[end - 1] == '\r' ? end - 1 : end;  // a Windows program's text mode
    std::string line = pending_.substr(0, std::min(length, max_line));
    pending_.erase(0, end + 1);
    return line;
  }
  if (pending_.size() > max_line) {
    std::string line = pending_.substr(0, max_line);
    pending_.clear();
    skipping_ = true;
    return line;
  }
  return std::nullopt;
}

std::optional<std::string> OutputLines::rest() {
  if (pending_.empty()) return std::nullopt;
  return std::exchange(pending_, {});
}

void OutputTail::add(std::string_view data) {
  text_.append(data);
  if (text_.size() > keep_) text_.erase(0, text_.size() - keep_);
}

}  // namespace autocut::sys
