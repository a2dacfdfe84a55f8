// This process's environment as NAME → value, in UTF-8 (one file per platform behind this header).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace autocut::sys {

std::map<std::string, std::string> process_environment();

// The whole environment a system tool (ffmpeg) is run with: enough to find its libraries and speak plainly, and
// nothing of ours — never an API key.
std::vector<std::string> tool_environment();

}  // namespace autocut::sys
