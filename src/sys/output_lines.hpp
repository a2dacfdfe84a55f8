// A child's output stream cut into lines as its bytes arrive, whatever the platform reads them with: whole lines
// (ended by "\n", or by "\r\n" as a Windows program's text mode writes them) handed out one at a time, a line longer
// than the caller's limit cut there and the rest of it dropped (not read as lines of its own), and a last line without
// a newline still handed out once the stream has ended.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace autocut::sys {

class OutputLines {
 public:
  void add(std::string_view data);
  // The next line (without its newline), or nullopt until more arrives.
  std::optional<std::string> next(std::size_t max_line);
  // Once the stream has ended: what is left of a last, unterminated line, if any.
  std::optional<std::string> rest();

 private:
  std::string pending_;
  bool skipping_ = false;  // inside an overlong line, after the part handed out
};

// The last few KiB of a stream, for explaining a failure without keeping a runaway child's output.
class OutputTail {
 public:
  explicit OutputTail(std::size_t keep = 8192) : keep_(keep) {}
  void add(std::string_view data);
  const std::string& text() const { return text_; }

 private:
  std::size_t keep_;
  std::string text_;
};

}  // namespace autocut::sys
