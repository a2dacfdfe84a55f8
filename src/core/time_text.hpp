// Wall-clock times as text, in UTC for documents and file names, in local time for people watching a terminal.
#pragma once

#include <chrono>
#include <ctime>
#include <string>

namespace autocut::core {

// `pattern` is strftime's.
inline std::string format_time(std::chrono::system_clock::time_point time, const char* pattern, bool utc) {
  const auto seconds = std::chrono::system_clock::to_time_t(time);
  std::tm parts{};
  if (utc)
    gmtime_r(&seconds, &parts);
  else
    localtime_r(&seconds, &parts);
  char text[64];
  std::strftime(text, sizeof text, pattern, &parts);
  return text;
}

}  // namespace autocut::core
