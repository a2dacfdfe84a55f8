#include "sys/parse/cpuinfo.hpp"

#include <array>

#include "sys/parse/numbers.hpp"

namespace autocut::sys::parse {
namespace {

struct ArmName {
  unsigned code;
  std::string_view name;
};

// Arm cpuinfo has no "model name": it names the designer and the part by number (arch/arm64 cputype.h).
constexpr std::array<ArmName, 9> kArmImplementers{{
    {0x41, "ARM"},
    {0x42, "Broadcom"},
    {0x43, "Cavium"},
    {0x46, "Fujitsu"},
    {0x48, "HiSilicon"},
    {0x4e, "NVIDIA"},
    {0x51, "Qualcomm"},
    {0x61, "Apple"},
    {0xc0, "Ampere"},
}};
constexpr std::array<ArmName, 23> kArmParts{{
    {0xd03, "Cortex-A53"},  {0xd05, "Cortex-A55"},   {0xd07, "Cortex-A57"},  {0xd08, "Cortex-A72"},
    {0xd0b, "Cortex-A76"},  {0xd0c, "Neoverse-N1"},  {0xd0d, "Cortex-A77"},  {0xd40, "Neoverse-V1"},
    {0xd41, "Cortex-A78"},  {0xd42, "Cortex-A78AE"}, {0xd44, "Cortex-X1"},   {0xd46, "Cortex-A510"},
    {0xd47, "Cortex-A710"}, {0xd48, "Cortex-X2"},    {0xd49, "Neoverse-N2"}, {0xd4d, "Cortex-A715"},
    {0xd4e, "Cortex-X3"},   {0xd4f, "Neoverse-V2"},  {0xd80, "Cortex-A520"}, {0xd81, "Cortex-A720"},
    {0xd82, "Cortex-X4"},   {0xd8e, "Neoverse-N3"},  {0xac3, "Ampere-1"},
}};

std::optional<std::string_view> arm_name(const auto& table, std::string_view hex) {
  if (hex.starts_with("0x")) hex.remove_prefix(2);
  unsigned value = 0;
  for (char c : hex) {
    const int digit = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
    if (digit < 0 || value > 0xffff) return std::nullopt;
    value = value * 16 + static_cast<unsigned>(digit);
  }
  for (const auto& entry : table)
    if (entry.code == value) return entry.name;
  return std::nullopt;
}

}  // namespace

Cpuinfo parse_cpuinfo(std::string_view text) {
  Cpuinfo info;
  std::optional<int> processor;
  std::optional<int> physical_id;
  std::optional<std::string> implementer;
  std::optional<std::string> part;
  std::optional<std::string> board_model;
  bool flags_seen = false;

  for_each_line(text, [&](std::string_view line) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return;
    const auto key = trim(line.substr(0, colon));
    const auto value = trim(line.substr(colon + 1));
    if (key == "processor") {
      // Only a numbered entry is a processor; junk must not inflate the count.
      const auto number = parse_u64(value);
      processor = number && *number < 65536 ? std::optional<int>(static_cast<int>(*number)) : std::nullopt;
      if (processor) ++info.processors;
      physical_id.reset();
    } else if (key == "model name" && !info.model_name && !value.empty()) {
      info.model_name = std::string(value);
    } else if (key == "vendor_id" && !info.vendor) {
      info.vendor = std::string(value);
      info.architecture = value == "IBM/S390" ? "s390x" : "x86_64";
    } else if (key == "vendor" && !info.vendor) {
      info.vendor = std::string(value);  // ia64 says "vendor", x86 "vendor_id"
    } else if (key == "arch" && value == "IA-64") {
      info.architecture = "ia64";
    } else if (key == "cpu" && !info.model_name && !value.empty() && !info.architecture) {
      info.model_name = std::string(value);  // PowerPC names the processor here ("POWER9 (raw), altivec supported")
      info.architecture = "ppc64";
    } else if (key == "isa" && value.starts_with("rv64")) {
      info.architecture = "riscv64";
    } else if (key == "uarch" && !info.model_name && !value.empty()) {
      info.model_name = std::string(value);  // RISC-V: "sifive,u74-mc"
    } else if (key == "cpu cores" && !info.cores_per_package) {
      if (const auto cores = parse_u64(value); cores && *cores > 0 && *cores < 65536)
        info.cores_per_package = static_cast<int>(*cores);
    } else if ((key == "flags" || key == "Features") && !flags_seen) {
      flags_seen = true;
      for (auto flag : split_whitespace(value)) info.flags.emplace_back(flag);
      if (key == "Features") info.architecture = "aarch64";
    } else if (key == "physical id") {
      if (const auto id = parse_u64(value); id && *id < 65536) physical_id = static_cast<int>(*id);
    } else if (key == "core id" && processor && physical_id) {
      if (const auto id = parse_u64(value); id && *id < 65536)
        info.places.push_back({*processor, *physical_id, static_cast<int>(*id)});
    } else if (key == "CPU implementer" && !implementer) {
      implementer = std::string(value);
    } else if (key == "CPU part" && !part) {
      part = std::string(value);
    } else if (key == "Model" && !board_model) {
      board_model = std::string(value);  // Raspberry Pi and other boards name themselves here
    }
  });

  if (implementer) {
    if (!info.vendor) info.vendor = std::string(arm_name(kArmImplementers, *implementer).value_or(*implementer));
    if (!info.model_name && part) {
      if (const auto name = arm_name(kArmParts, *part))
        info.model_name = std::string(*name);
      else
        info.model_name = *info.vendor + " part " + *part;
    }
    if (board_model && info.model_name) *info.model_name += " (" + *board_model + ")";
  }
  // Older Arm kernels print a single "Processor" line and no per-CPU "processor" entries.
  if (info.processors == 0 && (info.model_name || !info.flags.empty())) info.processors = 1;
  return info;
}

}  // namespace autocut::sys::parse
