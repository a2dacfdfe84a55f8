#include "sys/parse/os_release.hpp"

#include <gtest/gtest.h>

namespace autocut::sys::parse {
namespace {

TEST(ParseOsRelease, UndoesQuotingAndSkipsJunk) {
  const auto fields = parse_os_release(
      "# comment\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME='Debian'\nVERSION_ID=12\n"
      "bad line\nlower=x\nHOME_URL=\"https://www.debian.org/\"\nQUOTED=\"say \\\"hi\\\"\"\n");
  EXPECT_EQ(fields.at("PRETTY_NAME"), "Debian GNU/Linux 12 (bookworm)");
  EXPECT_EQ(fields.at("NAME"), "Debian");
  EXPECT_EQ(fields.at("VERSION_ID"), "12");
  EXPECT_EQ(fields.at("QUOTED"), "say \"hi\"");
  EXPECT_FALSE(fields.contains("lower"));
  EXPECT_EQ(fields.size(), 5u);
}

}  // namespace
}  // namespace autocut::sys::parse
