// CPU numbers in the kernel's compact list form ("0-3,8"), for display.
#pragma once

#include <string>
#include <vector>

namespace autocut::core {

// Expects sorted, unique numbers.
std::string format_cpulist(const std::vector<int>& cpus);

}  // namespace autocut::core
