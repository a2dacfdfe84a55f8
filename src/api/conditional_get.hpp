// Conditional GET (RFC 9110 §13.1.2): a client that sends the ETag it holds in If-None-Match is answered 304 with
// no body when the document has not changed, so pollers such as the dashboard cost a header, not a document.
#pragma once

#include <string_view>

#include "api/document_cache.hpp"
#include "api/http_types.hpp"

namespace autocut::api {

// Whether an If-None-Match value names `etag`: "*", or a comma-separated list compared weakly (W/ ignored).
bool holds_current(std::string_view if_none_match, std::string_view etag);

// 200 with the document, or 304 when the request's If-None-Match holds it; both carry the ETag and ask caches to
// revalidate (no-cache) rather than to keep nothing.
Response document_response(const Request& request, std::shared_ptr<const RenderedDocument> document,
                           std::vector<std::pair<std::string, std::string>> headers = {});

}  // namespace autocut::api
