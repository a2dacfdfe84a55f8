// Keyframes at 1080p (and 4K with --4k) decoded as the analysis worker decodes them (analyze/analyze_job: a decoder
// per core taking runs of scenes between keyframes, each scene's middle frame measured and kept as a JPEG), in software
// and on a GPU decoder (`hwaccel`, default cuda) when this machine has one, next to `ffmpeg -ss T -i VIDEO -frames:v 1`
// per scene, in one run on the same files: H.264 and HEVC clips of 12 s with a cut every 2 s, made by Debian's ffmpeg.
// For the GPU it also says how far its frames are from software's (mean absolute difference of RGB, 0–255: NV12
// downloaded from a GPU is not software's bit for bit) and whether the job fell back to software; and scene detection
// on every core with and without the GPU decoder, its time and whether the cuts are the same.
// Usage: hardware_decoding_bench [hwaccel] [runs, default 3] [--4k]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

extern "C" {
#include <libavutil/log.h>
}

#include "analyze/analyze_job.hpp"
#include "analyze/hardware_decoding.hpp"
#include "analyze/parallel_scene_detection.hpp"
#include "analyze/scenes.hpp"
#include "analyze/video_source.hpp"
#include "process_timer.hpp"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
using namespace autocut;

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

struct Clip {
  std::string label;   // "1080p H.264"
  std::string sample;  // as the decode trials name it
  fs::path path;
};

bool make_clip(const Clip& clip, const std::string& size, const std::string& encoder) {
  std::string inputs, pads;
  const char* sources[] = {"testsrc2", "smptebars", "mandelbrot", "testsrc", "rgbtestsrc", "color=c=navy"};
  for (int i = 0; i < 6; ++i) {
    const std::string source = sources[i];
    inputs += " -f lavfi -t 2 -i " + source + (source.find('=') == std::string::npos ? "=" : ":") + "size=" + size +
              ":rate=25";
    pads += "[" + std::to_string(i) + ":v]";
  }
  const std::string command = "ffmpeg -hide_banner -nostdin -loglevel error -y" + inputs + " -filter_complex '" + pads +
                              "concat=n=6:v=1,format=yuv420p[v]' -map '[v]' -c:v " + encoder +
                              " -preset ultrafast -g 50 '" + clip.path.string() + "'";
  return std::system(command.c_str()) == 0;
}

struct JobRun {
  double ms = 0;
  analyze::JobSummary summary;
};

JobRun keyframes(const Clip& clip, const analyze::SceneList& scenes, analyze::HardwareDecoderChoice hardware,
                 const fs::path& pictures) {
  analyze::JobOptions options;
  options.hardware = std::move(hardware);
  options.keyframes_dir = pictures;
  const auto start = Clock::now();
  JobRun run;
  run.summary = analyze::run_job(clip.path, scenes, options, [](const analyze::SceneResult&) {});
  run.ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return run;
}

// The largest mean absolute difference of a scene's middle frame between software and the GPU decoder.
double largest_difference(const Clip& clip, const analyze::SceneList& scenes, const std::string& hwaccel) {
  std::string error;
  auto software = analyze::VideoSource::open(clip.path, error, 1);
  auto gpu = analyze::VideoSource::open(clip.path, error, 1, analyze::proven_hardware({{hwaccel, clip.sample}}));
  double largest = 0;
  for (const auto& scene : scenes.scenes) {
    const double middle = (scene.start_s + scene.end_s) / 2;
    const auto a = software->frame_at(middle, 640, error);
    const auto b = gpu->frame_at(middle, 640, error);
    if (!a || !b || a->rgb.size() != b->rgb.size()) return -1;
    double sum = 0;
    for (std::size_t i = 0; i < a->rgb.size(); ++i) sum += std::abs(int{a->rgb[i]} - int{b->rgb[i]});
    largest = std::max(largest, sum / static_cast<double>(a->rgb.size()));
  }
  return largest;
}

std::string cuts_of(const analyze::SceneList& list) {
  std::string text;
  for (std::size_t i = 1; i < list.scenes.size(); ++i) {
    char cut[16];
    std::snprintf(cut, sizeof cut, "%.2f", list.scenes[i].start_s);
    text += (text.empty() ? "" : " ") + std::string(cut);
  }
  return list.error.empty() ? text : text + " (" + list.error + ")";
}

