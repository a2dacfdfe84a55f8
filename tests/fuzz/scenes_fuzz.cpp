// libFuzzer entry for the scene-list parsers and checks: any bytes, as JSON or as CSV, must give scenes or an
// error, never a crash, a leak or a scene that passes the check with an end before its start.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "analyze/scenes.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace autocut::analyze;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)parse_time(text);
  for (auto list : {parse_scenes_json(text), parse_scenes_csv(text)}) {
    list = check_scenes(std::move(list), 60.0);
    for (const auto& scene : list.scenes)
      if (scene.error.empty() && !(scene.start_s < scene.end_s && scene.end_s <= 60.0)) std::abort();
  }
  return 0;
}
