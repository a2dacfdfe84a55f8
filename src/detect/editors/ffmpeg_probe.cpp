// ffmpeg and the encoders that passed their one-frame trial, collected from the background detection.
#include "detect/probe.hpp"
#include "detect/slow_probes.hpp"

namespace autocut::detect {

ProbeOutcome probe_ffmpeg(const ProbeContext& context, core::HostFacts& facts) {
  if (!context.root.is_live()) return absent("not run: ffmpeg on this machine does not describe the captured one");
  if (!context.slow || !context.slow->ffmpeg.valid()) return absent("ffmpeg is not on PATH");
  auto detection = context.slow->ffmpeg.get();
  if (!detection.facts) return failed(detection.problem);

  facts.ffmpeg = std::move(*detection.facts);
  const auto& ffmpeg = *facts.ffmpeg;
  std::string working;
  for (const auto& trial : ffmpeg.trials)
    if (trial.works) working += (working.empty() ? "" : ", ") + trial.encoder;
  return ok("ffmpeg " + ffmpeg.version.value_or("(version unknown)") + " at " + ffmpeg.path + "; working encoders: " +
            (working.empty() ? "none" : working) + (ffmpeg.from_cache ? " (trials cached)" : ""));
}

}  // namespace autocut::detect
