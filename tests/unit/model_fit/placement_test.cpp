// Where layers go: whole on one device, split across devices in proportion to their room, partially offloaded with
// the rest on the CPU, or all on the CPU.
#include "model_fit/placement.hpp"

#include <gtest/gtest.h>

namespace autocut::model_fit {
namespace {

constexpr std::uint64_t kMiB = 1024ull * 1024;
constexpr std::uint64_t kGiB = 1024 * kMiB;

// 32 blocks and the output, 100 MiB of weights and 20 MiB of cache per block, 300 MiB of graph, a 600 MiB projector.
MemoryEstimate model() {
  MemoryEstimate estimate;
  estimate.context = 4096;
  estimate.layers = 33;
  estimate.weights_bytes = 33 * 100 * kMiB;
  estimate.kv_cache_bytes = 32 * 20 * kMiB;
  estimate.graph_bytes = 300 * kMiB;
  estimate.projector_bytes = 600 * kMiB;
  return estimate;
}

TEST(Placement, AModelThatFitsOneDeviceGoesWholeOnIt) {
  const auto placement = place(model(), {{"gpu a", "A", 4 * kGiB, {}}, {"gpu b", "B", 24 * kGiB, {}}});
  ASSERT_EQ(placement.devices.size(), 1u);
  EXPECT_EQ(placement.devices[0].id, "gpu b") << "the one with the most room";
  EXPECT_TRUE(placement.whole());
  EXPECT_EQ(placement.cpu_bytes, 0u);
  EXPECT_DOUBLE_EQ(placement.gpu_share(), 1.0);
}

TEST(Placement, TwoDevicesThatHoldItTogetherShareItByTheirRoom) {
  // 4.9 GiB in all; neither card alone holds it.
  const auto placement = place(model(), {{"gpu small", "S", 2 * kGiB, {}}, {"gpu large", "L", 4 * kGiB, {}}});
  ASSERT_EQ(placement.devices.size(), 2u);
  EXPECT_TRUE(placement.whole());
  EXPECT_EQ(placement.devices[0].id, "gpu large") << "the largest first, with the projector";
  EXPECT_GT(placement.devices[0].layers, placement.devices[1].layers);
  for (const auto& share : placement.devices)
    EXPECT_LE(share.bytes, share.id == "gpu large" ? 4 * kGiB : 2 * kGiB) << share.id << " is not overfilled";
  EXPECT_EQ(placement.devices[0].layers + placement.devices[1].layers, 33);
}

TEST(Placement, WhatDoesNotFitStaysOnTheCpu) {
  const auto placement = place(model(), {{"gpu", "G", 3 * kGiB, {}}});
  EXPECT_FALSE(placement.whole());
  EXPECT_TRUE(placement.on_gpu());
  const std::uint64_t per_layer = model().per_layer_bytes();
  // The projector and the graph first, then as many layers as the rest holds.
  EXPECT_EQ(placement.gpu_layers, static_cast<int>((3 * kGiB - 900 * kMiB) / per_layer));
  EXPECT_LE(placement.gpu_bytes, 3 * kGiB);
  EXPECT_EQ(placement.cpu_bytes, (33 - placement.gpu_layers) * per_layer + 300 * kMiB);
  EXPECT_GT(placement.gpu_share(), 0.5);
  EXPECT_LT(placement.gpu_share(), 1.0);
}

TEST(Placement, ADeviceTooSmallForTheProjectorAndOneLayerLeavesAllToTheCpu) {
  const auto placement = place(model(), {{"gpu", "G", 900 * kMiB, {}}});
  EXPECT_FALSE(placement.on_gpu());
  EXPECT_TRUE(placement.devices.empty());
  EXPECT_EQ(placement.cpu_bytes, model().total());
}

TEST(Placement, DevicesThatCannotBeSplitAcrossUseOnlyTheLargest) {
  const auto placement =
      place(model(), {{"mig a", "A", 2 * kGiB, {}}, {"mig b", "B", 4 * kGiB, {}}}, /*may_split=*/false);
  ASSERT_EQ(placement.devices.size(), 1u);
  EXPECT_EQ(placement.devices[0].id, "mig b");
  EXPECT_FALSE(placement.whole());
}

TEST(Placement, NoDevicesMeansTheCpu) {
  const auto placement = place(model(), {});
  EXPECT_FALSE(placement.on_gpu());
  EXPECT_EQ(placement.cpu_bytes, model().total());
  EXPECT_DOUBLE_EQ(placement.gpu_share(), 0.0);
}

}  // namespace
}  // namespace autocut::model_fit
