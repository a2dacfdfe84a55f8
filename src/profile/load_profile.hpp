// A saved runtime_profile.json read back into a profile: its facts are read from the document and everything that
// follows from them (effective resources, tier, class, fingerprint) is derived again by build_profile, so a loaded
// profile decides exactly as a detected one. Pure, except load_profile, which reads the file (and sets a bad one
// aside, as saving does). Not thread-safe on one file.
#pragma once

#include <chrono>
#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "core/runtime_profile.hpp"
#include "profile/classify.hpp"

namespace autocut::profile {

struct ProfileFromDocument {
  std::optional<core::RuntimeProfile> profile;
  std::string error;  // which field is missing or of the wrong kind, when profile is empty
};

// The document as profile_to_json writes it. The fingerprint stays the document's: it names the hardware that was
// saved, even where the text lost something of it (host strings that were not UTF-8).
ProfileFromDocument profile_from_document(const nlohmann::ordered_json& document,
                                          const ClassifySettings& settings = {});

struct LoadedProfile {
  std::optional<core::RuntimeProfile> profile;
  std::string error;  // one line for a person, naming the file; says where a bad file was kept
};

// A file that is not a usable profile is renamed "<name>.corrupt-<UTC time>" beside it (check_saved_profile's rule).
LoadedProfile load_profile(const std::filesystem::path& path, const ClassifySettings& settings,
                           std::chrono::system_clock::time_point now);

}  // namespace autocut::profile
