// This program's own file, and whether a file can be run: for finding the programs installed beside it (the
// analysis worker). One file per platform behind this header.
#pragma once

#include <filesystem>
#include <string>

namespace autocut::sys {

std::filesystem::path own_program_path();
// The file name a program of this name has here: "autocut-analyze-worker", or "autocut-analyze-worker.exe".
std::string program_file_name(const std::string& name);
bool can_run(const std::filesystem::path& program);

// Where a program installed beside this one is (the analysis worker, the NVML helper).
inline std::filesystem::path installed_beside(const std::string& name) {
  return own_program_path().parent_path() / program_file_name(name);
}

}  // namespace autocut::sys
