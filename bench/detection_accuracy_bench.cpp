// How exactly scenes are found, next to ffmpeg's `select='gt(scene,0.4)'` on the same videos: generated clips whose
// transitions are known — hard cuts, dissolves (xfade), fades through black, and white flashes that are not cuts —
// each detector's cuts matched one to one with the true ones within a tolerance, then precision and recall.
// Usage: detection_accuracy_bench
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "analyze/parallel_scene_detection.hpp"

namespace {

namespace fs = std::filesystem;

struct Clip {
  std::string name;
  std::string inputs;  // ffmpeg's inputs
  std::string filter;  // ffmpeg's -filter_complex making [v] from them
  std::vector<double> cuts;
  double tolerance_s;  // how far from the true time a found cut still counts
};

constexpr double kSegment = 4, kTransition = 1;
const char* const kSources[] = {"testsrc2",
                                "smptebars",
                                "mandelbrot",
                                "life=s=640x360:mold=10:r=25:ratio=0.1",
                                "cellauto=s=640x360:r=25:rule=110",
                                "rgbtestsrc",
                                "color=c=navy",
                                "gradients"};
constexpr int kSegments = 8;

std::string inputs() {
  std::string text;
  for (const char* source : kSources) {
    const std::string s = source;
    const bool sized = s.find("s=") != std::string::npos;
    text += " -f lavfi -t " + std::to_string(kSegment) + " -i " + s + (s.find('=') == std::string::npos ? "=" : ":") +
            (sized ? "" : "size=640x360:") + "rate=25";
  }
  return text;
}

// Each input made alike (size, rate, format), as xfade needs.
std::string normalised() {
  std::string text;
  for (int i = 0; i < kSegments; ++i)
    text += "[" + std::to_string(i) + ":v]scale=640:360,fps=25,format=yuv420p,setsar=1[s" + std::to_string(i) + "];";
  return text;
}

Clip hard_cuts() {
  Clip clip{"hard cuts", inputs(), normalised(), {}, 0.1};
  for (int i = 0; i < kSegments; ++i) clip.filter += "[s" + std::to_string(i) + "]";
  clip.filter += "concat=n=" + std::to_string(kSegments) + ":v=1[v]";
  for (int i = 1; i < kSegments; ++i) clip.cuts.push_back(i * kSegment);
  return clip;
}

// Transitions of one second: the true time is the middle, anywhere within the transition counts.
Clip transitions(const std::string& name, const std::string& kind) {
  Clip clip{name, inputs(), normalised(), {}, kTransition / 2 + 0.1};
  std::string last = "s0";
  for (int i = 1; i < kSegments; ++i) {
    const double offset = i * (kSegment - kTransition);
    const std::string out = i + 1 == kSegments ? "v" : "x" + std::to_string(i);
    clip.filter += "[" + last + "][s" + std::to_string(i) + "]xfade=transition=" + kind +
                   ":duration=" + std::to_string(kTransition) + ":offset=" + std::to_string(offset) + "[" + out + "]" +
                   (i + 1 == kSegments ? "" : ";");
    last = out;
    clip.cuts.push_back(offset + kTransition / 2);
  }
  return clip;
}

// One moving shot with three two-frame white flashes: no cut at all.
Clip flashes() {
  return {"white flashes (no cuts)",
          " -f lavfi -t 32 -i testsrc2=size=640x360:rate=25",
          "[0:v]format=yuv420p,"
          "drawbox=color=white:t=fill:enable='between(n,150,151)+between(n,400,401)+between(n,650,651)'[v]",
          {},
          0.1};
}

bool make(const Clip& clip, const fs::path& path) {
  const std::string command = "ffmpeg -hide_banner -nostdin -loglevel error -y" + clip.inputs + " -filter_complex \"" +
                              clip.filter + "\" -map '[v]' -c:v libx264 -preset veryfast '" + path.string() + "'";
  return std::system(command.c_str()) == 0;
}

std::vector<double> ffmpeg_cuts(const fs::path& clip, const fs::path& log) {
  const std::string command = "ffmpeg -hide_banner -nostdin -i '" + clip.string() +
                              "' -vf \"select='gt(scene,0.4)',showinfo\" -f null - 2> '" + log.string() + "'";
  std::vector<double> cuts;
  if (std::system(command.c_str()) != 0) return cuts;
  FILE* in = std::fopen(log.c_str(), "r");
  if (!in) return cuts;
  char line[4096];
  while (std::fgets(line, sizeof line, in))
    if (const char* at = std::strstr(line, "pts_time:")) cuts.push_back(std::atof(at + 9));
  std::fclose(in);
  return cuts;
}

struct Score {
  int found = 0, matched = 0;
  double precision() const { return found ? static_cast<double>(matched) / found : 1.0; }
};

// Each true cut matched with at most one found cut, the nearest within the tolerance.
Score score(std::vector<double> found, const Clip& clip) {
  Score result{static_cast<int>(found.size()), 0};
  for (const double truth : clip.cuts) {
    auto best = found.end();
    for (auto it = found.begin(); it != found.end(); ++it)
      if (std::abs(*it - truth) <= clip.tolerance_s &&
          (best == found.end() || std::abs(*it - truth) < std::abs(*best - truth)))
        best = it;
    if (best != found.end()) {
      ++result.matched;
      found.erase(best);
    }
  }
  return result;
}

std::string recall(const Score& s, const Clip& clip) {
  if (clip.cuts.empty()) return "   -  ";
  char text[16];
  std::snprintf(text, sizeof text, "%5.2f", static_cast<double>(s.matched) / static_cast<double>(clip.cuts.size()));
  return text;
}

}  // namespace

int main() {
  using namespace autocut;
  const fs::path work = fs::temp_directory_path() / ("autocut-accuracy-bench-" + std::to_string(::getpid()));
  fs::create_directories(work);
  const std::vector<Clip> clips{hard_cuts(), transitions("dissolves (xfade fade, 1 s)", "fade"),
                                transitions("fades through black (1 s)", "fadeblack"), flashes()};
  std::printf("scene detection accuracy, 640x360 H.264 at 25 fps; found cuts matched to true ones one to one\n");
  std::printf("%-28s %5s | %-29s | %-29s\n", "", "true", "autocut (HSV content, 27)", "ffmpeg select gt(scene,0.4)");
  std::printf("%-28s %5s | %5s %5s %9s %6s | %5s %5s %9s %6s\n", "clip", "cuts", "found", "right", "precision",
              "recall", "found", "right", "precision", "recall");
  for (const auto& clip : clips) {
    const auto path = work / "clip.mp4";
    if (!make(clip, path)) {
      std::fprintf(stderr, "detection_accuracy_bench: ffmpeg could not make the %s clip\n", clip.name.c_str());
      return 1;
    }
    const auto detected = analyze::detect_scenes_in_parallel(path);
    std::vector<double> ours;
    for (std::size_t i = 1; i < detected.scenes.size(); ++i) ours.push_back(detected.scenes[i].start_s);
    const auto theirs = ffmpeg_cuts(path, work / "ffmpeg.log");
    const auto a = score(ours, clip), b = score(theirs, clip);
    std::printf("%-28s %5zu | %5d %5d %9.2f %6s | %5d %5d %9.2f %6s\n", clip.name.c_str(), clip.cuts.size(), a.found,
                a.matched, a.precision(), recall(a, clip).c_str(), b.found, b.matched, b.precision(),
                recall(b, clip).c_str());
  }
  fs::remove_all(work);
  return 0;
}
