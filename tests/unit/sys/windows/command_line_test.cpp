// The command line CreateProcessW gets, checked against the splitting rules of CommandLineToArgvW and the Microsoft
// C runtime ("Parsing C command-line arguments"): what the child's argv will be.
#include "sys/windows/command_line.hpp"

#include <gtest/gtest.h>

namespace autocut::sys::windows {
namespace {

using namespace std::string_literals;

TEST(QuotedCommandLine, PlainArgumentsStayAsTheyAre) {
  EXPECT_EQ(quoted_command_line({"C:\\autocut\\ffmpeg.exe", "-hide_banner", "-i", "a.mp4"}),
            "C:\\autocut\\ffmpeg.exe -hide_banner -i a.mp4");
}

TEST(QuotedCommandLine, SpacesAndEmptyArgumentsAreQuoted) {
  EXPECT_EQ(quoted_command_line({"C:\\Program Files\\autocut\\worker.exe", "", "a b"}),
            "\"C:\\Program Files\\autocut\\worker.exe\" \"\" \"a b\"");
}

TEST(QuotedCommandLine, QuotesAreEscapedAndOnlyTheBackslashesBeforeThemDoubled) {
  // a\"b  →  "a\\\"b"   ;   C:\dir with space\  →  "C:\dir with space\\"
  EXPECT_EQ(quoted_command_line({"a\\\"b"}), "\"a\\\\\\\"b\"");
  EXPECT_EQ(quoted_command_line({"C:\\dir with space\\"}), "\"C:\\dir with space\\\\\"");
  EXPECT_EQ(quoted_command_line({"C:\\no\\quote"}), "C:\\no\\quote");
}

TEST(EnvironmentBlock, IsSortedWithoutRegardToCaseAndEndsWithTwoNuls) {
  EXPECT_EQ(environment_block({"Path=C:\\Windows", "APPDATA=C:\\Users\\a", "ollama_host=127.0.0.1"}),
            "APPDATA=C:\\Users\\a\0ollama_host=127.0.0.1\0Path=C:\\Windows\0\0"s);
  EXPECT_EQ(environment_block({}), "\0\0"s);
}

}  // namespace
}  // namespace autocut::sys::windows
