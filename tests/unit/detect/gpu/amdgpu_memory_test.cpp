// The AMD memory bus: the transfers-per-clock table checked against boards' published bandwidths, and the real
// loading and calling code run against the ABI-level fake libdrm_amdgpu (tests/fake_amdgpu), since no AMD GPU is here.
#include "detect/gpu/amdgpu_memory.hpp"

#include <amdgpu_drm.h>
#include <gtest/gtest.h>

#include "detect/gpu/amdgpu_library.hpp"
#include "support/temp_dir.hpp"

namespace autocut::detect::amdgpu {
namespace {

double bandwidth_of(const MemoryBus& bus) {
  core::GpuFacts gpu;
  describe_memory(bus, gpu);
  return gpu.memory_bandwidth().value_or(0);
}

TEST(AmdgpuMemory, EachTypeGivesItsBoardsPublishedBandwidth) {
  // Radeon RX 7900 XTX: 20 Gbps GDDR6 on 384 bits, 960 GB/s; its driver's highest memory clock is 1250 MHz.
  EXPECT_DOUBLE_EQ(bandwidth_of({AMDGPU_VRAM_TYPE_GDDR6, 384, 1250}), 960e9);
  // Instinct MI100: HBM2 at 2.4 Gbps on 4096 bits, 1228.8 GB/s; 1200 MHz.
  EXPECT_DOUBLE_EQ(bandwidth_of({AMDGPU_VRAM_TYPE_HBM, 4096, 1200}), 1228.8e9);
  // Radeon RX 580: 8 Gbps GDDR5 on 256 bits, 256 GB/s; 2000 MHz.
  EXPECT_DOUBLE_EQ(bandwidth_of({AMDGPU_VRAM_TYPE_GDDR5, 256, 2000}), 256e9);
}

TEST(AmdgpuMemory, TheTypeIsNamedAndKeptWithTheClock) {
  core::GpuFacts gpu;
  describe_memory({AMDGPU_VRAM_TYPE_GDDR6, 384, 1250}, gpu);
  EXPECT_EQ(gpu.memory_type, "GDDR6");
  EXPECT_EQ(gpu.memory_bus_width_bits, 384);
  EXPECT_EQ(gpu.memory_clock_max_mhz, 1250);
  EXPECT_EQ(gpu.memory_transfers_per_clock, 16);
}

TEST(AmdgpuMemory, AnUnknownTypeGivesNoBandwidthRatherThanAWrongOne) {
  core::GpuFacts gpu;
  describe_memory({AMDGPU_VRAM_TYPE_UNKNOWN, 256, 1750}, gpu);
  EXPECT_FALSE(gpu.memory_type);
  EXPECT_FALSE(gpu.memory_bandwidth());
  describe_memory({AMDGPU_VRAM_TYPE_GDDR4, 256, 1000}, gpu);  // named, but no table entry
  EXPECT_EQ(gpu.memory_type, "GDDR4");
  EXPECT_FALSE(gpu.memory_bandwidth());
}

TEST(AmdgpuMemory, ANoughtWidthOrClockGivesNoBandwidth) {
  EXPECT_EQ(bandwidth_of({AMDGPU_VRAM_TYPE_GDDR6, 0, 1250}), 0);
  EXPECT_EQ(bandwidth_of({AMDGPU_VRAM_TYPE_GDDR6, 384, 0}), 0);
}

class AmdgpuLibrary : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    library_ = Library::open(AUTOCUT_FAKE_AMDGPU, error);
    ASSERT_TRUE(library_) << error;
  }
  std::filesystem::path node(const std::string& name) { return dir_.write(name, ""); }
  testing::TempDir dir_;
  std::unique_ptr<Library> library_;
};

TEST_F(AmdgpuLibrary, TheDeviceInfoGivesTypeWidthAndClockInMegahertz) {
  std::string error;
  const auto xtx = library_->memory_bus(node("renderD128"), error);
  ASSERT_TRUE(xtx) << error;
  EXPECT_EQ(xtx->vram_type, AMDGPU_VRAM_TYPE_GDDR6);
  EXPECT_EQ(xtx->bus_width_bits, 384);
  EXPECT_EQ(xtx->clock_max_mhz, 1250);
  const auto mi100 = library_->memory_bus(node("renderD129"), error);
  ASSERT_TRUE(mi100) << error;
  EXPECT_EQ(mi100->vram_type, AMDGPU_VRAM_TYPE_HBM);
  EXPECT_EQ(mi100->bus_width_bits, 4096);
}

TEST_F(AmdgpuLibrary, ADeviceTheDriverRefusesIsSaidWithTheCall) {
  std::string error;
  EXPECT_FALSE(library_->memory_bus(node("renderD200"), error));
  EXPECT_NE(error.find("renderD200: amdgpu_device_initialize: No such device"), std::string::npos) << error;
}

TEST_F(AmdgpuLibrary, AMissingRenderNodeIsSaidWithItsPath) {
  std::string error;
  EXPECT_FALSE(library_->memory_bus(dir_.path() / "renderD131", error));
  EXPECT_NE(error.find("renderD131: No such file or directory"), std::string::npos) << error;
}

TEST(AmdgpuLibraryLoading, ALibraryWithoutTheCallsIsRefused) {
  std::string error;
  EXPECT_FALSE(Library::open(AUTOCUT_FAKE_NVML, error));
  EXPECT_NE(error.find("lacks amdgpu_device_initialize"), std::string::npos) << error;
  EXPECT_FALSE(Library::open("/nonexistent/libdrm_amdgpu.so.1", error));
  EXPECT_FALSE(error.empty());
}

}  // namespace
}  // namespace autocut::detect::amdgpu
