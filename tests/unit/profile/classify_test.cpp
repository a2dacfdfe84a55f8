#include "profile/classify.hpp"

#include <gtest/gtest.h>

namespace autocut::profile {
namespace {

constexpr std::uint64_t kMiB = 1024ull * 1024;
constexpr std::uint64_t kGiB = 1024 * kMiB;

core::GpuFacts card(const char* name, std::uint64_t total_mib, std::uint64_t used_mib = 0) {
  core::GpuFacts gpu;
  gpu.name = name;
  gpu.pci_address = "0000:01:00.0";
  gpu.vendor = core::GpuVendor::nvidia;
  gpu.memory_total_bytes = total_mib * kMiB;
  gpu.memory_used_bytes = used_mib * kMiB;
  gpu.memory_free_bytes = (total_mib - used_mib) * kMiB;
  return gpu;
}

struct CardCase {
  const char* name;
  std::uint64_t reported_mib;  // memory.total as nvidia-smi reports it
  core::Level level;
};

class OriginalExamples : public ::testing::TestWithParam<CardCase> {};

// The original system's examples: RTX 4090/3090 -> HIGH, 4060/3060 -> MID, 1660/2060 -> LOW.
TEST_P(OriginalExamples, CardsGetTheirOriginalClass) {
  const auto& c = GetParam();
  const auto result = classify({card(c.name, c.reported_mib)}, 16 * kGiB, {});
  EXPECT_EQ(result.level, c.level) << c.name << " " << c.reported_mib << " MiB";
  EXPECT_EQ(result.reason,
            c.level == core::Level::local_cpu_only ? core::ClassReason::gpu_too_small : core::ClassReason::gpu_memory);
}

INSTANTIATE_TEST_SUITE_P(Table, OriginalExamples,
                         ::testing::Values(CardCase{"RTX 4090", 24564, core::Level::local_gpu_high},
                                           CardCase{"RTX 3090", 24576, core::Level::local_gpu_high},
                                           CardCase{"RTX 4060", 8188, core::Level::local_gpu_mid},
                                           CardCase{"RTX 3060", 12288, core::Level::local_gpu_mid},
                                           CardCase{"GTX 1660", 6144, core::Level::local_gpu_low},
                                           CardCase{"RTX 2060", 6144, core::Level::local_gpu_low},
                                           CardCase{"RTX 4080 16 GB", 16376, core::Level::local_gpu_high},
                                           CardCase{"GTX 1650 4 GB", 4096, core::Level::local_gpu_low},
                                           CardCase{"RTX A2000 6 GB", 6138, core::Level::local_gpu_low},
                                           CardCase{"GT 1030 2 GB", 2048, core::Level::local_cpu_only},
                                           CardCase{"a 7 GiB slice", 7168, core::Level::local_gpu_low}));

TEST(Classify, ThresholdsAreSettings) {
  ClassifySettings strict;
  strict.high_gib = 20;
  EXPECT_EQ(level_for_gpu_memory(16376ull << 20), core::Level::local_gpu_high);
  EXPECT_EQ(level_for_gpu_memory(16376ull << 20, strict), core::Level::local_gpu_mid);
}

TEST(Classify, NoGpuIsCpuOnly) {
  const auto result = classify({}, 16 * kGiB, {});
  EXPECT_EQ(result.level, core::Level::local_cpu_only);
  EXPECT_EQ(result.reason, core::ClassReason::no_gpu);
  EXPECT_FALSE(result.best_gpu);
}

TEST(Classify, UsableIsFreeLessTheReserve) {
  const auto capacity = gpu_capacity(card("RTX 4060", 8188, 700), 16 * kGiB, {512 * kMiB});
  EXPECT_EQ(capacity.usable_bytes, (8188 - 700 - 512) * kMiB);
  EXPECT_EQ(gpu_capacity(card("RTX 4060", 8188, 8000), 16 * kGiB, {512 * kMiB}).usable_bytes, 0u);
}

TEST(Classify, TheStrongestCardIsBestWhateverItsPlace) {
  auto small = card("RTX 3060", 12288);
  auto big = card("RTX 4090", 24564);
  big.pci_address = "0000:02:00.0";
  const auto result = classify({small, big}, 16 * kGiB, {});
  EXPECT_EQ(result.best_gpu, 1u);
  EXPECT_EQ(result.level, core::Level::local_gpu_high);
}

TEST(Classify, IntegratedMemoryIsBoundedByAvailableSystemMemory) {
  core::GpuFacts apu;
  apu.name = "Radeon 780M";
  apu.vendor = core::GpuVendor::amd;
  apu.integrated = true;
  apu.memory_total_bytes = 2 * kGiB;
  apu.shared_memory_total_bytes = 15 * kGiB;
  const auto plenty = gpu_capacity(apu, 21 * kGiB, {});
  EXPECT_EQ(plenty.class_memory_bytes, 17 * kGiB);
  EXPECT_EQ(plenty.level, core::Level::local_gpu_high);
  const auto tight = gpu_capacity(apu, 5 * kGiB, {});
  EXPECT_EQ(tight.class_memory_bytes, 5 * kGiB);
  EXPECT_EQ(tight.level, core::Level::local_gpu_low);
  EXPECT_EQ(tight.usable_bytes, 5 * kGiB - 512 * kMiB);
}

TEST(Classify, UnifiedMemoryWithoutFiguresUsesAvailableSystemMemory) {
  core::GpuFacts jetson;
  jetson.name = "Orin (nvgpu)";
  jetson.vendor = core::GpuVendor::nvidia;
  jetson.integrated = true;
  EXPECT_EQ(gpu_capacity(jetson, 20 * kGiB, {}).class_memory_bytes, 20 * kGiB);
  EXPECT_FALSE(gpu_capacity(jetson, std::nullopt, {}).class_memory_bytes);
}

TEST(Classify, ADiscreteCardBeatsAnEqualIntegratedOne) {
  core::GpuFacts apu;
  apu.integrated = true;
  apu.vendor = core::GpuVendor::amd;
  apu.pci_address = "0000:00:02.0";
  apu.memory_total_bytes = 2 * kGiB;
  apu.shared_memory_total_bytes = 16 * kGiB;
  const auto result = classify({apu, card("RTX 4060", 8188)}, 8 * kGiB, {});
  EXPECT_EQ(result.capacity[0].level, result.capacity[1].level);
  EXPECT_EQ(result.best_gpu, 1u);
}

TEST(Classify, AnIntelIgpuWithoutFiguresDoesNotLiftTheClass) {
  // An Optimus laptop: the iGPU shares 25 GiB of free system memory but is no AI accelerator.
  core::GpuFacts igpu;
  igpu.integrated = true;
  igpu.vendor = core::GpuVendor::intel;
  igpu.pci_address = "0000:00:02.0";
  const auto result = classify({igpu, card("RTX 4060 Laptop GPU", 8188)}, 25 * kGiB, {});
  EXPECT_FALSE(result.capacity[0].class_memory_bytes);
  EXPECT_EQ(result.best_gpu, 1u);
  EXPECT_EQ(result.level, core::Level::local_gpu_mid);
}

TEST(Classify, GpusWithoutMemoryFiguresSayWhy) {
  core::GpuFacts arc;
  arc.vendor = core::GpuVendor::intel;
  EXPECT_EQ(classify({arc}, 8 * kGiB, {}).reason, core::ClassReason::gpu_memory_unknown);
  EXPECT_EQ(classify({card("GT 1030", 2048)}, 8 * kGiB, {}).reason, core::ClassReason::gpu_too_small);
}

}  // namespace
}  // namespace autocut::profile
