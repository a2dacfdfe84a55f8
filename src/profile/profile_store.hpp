// runtime_profile.json on disk: validating what is there, setting a bad file aside, and saving atomically.
// Not thread-safe: one writer per file.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/runtime_profile.hpp"

namespace autocut::profile {

inline constexpr std::string_view kProfileFileName = "runtime_profile.json";

// The parts of a saved document that decide whether it still describes this machine.
struct StoredProfile {
  std::string fingerprint;
  std::string detected_at;
  std::string profile_class;
};

struct ParsedProfile {
  std::optional<StoredProfile> profile;
  std::string error;  // why the text is not a usable profile, when profile is empty
};

// The file's whole text, read and closed again (Windows moves no file that is open); nullopt, with `error` naming
// the file and the reason, when it cannot be read.
std::optional<std::string> read_profile_text(const std::filesystem::path& path, std::string& error);

// Pure: checks the text is a complete runtime profile of a schema this program understands.
ParsedProfile parse_saved_profile(std::string_view text);

enum class SavedProfileState {
  none,              // no file yet
  same_hardware,     // a valid profile of this machine
  hardware_changed,  // a valid profile of other hardware
  set_aside,         // corrupt, truncated or foreign: renamed beside it, never deleted
  unreadable,        // exists but cannot be read or moved: left alone
};

struct SavedProfileCheck {
  SavedProfileState state = SavedProfileState::none;
  std::string message;  // one line for a person; empty for none and same_hardware
};

// Looks at the file a new profile is about to replace. A bad file is renamed to
// "<name>.corrupt-<UTC time>" so that nothing is lost.
SavedProfileCheck check_saved_profile(const std::filesystem::path& path, std::string_view current_fingerprint,
                                      std::chrono::system_clock::time_point now);

// Renames a file that is not a usable profile (`why`) so that nothing is lost: set_aside, or unreadable when it
// cannot be moved.
SavedProfileCheck set_aside(const std::filesystem::path& path, const std::string& why,
                            std::chrono::system_clock::time_point now);

// Returns an error line, or nullopt once the file is durably replaced.
std::optional<std::string> save_profile(const std::filesystem::path& path, const core::RuntimeProfile& profile);

}  // namespace autocut::profile
