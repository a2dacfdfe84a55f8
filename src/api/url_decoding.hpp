// Splitting and decoding a request target. Pure.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace autocut::api {

// %XX sequences decoded; with `plus_is_space` (query strings) '+' is a space. Nullopt on a broken escape or a NUL.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

struct Target {
  std::string path;
  std::map<std::string, std::string> query;
};

// "/a%20b?x=1&y=%E6%B5%8B" → {"/a b", {x: 1, y: 测}}. Nullopt when any part does not decode.
std::optional<Target> split_target(std::string_view target);

}  // namespace autocut::api
