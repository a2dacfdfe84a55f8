#include "detect/editors/ffmpeg_outcome.hpp"

namespace autocut::detect {

ProbeOutcome ffmpeg_outcome(FfmpegDetection detection, core::HostFacts& facts) {
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
