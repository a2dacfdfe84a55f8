#include "api/document_cache.hpp"

#include <algorithm>
#include <cstdio>

namespace autocut::api {

std::string entity_tag(std::string_view body) {
  // Not a secret and not an integrity check: two bodies of one document differing and hashing alike would need
  // 2^32 revisions of it to be likely. The length rules out the cheapest collisions altogether.
  char text[48];
  const auto written =
      std::snprintf(text, sizeof text, "\"%zx-%016zx\"", body.size(), std::hash<std::string_view>{}(body));
  return std::string(text, static_cast<std::size_t>(written));
}

std::shared_ptr<const RenderedDocument> DocumentCache::get(const std::string& key, std::uint64_t revision,
                                                           const std::function<FreshDocument()>& render) {
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(key);
    if (it != entries_.end() && it->second.revision == revision &&
        (!it->second.document->stale_after || now < *it->second.document->stale_after))
      return it->second.document;
  }
  auto fresh = render();
  auto etag = entity_tag(fresh.body);
  auto document = std::make_shared<const RenderedDocument>(
      RenderedDocument{std::move(fresh.body), std::move(fresh.content_type), std::move(etag), fresh.stale_after});

  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    if (entries_.size() >= capacity_) {
      const auto oldest = std::min_element(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
        return a.second.revision < b.second.revision;
      });
      entries_.erase(oldest);
    }
    entries_.emplace(key, Entry{revision, document});
  } else if (it->second.revision <= revision) {
    // A slower reader that rendered an older revision does not replace a newer one.
    it->second = Entry{revision, document};
  }
  return document;
}

std::size_t DocumentCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace autocut::api
