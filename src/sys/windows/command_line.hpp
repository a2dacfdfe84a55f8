// The one command line CreateProcessW takes, built from an argument list so that the child's C runtime
// (CommandLineToArgvW's rules) splits it back into exactly those arguments: spaces and tabs quoted, a quote escaped,
// and backslashes doubled only where they precede a quote. Pure; compiled on every platform so it is tested here.
#pragma once

#include <string>
#include <vector>

namespace autocut::sys::windows {

std::string quoted_command_line(const std::vector<std::string>& argv);

// The environment block CreateProcessW takes (as UTF-8 here; "NAME=value" entries each ended by a NUL, the block
// by one more), sorted by name without regard to case as Windows keeps its own.
std::string environment_block(std::vector<std::string> environment);

}  // namespace autocut::sys::windows
