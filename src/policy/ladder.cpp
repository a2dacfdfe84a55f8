#include "policy/ladder.hpp"

#include "policy/resolve.hpp"

namespace autocut::policy {

core::Level Ladder::level() const { return effective_level(detected, floor); }

Ladder degrade(Ladder ladder, std::string reason, std::chrono::system_clock::time_point now) {
  const auto from = ladder.level();
  const auto to = from == core::Level::hybrid ? from : static_cast<core::Level>(static_cast<int>(from) + 1);
  ladder.floor = to;
  ladder.history.push_back({now, from, to, std::move(reason)});
  return ladder;
}

Ladder restore(Ladder ladder, std::string reason, std::chrono::system_clock::time_point now) {
  const auto from = ladder.level();
  ladder.floor.reset();
  ladder.history.push_back({now, from, ladder.level(), std::move(reason)});
  return ladder;
}

}  // namespace autocut::policy
