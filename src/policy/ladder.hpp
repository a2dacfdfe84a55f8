// The manual floor under the level: degrade moves it one level down, restore lifts it back to the detected class.
// Each change is recorded. A value type with pure operations; callers that share one serialise access to it.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/level.hpp"

namespace autocut::policy {

struct LevelChange {
  std::chrono::system_clock::time_point time;
  core::Level from;
  core::Level to;
  std::string reason;
};

struct Ladder {
  core::Level detected = core::Level::local_cpu_only;
  std::optional<core::Level> floor;  // absent: the detected class stands
  std::vector<LevelChange> history;

  core::Level level() const;  // the weaker of the detected class and the floor
};

// One level down from where it stands now; at HYBRID it stays (and says so in the record).
Ladder degrade(Ladder ladder, std::string reason, std::chrono::system_clock::time_point now);
// Back to the detected class.
Ladder restore(Ladder ladder, std::string reason, std::chrono::system_clock::time_point now);

}  // namespace autocut::policy
