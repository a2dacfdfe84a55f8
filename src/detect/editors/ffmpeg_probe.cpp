// ffmpeg and the encoders that passed their one-frame trial, collected from the background detection; for a
// captured machine, replayed from its recorded listings and trials.
#include "detect/editors/ffmpeg_outcome.hpp"
#include "detect/probe.hpp"
#include "detect/slow_probes.hpp"

namespace autocut::detect {

ProbeOutcome probe_ffmpeg(const ProbeContext& context, core::HostFacts& facts) {
  if (!context.root.is_live()) {
    if (const auto recorded = replayed(context.options.answers, "ffmpeg"))
      return ffmpeg_outcome(replay_ffmpeg(*recorded), facts);
    facts.not_asked.emplace_back("ffmpeg");
    return absent(
        "not run: ffmpeg on this machine does not describe the captured one, and the capture holds no "
        "recorded answers of its own");
  }
  if (!context.slow || !context.slow->ffmpeg.valid()) return absent("ffmpeg is not on PATH");
  return ffmpeg_outcome(context.slow->ffmpeg.get(), facts);
}

}  // namespace autocut::detect
