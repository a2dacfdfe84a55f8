#include "sys/parse/mountinfo.hpp"

#include <gtest/gtest.h>

namespace autocut::sys::parse {
namespace {

TEST(ParseMountinfo, ReadsFieldsAroundOptionalOnes) {
  const auto mounts = parse_mountinfo(
      "29 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate\n"
      "35 31 0:32 /docker/abc /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n");
  ASSERT_EQ(mounts.size(), 2u);
  EXPECT_EQ(mounts[0].mount_point, "/sys/fs/cgroup");
  EXPECT_EQ(mounts[0].fstype, "cgroup2");
  EXPECT_EQ(mounts[0].super_options, "rw,nsdelegate");
  EXPECT_EQ(mounts[1].root, "/docker/abc");
  EXPECT_EQ(mounts[1].super_options, "rw,memory");
}

TEST(ParseMountinfo, DecodesOctalEscapes) {
  const auto mounts = parse_mountinfo("1 0 0:1 / /mnt/my\\040disk\\134x rw - ext4 /dev/sda1 rw\n");
  ASSERT_EQ(mounts.size(), 1u);
  EXPECT_EQ(mounts[0].mount_point, "/mnt/my disk\\x");
}

TEST(ParseMountinfo, KeepsSuperOptionsWithSpaces) {
  const auto mounts = parse_mountinfo("1 0 0:1 / /mnt/c rw - 9p drvfs rw,path=C:\\134;uid=0 extra\n");
  ASSERT_EQ(mounts.size(), 1u);
  EXPECT_EQ(mounts[0].super_options, "rw,path=C:\\134;uid=0 extra");
}

TEST(ParseMountinfo, SkipsTruncatedAndMalformedLines) {
  const auto mounts =
      parse_mountinfo("1 0 0:1 / /a rw - ext4\n2 0 0:2 / /b rw shared:1\n\\\n3 0 0:3 / /c rw - tmpfs tmpfs rw");
  ASSERT_EQ(mounts.size(), 1u);
  EXPECT_EQ(mounts[0].mount_point, "/c");
}

}  // namespace
}  // namespace autocut::sys::parse
