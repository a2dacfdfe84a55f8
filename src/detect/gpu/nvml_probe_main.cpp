// autocut-nvml-probe LIBRARY...: NVML's first look at the machine, in a process of its own so that detection can
// give up on a driver that hangs (detect/gpu/nvml_probe.cpp). Prints one JSON line and exits 0.
#include <iostream>
#include <string>
#include <vector>

#include "detect/gpu/nvml_enumeration.hpp"

int main(int argc, char** argv) {
  const std::vector<std::string> candidates(argv + 1, argv + argc);
  std::cout << autocut::detect::enumeration_to_json(autocut::detect::enumerate_nvml(candidates)) << std::endl;
  return 0;
}
