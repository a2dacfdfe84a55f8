#include "service/event_hub.hpp"

#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

namespace autocut::service {

std::string sse_text(std::uint64_t id, std::string_view event_name, const nlohmann::ordered_json& data) {
  return "id: " + std::to_string(id) + "\nevent: " + std::string(event_name) +
         "\ndata: " + data.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n\n";
}

std::function<void()> EventHub::listen(Listener listener) {
  std::lock_guard lock(mutex_);
  const auto id = next_listener_++;
  listeners_.emplace(id, std::move(listener));
  return [this, id] {
    std::lock_guard unlock(mutex_);
    listeners_.erase(id);
  };
}

void EventHub::publish(std::string_view event_name, const nlohmann::ordered_json& data) {
  std::vector<Listener> targets;
  std::string text;
  {
    std::lock_guard lock(mutex_);
    if (listeners_.empty()) return;
    text = sse_text(++next_event_, event_name, data);
    for (const auto& [id, listener] : listeners_) targets.push_back(listener);
  }
  for (const auto& listener : targets) listener(text);
}

std::size_t EventHub::listeners() const {
  std::lock_guard lock(mutex_);
  return listeners_.size();
}

}  // namespace autocut::service
