// The chain from the policy to the worker: the GPU decoders the trials proved travel with it, and only those.
#include "analyze/chain_json.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "policy/vision_chain.hpp"

namespace autocut::analyze {
namespace {

TEST(ChainJson, OnlyTheDecodersTheTrialsProvedReachTheWorker) {
  core::HostFacts facts;
  facts.ffmpeg = core::FfmpegFacts{};
  facts.ffmpeg->decode_trials = {{"cuda", "h264 8-bit", true, ""},
                                 {"cuda", "h264 10-bit", false, "No decoder surfaces left"},
                                 {"vaapi", "hevc 10-bit", true, ""}};
  const auto json = policy::chain_to_json(policy::vision_plan(policy::ExecutionPolicy{}, facts));
  EXPECT_EQ(json["hardware_decoders"].dump(),
            R"([{"hwaccel":"cuda","sample":"h264 8-bit"},{"hwaccel":"vaapi","sample":"hevc 10-bit"}])");

  const auto chain = chain_from_json(json);
  ASSERT_EQ(chain.hardware_decoders.size(), 2u);
  EXPECT_EQ(chain.hardware_decoders[1].hwaccel, "vaapi");
  EXPECT_EQ(chain.hardware_decoders[1].sample, "hevc 10-bit");
}

TEST(ChainJson, AnIncompleteDecoderEntryIsLeftOut) {
  const auto chain = chain_from_json(nlohmann::ordered_json::parse(
      R"({"hardware_decoders": [{"hwaccel": "cuda"}, {"sample": "h264 8-bit"}, 7, {"hwaccel": "qsv", "sample": "av1 8-bit"}]})"));
  ASSERT_EQ(chain.hardware_decoders.size(), 1u);
  EXPECT_EQ(chain.hardware_decoders[0].hwaccel, "qsv");
  EXPECT_TRUE(chain_from_json(nlohmann::ordered_json::parse("{}")).hardware_decoders.empty());
}

}  // namespace
}  // namespace autocut::analyze
