#include "sys/output_lines.hpp"

#include <gtest/gtest.h>

namespace autocut::sys {
namespace {

TEST(OutputLines, HandsOutWholeLinesAsTheirBytesArrive) {
  OutputLines lines;
  lines.add("{\"event\":\"sc");
  EXPECT_FALSE(lines.next(100));
  lines.add("ene\"}\nsecond\nthi");
  EXPECT_EQ(lines.next(100), "{\"event\":\"scene\"}");
  EXPECT_EQ(lines.next(100), "second");
  EXPECT_FALSE(lines.next(100));
  EXPECT_EQ(lines.rest(), "thi");  // the stream ended without a last newline
  EXPECT_FALSE(lines.rest());
}

TEST(OutputLines, AWindowsLineEndIsALineEnd) {
  OutputLines lines;
  lines.add("got first\r\ngot\rsecond\r");
  EXPECT_EQ(lines.next(100), "got first");
  EXPECT_FALSE(lines.next(100));  // a carriage return alone ends nothing
  lines.add("\n");
  EXPECT_EQ(lines.next(100), "got\rsecond");
}

TEST(OutputLines, AnOverlongLineIsCutAndItsRestDroppedAcrossReads) {
  OutputLines lines;
  lines.add(std::string(8, 'x'));
  EXPECT_EQ(lines.next(5), "xxxxx");
  lines.add("yyy");  // still the same line
  lines.add("yy\nnext\n");
  EXPECT_EQ(lines.next(5), "next");
  EXPECT_FALSE(lines.next(5));
}

TEST(OutputTail, KeepsOnlyTheLastBytes) {
  OutputTail tail(6);
  tail.add("cannot ");
  tail.add("open");
  EXPECT_EQ(tail.text(), "t open");
}

}  // namespace
}  // namespace autocut::sys
