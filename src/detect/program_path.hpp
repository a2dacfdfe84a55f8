// Finding an installed program by name along PATH, through the host root.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sys/host_root.hpp"

namespace autocut::detect {

// The host path of the first `program` in the PATH directories, or nullopt.
std::optional<std::string> find_program(const sys::HostRoot& root, const std::vector<std::string>& path,
                                        const std::string& program);

}  // namespace autocut::detect
