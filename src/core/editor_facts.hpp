// What can render the cut: DaVinci Resolve (and whether it can be scripted from outside) and ffmpeg with the
// encoders that really work here. Plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace autocut::core {

struct ResolveFacts {
  std::string install_path;
  std::optional<std::string> version;
  std::optional<bool> studio;      // unknown when its docs do not say
  bool scripting_api = false;      // Developer/Scripting/Modules/DaVinciResolveScript.py
  bool scripting_library = false;  // fusionscript.so, which the scripting module loads
  bool running = false;

  // External scripting needs the Studio edition, its scripting library and a running Resolve.
  bool scriptable() const { return studio.value_or(false) && scripting_library && running; }
};

struct EncoderTrial {
  std::string encoder;  // "h264_nvenc", "libx264", ...
  bool works = false;
  std::string detail;  // why not, in ffmpeg's words
};

// A GPU's decoder tried on a tiny clip of one codec, profile and bit depth; the frames must come out of the GPU, so
// ffmpeg's quiet fall back to software counts as a failure.
struct DecoderTrial {
  std::string hwaccel;  // "cuda", "vaapi", "qsv", "vulkan", "d3d11va", ...
  std::string sample;   // "h264 8-bit", "hevc 10-bit", "vp9 8-bit", "av1 8-bit"
  bool works = false;
  std::string detail;  // why not, in ffmpeg's words
};

struct FfmpegFacts {
  std::string path;
  std::optional<std::string> version;
  std::vector<std::string> hardware_encoders;  // listed by `ffmpeg -encoders`: not yet proof that they work
  std::vector<std::string> hwaccels;
  std::vector<EncoderTrial> trials;  // one-frame trial encodes
  // Trial decodes, for each hardware decoder with a device to use on this machine; none without one.
  std::vector<DecoderTrial> decode_trials;
  bool from_cache = false;  // trials reused from an earlier run with the same binary
};

}  // namespace autocut::core
