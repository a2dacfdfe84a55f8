// Finished jobs and their scene pictures on a real directory: what is kept, what goes, and what can be read.
#include "service/finished_jobs.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace autocut::service {
namespace {

using json = nlohmann::ordered_json;
namespace fs = std::filesystem;

const std::string kFirst = "000000000000000a", kSecond = "000000000000000b", kThird = "000000000000000c";

// A job that ran with two scenes, each leaving a picture of `size` bytes, as the worker does.
void ran(FinishedJobs& jobs, const testing::TempDir& state, const std::string& id) {
  ASSERT_EQ(jobs.keyframes_dir(id), state.path() / id);
  for (const char* scene : {"/1.jpg", "/2.jpg"}) state.write(id + scene, std::string(40, 'j'));
  EXPECT_EQ(jobs.keep(json{{"id", id}, {"state", "done"}}), std::nullopt);
}

TEST(FinishedJobs, APictureIsFoundOnlyByAJobIdAndASceneNumber) {
  testing::TempDir state;
  FinishedJobs jobs(state.path(), 8);
  EXPECT_EQ(jobs.keyframes_dir(kFirst), state.path() / kFirst);
  EXPECT_EQ(jobs.keyframes_dir("../../etc"), std::nullopt);
  EXPECT_EQ(jobs.keyframes_dir("000000000000000A"), std::nullopt) << "ids are lower case";
  ran(jobs, state, kFirst);
  EXPECT_EQ(jobs.keyframe(kFirst, 1), std::string(40, 'j'));
  EXPECT_EQ(jobs.keyframe(kFirst, 3), std::nullopt);
  EXPECT_EQ(jobs.keyframe(kFirst, 0), std::nullopt);
  EXPECT_EQ(jobs.keyframe("../" + kFirst, 1), std::nullopt);
  EXPECT_EQ(FinishedJobs(std::nullopt, 8).keyframes_dir(kFirst), std::nullopt) << "no state directory, no pictures";
  EXPECT_EQ(FinishedJobs(state.path(), 8, 0).keyframes_dir(kFirst), std::nullopt) << "a cap of 0 keeps none";
}

TEST(FinishedJobs, PicturesGoWithTheirJobAndTheOldestGoFirstUnderTheCap) {
  testing::TempDir state;
  FinishedJobs jobs(state.path(), 2, 100);
  ran(jobs, state, kFirst);
  EXPECT_TRUE(jobs.keyframe(kFirst, 2)) << "80 bytes of 100";
  ran(jobs, state, kSecond);
  EXPECT_FALSE(jobs.keyframe(kFirst, 1)) << "160 bytes: the older job's pictures go";
  EXPECT_FALSE(jobs.keyframe(kFirst, 2));
  EXPECT_TRUE(jobs.keyframe(kSecond, 1) && jobs.keyframe(kSecond, 2));
  EXPECT_TRUE(fs::exists(state.path() / (kFirst + ".json"))) << "the job itself is kept";

  state.write("00000000000000ff/1.jpg", "j");  // a job that never ended: its service crashed
  ran(jobs, state, kThird);
  EXPECT_FALSE(fs::exists(state.path() / (kFirst + ".json"))) << "beyond keep=2";
  EXPECT_FALSE(fs::exists(state.path() / kFirst)) << "its pictures' directory goes with it";
  EXPECT_FALSE(fs::exists(state.path() / "00000000000000ff")) << "so do those of a job never kept";
  EXPECT_FALSE(jobs.keyframe(kSecond, 1));
  EXPECT_TRUE(jobs.keyframe(kThird, 1) && jobs.keyframe(kThird, 2));
}

TEST(FinishedJobs, ANewestJobAloneOverTheCapKeepsItsFirstScenes) {
  testing::TempDir state;
  FinishedJobs jobs(state.path(), 4, 50);
  ran(jobs, state, kFirst);
  EXPECT_TRUE(jobs.keyframe(kFirst, 1));
  EXPECT_FALSE(jobs.keyframe(kFirst, 2));
}

}  // namespace
}  // namespace autocut::service
