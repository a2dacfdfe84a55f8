// The web assets built from web/ (npm) and embedded in the binary at build time, so the service needs no files
// and no network at run time.
#pragma once

#include <optional>
#include <string_view>

namespace autocut::api {

struct WebAsset {
  std::string_view content_type;
  std::string_view body;
};

// By request path: "/" is the dashboard, "/app.js" and "/app.css" its code and style; "/docs" (and "/docs/") is
// the API reference page, "/docs/<file>" its files.
std::optional<WebAsset> find_web_asset(std::string_view path);

}  // namespace autocut::api
