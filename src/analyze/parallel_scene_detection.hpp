// Scene detection on every core: the video split at keyframes into ranges, each scored by a decoder of its own on a
// thread of its own, the scores joined in order and the cuts chosen over them as one pass would. A range is read a
// second past its end, so the frame where the next range starts is scored against the one before it — the very
// score the single pass computes — and the cuts are exactly those of detect_scenes().
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "analyze/frame_decoder.hpp"
#include "analyze/scene_detector.hpp"

namespace autocut::analyze {

// Where ranges start (seconds, the first 0): the keyframe nearest each even share, at most `ranges`. Shares are of
// `cost(t)`, what the video up to t costs to decode (its bytes), or of the duration without it or when it says
// nothing. Pure.
std::vector<double> range_starts(const std::vector<double>& keyframes, double duration_s, int ranges,
                                 const std::function<double(double)>& cost = {});

// `ranges` 0: one per core. One range is detect_scenes() on a decoder using every core. Each range's decoder tries
// `hardware` first; its falls to software mid-file are added to `falls` when given.
SceneList detect_scenes_in_parallel(const std::filesystem::path& video, int ranges = 0,
                                    const DetectorSettings& settings = {}, const HardwareDecoderChoice& hardware = {},
                                    std::vector<std::string>* falls = nullptr);

}  // namespace autocut::analyze
