#include "detect/windows/cpu_isa.hpp"

#include <cstdint>

namespace autocut::detect::windows {
namespace {

bool bit(std::uint64_t value, int index) { return (value >> index) & 1U; }

}  // namespace

std::vector<std::string> isa_from_cpuid(const sys::windows::Cpuid& cpuid) {
  // Intel SDM vol. 2A, CPUID leaves 01H, 07H (sub-leaves 0 and 1); vol. 1 §13.3 for XCR0's state components.
  const bool os_saves_avx = bit(cpuid.leaf1_ecx, 27) && (cpuid.xcr0 & 0x6) == 0x6;  // OSXSAVE; SSE and AVX state
  const bool os_saves_avx512 = os_saves_avx && (cpuid.xcr0 & 0xe0) == 0xe0;         // opmask, ZMM_Hi256, Hi16_ZMM
  const bool os_saves_amx = bit(cpuid.xcr0, 17) && bit(cpuid.xcr0, 18);             // XTILECFG, XTILEDATA
  const bool avx512f = os_saves_avx512 && bit(cpuid.leaf7_ebx, 16);

  std::vector<std::string> isa;
  const auto add = [&](bool present, const char* name) {
    if (present) isa.emplace_back(name);
  };
  add(os_saves_avx && bit(cpuid.leaf1_ecx, 28), "avx");
  add(os_saves_avx && bit(cpuid.leaf7_ebx, 5), "avx2");
  add(os_saves_avx && bit(cpuid.leaf1_ecx, 12), "fma");
  add(os_saves_avx && bit(cpuid.leaf1_ecx, 29), "f16c");
  add(os_saves_avx && bit(cpuid.leaf7_1_eax, 4), "avx_vnni");
  add(avx512f, "avx512f");
  add(avx512f && bit(cpuid.leaf7_ebx, 30), "avx512bw");
  add(avx512f && bit(cpuid.leaf7_ebx, 31), "avx512vl");
  add(avx512f && bit(cpuid.leaf7_ecx, 11), "avx512_vnni");
  add(avx512f && bit(cpuid.leaf7_1_eax, 5), "avx512_bf16");
  add(avx512f && bit(cpuid.leaf7_edx, 23), "avx512_fp16");
  add(os_saves_amx && bit(cpuid.leaf7_edx, 24), "amx_tile");
  add(os_saves_amx && bit(cpuid.leaf7_edx, 22), "amx_bf16");
  add(os_saves_amx && bit(cpuid.leaf7_edx, 25), "amx_int8");
  return isa;
}

}  // namespace autocut::detect::windows
