// This process's environment as NAME → value, in UTF-8 (one file per platform behind this header).
#pragma once

#include <map>
#include <string>

namespace autocut::sys {

std::map<std::string, std::string> process_environment();

}  // namespace autocut::sys
