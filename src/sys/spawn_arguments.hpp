// posix_spawn takes argv and the environment as null-terminated arrays of char*: a view of the strings, which must
// outlive the call.
#pragma once

#include <string>
#include <vector>

namespace autocut::sys {

inline std::vector<char*> spawn_arguments(const std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  pointers.reserve(strings.size() + 1);
  for (const auto& text : strings) pointers.push_back(const_cast<char*>(text.c_str()));
  pointers.push_back(nullptr);
  return pointers;
}

}  // namespace autocut::sys
