// The analysis worker as a process: a job on standard input, JSON lines out. And the reason it is a separate
// process: the core executable links no FFmpeg.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

namespace autocut::testing {
namespace {

std::vector<nlohmann::json> lines_of(const std::string& text) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

TEST(AnalyzeWorker, DescribesScenesAsJsonLines) {
  TempDir work;
  ASSERT_EQ(
      run_shell("ffmpeg -hide_banner -nostdin -loglevel error -y -f lavfi -i color=c=black:size=160x120:rate=25:d=2"
                " -f lavfi -i smptebars=size=160x120:rate=25:d=2 -filter_complex '[0:v][1:v]concat=n=2:v=1[v]'"
                " -map '[v]' -c:v libx264 -pix_fmt yuv420p " +
                shell_quote((work.path() / "clip.mp4").string()))
          .exit_code,
      0);
  // The policy's chain names a GPU decoder the trials proved: without a CUDA device the worker decodes in software
  // and says why; with one, on it.
  const auto job = nlohmann::json{
      {"video", (work.path() / "clip.mp4").string()},
      {"chain", {{"frames_per_scene", 3}, {"hardware_decoders", {{{"hwaccel", "cuda"}, {"sample", "h264 8-bit"}}}}}},
      {"scenes", {{{"start", 0}, {"end", 2}}, {{"start", "00:00:02.000"}, {"end", 4}}}}};
  work.write("job.json", job.dump());
  const auto result = run_shell(shell_quote(AUTOCUT_WORKER) + " < " + shell_quote((work.path() / "job.json").string()));
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const auto lines = lines_of(result.out);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0]["event"], "scenes");
  EXPECT_EQ(lines[0]["count"], 2);
  EXPECT_EQ(lines[1]["event"], "scene");
  EXPECT_EQ(lines[1]["tags"], nlohmann::json::array({"black", "static shot"}));
  EXPECT_EQ(lines[1]["keyframes"].size(), 3u);
  EXPECT_EQ(lines[1]["backend"], "builtin");
  EXPECT_NE(lines[2]["tags"].dump().find("colour bars"), std::string::npos) << lines[2].dump();
  EXPECT_EQ(lines[3]["event"], "done");
  EXPECT_EQ(lines[3]["succeeded"], 2);
  EXPECT_EQ(lines[3]["cancelled"], false);
  if (lines[3]["decoding"] == "h264") {
    ASSERT_EQ(lines[3]["decoding_notes"].size(), 1u) << lines[3].dump();
    EXPECT_EQ(lines[3]["decoding_notes"][0].get<std::string>().rfind("software: cuda: ", 0), 0u) << lines[3].dump();
  } else {
    EXPECT_EQ(lines[3]["decoding"], "h264 on cuda") << lines[3].dump();
    EXPECT_TRUE(lines[3]["decoding_notes"].empty()) << lines[3].dump();
  }
}

TEST(AnalyzeWorker, DetectsScenesWhenAskedTo) {
  TempDir work;
  ASSERT_EQ(
      run_shell("ffmpeg -hide_banner -nostdin -loglevel error -y -f lavfi -i color=c=blue:size=160x120:rate=25:d=2"
                " -f lavfi -i testsrc=size=160x120:rate=25:d=2 -filter_complex '[0:v][1:v]concat=n=2:v=1[v]'"
                " -map '[v]' -c:v libx264 -pix_fmt yuv420p " +
                shell_quote((work.path() / "clip.mp4").string()))
          .exit_code,
      0);
  work.write("job.json",
             nlohmann::json{{"video", (work.path() / "clip.mp4").string()}, {"detect_scenes", true}}.dump());
  const auto result = run_shell(shell_quote(AUTOCUT_WORKER) + " < " + shell_quote((work.path() / "job.json").string()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto lines = lines_of(result.out);
  ASSERT_EQ(lines.size(), 4u) << result.out;
  EXPECT_EQ(lines[0]["event"], "scenes");
  EXPECT_EQ(lines[0]["count"], 2);
  EXPECT_NEAR(lines[1]["end"].get<double>(), 2.0, 0.05);
  EXPECT_EQ(lines[3]["succeeded"], 2);
}

TEST(AnalyzeWorker, ABadJobIsOneClearLine) {
  TempDir work;
  work.write("job.json", R"({"video": "/nonexistent/clip.mp4", "scenes": [{"start": 0, "end": 1}]})");
  const auto missing =
      run_shell(shell_quote(AUTOCUT_WORKER) + " < " + shell_quote((work.path() / "job.json").string()));
  EXPECT_EQ(missing.exit_code, 1);
  const auto done = nlohmann::json::parse(missing.out);
  EXPECT_EQ(done["event"], "done");
  EXPECT_NE(done["error"].get<std::string>().find("is not a readable file"), std::string::npos);
  const auto garbage = run_shell("echo '[1,2' | " + shell_quote(AUTOCUT_WORKER));
  EXPECT_EQ(garbage.exit_code, 2);
  EXPECT_NE(nlohmann::json::parse(garbage.out)["error"].get<std::string>().find("\"video\""), std::string::npos);
}

TEST(AnalyzeWorker, TheCoreExecutableLinksNoFfmpegNoCurlNoTls) {
  const auto libraries = run_shell("ldd " + shell_quote(AUTOCUT_BINARY));
  ASSERT_EQ(libraries.exit_code, 0);
  for (const char* name : {"libavformat", "libavcodec", "libswscale", "libcurl", "libssl", "libcrypto"})
    EXPECT_EQ(libraries.out.find(name), std::string::npos) << name;
  EXPECT_NE(run_shell("ldd " + shell_quote(AUTOCUT_WORKER)).out.find("libavcodec"), std::string::npos);
}

}  // namespace
}  // namespace autocut::testing
