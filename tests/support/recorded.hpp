// Recorded runtime responses from tests/recorded/, and a replay server preloaded with a whole runtime's answers.
#pragma once

#include <string>

#include "support/temp_dir.hpp"

namespace autocut::testing {

inline std::string recorded(const std::string& name) {
  return read_text(std::filesystem::path(AUTOCUT_RECORDED_DIR) / name);
}

}  // namespace autocut::testing
