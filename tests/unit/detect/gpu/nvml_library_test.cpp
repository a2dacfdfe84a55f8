// The real NVML loading and calling code against the ABI-level fake library (tests/fake_nvml): no GPU needed.
#include "detect/gpu/nvml_library.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "detect/gpu/nvml_enumeration.hpp"

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

TEST(NvmlLibrary, MemoryBusWidthAndMaxMemoryClockOfEachCard) {
  const auto library = open_fake("two-cards");
  ASSERT_TRUE(library);
  Device rtx4090 = nullptr, rtx3060 = nullptr;
  ASSERT_EQ(library->device_by_index(0, rtx4090), kSuccess);
  ASSERT_EQ(library->device_by_index(1, rtx3060), kSuccess);
  unsigned bits = 0, mhz = 0;
  EXPECT_EQ(library->memory_bus_width(rtx4090, bits), kSuccess);
  EXPECT_EQ(bits, 384u);
  EXPECT_EQ(library->max_memory_clock(rtx4090, mhz), kSuccess);
  EXPECT_EQ(mhz, 10501u) << "the memory clock, not the graphics clock";
  EXPECT_EQ(library->memory_bus_width(rtx3060, bits), kSuccess);
  EXPECT_EQ(bits, 192u);
  EXPECT_EQ(library->max_memory_clock(rtx3060, mhz), kSuccess);
  EXPECT_EQ(mhz, 7501u);
}

TEST(NvmlLibrary, MigDeviceIndicesWithoutAnInstanceAnswerNotFound) {
  const auto library = open_fake("mig");
  ASSERT_TRUE(library);
  const auto a100 = first_device(*library);
  unsigned count = 0;
  ASSERT_EQ(library->max_mig_device_count(a100, count), kSuccess);
  EXPECT_EQ(count, 7u);
  Device mig = nullptr;
  EXPECT_EQ(library->mig_device_by_index(a100, 2, mig), kNotFound);
  ASSERT_EQ(library->mig_device_by_index(a100, 3, mig), kSuccess);
  unsigned gpu_instance = 0;
  EXPECT_EQ(library->gpu_instance_id(mig, gpu_instance), kSuccess);
  EXPECT_EQ(gpu_instance, 6u);
  EXPECT_EQ(library->gpu_instance_id(a100, gpu_instance), kNotSupported) << "the GPU's own handle is no MIG device";
}

TEST(NvmlLibrary, AGeForceCardHasNoMigMode) {
  const auto library = open_fake("one-card");
  ASSERT_TRUE(library);
  unsigned mode = 0;
  EXPECT_EQ(library->mig_mode(first_device(*library), mode), kNotSupported);
}

TEST(NvmlMigProfile, IsTheLastWordOfTheMigDevicesName) {
  const struct {
    const char* name;
    std::optional<std::string> profile;
  } cases[] = {
      {"NVIDIA A100-SXM4-40GB MIG 3g.20gb", "3g.20gb"},
      {"NVIDIA H100 80GB HBM3 MIG 1g.10gb+me", "1g.10gb+me"},
      {"NVIDIA A30 MIG 1c.2g.12gb", "1c.2g.12gb"},
      {"NVIDIA A100-SXM4-40GB", std::nullopt},
      {"NVIDIA A100-SXM4-40GB MIG", std::nullopt},
      {"NVIDIA A100-SXM4-40GB MIG ", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& each : cases) EXPECT_EQ(mig_profile(each.name), each.profile) << each.name;
}

core::GpuFacts only_card(const char* scenario) {
  ::setenv("AUTOCUT_FAKE_NVML_SCENARIO", scenario, 1);
  const auto enumeration = enumerate_nvml({AUTOCUT_FAKE_NVML});
  EXPECT_EQ(enumeration.state, core::ProbeState::ok) << enumeration.detail;
  return enumeration.cards.empty() ? core::GpuFacts{} : enumeration.cards.front();
}

TEST(NvmlEnumeration, BandwidthComesFromBusWidthAndMaxMemoryClock) {
  const auto rtx4090 = only_card("two-cards");
  EXPECT_EQ(rtx4090.memory_bus_width_bits, 384);
  EXPECT_EQ(rtx4090.memory_clock_max_mhz, 10501);
  ASSERT_TRUE(rtx4090.memory_bandwidth());
  EXPECT_NEAR(*rtx4090.memory_bandwidth(), 1008e9, 1e9) << "the RTX 4090's 1008 GB/s";
}

TEST(NvmlEnumeration, MigListsEachInstanceWithItsIdsProfileAndMemory) {
  const auto a100 = only_card("mig");
  EXPECT_EQ(a100.pci_address, "0000:41:00.0");
  EXPECT_EQ(a100.compute_capability, "8.0");
  EXPECT_EQ(a100.memory_total_bytes, 40960 * kMiB);
  EXPECT_TRUE(a100.mig_enabled);
  ASSERT_EQ(a100.mig_instances.size(), 3u) << "the empty MIG device index is skipped";
  const struct {
    int gpu_instance;
    const char* profile;
    std::uint64_t total_mib, free_mib;
  } expected[] = {{1, "3g.20gb", 19968, 19968 - 512}, {5, "1g.5gb", 4864, 4864}, {6, "1g.5gb", 4864, 4864 - 4096}};
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& instance = a100.mig_instances[i];
    EXPECT_EQ(instance.gpu_instance, expected[i].gpu_instance) << i;
    EXPECT_EQ(instance.compute_instance, 0) << i;
    EXPECT_EQ(instance.profile, expected[i].profile) << i;
    EXPECT_TRUE(instance.uuid && instance.uuid->starts_with("MIG-")) << i;
    EXPECT_EQ(instance.memory_total_bytes, expected[i].total_mib * kMiB) << i;
    EXPECT_EQ(instance.memory_free_bytes, expected[i].free_mib * kMiB) << i;
  }
  EXPECT_FALSE(a100.encoder_sessions) << "an A100 has no NVENC: unknown, not zero";
  EXPECT_FALSE(a100.encoder_capacity_percent);
}

