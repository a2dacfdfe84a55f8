#include "sys/host_root.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace autocut::sys {
namespace {

using autocut::testing::TempDir;

TEST(HostRoot, ReadsHostPathsUnderTheRoot) {
  TempDir dir;
  dir.write("proc/meminfo", "MemTotal: 1 kB\n");
  const HostRoot root(dir.path());
  const auto file = root.read(HostRoot::proc("meminfo"));
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(*file.text, "MemTotal: 1 kB\n");
  EXPECT_EQ(file.host_path, "/proc/meminfo");
  EXPECT_FALSE(root.is_live());
}

TEST(HostRoot, ReportsAMissingFileWithItsHostPath) {
  TempDir dir;
  const HostRoot root(dir.path());
  const auto file = root.read(HostRoot::sys("devices/system/cpu/online"));
  EXPECT_FALSE(file.ok());
  EXPECT_TRUE(file.missing());
  EXPECT_EQ(file.describe(), "/sys/devices/system/cpu/online: No such file or directory");
}

TEST(HostRoot, ReadingADirectoryIsAnErrorNotAMissingFile) {
  TempDir dir;
  dir.write("proc/pressure/cpu", "x");
  const auto file = HostRoot(dir.path()).read("/proc/pressure");
  EXPECT_FALSE(file.ok());
  EXPECT_FALSE(file.missing());
}

TEST(HostRoot, ListsDirectoryEntriesSorted) {
  TempDir dir;
  dir.write("sys/devices/system/cpu/cpufreq/policy1/x", "");
  dir.write("sys/devices/system/cpu/cpufreq/policy0/x", "");
  const HostRoot root(dir.path());
  EXPECT_EQ(root.list(HostRoot::sys("devices/system/cpu/cpufreq")), (std::vector<std::string>{"policy0", "policy1"}));
  EXPECT_TRUE(root.list("/nowhere").empty());
  EXPECT_TRUE(root.exists(HostRoot::sys("devices")));
  EXPECT_FALSE(root.exists("/nowhere"));
}

TEST(HostRoot, LiveRootReadsTheRealMachine) {
  const HostRoot root;
  EXPECT_TRUE(root.is_live());
  EXPECT_EQ(root.resolve("/etc/hostname"), "/etc/hostname");
  const auto file = root.read(HostRoot::proc("self/status"));
  ASSERT_TRUE(file.ok());
  EXPECT_NE(file.text->find("Cpus_allowed_list"), std::string::npos);
}

}  // namespace
}  // namespace autocut::sys
