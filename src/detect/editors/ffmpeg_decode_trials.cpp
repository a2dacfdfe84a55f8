#include "detect/editors/ffmpeg_decode_trials.hpp"

#include <algorithm>
#include <future>
#include <random>

#include "detect/editors/ffmpeg_trial_outcome.hpp"
#include "sys/environment.hpp"
#include "sys/file_text.hpp"
#include "sys/process.hpp"

namespace autocut::detect {
namespace {

namespace fs = std::filesystem;

bool any_render_node() {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator("/dev/dri", error))
    if (entry.path().filename().string().starts_with("renderD")) return true;
  return false;
}

// Two frames of a moving pattern, small but above every decoder's minimum size.
std::vector<std::string> make_command(const std::string& binary, const DecodeSample& sample, const fs::path& out) {
  std::vector<std::string> command{
      binary, "-hide_banner", "-nostdin", "-loglevel", "error",
      "-y",   "-f",           "lavfi",    "-i",        "testsrc2=size=256x144:rate=25:duration=0.08"};
  command.insert(command.end(), sample.make.begin(), sample.make.end());
  command.push_back(out.string());
  return command;
}

}  // namespace

const std::vector<DecodeSample>& decode_samples() {
  static const std::vector<DecodeSample> samples{
      {"h264 8-bit", "h264-8.mkv", {"-c:v", "libx264", "-profile:v", "high", "-pix_fmt", "yuv420p"}, "libx264", "nv12"},
      {"h264 10-bit",
       "h264-10.mkv",
       {"-c:v", "libx264", "-profile:v", "high10", "-pix_fmt", "yuv420p10le"},
       "libx264",
       "p010le"},
      {"hevc 8-bit",
       "hevc-8.mkv",
       {"-c:v", "libx265", "-pix_fmt", "yuv420p", "-x265-params", "log-level=error"},
       "libx265",
       "nv12"},
      {"hevc 10-bit",
       "hevc-10.mkv",
       {"-c:v", "libx265", "-pix_fmt", "yuv420p10le", "-x265-params", "log-level=error"},
       "libx265",
       "p010le"},
      {"vp9 8-bit", "vp9-8.mkv", {"-c:v", "libvpx-vp9", "-pix_fmt", "yuv420p"}, "libvpx-vp9", "nv12"},
      {"av1 8-bit", "av1-8.mkv", {"-c:v", "libaom-av1", "-cpu-used", "8", "-pix_fmt", "yuv420p"}, "libaom-av1", "nv12"},
  };
  return samples;
}

bool device_present(const std::string& hwaccel) {
  std::error_code error;
  if (hwaccel == "cuda")
    return fs::exists("/proc/driver/nvidia/version", error) || fs::exists("C:/Windows/System32/nvcuda.dll", error);
  if (hwaccel == "vaapi" || hwaccel == "qsv" || hwaccel == "vulkan")
    return any_render_node() || (hwaccel != "vaapi" && fs::exists("C:/Windows/System32/d3d11.dll", error));
  if (hwaccel == "d3d11va" || hwaccel == "dxva2") return fs::exists("C:/Windows/System32/d3d11.dll", error);
  if (hwaccel == "videotoolbox") return fs::exists("/System/Library/Frameworks/VideoToolbox.framework", error);
  return false;  // vdpau, drm, opencl: not decoders analysis would use
}

std::vector<std::string> hwaccels_to_try(const std::vector<std::string>& listed,
                                         bool (*has_device)(const std::string& hwaccel)) {
  std::vector<std::string> chosen;
  for (const auto& hwaccel : listed)
    if (has_device(hwaccel)) chosen.push_back(hwaccel);
  return chosen;
}

std::string devices_identity() {
  std::string identity = sys::read_file("/proc/driver/nvidia/version").value_or("");
  identity = identity.substr(0, identity.find('\n'));
  std::error_code error;
  std::vector<std::string> nodes;
  for (const auto& entry : fs::directory_iterator("/dev/dri", error)) nodes.push_back(entry.path().filename().string());
  std::sort(nodes.begin(), nodes.end());
  for (const auto& node : nodes) identity += "|" + node;
  return identity;
}

std::vector<std::string> decode_trial_command(const std::string& binary, const std::string& hwaccel,
                                              const DecodeSample& sample, const fs::path& clip) {
  std::vector<std::string> command{binary, "-hide_banner", "-nostdin", "-loglevel", "error"};
  if (hwaccel == "vaapi") command.insert(command.end(), {"-hwaccel_device", "/dev/dri/renderD128"});
  command.insert(command.end(), {"-hwaccel", hwaccel, "-hwaccel_output_format", hwaccel, "-i", clip.string(), "-vf",
                                 "hwdownload,format=" + sample.downloaded_format, "-f", "null", "-"});
  return command;
}

std::vector<core::DecoderTrial> run_decode_trials(const std::string& binary, const std::vector<std::string>& hwaccels,
                                                  const std::vector<std::string>& encoders, const fs::path& samples_dir,
                                                  std::chrono::milliseconds timeout) {
  std::vector<core::DecoderTrial> trials;
  if (hwaccels.empty()) return trials;
  std::error_code error;
  fs::create_directories(samples_dir, error);
  // The clips first, all at once; those already made are kept from an earlier run.
  std::vector<const DecodeSample*> usable;
  std::vector<std::future<bool>> made;
  for (const auto& sample : decode_samples()) {
    if (std::find(encoders.begin(), encoders.end(), sample.encoder) == encoders.end()) continue;
    usable.push_back(&sample);
    const auto clip = samples_dir / sample.file;
    made.push_back(std::async(std::launch::async, [&binary, &sample, clip, timeout] {
      std::error_code exists_error;
      if (fs::exists(clip, exists_error)) return true;
      // A name of its own: two detections sharing the directory never write the same file.
      const auto partial = fs::path(clip.string() + "." + std::to_string(std::random_device{}()) + ".part.mkv");
      const auto run =
          sys::run_process(make_command(binary, sample, partial), timeout, 64 * 1024, sys::tool_environment());
      std::error_code rename_error;
      if (run.exit_code == 0) fs::rename(partial, clip, rename_error);  // whole, or not there at all
      if (run.exit_code != 0 || rename_error) fs::remove(partial, rename_error);
      return run.exit_code == 0 && fs::exists(clip, exists_error);
    }));
  }
  std::vector<const DecodeSample*> ready;
  for (std::size_t i = 0; i < usable.size(); ++i)
    if (made[i].get()) ready.push_back(usable[i]);

  std::vector<std::future<core::DecoderTrial>> running;
  for (const auto& hwaccel : hwaccels)
    for (const auto* sample : ready)
      running.push_back(std::async(std::launch::async, [&binary, hwaccel, sample, &samples_dir, timeout] {
        const auto outcome =
            trial_outcome(sys::run_process(decode_trial_command(binary, hwaccel, *sample, samples_dir / sample->file),
                                           timeout, 64 * 1024, sys::tool_environment()),
                          timeout);
        return core::DecoderTrial{hwaccel, sample->name, outcome.works, outcome.detail};
      }));
  for (auto& trial : running) trials.push_back(trial.get());
  return trials;
}

}  // namespace autocut::detect
