#include "sys/parse/psi.hpp"

#include <cmath>

#include "sys/parse/numbers.hpp"

namespace autocut::sys::parse {
namespace {

std::optional<core::PsiWindow> parse_window(const std::vector<std::string_view>& fields) {
  core::PsiWindow window;
  int seen = 0;
  for (std::size_t i = 1; i < fields.size(); ++i) {
    const auto eq = fields[i].find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    const auto key = fields[i].substr(0, eq);
    const auto value = fields[i].substr(eq + 1);
    if (key == "total") {
      const auto total = parse_u64(value);
      if (!total) return std::nullopt;
      window.total_us = *total;
      seen |= 8;
      continue;
    }
    const auto percent = parse_double(value);
    if (!percent || !std::isfinite(*percent) || *percent < 0 || *percent > 100) return std::nullopt;
    if (key == "avg10")
      window.avg10 = *percent, seen |= 1;
    else if (key == "avg60")
      window.avg60 = *percent, seen |= 2;
    else if (key == "avg300")
      window.avg300 = *percent, seen |= 4;
  }
  if (seen != 15) return std::nullopt;
  return window;
}

}  // namespace

std::optional<core::PsiResource> parse_psi(std::string_view text) {
  std::optional<core::PsiWindow> some;
  std::optional<core::PsiWindow> full;
  bool malformed = false;
  for_each_line(text, [&](std::string_view line) {
    const auto fields = split_whitespace(line);
    if (fields.empty()) return;
    if (fields[0] == "some")
      some = parse_window(fields), malformed |= !some;
    else if (fields[0] == "full")
      full = parse_window(fields), malformed |= !full;
  });
  if (malformed || !some) return std::nullopt;
  return core::PsiResource{*some, full};
}

}  // namespace autocut::sys::parse