TEST(NvmlEnumeration, EncoderSessionsAndH264CapacityLeft) {
  const auto busy = only_card("encoding");
  EXPECT_EQ(busy.encoder_sessions, 2);
  EXPECT_EQ(busy.encoder_capacity_percent, 64);
  const auto idle = only_card("one-card");
  EXPECT_EQ(idle.encoder_sessions, 0);
  EXPECT_EQ(idle.encoder_capacity_percent, 100);
}

TEST(NvmlEnumeration, ACardWithoutMigHasMigOffAndNoInstances) {
  const auto rtx4060 = only_card("one-card");
  EXPECT_FALSE(rtx4060.mig_enabled);
  EXPECT_TRUE(rtx4060.mig_instances.empty());
  EXPECT_EQ(rtx4060.memory_bus_width_bits, 128);
}

// The helper (autocut-nvml-probe) answers in JSON: what it read must arrive whole.
TEST(NvmlEnumeration, TheHelpersAnswerCarriesBandwidthEncoderAndMigFacts) {
  for (const char* scenario : {"mig", "encoding", "two-cards"}) {
    ::setenv("AUTOCUT_FAKE_NVML_SCENARIO", scenario, 1);
    const auto sent = enumerate_nvml({AUTOCUT_FAKE_NVML});
    const auto text = enumeration_to_json(sent);
    const auto received = enumeration_from_json(text);
    ASSERT_TRUE(received) << scenario;
    EXPECT_EQ(enumeration_to_json(*received), text) << scenario;
    ASSERT_EQ(received->cards.size(), sent.cards.size()) << scenario;
    const auto& card = received->cards.front();
    const auto& original = sent.cards.front();
    EXPECT_EQ(card.memory_bus_width_bits, original.memory_bus_width_bits) << scenario;
    EXPECT_EQ(card.memory_clock_max_mhz, original.memory_clock_max_mhz) << scenario;
    EXPECT_EQ(card.encoder_sessions, original.encoder_sessions) << scenario;
    EXPECT_EQ(card.encoder_capacity_percent, original.encoder_capacity_percent) << scenario;
    EXPECT_EQ(card.mig_enabled, original.mig_enabled) << scenario;
    ASSERT_EQ(card.mig_instances.size(), original.mig_instances.size()) << scenario;
    for (std::size_t i = 0; i < card.mig_instances.size(); ++i) {
      EXPECT_EQ(card.mig_instances[i].gpu_instance, original.mig_instances[i].gpu_instance);
      EXPECT_EQ(card.mig_instances[i].uuid, original.mig_instances[i].uuid);
      EXPECT_EQ(card.mig_instances[i].profile, original.mig_instances[i].profile);
      EXPECT_EQ(card.mig_instances[i].memory_free_bytes, original.mig_instances[i].memory_free_bytes);
    }
  }
}

TEST(NvmlEnumeration, MergingKeepsTheMigInstancesAndMemoryBus) {
  ::setenv("AUTOCUT_FAKE_NVML_SCENARIO", "mig", 1);
  core::HostFacts facts;
  merge_nvml_cards(enumerate_nvml({AUTOCUT_FAKE_NVML}), facts);
  ASSERT_EQ(facts.gpus.size(), 1u);
  EXPECT_TRUE(facts.gpus[0].mig_enabled);
  EXPECT_EQ(facts.gpus[0].mig_instances.size(), 3u);
  EXPECT_EQ(facts.gpus[0].memory_bus_width_bits, 5120);
  EXPECT_EQ(facts.gpus[0].memory_clock_max_mhz, 1215);
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
