// How the end-to-end tests reach the real autocut binary and the fixture trees.
#pragma once

#include <filesystem>
#include <string>

#include "support/run_process.hpp"

namespace autocut::testing {

inline std::string autocut(const std::string& arguments) { return shell_quote(AUTOCUT_BINARY) + " " + arguments; }

inline std::filesystem::path fixture_host(const std::string& name) {
  return std::filesystem::path(AUTOCUT_FIXTURE_HOSTS) / name;
}

}  // namespace autocut::testing
