#include "sys/parse/pci.hpp"

#include <gtest/gtest.h>

namespace autocut::sys::parse {
namespace {

TEST(ParsePciClass, ReadsSysfsHex) {
  EXPECT_EQ(parse_pci_class("0x030000\n"), 0x030000u);
  EXPECT_EQ(parse_pci_class("0x030200"), 0x030200u);
  EXPECT_FALSE(parse_pci_class("030000"));
  EXPECT_FALSE(parse_pci_class("0x0300000"));
  EXPECT_FALSE(parse_pci_class("0xzz"));
  EXPECT_FALSE(parse_pci_class(""));
}

TEST(ParsePciId, ReadsVendorAndDevice) {
  const auto id = parse_pci_id("10DE:2882");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->vendor, 0x10de);
  EXPECT_EQ(id->device, 0x2882);
  EXPECT_FALSE(parse_pci_id("10DE"));
  EXPECT_FALSE(parse_pci_id("10DE:12345"));
  EXPECT_FALSE(parse_pci_id(":"));
}

TEST(NormalisePciAddress, AcceptsOnlyTheSysfsForm) {
  EXPECT_EQ(normalise_pci_address("0000:01:00.0"), "0000:01:00.0");
  EXPECT_EQ(normalise_pci_address("0000:C4:00.0"), "0000:c4:00.0");
  EXPECT_FALSE(normalise_pci_address("00000000:01:00.0"));
  EXPECT_FALSE(normalise_pci_address("0000:01:00.8"));
  EXPECT_FALSE(normalise_pci_address("0000:0g:00.0"));
  EXPECT_FALSE(normalise_pci_address("pci0000:00"));
}

}  // namespace
}  // namespace autocut::sys::parse
