// os-release(5): KEY=value lines with shell-style quoting.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace autocut::sys::parse {

// Comments, blank and malformed lines are skipped; quotes and backslash escapes are undone.
std::map<std::string, std::string> parse_os_release(std::string_view text);

}  // namespace autocut::sys::parse
