#include "policy/limits.hpp"

#include <algorithm>
#include <cmath>

namespace autocut::policy {

using std::chrono::seconds;

Limits limits_for(TaskKind kind, Backend backend, core::Level level, double usable_cpus) {
  const int cpus = std::max(1, static_cast<int>(std::floor(usable_cpus)));
  switch (kind) {
    case TaskKind::vision:
      switch (backend) {
        case Backend::ollama_gpu:
        case Backend::local_openai:
          // Stronger GPUs take more frames per scene at a larger size, and several requests at once.
          if (level == core::Level::local_gpu_high) return {4, 8, 3, 1280, seconds(120)};
          if (level == core::Level::local_gpu_mid) return {2, 4, 3, 1024, seconds(120)};
          return {1, 2, 1, 768, seconds(180)};
        case Backend::ollama_cpu:
          return {1, 1, 1, 512, seconds(300)};
        case Backend::cloud:
          return {4, 1, 3, 1024, seconds(60)};
        case Backend::builtin:
          return {cpus, 1, 3, 640, seconds(60)};
        default:
          return {};
      }
    case TaskKind::planning:
      if (backend == Backend::cloud) return {2, 1, 1, 0, seconds(60)};
      if (backend == Backend::ollama_cpu) return {1, 1, 1, 0, seconds(300)};
      return {1, 1, 1, 0, seconds(120)};
    case TaskKind::editing:
      if (backend == Backend::davinci_resolve) return {1, 1, 1, 0, seconds(3600)};
      if (backend == Backend::ffmpeg_hardware) return {2, 1, 1, 0, seconds(1800)};
      return {std::max(1, cpus / 4), 1, 1, 0, seconds(3600)};
  }
  return {};
}

}  // namespace autocut::policy
