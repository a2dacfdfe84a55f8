#include "sys/parse/cpulist.hpp"

#include <algorithm>

#include "sys/parse/numbers.hpp"

namespace autocut::sys::parse {
namespace {
// Linux's NR_CPUS tops out at 8192; anything larger is garbage, and refusing it bounds the memory a bad file costs.
constexpr std::uint64_t kMaxCpu = 8192;
}  // namespace

std::optional<std::vector<int>> parse_cpulist(std::string_view text) {
  text = trim(text);
  std::vector<int> cpus;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto item = trim(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    if (item.empty()) return std::nullopt;
    const auto dash = item.find('-');
    const auto first = parse_u64(item.substr(0, dash));
    const auto last = dash == std::string_view::npos ? first : parse_u64(item.substr(dash + 1));
    if (!first || !last || *first > *last || *last >= kMaxCpu) return std::nullopt;
    for (auto cpu = *first; cpu <= *last; ++cpu) cpus.push_back(static_cast<int>(cpu));
  }
  std::sort(cpus.begin(), cpus.end());
  cpus.erase(std::unique(cpus.begin(), cpus.end()), cpus.end());
  return cpus;
}

}  // namespace autocut::sys::parse
