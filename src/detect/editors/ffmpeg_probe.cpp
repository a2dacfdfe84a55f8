// ffmpeg and the encoders that passed their one-frame trial, collected from the background detection.
#include "detect/editors/ffmpeg_outcome.hpp"
#include "detect/probe.hpp"
#include "detect/slow_probes.hpp"

namespace autocut::detect {

ProbeOutcome probe_ffmpeg(const ProbeContext& context, core::HostFacts& facts) {
  if (!context.root.is_live()) return absent("not run: ffmpeg on this machine does not describe the captured one");
  if (!context.slow || !context.slow->ffmpeg.valid()) return absent("ffmpeg is not on PATH");
  return ffmpeg_outcome(context.slow->ffmpeg.get(), facts);
}

}  // namespace autocut::detect
