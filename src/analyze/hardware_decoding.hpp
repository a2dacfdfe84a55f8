// Which GPU decoder a video gets: only one the decode trials proved on this machine for the video's codec and bit
// depth (the profile's editors.ffmpeg.decoders), since a decoder that is listed is not yet one that works.
#pragma once

#include <string>
#include <vector>

#include "analyze/frame_decoder.hpp"

namespace autocut::analyze {

struct ProvenDecoder {
  std::string hwaccel;  // "cuda"
  std::string sample;   // "h264 8-bit"
};

// The first proven hwaccel for a stream's sample, opened on its device; none, with why, when no trial proved that
// sample or the device refuses now.
HardwareDecoderChoice proven_hardware(std::vector<ProvenDecoder> proven);

}  // namespace autocut::analyze
