#include "analyze/scenes.hpp"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

namespace autocut::analyze {
namespace {

std::optional<double> number(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value) || value < 0)
    return std::nullopt;
  return value;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '"' || text.front() == '\r')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '"' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> split(std::string_view line, char separator) {
  std::vector<std::string_view> fields;
  for (;;) {
    const auto at = line.find(separator);
    fields.push_back(trim(line.substr(0, at)));
    if (at == std::string_view::npos) return fields;
    line.remove_prefix(at + 1);
  }
}

}  // namespace

std::optional<double> parse_time(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  const auto parts = split(text, ':');
  if (parts.size() > 3) return std::nullopt;
  double seconds = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto value = number(parts[i]);
    if (!value) return std::nullopt;
    const bool last = i + 1 == parts.size();
    if (!last && (std::floor(*value) != *value)) return std::nullopt;  // only seconds have a fraction
    if (i > 0 && *value >= 60) return std::nullopt;                    // minutes and seconds below 60
    seconds = seconds * 60 + *value;
  }
  return seconds;
}

SceneList parse_scenes_json(std::string_view text) {
  const auto document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded()) return {{}, "the scenes are not valid JSON"};
  const auto& list = document.is_object() && document.contains("scenes") ? document["scenes"] : document;
  if (!list.is_array()) return {{}, "the scenes must be a JSON list of {start, end}"};
  SceneList result;
  int index = 0;
  for (const auto& item : list) {
    Scene scene;
    scene.index = ++index;
    const auto seconds_in = [](const nlohmann::json& value) -> std::optional<double> {
      if (value.is_number()) return value.get<double>() >= 0 ? std::optional(value.get<double>()) : std::nullopt;
      if (value.is_string()) return parse_time(value.get<std::string>());
      return std::nullopt;
    };
    // {start, end}, the same as {start_time, end_time}, or a [start, end] pair (PySceneDetect's scene list).
    const auto time_of = [&](const char* key, const char* long_key, std::size_t position) -> std::optional<double> {
      if (item.is_array()) return item.size() == 2 ? seconds_in(item[position]) : std::nullopt;
      if (!item.is_object()) return std::nullopt;
      if (item.contains(key)) return seconds_in(item[key]);
      if (item.contains(long_key)) return seconds_in(item[long_key]);
      return std::nullopt;
    };
    const auto start = time_of("start", "start_time", 0);
    const auto end = time_of("end", "end_time", 1);
    if (!start || !end)
      scene.error = "start and end must be seconds or HH:MM:SS.mmm, not negative";
    else
      scene.start_s = *start, scene.end_s = *end;
    result.scenes.push_back(std::move(scene));
  }
  return result;
}

SceneList parse_scenes_csv(std::string_view text) {
  SceneList result;
  bool header_seen = false;
  int start_column = -1, end_column = -1;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    const auto line = trim(text.substr(0, newline));
    text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    if (line.empty() || line.starts_with("Timecode List")) continue;
    const auto fields = split(line, ',');
    if (!header_seen) {
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i] == "Start Time (seconds)") start_column = static_cast<int>(i);
        if (fields[i] == "End Time (seconds)") end_column = static_cast<int>(i);
      }
      if (start_column < 0 || end_column < 0)
        return {{}, "not a PySceneDetect scene list: no \"Start Time (seconds)\" and \"End Time (seconds)\" columns"};
      header_seen = true;
      continue;
    }
    Scene scene;
    scene.index = static_cast<int>(result.scenes.size()) + 1;
    const auto column = [&](int at) -> std::optional<double> {
      return at < static_cast<int>(fields.size()) ? number(fields[static_cast<std::size_t>(at)]) : std::nullopt;
    };
    const auto start = column(start_column);
    const auto end = column(end_column);
    if (!start || !end)
      scene.error = "row " + std::to_string(scene.index) + ": start and end must be seconds";
    else
      scene.start_s = *start, scene.end_s = *end;
    result.scenes.push_back(std::move(scene));
  }
  if (!header_seen) result.error = "the scene list is empty";
  return result;
}

SceneList check_scenes(SceneList list, double video_duration_s) {
  if (!list.error.empty()) return list;
  if (list.scenes.empty()) {
    list.error = "the scene list is empty";
    return list;
  }
  const Scene* previous = nullptr;
  for (auto& scene : list.scenes) {
    if (!scene.error.empty()) continue;
    if (scene.end_s <= scene.start_s)
      scene.error = "ends before it starts";
    else if (scene.start_s >= video_duration_s)
      scene.error = "starts after the video ends";
    else if (previous && scene.start_s < previous->end_s - 1e-6)
      scene.error = "overlaps scene " + std::to_string(previous->index);
    if (!scene.error.empty()) continue;
    scene.end_s = std::min(scene.end_s, video_duration_s);
    previous = &scene;
  }
  return list;
}

}  // namespace autocut::analyze
