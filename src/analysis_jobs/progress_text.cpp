#include "analysis_jobs/progress_text.hpp"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace autocut::analysis_jobs {
namespace {

std::string fixed(double value, int digits) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}

std::string duration(double seconds, bool zh) {
  const long whole = std::lround(seconds);
  if (seconds < 60) return zh ? fixed(seconds, seconds < 10 ? 1 : 0) + " 秒" : fixed(seconds, seconds < 10 ? 1 : 0) + " s";
  const std::string minutes = std::to_string(whole / 60), rest = std::to_string(whole % 60);
  return zh ? minutes + " 分 " + rest + " 秒" : minutes + " min " + rest + " s";
}

}  // namespace

std::string progress_line(const Progress& progress, core::Language language) {
  const bool zh = language == core::Language::zh;
  std::string line = zh ? "场景 " : "scene ";
  line += std::to_string(progress.done) + "/" + (progress.total ? std::to_string(*progress.total) : "?");
  if (!progress.backend.empty()) line += " · " + progress.backend;
  if (progress.rate) line += " · " + fixed(*progress.rate, 1) + (zh ? " 个/秒" : " scenes/s");
  if (progress.eta_s) line += zh ? " · 约剩 " + duration(*progress.eta_s, zh) : " · about " + duration(*progress.eta_s, zh) + " left";
  if (progress.failed > 0) line += zh ? " · 失败 " + std::to_string(progress.failed) : " · " + std::to_string(progress.failed) + " failed";
  return line;
}

std::string summary_text(const nlohmann::ordered_json& job, core::Language language) {
  const bool zh = language == core::Language::zh;
  const auto& summary = job["summary"];
  const int scenes = summary.value("scenes", 0), failed = summary.value("failed", 0);
  const double seconds = summary.value("total_s", 0.0);
  std::string backends;
  for (const auto& [backend, count] : summary["by_backend"].items()) {
    if (!backends.empty()) backends += zh ? "，" : ", ";
    backends += zh ? backend + " " + std::to_string(count.get<int>()) + " 个"
                   : std::to_string(count.get<int>()) + " on " + backend;
  }
  std::string text;
  if (zh) {
    text = std::to_string(scenes) + " 个场景，用时 " + duration(seconds, zh) + (backends.empty() ? "" : "：" + backends) +
           "；失败 " + std::to_string(failed) + " 个。\n";
  } else {
    text = std::to_string(scenes) + (scenes == 1 ? " scene in " : " scenes in ") + duration(seconds, zh) +
           (backends.empty() ? "" : ": " + backends) + "; " + std::to_string(failed) + " failed.\n";
  }
  const auto& changes = job["plan_changes"];
  for (std::size_t i = 1; i < changes.size(); ++i) {
    const auto& change = changes[i];
    const auto after = std::to_string(change.value("scenes_done", 0));
    const auto backend = change.value("backend", std::string());
    const auto level = change.value("level", std::string());
    text += zh ? "完成 " + after + " 个场景后，策略把视觉任务改到 " + backend + "（级别 " + level + "）。\n"
               : "After " + after + " scenes the policy moved vision to " + backend + " (level " + level + ").\n";
  }
  const auto state = job.value("state", std::string());
  if (state == "cancelled")
    text += zh ? "已取消：保留已完成的场景。\n" : "Cancelled: the scenes already done are kept.\n";
  if (job.contains("error") && job["error"].is_string())
    text += (zh ? "出错：" : "Error: ") + job["error"].get<std::string>() + "\n";
  return text;
}

}  // namespace autocut::analysis_jobs