// Scene detection as the worker runs it, in software and with the GPU decoder tried first: times and cuts.
void compare_detection(const Clip& clip, const std::string& hwaccel) {
  auto start = Clock::now();
  const auto software = analyze::detect_scenes_in_parallel(clip.path);
  const double software_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  std::vector<std::string> falls;
  start = Clock::now();
  const auto gpu =
      analyze::detect_scenes_in_parallel(clip.path, 0, {}, analyze::proven_hardware({{hwaccel, clip.sample}}), &falls);
  const double gpu_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  const std::string same = cuts_of(gpu) == cuts_of(software) ? "the same" : "differ: " + cuts_of(gpu);
  std::printf("  scene detection, software:                   %8.1f ms  cuts at %s\n", software_ms,
              cuts_of(software).c_str());
  std::printf("  scene detection, %-27s %8.1f ms  cuts: %s\n", (hwaccel + " tried first:").c_str(), gpu_ms,
              same.c_str());
  for (const auto& fall : falls) std::printf("    %s\n", fall.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  av_log_set_level(AV_LOG_FATAL);  // a device that is missing is said once, in the job's notes
  std::string hwaccel = "cuda";
  int runs = 3;
  bool four_k = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--4k") == 0)
      four_k = true;
    else if (std::isdigit(static_cast<unsigned char>(argv[i][0])))
      runs = std::max(1, std::atoi(argv[i]));
    else
      hwaccel = argv[i];
  }
  const fs::path work = fs::temp_directory_path() / ("autocut-hwdecode-bench-" + std::to_string(::getpid()));
  fs::create_directories(work);
  std::vector<std::pair<Clip, std::pair<std::string, std::string>>> clips{
      {{"1080p H.264", "h264 8-bit", work / "1080-h264.mp4"}, {"1920x1080", "libx264"}},
      {{"1080p HEVC", "hevc 8-bit", work / "1080-hevc.mp4"}, {"1920x1080", "libx265 -x265-params log-level=error"}}};
  if (four_k) {
    clips.push_back({{"4K H.264", "h264 8-bit", work / "4k-h264.mp4"}, {"3840x2160", "libx264"}});
    clips.push_back(
        {{"4K HEVC", "hevc 8-bit", work / "4k-hevc.mp4"}, {"3840x2160", "libx265 -x265-params log-level=error"}});
  }

  std::printf("keyframes of 6 scenes (a cut every 2 s, 12 s), median of %d runs; GPU decoder: %s\n", runs,
              hwaccel.c_str());
  for (const auto& [clip, how] : clips) {
    if (!make_clip(clip, how.first, how.second)) {
      std::printf("%s: ffmpeg could not make the clip\n", clip.label.c_str());
      continue;
    }
    std::string scenes_json = "[";
    for (int i = 0; i < 6; ++i)
      scenes_json += (i ? "," : "") + std::string("{\"start\":") + std::to_string(i * 2) +
                     ",\"end\":" + std::to_string(i * 2 + 2) + "}";
    const auto scenes = analyze::parse_scenes_json(scenes_json + "]");
    std::vector<double> software_ms, gpu_ms, ffmpeg_ms;
    JobRun gpu;
    for (int run = 0; run < runs; ++run) {
      software_ms.push_back(keyframes(clip, scenes, {}, work / "software").ms);
      gpu = keyframes(clip, scenes, analyze::proven_hardware({{hwaccel, clip.sample}}), work / "gpu");
      gpu_ms.push_back(gpu.ms);
      double total = 0;
      for (const auto& scene : scenes.scenes)
        total += bench::run_once({"ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-ss",
                                  std::to_string((scene.start_s + scene.end_s) / 2), "-i", clip.path.string(),
                                  "-frames:v", "1", (work / "frame.jpg").string()})
                     .wall_ms;
      ffmpeg_ms.push_back(total);
    }
    const double software = median(software_ms), theirs = median(ffmpeg_ms);
    std::printf("%s\n", clip.label.c_str());
    std::printf("  autocut worker, software:                    %8.1f ms\n", software);
    std::printf("  ffmpeg -ss T -i VIDEO -frames:v 1 per scene: %8.1f ms  ratio: %.1fx (target >= 8x at 1080p)\n",
                theirs, theirs / software);
    const bool on_gpu = gpu.summary.decoding.find(" on ") != std::string::npos;
    if (on_gpu) {
      std::printf("  autocut worker, %-28s %8.1f ms  ratio to software: %.2fx\n", (gpu.summary.decoding + ":").c_str(),
                  median(gpu_ms), software / median(gpu_ms));
      std::printf("  largest mean |RGB difference| from software: %.2f of 255\n",
                  largest_difference(clip, scenes, hwaccel));
    } else {
      std::printf("  GPU decoder: not used (%s)\n", gpu.summary.decoding.c_str());
    }
    for (const auto& note : gpu.summary.decoding_notes) std::printf("    %s\n", note.c_str());
    compare_detection(clip, hwaccel);
  }
  fs::remove_all(work);
  return 0;
}
