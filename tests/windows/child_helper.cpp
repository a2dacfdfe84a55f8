// A child for the Windows ChildProcess tests: each mode one behaviour the analysis worker or ffmpeg may show.
#include <windows.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "echo") {  // a worker taking lines and answering each
    for (std::string line; std::getline(std::cin, line);) std::cout << "got " << line << std::endl;
    return 0;
  }
  if (mode == "args") {  // what argv the command line became
    for (int i = 2; i < argc; ++i) std::cout << "[" << argv[i] << "]" << std::endl;
    return 0;
  }
  if (mode == "env") {
    const char* value = std::getenv(argv[2]);
    std::cout << (value ? value : "(unset)") << std::endl;
    return 0;
  }
  if (mode == "fail") {
    std::cerr << "cannot open the video" << std::endl;
    return 4;
  }
  if (mode == "long") {
    std::cout << std::string(5000, 'x') << "\nnext" << std::endl;
    return 0;
  }
  if (mode == "silent") {
    Sleep(30000);
    return 0;
  }
  if (mode == "spawn") {  // starts a silent grandchild and tells its process id, then waits
    wchar_t self[MAX_PATH];
    GetModuleFileNameW(nullptr, self, MAX_PATH);
    std::wstring command = L"child_helper.exe silent";
    STARTUPINFOW startup{};
    startup.cb = sizeof startup;
    PROCESS_INFORMATION info{};
    if (!CreateProcessW(self, command.data(), nullptr, nullptr, FALSE, 0, nullptr, nullptr, &startup, &info)) return 3;
    std::cout << info.dwProcessId << std::endl;
    Sleep(30000);
    return 0;
  }
  return 2;
}
