// An analysis job in words: the progress line a terminal redraws, and the summary at the end.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "analysis_jobs/analysis_job.hpp"
#include "core/language.hpp"

namespace autocut::analysis_jobs {

// "scene 3/12 · ollama-gpu · 1.4 scenes/s · about 7 s left"
std::string progress_line(const Progress& progress, core::Language language);

// From AnalysisJob::to_json: how many scenes, on which backends, how many failed, how long, and where the policy
// moved vision on the way. Lines end with a newline.
std::string summary_text(const nlohmann::ordered_json& job, core::Language language);

}  // namespace autocut::analysis_jobs
