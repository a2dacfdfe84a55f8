#include "sys/atomic_file.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "support/temp_dir.hpp"

namespace autocut::sys {
namespace {

using autocut::testing::read_text;
using autocut::testing::TempDir;

TEST(WriteFileAtomically, ReplacesTheFileAndLeavesNoTemporaryBehind) {
  TempDir dir;
  const auto path = dir.write("profile.json", "old");
  EXPECT_FALSE(write_file_atomically(path, "new contents"));
  EXPECT_EQ(read_text(path), "new contents");
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1);
}

TEST(WriteFileAtomically, ExplainsWhyItCannotWrite) {
  TempDir dir;
  const auto blocker = dir.write("not-a-dir", "");
  const auto error = write_file_atomically(blocker / "profile.json", "x");
  ASSERT_TRUE(error);
  const auto named = "cannot write " + (blocker / "profile.json").string() + ": ";
  EXPECT_EQ(error->substr(0, named.size()), named) << *error;
  EXPECT_GT(error->size(), named.size() + 5) << "and says why, in the system's words";
}

TEST(WriteFileAtomically, AFailedWriteKeepsTheOldFile) {
  TempDir dir;
  const auto path = dir.write("profile.json", "old");
  std::filesystem::create_directory(dir.path() / "sub");
  // Renaming a file over a non-empty directory fails: the old target must survive untouched.
  dir.write("sub/keep", "");
  EXPECT_TRUE(write_file_atomically(dir.path() / "sub", "new"));
  EXPECT_EQ(read_text(path), "old");
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "sub" / "keep"));
}

}  // namespace
}  // namespace autocut::sys
