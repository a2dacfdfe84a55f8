// The real NVML loading and calling code against the ABI-level fake library (tests/fake_nvml): no GPU needed.
#include "detect/gpu/nvml_library.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace autocut::detect::nvml {
namespace {

constexpr std::uint64_t kMiB = 1024ull * 1024;

std::unique_ptr<Library> open_fake(const char* scenario, const char* path = AUTOCUT_FAKE_NVML) {
  ::setenv("AUTOCUT_FAKE_NVML_SCENARIO", scenario, 1);
  std::string error;
  auto library = Library::open({path}, error);
  EXPECT_TRUE(library) << error;
  return library;
}

Device first_device(const Library& library) {
  Device device = nullptr;
  EXPECT_EQ(library.device_by_index(0, device), kSuccess);
  return device;
}

TEST(NvmlLibrary, DescribesOneCard) {
  const auto library = open_fake("one-card");
  ASSERT_TRUE(library);
  unsigned count = 0;
  ASSERT_EQ(library->device_count(count), kSuccess);
  EXPECT_EQ(count, 1u);
  const auto device = first_device(*library);
  std::string name;
  EXPECT_EQ(library->name(device, name), kSuccess);
  EXPECT_EQ(name, "NVIDIA GeForce RTX 4060");
  PciInfo pci{};
  ASSERT_EQ(library->pci_info(device, pci), kSuccess);
  EXPECT_EQ(sysfs_pci_address(pci), "0000:01:00.0");
  EXPECT_EQ(library->driver_version(), "550.54.14");
  int major = 0, minor = 0;
  EXPECT_EQ(library->compute_capability(device, major, minor), kSuccess);
  EXPECT_EQ(major * 10 + minor, 89);
}

TEST(NvmlLibrary, MemoryV2ExcludesTheDriverReservation) {
  const auto library = open_fake("one-card");
  ASSERT_TRUE(library);
  const auto memory = library->memory(first_device(*library));
  ASSERT_EQ(memory.code, kSuccess);
  EXPECT_EQ(memory.total_bytes, 8188 * kMiB);
  EXPECT_EQ(memory.used_bytes, 612 * kMiB);
  EXPECT_EQ(memory.free_bytes, (8188 - 612 - 318) * kMiB);
}

TEST(NvmlLibrary, FallsBackToMemoryV1WhenTheDriverLacksV2) {
  const auto library = open_fake("no-memory-v2");
  ASSERT_TRUE(library);
  const auto memory = library->memory(first_device(*library));
  ASSERT_EQ(memory.code, kSuccess);
  EXPECT_EQ(memory.used_bytes, (612 + 318) * kMiB) << "v1 counts the reservation as used";
}

TEST(NvmlLibrary, FallsBackToMemoryV1WhenTheSymbolIsMissing) {
  const auto library = open_fake("one-card", AUTOCUT_FAKE_NVML_NO_V2);
  ASSERT_TRUE(library);
  const auto memory = library->memory(first_device(*library));
  ASSERT_EQ(memory.code, kSuccess);
  EXPECT_EQ(memory.total_bytes, 8188 * kMiB);
}

TEST(NvmlLibrary, UnifiedMemoryAnswersNotSupported) {
  const auto library = open_fake("unified");
  ASSERT_TRUE(library);
  EXPECT_EQ(library->memory(first_device(*library)).code, kNotSupported);
}

TEST(NvmlLibrary, DriverNotLoadedIsAReasonNotACrash) {
  ::setenv("AUTOCUT_FAKE_NVML_SCENARIO", "driver-not-loaded", 1);
  std::string error;
  EXPECT_FALSE(Library::open({AUTOCUT_FAKE_NVML}, error));
  EXPECT_NE(error.find("the NVIDIA driver is not loaded (NVML error 9)"), std::string::npos) << error;
}

TEST(NvmlLibrary, MissingLibraryIsAReason) {
  std::string error;
  EXPECT_FALSE(Library::open({"/nonexistent/libnvidia-ml.so.1"}, error));
  EXPECT_NE(error.find("/nonexistent/libnvidia-ml.so.1"), std::string::npos) << error;
}

TEST(NvmlLibrary, ALibraryWithoutNvmlIsRefused) {
  std::string error;
  EXPECT_FALSE(Library::open({"libm.so.6"}, error));
  EXPECT_NE(error.find("lacks nvmlInit_v2"), std::string::npos) << error;
}

TEST(NvmlLibrary, TheNextCandidateIsTriedAfterAFailure) {
  ::setenv("AUTOCUT_FAKE_NVML_SCENARIO", "one-card", 1);
  std::string error;
  const auto library = Library::open({"/nonexistent/libnvidia-ml.so.1", AUTOCUT_FAKE_NVML}, error);
  ASSERT_TRUE(library) << error;
  EXPECT_EQ(library->path(), AUTOCUT_FAKE_NVML);
}

TEST(NvmlLibrary, LookupByPciAddressFindsTheSameCard) {
  const auto library = open_fake("two-cards");
  ASSERT_TRUE(library);
  Device device = nullptr;
  ASSERT_EQ(library->device_by_pci_bus_id("0000:02:00.0", device), kSuccess);
  std::string name;
  library->name(device, name);
  EXPECT_EQ(name, "NVIDIA GeForce RTX 3060");
}

TEST(NvmlErrors, EveryCodeBecomesAReason) {
  EXPECT_EQ(describe_error(15), "the GPU has fallen off the bus (GPU is lost) (NVML error 15)");
  EXPECT_NE(describe_error(18).find("reboot"), std::string::npos);
  EXPECT_EQ(describe_error(12345), "NVML error 12345");
}

TEST(NvmlCandidates, ExplicitPathAloneAndWslFirst) {
  EXPECT_EQ(library_candidates(std::string("/x/lib.so"), true), std::vector<std::string>{"/x/lib.so"});
  EXPECT_EQ(library_candidates(std::nullopt, false), std::vector<std::string>{"libnvidia-ml.so.1"});
  const auto wsl = library_candidates(std::nullopt, true);
  ASSERT_EQ(wsl.size(), 2u);
  EXPECT_EQ(wsl.front(), "/usr/lib/wsl/lib/libnvidia-ml.so.1");
}

TEST(NvmlPciAddress, KeepsDomainBusDeviceAndFunction) {
  PciInfo pci{};
  std::snprintf(pci.bus_id, sizeof pci.bus_id, "00000001:65:1F.3");
  EXPECT_EQ(sysfs_pci_address(pci), "0001:65:1f.3");
}

}  // namespace
}  // namespace autocut::detect::nvml
