// What the analysis worker's video work costs, next to the ffmpeg commands a script would run instead, in one run on
// the same file: a 60 s 640×360 H.264 clip (x264, a keyframe every 250 frames) with a hard cut every 3 s.
//  - keyframes: one JPEG from the middle of each of the 20 scenes, as the worker takes them — a decoder per core taking
//    runs of scenes between keyframes as it comes free, each exact frame decoded on from its keyframe, while the scenes
//    are measured (the builtin analyzer's figures) and encoded as JPEG on a finishing thread in order — versus `ffmpeg
//    -ss T -i VIDEO -frames:v 1 out.jpg` per scene (fast input seek to the keyframe, then decode to T — the usual
//    one-liner);
//  - scene detection: frames per second of the builtin HSV content detector (ranges split at keyframes, one decoder
//    each, as the worker detects; and one pass) versus ffmpeg's `select='gt(scene,0.4)'` pass over the whole file.
// Usage: keyframes_bench [runs, default 3]   (the median of the runs is reported for each side)
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "analyze/finishing_threads.hpp"
#include "analyze/keyframe_decoders.hpp"
#include "analyze/parallel_scene_detection.hpp"
#include "analyze/scene_detector.hpp"
#include "analyze/scene_keyframes.hpp"
#include "analyze/video_source.hpp"
#include "process_timer.hpp"

