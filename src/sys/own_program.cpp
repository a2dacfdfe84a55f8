#include "sys/own_program.hpp"

#include <unistd.h>

namespace autocut::sys {

std::filesystem::path own_program_path() {
  std::error_code ignored;
  return std::filesystem::read_symlink("/proc/self/exe", ignored);
}

std::string program_file_name(const std::string& name) { return name; }

bool can_run(const std::filesystem::path& program) { return ::access(program.c_str(), X_OK) == 0; }

}  // namespace autocut::sys
