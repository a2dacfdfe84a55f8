#include "detect/program_path.hpp"

namespace autocut::detect {

std::optional<std::string> find_program(const sys::HostRoot& root, const std::vector<std::string>& path,
                                        const std::string& program) {
  for (const auto& directory : path)
    if (const auto candidate = directory + "/" + program; root.exists(candidate)) return candidate;
  return std::nullopt;
}

}  // namespace autocut::detect
