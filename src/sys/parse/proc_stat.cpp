#include "sys/parse/proc_stat.hpp"

#include "sys/parse/numbers.hpp"

namespace autocut::sys::parse {

std::optional<CpuTimes> parse_proc_stat_cpu(std::string_view text) {
  const auto line = text.substr(0, text.find('\n'));
  const auto fields = split_whitespace(line);
  // cpu user nice system idle iowait irq softirq steal [guest guest_nice]: guest time is already in user.
  if (fields.size() < 8 || fields[0] != "cpu") return std::nullopt;
  std::uint64_t values[8] = {};
  for (std::size_t i = 1; i < 9 && i < fields.size(); ++i) {
    const auto value = parse_u64(fields[i]);
    if (!value) return std::nullopt;
    values[i - 1] = *value;
  }
  CpuTimes times;
  times.busy = values[0] + values[1] + values[2] + values[5] + values[6] + values[7];
  times.idle = values[3] + values[4];
  return times;
}

std::optional<double> cpu_percent(const CpuTimes& before, const CpuTimes& after) {
  if (after.busy < before.busy || after.idle < before.idle) return std::nullopt;
  const auto busy = after.busy - before.busy;
  const auto total = busy + (after.idle - before.idle);
  if (total == 0) return std::nullopt;
  return 100.0 * static_cast<double>(busy) / static_cast<double>(total);
}

}  // namespace autocut::sys::parse
