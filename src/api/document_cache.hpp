// The GET documents, rendered at most once per change of what they hold and served from an immutable buffer until
// it changes again. A reader asks with the revision it saw before asking: equal to the kept one, the kept bytes are
// the answer; newer, the document is rendered again and swapped in whole, so no reader ever sees half of one.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace autocut::api {

struct RenderedDocument {
  std::string body;
  std::string content_type;
  std::string etag;  // from the bytes: changes exactly when the body does
  // When the document changes though no revision moves (a sample leaving a time window); none: never.
  std::optional<std::chrono::steady_clock::time_point> stale_after;
};

struct FreshDocument {
  std::string body;
  std::string content_type;
  std::optional<std::chrono::steady_clock::time_point> stale_after;
};

class DocumentCache {
 public:
  // Keys are few (each document once per language) but query variants (a history window) are the client's choice:
  // past `capacity` the entry of the oldest revision makes room.
  explicit DocumentCache(std::size_t capacity = 64) : capacity_(capacity) {}

  std::shared_ptr<const RenderedDocument> get(const std::string& key, std::uint64_t revision,
                                              const std::function<FreshDocument()>& render);

  std::size_t size() const;

 private:
  struct Entry {
    std::uint64_t revision = 0;
    std::shared_ptr<const RenderedDocument> document;
  };

  std::size_t capacity_;
  mutable std::mutex mutex_;  // guards the map only; rendering happens outside it
  std::unordered_map<std::string, Entry> entries_;
};

// A strong entity tag for these bytes, quoted as a header wants it.
std::string entity_tag(std::string_view body);

}  // namespace autocut::api
