// Text at the Windows API's edge: UTF-8 inside the program, UTF-16 across the API, and error codes in words.
#pragma once

#include <string>

namespace autocut::sys::windows {

std::wstring wide(const std::string& utf8);
std::string utf8(const std::wstring& wide);
// FormatMessageW's sentence for a GetLastError() code, with the code.
std::string error_text(unsigned long code);

}  // namespace autocut::sys::windows
