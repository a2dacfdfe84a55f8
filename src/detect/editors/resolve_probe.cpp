// DaVinci Resolve on Linux, found through the host root without launching it: install, version and edition from
// its shipped docs, the scripting module and library, and whether it is running.
#include <algorithm>
#include <cctype>
#include <regex>

#include "detect/probe.hpp"
#include "sys/parse/numbers.hpp"

namespace autocut::detect {
namespace {

using sys::HostRoot;

// Blackmagic's scripting README: /opt/resolve on a normal install, /home/resolve on their ISO Linux.
constexpr const char* kInstallRoots[] = {"/opt/resolve", "/home/resolve"};

struct Edition {
  std::optional<std::string> version;
  std::optional<bool> studio;
};

// The docs name the product and version ("DaVinci Resolve Studio 18.6" / "DaVinci Resolve 19.1.3"); launching
// Resolve to ask (`resolve -v`) costs over a second.
Edition read_edition(const HostRoot& root, const std::string& install) {
  for (const char* doc : {"/docs/ReadMe.html", "/docs/Welcome.txt"}) {
    const auto file = root.read(install + doc);
    if (!file.ok()) continue;
    static const std::regex kProduct(R"(DaVinci Resolve( Studio)?\s+(\d+(\.\d+){0,3}))", std::regex::icase);
    const std::string text = file.text->substr(0, 1 << 20);
    // The title may shorten the version ("18.6") where the body gives it whole ("18.6.6"): keep the longest.
    Edition edition;
    for (std::sregex_iterator it(text.begin(), text.end(), kProduct), end; it != end; ++it) {
      if (!edition.version || (*it)[2].length() > static_cast<long>(edition.version->size()))
        edition.version = (*it)[2].str();
      edition.studio = edition.studio.value_or(false) || (*it)[1].matched;
    }
    if (edition.version) return edition;
  }
  return {};
}

// Only looked at when an install exists: listing every process costs ~10 µs each.
bool resolve_running(const HostRoot& root) {
  for (const auto& entry : root.list(HostRoot::proc(""))) {
    if (entry.empty() ||
        !std::all_of(entry.begin(), entry.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      continue;
    const auto comm = root.read(HostRoot::proc(entry + "/comm"));
    if (comm.ok() && sys::parse::trim(*comm.text) == "resolve") return true;
  }
  return false;
}

}  // namespace

ProbeOutcome probe_resolve(const ProbeContext& context, core::HostFacts& facts) {
  const auto& root = context.root;
  std::optional<std::string> install;
  for (const char* candidate : kInstallRoots)
    if (root.exists(std::string(candidate) + "/bin/resolve")) {
      install = candidate;
      break;
    }
  if (!install) return absent("DaVinci Resolve is not installed (no bin/resolve under /opt/resolve or /home/resolve)");

  core::ResolveFacts resolve;
  resolve.install_path = *install;
  const auto edition = read_edition(root, *install);
  resolve.version = edition.version;
  resolve.studio = edition.studio;
  const auto api = context.options.resolve_script_api.value_or(*install + "/Developer/Scripting");
  resolve.scripting_api = root.exists(api + "/Modules/DaVinciResolveScript.py");
  if (context.options.resolve_script_lib) {
    resolve.scripting_library = root.exists(*context.options.resolve_script_lib);
  } else {
    for (const char* library : {"/libs/Fusion/fusionscript.so", "/libs/fusionscript.so", "/bin/fusionscript.so"})
      resolve.scripting_library = resolve.scripting_library || root.exists(*install + library);
  }
  resolve.running = resolve_running(root);

  std::string detail = std::string("DaVinci Resolve") + (resolve.studio.value_or(false) ? " Studio" : "") + " " +
                       resolve.version.value_or("(version unknown)") + " at " + *install;
  if (resolve.scriptable())
    detail += ": running, scriptable";
  else {
    // Exactly what external scripting still lacks.
    std::vector<std::string> missing;
    if (!resolve.studio)
      missing.emplace_back("its edition is unknown (no version in its docs)");
    else if (!*resolve.studio)
      missing.emplace_back("it is the free edition (external scripting needs Studio)");
    if (!resolve.scripting_library) missing.emplace_back("fusionscript.so is missing");
    if (!resolve.running) missing.emplace_back("it is not running (start it, or `resolve -nogui`)");
    detail += ": not scriptable, because ";
    for (std::size_t i = 0; i < missing.size(); ++i) detail += (i ? "; " : "") + missing[i];
  }
  facts.resolve = std::move(resolve);
  return ok(detail);
}

}  // namespace autocut::detect
