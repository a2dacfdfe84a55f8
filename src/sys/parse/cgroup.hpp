// Control-group files: /proc/self/cgroup and the v1/v2 limit files (kernel cgroup-v2.rst, cgroup-v1/memory.rst).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace autocut::sys::parse {

struct CgroupMembership {
  int hierarchy_id = 0;                  // 0 is the unified (v2) hierarchy
  std::vector<std::string> controllers;  // empty for v2; "name=systemd" style names included for v1
  std::string path;
};

std::vector<CgroupMembership> parse_proc_self_cgroup(std::string_view text);

// A byte limit as memory.max or memory.limit_in_bytes print it.
struct ByteLimit {
  std::optional<std::uint64_t> bytes;  // nullopt: no limit ("max", or v1's page-rounded LLONG_MAX)
};
std::optional<ByteLimit> parse_byte_limit(std::string_view text);

// cgroup v2 cpu.max: "$MAX $PERIOD", MAX may be "max"; a lone number means the default period.
struct CpuMax {
  std::optional<std::uint64_t> quota_us;  // nullopt: no quota
  std::uint64_t period_us = 100000;
};
std::optional<CpuMax> parse_cpu_max(std::string_view text);

// cgroup v1 cpu.cfs_quota_us / cpu.cfs_period_us; a quota of -1 means none.
std::optional<CpuMax> parse_cfs_quota(std::string_view quota_text, std::string_view period_text);

}  // namespace autocut::sys::parse
