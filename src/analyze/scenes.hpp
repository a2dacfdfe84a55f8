// The scenes of a video, as a caller gives them: a JSON list of {start, end} (seconds, or "HH:MM:SS.mmm"), or
// PySceneDetect's `list-scenes` CSV. Parsing and checking are pure; a scene that cannot be analysed gets its own
// error and the others go on.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace autocut::analyze {

struct Scene {
  int index = 0;  // 1-based, in the order given
  double start_s = 0;
  double end_s = 0;
  std::string error;  // why this scene will not be analysed; empty when it will
};

struct SceneList {
  std::vector<Scene> scenes;
  std::string error;  // why none can be read; empty on success
};

// "12.5", "00:01:02.250", "01:02.5" → seconds; nullopt for anything else (negative numbers included).
std::optional<double> parse_time(std::string_view text);

SceneList parse_scenes_json(std::string_view text);
SceneList parse_scenes_csv(std::string_view text);  // PySceneDetect list-scenes, with or without "Timecode List:"

// Marks scenes that are reversed or empty, start past the end of the video, or overlap the one before; a scene
// that runs past the end is cut at the end (and keeps going). An empty list is the list's error.
SceneList check_scenes(SceneList list, double video_duration_s);

}  // namespace autocut::analyze
