// Which of the GPU decoders ffmpeg lists really decode here, and what: each hwaccel that has a device on this machine
// (an NVIDIA driver for cuda; a render node for vaapi, qsv and vulkan; Windows for d3d11va) decodes a tiny clip of
// each codec, profile and bit depth this ffmpeg can make one of. The frames must be downloaded from the GPU
// (hwdownload), so a decoder that ffmpeg quietly replaces by software fails its trial rather than passing it.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "core/editor_facts.hpp"

namespace autocut::detect {

// A clip to decode: made once by ffmpeg's own encoder, when this ffmpeg has it.
struct DecodeSample {
  std::string name;               // "h264 8-bit"
  std::string file;               // its file name
  std::vector<std::string> make;  // ffmpeg's output options making it
  std::string encoder;            // which must be listed
  std::string downloaded_format;  // what its frames are downloaded as: nv12 or p010le
};

const std::vector<DecodeSample>& decode_samples();

// The hwaccels worth a trial on this machine: listed by ffmpeg and with a device to open. `has_device` tells; a seam
// for the tests.
std::vector<std::string> hwaccels_to_try(const std::vector<std::string>& listed,
                                         bool (*has_device)(const std::string& hwaccel));
bool device_present(const std::string& hwaccel);

// What the trials depend on besides the binary: the GPU drivers' versions and the render nodes.
std::string devices_identity();

std::vector<std::string> decode_trial_command(const std::string& binary, const std::string& hwaccel,
                                              const DecodeSample& sample, const std::filesystem::path& clip);

// Makes the clips missing from `samples_dir`, then runs every trial at once, each under `timeout`. A sample that
// cannot be made is tried by no one.
std::vector<core::DecoderTrial> run_decode_trials(const std::string& binary, const std::vector<std::string>& hwaccels,
                                                  const std::vector<std::string>& encoders,
                                                  const std::filesystem::path& samples_dir,
                                                  std::chrono::milliseconds timeout);

}  // namespace autocut::detect
