#include "detect/cgroup_location.hpp"

#include <gtest/gtest.h>

namespace autocut::detect {
namespace {

using sys::parse::parse_mountinfo;
using sys::parse::parse_proc_self_cgroup;

struct Case {
  const char* name;
  const char* cgroup;
  const char* mountinfo;
  const char* controller;
  int version;
  const char* directory;
};

class LocateCgroup : public ::testing::TestWithParam<Case> {};

TEST_P(LocateCgroup, FindsTheGroupDirectory) {
  const auto& c = GetParam();
  const auto location = locate_cgroup(parse_proc_self_cgroup(c.cgroup), parse_mountinfo(c.mountinfo), c.controller);
  ASSERT_TRUE(location) << c.name;
  EXPECT_EQ(location->version, c.version) << c.name;
  EXPECT_EQ(location->directory, c.directory) << c.name;
}

constexpr const char* kV2Mount = "29 23 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n";
constexpr const char* kHybrid =
    "35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"
    "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n"
    "41 31 0:38 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n";

INSTANTIATE_TEST_SUITE_P(
    Table, LocateCgroup,
    ::testing::Values(Case{"v2 with cgroup namespace", "0::/\n", kV2Mount, "memory", 2, "/sys/fs/cgroup"},
                      Case{"v2 systemd session", "0::/user.slice/session-2.scope\n", kV2Mount, "memory", 2,
                           "/sys/fs/cgroup/user.slice/session-2.scope"},
                      Case{"v1 wins over the unified mount", "4:memory:/app\n3:cpu,cpuacct:/\n0::/\n", kHybrid,
                           "memory", 1, "/sys/fs/cgroup/memory/app"},
                      Case{"v1 controller listed with another", "4:memory:/app\n3:cpu,cpuacct:/batch\n0::/\n", kHybrid,
                           "cpu", 1, "/sys/fs/cgroup/cpu,cpuacct/batch"},
                      Case{"v1 without namespace sees only its group", "12:memory:/docker/abc\n",
                           "35 31 0:32 /docker/abc /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n", "memory", 1,
                           "/sys/fs/cgroup/memory"},
                      Case{"v1 path below the mount root", "12:memory:/docker/abc/inner\n",
                           "35 31 0:32 /docker/abc /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n", "memory", 1,
                           "/sys/fs/cgroup/memory/inner"},
                      Case{"controller missing from v1 falls back to v2", "3:cpu:/\n0::/svc\n",
                           "32 31 0:29 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu\n29 23 0:26 / "
                           "/sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n",
                           "memory", 2, "/sys/fs/cgroup/unified/svc"}));

TEST(LocateCgroup, NothingMountedMeansNoLocation) {
  EXPECT_FALSE(locate_cgroup(parse_proc_self_cgroup("0::/\n"), {}, "memory"));
  EXPECT_FALSE(locate_cgroup({}, parse_mountinfo(kV2Mount), "memory"));
}

TEST(DirectoriesToMount, WalksFromTheLeafToTheMount) {
  const CgroupLocation location{2, "/a/b", "/sys/fs/cgroup", "/sys/fs/cgroup/a/b"};
  EXPECT_EQ(directories_to_mount(location),
            (std::vector<std::string>{"/sys/fs/cgroup/a/b", "/sys/fs/cgroup/a", "/sys/fs/cgroup"}));
}

}  // namespace
}  // namespace autocut::detect
