#include "sys/parse/mountinfo.hpp"

#include "sys/parse/numbers.hpp"

namespace autocut::sys::parse {
namespace {

std::string unescape_octal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto is_octal = [&](std::size_t at, char max) { return text[at] >= '0' && text[at] <= max; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 3 < text.size() && is_octal(i + 1, '3') && is_octal(i + 2, '7') &&
        is_octal(i + 3, '7')) {
      out.push_back(static_cast<char>((text[i + 1] - '0') * 64 + (text[i + 2] - '0') * 8 + (text[i + 3] - '0')));
      i += 3;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

}  // namespace

std::vector<MountEntry> parse_mountinfo(std::string_view text) {
  std::vector<MountEntry> mounts;
  for_each_line(text, [&](std::string_view line) {
    const auto fields = split_whitespace(line);
    // Up to the optional fields there are six; the separator and three more follow. Super options may hold
    // spaces on some systems (WSL), so everything after the source is kept whole.
    std::size_t separator = 6;
    while (separator < fields.size() && fields[separator] != "-") ++separator;
    if (fields.size() < 6 || separator + 2 >= fields.size()) return;
    MountEntry entry;
    entry.root = unescape_octal(fields[3]);
    entry.mount_point = unescape_octal(fields[4]);
    entry.fstype = std::string(fields[separator + 1]);
    entry.source = unescape_octal(fields[separator + 2]);
    if (separator + 3 < fields.size()) {
      const auto start = fields[separator + 3].data() - line.data();
      entry.super_options = std::string(trim(line.substr(static_cast<std::size_t>(start))));
    }
    mounts.push_back(std::move(entry));
  });
  return mounts;
}

}  // namespace autocut::sys::parse
