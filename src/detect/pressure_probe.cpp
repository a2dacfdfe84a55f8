// Pressure stall information for cpu, memory and io, where the kernel has it (Linux >= 4.20, CONFIG_PSI).
#include <cerrno>

#include "detect/probe.hpp"
#include "sys/parse/psi.hpp"

namespace autocut::detect {

ProbeOutcome probe_pressure(const ProbeContext& context, core::HostFacts& facts) {
  const auto& root = context.root;
  if (!root.exists(sys::HostRoot::proc("pressure")))
    return absent("this kernel reports no pressure stall information (needs Linux 4.20+ with CONFIG_PSI)");

  core::PressureFacts pressure;
  std::string problems;
  int disabled = 0;
  const auto read_one = [&](const char* resource, std::optional<core::PsiResource>& into) {
    const auto file = root.read(sys::HostRoot::proc(std::string("pressure/") + resource));
    if (!file.ok()) {
      // With psi=0 on the kernel command line the files exist but refuse to be read.
      if (file.error == EOPNOTSUPP)
        ++disabled;
      else
        problems += (problems.empty() ? "" : "; ") + file.describe();
      return;
    }
    into = sys::parse::parse_psi(*file.text);
    if (!into) problems += (problems.empty() ? "" : "; ") + file.host_path + ": unrecognised format";
  };
  read_one("cpu", pressure.cpu);
  read_one("memory", pressure.memory);
  read_one("io", pressure.io);

  if (disabled == 3) return absent("pressure stall information is disabled (boot with psi=1 to enable it)");
  const bool any = pressure.cpu || pressure.memory || pressure.io;
  if (any) facts.pressure = pressure;
  if (!problems.empty()) return failed(problems);
  return ok("cpu, memory and io pressure available");
}

}  // namespace autocut::detect
