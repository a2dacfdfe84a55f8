// What the installed ffmpeg can encode and decode: its listings, then a one-frame trial of every hardware encoder it
// lists (and libx264), and a trial decode for each hardware decoder with a device here (ffmpeg_decode_trials), run
// concurrently under a deadline. Results are cached per binary (path, size, mtime) and GPU drivers, so repeated
// detection does not pay for the spawns.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "core/editor_facts.hpp"

namespace autocut::detect {

struct FfmpegDetection {
  std::optional<core::FfmpegFacts> facts;
  std::string problem;  // ffmpeg absent, hung or unreadable
};

struct FfmpegSettings {
  std::string binary;  // a path
  std::optional<std::filesystem::path> cache_file;
  std::chrono::milliseconds listing_timeout{5000};
  std::chrono::milliseconds trial_timeout{5000};
  // `autocut capture`: the listings and trials as they come, into DIR/autocut-answers/ffmpeg (no cache is used).
  std::optional<std::filesystem::path> record_into;
  // Which hwaccels have a device to open here (ffmpeg_decode_trials: device_present); a seam for the tests.
  bool (*has_device)(const std::string& hwaccel) = nullptr;
  // Where the clips decoded in the trials are kept; beside the cache file when not given.
  std::optional<std::filesystem::path> samples_dir;
};

FfmpegDetection detect_ffmpeg(const FfmpegSettings& settings);

// A captured machine's ffmpeg from its recorded listings and trials, read by the same parsers as a live run's.
FfmpegDetection replay_ffmpeg(const std::filesystem::path& directory);

// The trial command for one encoder; VAAPI needs a device and frames uploaded to it.
std::vector<std::string> trial_command(const std::string& binary, const std::string& encoder);

}  // namespace autocut::detect
