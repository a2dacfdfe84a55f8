// The document cache and conditional GET, without a server: what is kept, when it is rendered again, and which
// If-None-Match values a document satisfies.
#include "api/document_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "api/conditional_get.hpp"

namespace autocut::api {
namespace {

using namespace std::chrono_literals;

struct CountedRender {
  int calls = 0;
  std::string body = "first";
  std::optional<std::chrono::steady_clock::time_point> stale_after;
  FreshDocument operator()() {
    ++calls;
    return {body, "text/plain", stale_after};
  }
};

TEST(DocumentCache, RendersOncePerRevisionAndAgainWhenItMoves) {
  DocumentCache cache;
  CountedRender render;
  const auto first = cache.get("status:en", 7, std::ref(render));
  EXPECT_EQ(cache.get("status:en", 7, std::ref(render)), first) << "the same immutable buffer";
  EXPECT_EQ(render.calls, 1);

  render.body = "second";
  const auto second = cache.get("status:en", 8, std::ref(render));
  EXPECT_EQ(render.calls, 2);
  EXPECT_EQ(second->body, "second");
  EXPECT_EQ(first->body, "first") << "a reader still holding the old one keeps it whole";
  EXPECT_NE(second->etag, first->etag);
}

TEST(DocumentCache, TheETagFollowsTheBytesNotTheRevision) {
  DocumentCache cache;
  CountedRender render;
  const auto before = cache.get("policy:en", 1, std::ref(render))->etag;
  EXPECT_EQ(cache.get("policy:en", 2, std::ref(render))->etag, before) << "rendered again, same bytes, same tag";
  render.body = "firsT";
  EXPECT_NE(cache.get("policy:en", 3, std::ref(render))->etag, before);
  EXPECT_EQ(entity_tag("first"), before);
  EXPECT_EQ(before.front(), '"');
  EXPECT_EQ(before.back(), '"');
}

TEST(DocumentCache, AWindowThatMovesWithTimeIsRenderedAgainWhenItGoesStale) {
  DocumentCache cache;
  CountedRender render;
  render.stale_after = std::chrono::steady_clock::now() - 1ms;
  cache.get("history 300", 4, std::ref(render));
  cache.get("history 300", 4, std::ref(render));
  EXPECT_EQ(render.calls, 2) << "stale: rendered though the revision stayed";
  render.stale_after = std::chrono::steady_clock::now() + 1h;
  cache.get("history 300", 4, std::ref(render));
  cache.get("history 300", 4, std::ref(render));
  EXPECT_EQ(render.calls, 3);
}

TEST(DocumentCache, ClientChosenVariantsStayWithinTheCapacity) {
  DocumentCache cache(4);
  CountedRender render;
  for (int minutes = 1; minutes <= 100; ++minutes)
    cache.get("history " + std::to_string(minutes), static_cast<std::uint64_t>(minutes), std::ref(render));
  EXPECT_EQ(cache.size(), 4u);
  const int calls = render.calls;
  cache.get("history 100", 100, std::ref(render));
  EXPECT_EQ(render.calls, calls) << "the newest are the ones kept";
}

TEST(DocumentCache, ASlowerRenderOfAnOlderRevisionDoesNotReplaceANewerOne) {
  DocumentCache cache;
  CountedRender newer{0, "newer", std::nullopt};
  cache.get("profile", 10, std::ref(newer));
  CountedRender older{0, "older", std::nullopt};
  EXPECT_EQ(cache.get("profile", 9, std::ref(older))->body, "older") << "its reader gets what it rendered";
  EXPECT_EQ(cache.get("profile", 10, std::ref(older))->body, "newer");
}

// Run under ThreadSanitizer too: readers and a writer moving the revision never see a body that is not whole.
TEST(DocumentCache, ConcurrentReadersAlwaysGetAWholeDocument) {
  DocumentCache cache;
  std::atomic<std::uint64_t> revision{0};
  std::atomic<bool> torn{false};
  const auto render_at = [](std::uint64_t at) {
    return [at] { return FreshDocument{std::string(4096, static_cast<char>('a' + at % 26)), "text/plain", {}}; };
  };
  std::vector<std::jthread> readers;
  for (int i = 0; i < 16; ++i)
    readers.emplace_back([&] {
      for (int n = 0; n < 2000; ++n) {
        const auto at = revision.load();
        const auto document = cache.get("status:en", at, render_at(at));
        const auto& body = document->body;
        if (body.size() != 4096 || body.find_first_not_of(body.front()) != std::string::npos ||
            document->etag != entity_tag(body))
          torn = true;
      }
    });
  for (int n = 0; n < 500; ++n) {
    ++revision;
    std::this_thread::yield();
  }
  readers.clear();
  EXPECT_FALSE(torn.load());
}

TEST(ConditionalGet, IfNoneMatchIsComparedWeaklyOverTheList) {
  const std::string tag = "\"1a-00ff\"";
  EXPECT_TRUE(holds_current(tag, tag));
  EXPECT_TRUE(holds_current("W/" + tag, tag)) << "If-None-Match compares weakly";
  EXPECT_TRUE(holds_current("\"other\", " + tag, tag));
  EXPECT_TRUE(holds_current(" \"other\" ,\t" + tag + " ", tag));
  EXPECT_TRUE(holds_current("*", tag));
  EXPECT_FALSE(holds_current("\"other\"", tag));
  EXPECT_FALSE(holds_current("", tag));
  EXPECT_FALSE(holds_current("1a-00ff", tag)) << "an unquoted value is not the tag";
  EXPECT_FALSE(holds_current(",,", tag));
}

TEST(ConditionalGet, AHeldDocumentIs304WithItsTagAndNoBody) {
  const auto document = std::make_shared<const RenderedDocument>(
      RenderedDocument{"{\"level\":\"LOCAL_GPU_HIGH\"}", "application/json", entity_tag("x"), {}});
  Request request;
  request.method = "GET";
  const auto fresh = document_response(request, document);
  EXPECT_EQ(fresh.status, 200);
  EXPECT_EQ(fresh.content(), document->body);
  EXPECT_EQ(fresh.shared_body.get(), &document->body) << "sent from where it is kept";
  request.headers["if-none-match"] = document->etag;
  const auto held = document_response(request, document);
  EXPECT_EQ(held.status, 304);
  EXPECT_TRUE(held.content().empty());
  const auto has = [](const Response& response, const std::string& name, const std::string& value) {
    for (const auto& [n, v] : response.headers)
      if (n == name && v == value) return true;
    return false;
  };
  for (const auto* response : {&fresh, &held}) {
    EXPECT_TRUE(has(*response, "ETag", document->etag));
    EXPECT_TRUE(has(*response, "Cache-Control", "no-cache"));
  }
}

}  // namespace
}  // namespace autocut::api
