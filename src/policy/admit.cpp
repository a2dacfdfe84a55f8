#include "policy/admit.hpp"

#include "policy/resolve.hpp"

namespace autocut::policy {

Admission admit(const core::RuntimeProfile& profile, PolicyConfig config, core::Level level, TaskKind kind,
                const std::optional<std::string>& model) {
  if (model && kind == TaskKind::vision) config.local_vision_model = model;
  auto policy = resolve(profile, config, level);
  auto& task = kind == TaskKind::vision ? policy.vision : kind == TaskKind::planning ? policy.planning : policy.editing;
  return {task.backend != Backend::none, std::move(task)};
}

}  // namespace autocut::policy
