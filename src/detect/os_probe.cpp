// Operating system: kernel, distribution, and whether we run inside a container or WSL.
#include <algorithm>
#include <cctype>

#include "detect/probe.hpp"
#include "sys/parse/numbers.hpp"
#include "sys/parse/os_release.hpp"

namespace autocut::detect {
namespace {

using sys::HostRoot;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::optional<std::string> distribution(const HostRoot& root) {
  for (const char* path : {"/etc/os-release", "/usr/lib/os-release"}) {
    const auto file = root.read(path);
    if (!file.ok()) continue;
    const auto fields = sys::parse::parse_os_release(*file.text);
    if (const auto pretty = fields.find("PRETTY_NAME"); pretty != fields.end() && !pretty->second.empty())
      return pretty->second;
    if (const auto name = fields.find("NAME"); name != fields.end()) {
      const auto version = fields.find("VERSION_ID");
      return name->second + (version != fields.end() ? " " + version->second : "");
    }
  }
  return std::nullopt;
}

// The markers container engines leave behind, most specific first (as systemd-detect-virt looks for them).
std::optional<std::string> container(const HostRoot& root) {
  if (root.exists("/run/secrets/kubernetes.io/serviceaccount") ||
      root.exists("/var/run/secrets/kubernetes.io/serviceaccount"))
    return "kubernetes";
  if (root.exists("/run/.containerenv")) return "podman";
  if (root.exists("/.dockerenv")) return "docker";
  if (const auto marker = root.read("/run/systemd/container"); marker.ok()) {
    const auto name = sys::parse::trim(*marker.text);
    if (!name.empty()) return std::string(name);
  }
  if (const auto cgroup = root.read(HostRoot::proc("self/cgroup")); cgroup.ok()) {
    const auto& text = *cgroup.text;
    if (text.find("kubepods") != std::string::npos) return "kubernetes";
    if (text.find("libpod") != std::string::npos) return "podman";
    if (text.find("/docker") != std::string::npos || text.find("docker-") != std::string::npos) return "docker";
    if (text.find("/lxc") != std::string::npos) return "lxc";
  }
  return std::nullopt;
}

}  // namespace

ProbeOutcome probe_os(const ProbeContext& context, core::HostFacts& facts) {
  const auto& root = context.root;
  core::OsFacts os;
  const auto release = root.read(HostRoot::proc("sys/kernel/osrelease"));
  if (release.ok() && !sys::parse::trim(*release.text).empty())
    os.kernel = std::string(sys::parse::trim(*release.text));
  os.distribution = distribution(root);
  os.container = container(root);
  // WSL kernels name themselves ("5.15.153.1-microsoft-standard-WSL2"); WSL1 says "Microsoft".
  os.wsl = os.kernel && (lower(*os.kernel).find("microsoft") != std::string::npos ||
                         lower(*os.kernel).find("wsl") != std::string::npos);

  std::string detail = os.distribution.value_or("unknown distribution") + ", kernel " + os.kernel.value_or("unknown");
  if (os.container) detail += ", in a " + *os.container + " container";
  if (os.wsl) detail += ", under WSL";
  const bool kernel_known = os.kernel.has_value();
  facts.os = std::move(os);
  if (!kernel_known) return failed("cannot read " + release.describe());
  return ok(std::move(detail));
}

}  // namespace autocut::detect
