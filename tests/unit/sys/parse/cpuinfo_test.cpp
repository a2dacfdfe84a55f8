#include "sys/parse/cpuinfo.hpp"

#include <gtest/gtest.h>

namespace autocut::sys::parse {
namespace {

constexpr std::string_view kTwoX86Threads =
    "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz\n"
    "physical id\t: 0\ncore id\t\t: 0\nflags\t\t: fpu avx avx2 fma avx512f avx512_vnni hypervisor\n\n"
    "processor\t: 1\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz\n"
    "physical id\t: 0\ncore id\t\t: 0\nflags\t\t: fpu avx avx2 fma avx512f avx512_vnni hypervisor\n\n";

TEST(ParseCpuinfo, ReadsX86IdentityFlagsAndPlaces) {
  const auto info = parse_cpuinfo(kTwoX86Threads);
  EXPECT_EQ(info.processors, 2);
  EXPECT_EQ(info.model_name, "Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz");
  EXPECT_EQ(info.vendor, "GenuineIntel");
  EXPECT_EQ(info.architecture, "x86_64");
  EXPECT_EQ(info.flags,
            (std::vector<std::string>{"fpu", "avx", "avx2", "fma", "avx512f", "avx512_vnni", "hypervisor"}));
  ASSERT_EQ(info.places.size(), 2u);
  EXPECT_EQ(info.places[1].processor, 1);
  EXPECT_EQ(info.places[1].core, 0);
}

TEST(ParseCpuinfo, NamesArmCoresFromImplementerAndPart) {
  const auto info = parse_cpuinfo(
      "processor\t: 0\nBogoMIPS\t: 108.00\nFeatures\t: fp asimd evtstrm crc32 cpuid\nCPU implementer\t: 0x41\n"
      "CPU architecture: 8\nCPU part\t: 0xd08\n\nprocessor\t: 1\nFeatures\t: fp asimd\nCPU implementer\t: 0x41\n"
      "CPU part\t: 0xd08\n\nHardware\t: BCM2835\nModel\t\t: Raspberry Pi 4 Model B Rev 1.4\n");
  EXPECT_EQ(info.processors, 2);
  EXPECT_EQ(info.vendor, "ARM");
  EXPECT_EQ(info.model_name, "Cortex-A72 (Raspberry Pi 4 Model B Rev 1.4)");
  EXPECT_EQ(info.architecture, "aarch64");
  EXPECT_TRUE(info.places.empty());
}

TEST(ParseCpuinfo, UnknownArmPartIsNamedByNumber) {
  const auto info = parse_cpuinfo("processor : 0\nCPU implementer : 0x99\nCPU part : 0x123\n");
  EXPECT_EQ(info.vendor, "0x99");
  EXPECT_EQ(info.model_name, "0x99 part 0x123");
}

TEST(ParseCpuinfo, ReadsTheCoresPerPackageX86States) {
  const auto info = parse_cpuinfo(
      "processor\t: 0\nvendor_id\t: AuthenticAMD\nphysical id\t: 0\nsiblings\t: 8\n"
      "core id\t\t: 3\ncpu cores\t: 8\n");
  EXPECT_EQ(info.cores_per_package, 8);
}

TEST(ParseCpuinfo, NamesTheLayoutsOfOtherArchitectures) {
  const auto itanium = parse_cpuinfo(
      "processor  : 0\nvendor     : GenuineIntel\narch       : IA-64\nfamily     : 32\n"
      "model name : Dual-Core Intel(R) Itanium(R) 2 Processor 9140M\nfeatures   : branchlong, 16-byte atomic ops\n"
      "siblings   : 4\nphysical id: 1\ncore id    : 1\nthread id  : 0\n");
  EXPECT_EQ(itanium.architecture, "ia64");
  EXPECT_EQ(itanium.vendor, "GenuineIntel");
  EXPECT_EQ(itanium.model_name, "Dual-Core Intel(R) Itanium(R) 2 Processor 9140M");
  ASSERT_EQ(itanium.places.size(), 1u);
  EXPECT_EQ(itanium.places[0].package, 1);
  EXPECT_TRUE(itanium.flags.empty()) << "ia64 features are not x86 flags";

  const auto power = parse_cpuinfo(
      "processor\t: 0\ncpu\t\t: POWER9 (raw), altivec supported\nclock\t\t: 3800MHz\n"
      "\nprocessor\t: 1\ncpu\t\t: POWER9 (raw), altivec supported\n\n"
      "timebase\t: 512000000\nplatform\t: PowerNV\nmodel\t\t: 9006-22P\n");
  EXPECT_EQ(power.architecture, "ppc64");
  EXPECT_EQ(power.model_name, "POWER9 (raw), altivec supported");
  EXPECT_EQ(power.processors, 2);

  const auto s390 = parse_cpuinfo(
      "vendor_id       : IBM/S390\n# processors    : 4\nfeatures\t: esan3 zarch stfle\n"
      "processor 0: version = FF,  identification = 0133E8,  machine = 3906\n");
  EXPECT_EQ(s390.architecture, "s390x");
  EXPECT_EQ(s390.processors, 0) << "s390 numbers processors inside the key; the online list counts them";

  const auto riscv = parse_cpuinfo(
      "processor\t: 0\nhart\t\t: 1\nisa\t\t: rv64imafdc\nmmu\t\t: sv39\n"
      "uarch\t\t: sifive,u74-mc\n");
  EXPECT_EQ(riscv.architecture, "riscv64");
  EXPECT_EQ(riscv.model_name, "sifive,u74-mc");
}

TEST(ParseCpuinfo, GarbageGivesAnEmptyResultNotACrash) {
  const auto info = parse_cpuinfo(std::string_view("\x01\x02:::\nprocessor: banana\ncore id: 7\n\xff", 36));
  EXPECT_EQ(info.processors, 0) << "an entry without a processor number is not a processor";
  EXPECT_FALSE(info.model_name);
  EXPECT_TRUE(info.places.empty());
}

}  // namespace
}  // namespace autocut::sys::parse
