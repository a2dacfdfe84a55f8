#include "detect/gpu/amd_integrated.hpp"

#include <gtest/gtest.h>

namespace autocut::detect {
namespace {

constexpr std::uint64_t kGiB = 1024ull * 1024 * 1024;

struct Case {
  const char* board;
  bool has_vram_vendor;
  std::optional<std::uint64_t> vram;
  std::optional<std::uint64_t> gtt;
  bool integrated;
};

class AmdIsIntegrated : public ::testing::TestWithParam<Case> {};

TEST_P(AmdIsIntegrated, TellsApusFromBoards) {
  const auto& c = GetParam();
  EXPECT_EQ(amd_is_integrated(c.has_vram_vendor, c.vram, c.gtt), c.integrated) << c.board;
}

INSTANTIATE_TEST_SUITE_P(Table, AmdIsIntegrated,
                         ::testing::Values(Case{"RX 7900 XTX", true, 24 * kGiB, 32 * kGiB, false},
                                           Case{"RX 6400 (4 GB board)", true, 4 * kGiB, 16 * kGiB, false},
                                           Case{"Radeon 780M, 2 GiB carve-out", false, 2 * kGiB, 15 * kGiB, true},
                                           Case{"Ryzen 7950X iGPU, 512 MiB", false, kGiB / 2, 32 * kGiB, true},
                                           Case{"Strix Halo, 16 GiB carve-out", false, 16 * kGiB, 96 * kGiB, true},
                                           Case{"board without vendor file", false, 16 * kGiB, 32 * kGiB, false},
                                           Case{"nothing readable", false, std::nullopt, std::nullopt, true}));

}  // namespace
}  // namespace autocut::detect
