// Fans events out to live listeners (the SSE streams) as Server-Sent Event text. Thread-safe; listeners are called
// outside the lock and must not block (a stream only queues the text on its connection).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

namespace autocut::service {

class EventHub {
 public:
  using Listener = std::function<void(const std::string& event_text)>;

  // Returns the call that stops the listener.
  std::function<void()> listen(Listener listener);
  void publish(std::string_view event_name, const nlohmann::ordered_json& data);
  std::size_t listeners() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::uint64_t, Listener> listeners_;
  std::uint64_t next_listener_ = 0;
  std::uint64_t next_event_ = 0;
};

// "id: 7\nevent: transition\ndata: {...}\n\n"; the JSON is on one line, so one data field carries it.
std::string sse_text(std::uint64_t id, std::string_view event_name, const nlohmann::ordered_json& data);

}  // namespace autocut::service
