#include "sys/parse/cgroup.hpp"

#include "sys/parse/numbers.hpp"

namespace autocut::sys::parse {
namespace {
// Above this a "limit" is the kernel's way of saying none (v1 prints PAGE_COUNTER_MAX pages as bytes).
constexpr std::uint64_t kUnlimitedFloor = std::uint64_t{1} << 62;
}  // namespace

std::vector<CgroupMembership> parse_proc_self_cgroup(std::string_view text) {
  std::vector<CgroupMembership> groups;
  for_each_line(text, [&](std::string_view line) {
    const auto first = line.find(':');
    const auto second = first == std::string_view::npos ? first : line.find(':', first + 1);
    if (second == std::string_view::npos) return;
    const auto id = parse_u64(line.substr(0, first));
    const auto path = line.substr(second + 1);
    if (!id || *id > 1024 || !path.starts_with('/')) return;
    CgroupMembership group;
    group.hierarchy_id = static_cast<int>(*id);
    group.path = std::string(path);
    auto list = line.substr(first + 1, second - first - 1);
    while (!list.empty()) {
      const auto comma = list.find(',');
      if (const auto name = list.substr(0, comma); !name.empty()) group.controllers.emplace_back(name);
      list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    }
    groups.push_back(std::move(group));
  });
  return groups;
}

std::optional<ByteLimit> parse_byte_limit(std::string_view text) {
  text = trim(text);
  if (text == "max") return ByteLimit{};
  const auto value = parse_u64(text);
  if (!value) return std::nullopt;
  if (*value >= kUnlimitedFloor) return ByteLimit{};
  return ByteLimit{*value};
}

std::optional<CpuMax> parse_cpu_max(std::string_view text) {
  const auto fields = split_whitespace(trim(text));
  if (fields.empty() || fields.size() > 2) return std::nullopt;
  CpuMax result;
  if (fields.size() == 2) {
    const auto period = parse_u64(fields[1]);
    if (!period || *period == 0) return std::nullopt;
    result.period_us = *period;
  }
  if (fields[0] == "max") return result;
  const auto quota = parse_u64(fields[0]);
  if (!quota || *quota == 0) return std::nullopt;
  result.quota_us = quota;
  return result;
}

std::optional<CpuMax> parse_cfs_quota(std::string_view quota_text, std::string_view period_text) {
  const auto quota = parse_i64(quota_text);
  const auto period = parse_u64(period_text);
  if (!quota || !period || *period == 0) return std::nullopt;
  CpuMax result;
  result.period_us = *period;
  if (*quota > 0)
    result.quota_us = static_cast<std::uint64_t>(*quota);
  else if (*quota != -1)
    return std::nullopt;
  return result;
}

}  // namespace autocut::sys::parse
