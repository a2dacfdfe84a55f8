// What an ffmpeg detection comes to, as the ffmpeg probe reports it on every platform: its version, where it is,
// which encoders passed their trial — or why it could not be used.
#pragma once

#include "core/host_facts.hpp"
#include "detect/editors/ffmpeg_capabilities.hpp"
#include "detect/probe.hpp"

namespace autocut::detect {

ProbeOutcome ffmpeg_outcome(FfmpegDetection detection, core::HostFacts& facts);

}  // namespace autocut::detect
