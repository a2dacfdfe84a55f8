// /proc/cpuinfo on x86, Arm and the other layouts the kernel prints: identity, feature flags, topology hints.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace autocut::sys::parse {

struct ProcessorPlace {
  int processor = 0;
  int package = 0;
  int core = 0;
};

struct Cpuinfo {
  int processors = 0;  // "processor" entries
  std::optional<std::string> model_name;
  std::optional<std::string> vendor;
  std::optional<std::string> architecture;  // "x86_64", "aarch64", "ia64", "s390x", "ppc64", "riscv64"
  std::optional<int> cores_per_package;     // x86 "cpu cores": a package's cores, offline ones included
  std::vector<std::string> flags;           // x86 "flags" or Arm "Features", from the first processor
  std::vector<ProcessorPlace> places;       // where each processor sits, when x86 lists "physical id" and "core id"
};

Cpuinfo parse_cpuinfo(std::string_view text);

}  // namespace autocut::sys::parse
