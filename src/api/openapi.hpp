// The OpenAPI 3 description of every path the service answers, served at /openapi.json.
#pragma once

#include <string>

namespace autocut::api {

const std::string& openapi_document();

}  // namespace autocut::api
