// The inference ISA from what CPUID and XGETBV answered, named as Linux's cpuinfo flags name it, in the same order.
// An extension counts only when the operating system also saves its registers (XCR0): a CPU with AVX-512 under a
// system that does not save ZMM state cannot use it. Read from CPUID rather than IsProcessorFeaturePresent, which
// has no bit for most of these and which Wine answers wrongly for AVX-512. Pure.
#pragma once

#include <string>
#include <vector>

#include "sys/windows/windows_host.hpp"

namespace autocut::detect::windows {

std::vector<std::string> isa_from_cpuid(const sys::windows::Cpuid& cpuid);

}  // namespace autocut::detect::windows
