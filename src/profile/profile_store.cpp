#include "profile/profile_store.hpp"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/json_mapping.hpp"
#include "core/level.hpp"
#include "core/time_text.hpp"
#include "sys/atomic_file.hpp"

namespace autocut::profile {
namespace {

using nlohmann::json;

const json* field(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::filesystem::path free_aside_name(const std::filesystem::path& path, std::chrono::system_clock::time_point now) {
  const auto base = path.string() + ".corrupt-" + core::format_time(now, "%Y%m%dT%H%M%SZ", true);
  std::filesystem::path candidate = base;
  std::error_code ec;
  for (int n = 1; std::filesystem::exists(candidate, ec); ++n) candidate = base + "." + std::to_string(n);
  return candidate;
}

}  // namespace

ParsedProfile parse_saved_profile(std::string_view text) {
  const auto document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return {std::nullopt, "not valid JSON (corrupt or truncated)"};
  if (!document.is_object()) return {std::nullopt, "not a runtime profile (the document is not a JSON object)"};
  const auto* version = field(document, "schema_version");
  if (!version || !version->is_number_integer()) return {std::nullopt, "not a runtime profile (no schema_version)"};
  if (version->get<long long>() != core::kProfileSchemaVersion)
    return {std::nullopt, "schema version " + version->dump() + " is not the one this program writes (" +
                              std::to_string(core::kProfileSchemaVersion) + ")"};
  for (const char* key : {"fingerprint", "detected_at", "profile_class"})
    if (const auto* value = field(document, key); !value || !value->is_string())
      return {std::nullopt, std::string("missing or invalid \"") + key + "\""};
  const auto profile_class = document.at("profile_class").get<std::string>();
  if (!core::parse_level(profile_class)) return {std::nullopt, "unknown profile_class \"" + profile_class + "\""};
  // The original's fields are the contract other programs read; a document without them is of no use to them.
  const auto* cpu = field(document, "cpu");
  const auto* threads = cpu ? field(*cpu, "threads") : nullptr;
  if (!cpu || !(cpu->is_null() || (threads && threads->is_number_integer())))
    return {std::nullopt, "missing or invalid \"cpu\" section"};
  const auto* memory = field(document, "memory");
  const auto* total = memory ? field(*memory, "total_gb") : nullptr;
  if (!memory || !(memory->is_null() || (total && (total->is_number() || total->is_null()))))
    return {std::nullopt, "missing or invalid \"memory\" section"};
  if (const auto* probes = field(document, "probes"); !probes || !probes->is_object())
    return {std::nullopt, "missing \"probes\""};

  return {StoredProfile{document.at("fingerprint").get<std::string>(), document.at("detected_at").get<std::string>(),
                        profile_class},
          {}};
}

std::optional<std::string> read_profile_text(const std::filesystem::path& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read " + path.string() + ": " + std::strerror(errno);
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

SavedProfileCheck check_saved_profile(const std::filesystem::path& path, std::string_view current_fingerprint,
                                      std::chrono::system_clock::time_point now) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return {};
  if (std::filesystem::is_directory(path, ec))
    return {SavedProfileState::unreadable, path.string() + " is a directory, not a profile file"};

  std::string error;
  const auto text = read_profile_text(path, error);
  if (!text) return {SavedProfileState::unreadable, error + "; left in place"};

  const auto parsed = parse_saved_profile(*text);
  if (parsed.profile) {
    if (parsed.profile->fingerprint == current_fingerprint) return {SavedProfileState::same_hardware, {}};
    return {SavedProfileState::hardware_changed, "the hardware changed since " + parsed.profile->detected_at +
                                                     " (saved profile was " + parsed.profile->profile_class +
                                                     "); detected afresh"};
  }
  auto aside = set_aside(path, parsed.error, now);
  if (aside.state == SavedProfileState::set_aside) aside.message += " and detected afresh";
  return aside;
}

SavedProfileCheck set_aside(const std::filesystem::path& path, const std::string& why,
                            std::chrono::system_clock::time_point now) {
  std::error_code ec;
  const auto aside = free_aside_name(path, now);
  std::filesystem::rename(path, aside, ec);
  if (ec)
    return {SavedProfileState::unreadable,
            path.string() + " is unusable (" + why + ") and could not be moved aside: " + ec.message()};
  return {SavedProfileState::set_aside, path.string() + " was unusable (" + why + "); kept as " + aside.string()};
}

std::optional<std::string> save_profile(const std::filesystem::path& path, const core::RuntimeProfile& profile) {
  // A state directory is made on first use, as a daemon makes its own; only one that cannot be made is an error.
  if (path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) return "cannot create the directory " + path.parent_path().string() + ": " + ec.message();
  }
  return sys::write_file_atomically(path, core::profile_to_json_text(profile));
}

}  // namespace autocut::profile