namespace {

const char* const kOpencvPeers = AUTOCUT_OPENCV_PEERS;

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

void make_clip(const fs::path& path) {
  // Four sources cycled through: each 3 s piece differs from the one before, so every 3 s is a cut.
  const std::string command =
      "ffmpeg -hide_banner -nostdin -loglevel error -y"
      " -f lavfi -i testsrc=size=640x360:rate=25:duration=3 -f lavfi -i smptebars=size=640x360:rate=25:duration=3"
      " -f lavfi -t 3 -i mandelbrot=size=640x360:rate=25 -f lavfi -i color=c=navy:size=640x360:rate=25:duration=3"
      " -filter_complex '[0:v][1:v][2:v][3:v]concat=n=4:v=1,format=yuv420p,loop=loop=4:size=300[v]'"
      " -map '[v]' -c:v libx264 -preset veryfast -g 250 '" +
      path.string() + "'";
  if (std::system(command.c_str()) != 0) {
    std::fprintf(stderr, "keyframes_bench: ffmpeg could not make the clip\n");
    std::exit(1);
  }
}

// The worker's way (analyze/analyze_job): `decoders` taking runs of scenes between keyframes, each scene's middle
// frame measured and encoded as a JPEG on a finishing thread as the scenes come in order. `jpegs` counts those made.
double keyframes_ms(const fs::path& clip, const std::vector<autocut::analyze::Scene>& scenes, int decoders,
                    int& jpegs) {
  using namespace autocut::analyze;
  const auto start = Clock::now();
  std::string error;
  auto video = VideoSource::open(clip, error);
  const auto runs = runs_in(*video, scenes, 1);
  KeyframeDecoders decoding(std::move(video), clip, scenes, runs, decoders, [] { return 1; });
  std::atomic<int> made{0};
  {
    FinishingThreads finishing;
    for (std::size_t i = 0; i < scenes.size(); ++i) {
      auto frames = std::make_shared<SceneFrames>(decoding.take(i).frames);
      finishing.run(
          [frames, &made] {
            const auto encoded = encode_keyframes(*frames, 640);
            if (encoded.jpegs.size() == 1 && !encoded.jpegs[0].empty()) ++made;
          },
          2);
    }
  }
  jpegs = made;
  return ms_since(start);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace autocut;
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
  const fs::path work = fs::temp_directory_path() / ("autocut-keyframes-bench-" + std::to_string(::getpid()));
  fs::create_directories(work);
  const auto clip = work / "clip.mp4";
  make_clip(clip);

  std::string error;
  auto probe = analyze::VideoSource::open(clip, error);
  if (!probe) {
    std::fprintf(stderr, "keyframes_bench: %s\n", error.c_str());
    return 1;
  }
  const double duration = probe->duration_s();
  std::vector<analyze::Scene> scenes;
  for (double start = 0; start + 1.5 < duration; start += 3)
    scenes.push_back({static_cast<int>(scenes.size()) + 1, start, std::min(start + 3, duration), {}});
  probe.reset();

  // The Python way, where Debian's python3-opencv is installed (bench/opencv_peers.py).
  const bool opencv = bench::run_once({"/usr/bin/python3", "-c", "import cv2"}).exit_code == 0;
  std::vector<std::string> opencv_keyframes{"/usr/bin/python3", kOpencvPeers, "keyframes", clip.string()};
  for (const auto& scene : scenes) opencv_keyframes.push_back(std::to_string((scene.start_s + scene.end_s) / 2));

  std::vector<double> ours, ours_one, decoding, theirs, theirs_opencv;
  int frames_decoded = 0;
  for (int run = 0; run < runs; ++run) {
    // The decoding alone, nothing made of the frames: what the job's thread cannot do with less (every frame the
    // targets refer to, from their keyframes, the decoder drained where a run of scenes ends).
    auto start = Clock::now();
    {
      auto video = analyze::VideoSource::open(clip, error);
      const auto run_starts = analyze::runs_in(*video, scenes, 1);
      analyze::KeyframeDecoders one(std::move(video), clip, scenes, run_starts, 1, [] { return 1; });
      for (std::size_t i = 0; i < scenes.size(); ++i) (void)one.take(i);
      one.join();
      frames_decoded = one.frames_decoded();
    }
    decoding.push_back(ms_since(start));

    int jpegs = 0;
    ours_one.push_back(keyframes_ms(clip, scenes, 1, jpegs));
    ours.push_back(keyframes_ms(clip, scenes, analyze::decoders_for(scenes.size()), jpegs));
    if (jpegs != static_cast<int>(scenes.size())) {
      std::fprintf(stderr, "keyframes_bench: %d JPEGs for %zu scenes\n", jpegs, scenes.size());
      return 1;
    }

    double total = 0;
    for (const auto& scene : scenes)
      total += bench::run_once({"ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-ss",
                                std::to_string((scene.start_s + scene.end_s) / 2), "-i", clip.string(), "-frames:v",
                                "1", (work / "frame.jpg").string()})
                   .wall_ms;
    theirs.push_back(total);
    if (opencv) theirs_opencv.push_back(bench::run_once(opencv_keyframes).wall_ms);
  }
  const double ours_ms = median(ours), ours_one_ms = median(ours_one), theirs_ms = median(theirs),
               decoding_ms = median(decoding);
  std::printf("keyframes: %zu scenes of a %.0f s 640x360 H.264 clip, median of %d runs\n", scenes.size(), duration,
              runs);
  std::printf("  autocut worker (exact frames, measured, JPEG):     %8.1f ms  (%.2f ms per scene; %d decoders)\n",
              ours_ms, ours_ms / static_cast<double>(scenes.size()), analyze::decoders_for(scenes.size()));
  std::printf("    the same with one decoder:                     %8.1f ms\n", ours_one_ms);
  std::printf("    of which the decoding alone, one decoder:      %8.1f ms  (%d frames out, %.2f ms each)\n",
              decoding_ms, frames_decoded, decoding_ms / std::max(1, frames_decoded));
  std::printf("  ffmpeg -ss T -i VIDEO -frames:v 1 per scene:      %8.1f ms  (%.2f ms per scene)\n", theirs_ms,
              theirs_ms / static_cast<double>(scenes.size()));
  std::printf("  ratio: %.1fx faster (target >= 15x); one decoder: %.1fx\n", theirs_ms / ours_ms,
              theirs_ms / ours_one_ms);
  if (opencv)
    std::printf("  OpenCV, cv2.VideoCapture set to each frame, JPEG:  %8.1f ms  ratio: %.1fx (target >= 10x)\n\n",
                median(theirs_opencv), median(theirs_opencv) / ours_ms);
  else
    std::printf("  OpenCV peer: /usr/bin/python3 has no cv2 (python3-opencv)\n\n");

  std::vector<double> detect_ours, detect_one, detect_theirs, detect_opencv;
  int frames = 0;
  std::size_t found = 0, found_one = 0;
  for (int run = 0; run < runs; ++run) {
    auto start = Clock::now();
    found = analyze::detect_scenes_in_parallel(clip).scenes.size();  // as the worker detects
    detect_ours.push_back(ms_since(start));
    auto video = analyze::VideoSource::open(clip, error, 0);  // one pass, a decoder on every core
    start = Clock::now();
    found_one = analyze::detect_scenes(*video).scenes.size();
    detect_one.push_back(ms_since(start));
    frames = video->frames_decoded();
    detect_theirs.push_back(bench::run_once({"ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-i",
                                             clip.string(), "-vf", "select='gt(scene,0.4)'", "-f", "null", "-"})
                                .wall_ms);
    if (opencv)
      detect_opencv.push_back(bench::run_once({"/usr/bin/python3", kOpencvPeers, "detect", clip.string()}).wall_ms);
  }
  const double ours_fps = frames / (median(detect_ours) / 1000), one_fps = frames / (median(detect_one) / 1000),
               theirs_fps = frames / (median(detect_theirs) / 1000);
  std::printf("scene detection: %d frames, %zu scenes found (one pass: %zu; cuts every 3 s: %zu), median of %d runs\n",
              frames, found, found_one, scenes.size(), runs);
  std::printf("  autocut worker (HSV content, threshold 27, ranges at keyframes on every core): %8.0f frames/s\n",
              ours_fps);
  std::printf("    one pass, one frame-threaded decoder:                                    %8.0f frames/s\n", one_fps);
  std::printf("  ffmpeg select='gt(scene,0.4)' -f null:                                     %8.0f frames/s\n",
              theirs_fps);
  std::printf("  ratio: %.2fx (target >= 1.5x); one pass: %.2fx\n", ours_fps / theirs_fps, one_fps / theirs_fps);
  if (opencv) {
    const double opencv_fps = frames / (median(detect_opencv) / 1000);
    std::printf("  PySceneDetect's content detector in Python with OpenCV:                    %8.0f frames/s\n",
                opencv_fps);
    std::printf("  ratio: %.1fx (target >= 5x)\n", ours_fps / opencv_fps);
  }
  fs::remove_all(work);
  return 0;
}
