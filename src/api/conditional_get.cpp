#include "api/conditional_get.hpp"

namespace autocut::api {
namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string_view opaque(std::string_view tag) { return tag.starts_with("W/") ? tag.substr(2) : tag; }

}  // namespace

bool holds_current(std::string_view if_none_match, std::string_view etag) {
  if (trimmed(if_none_match) == "*") return true;
  while (!if_none_match.empty()) {
    const auto comma = if_none_match.find(',');
    const auto tag = trimmed(if_none_match.substr(0, comma));
    if (!tag.empty() && opaque(tag) == opaque(etag)) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

Response document_response(const Request& request, std::shared_ptr<const RenderedDocument> document,
                           std::vector<std::pair<std::string, std::string>> headers) {
  headers.emplace_back("ETag", document->etag);
  headers.emplace_back("Cache-Control", "no-cache");
  const auto held = request.header("if-none-match");
  if (held && holds_current(*held, document->etag))
    return Response{304, document->content_type, {}, std::move(headers), nullptr, nullptr};
  Response response{200, document->content_type, {}, std::move(headers), nullptr, nullptr};
  // The body stays where the cache keeps it, alive as long as this answer is being sent.
  response.shared_body = std::shared_ptr<const std::string>(document, &document->body);
  return response;
}

}  // namespace autocut::api
