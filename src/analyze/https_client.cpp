#include "analyze/https_client.hpp"

#include <curl/curl.h>

#include <cstdlib>
#include <memory>

namespace autocut::analyze {
namespace {

constexpr std::size_t kMaxBody = 16u << 20;

struct Exchange {
  std::string body;
  std::optional<double> retry_after_s;
  bool too_large = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& exchange = *static_cast<Exchange*>(user);
  if (exchange.body.size() + size * count > kMaxBody) {
    exchange.too_large = true;
    return 0;  // aborts the transfer
  }
  exchange.body.append(data, size * count);
  return size * count;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& exchange = *static_cast<Exchange*>(user);
  const std::string line(data, size * count);
  constexpr std::string_view kName = "retry-after:";
  if (line.size() > kName.size()) {
    std::string name = line.substr(0, kName.size());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == kName) {
      char* end = nullptr;
      const double seconds = std::strtod(line.c_str() + kName.size(), &end);
      if (end != line.c_str() + kName.size() && seconds >= 0) exchange.retry_after_s = seconds;
    }
  }
  return size * count;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* cancel = static_cast<const std::atomic<bool>*>(user);
  return cancel && cancel->load() ? 1 : 0;  // non-zero aborts the transfer
}

struct CurlFreer {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct ListFreer {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

HttpsReply post_json(const std::string& url, const std::string& body, const std::vector<std::string>& headers,
                     std::chrono::milliseconds timeout, const std::atomic<bool>* cancel) {
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  HttpsReply reply;
  if (!initialised) {
    reply.error = "libcurl could not start";
    return reply;
  }
  std::unique_ptr<CURL, CurlFreer> handle(curl_easy_init());
  std::unique_ptr<curl_slist, ListFreer> list(curl_slist_append(nullptr, "Content-Type: application/json"));
  for (const auto& header : headers) list.reset(curl_slist_append(list.release(), header.c_str()));
  Exchange exchange;
  curl_easy_setopt(handle.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle.get(), CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(handle.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(handle.get(), CURLOPT_HTTPHEADER, list.get());
  curl_easy_setopt(handle.get(), CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(handle.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle.get(), CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(handle.get(), CURLOPT_WRITEDATA, &exchange);
  curl_easy_setopt(handle.get(), CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(handle.get(), CURLOPT_HEADERDATA, &exchange);
  if (cancel) {
    curl_easy_setopt(handle.get(), CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(handle.get(), CURLOPT_XFERINFODATA, cancel);
    curl_easy_setopt(handle.get(), CURLOPT_NOPROGRESS, 0L);
  }
  const auto code = curl_easy_perform(handle.get());
  if (code == CURLE_ABORTED_BY_CALLBACK) {
    reply.cancelled = true;
    reply.error = "cancelled";
    return reply;
  }
  if (code != CURLE_OK) {
    // The URL and headers are not repeated: the headers may carry a key.
    reply.error = exchange.too_large ? "the answer is larger than 16 MiB" : curl_easy_strerror(code);
    return reply;
  }
  long status = 0;
  curl_easy_getinfo(handle.get(), CURLINFO_RESPONSE_CODE, &status);
  reply.status = static_cast<int>(status);
  reply.body = std::move(exchange.body);
  reply.retry_after_s = exchange.retry_after_s;
  return reply;
}

}  // namespace autocut::analyze
