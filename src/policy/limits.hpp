// How much of each kind of work to run at once, and how big, for a backend at a level. Pure.
#pragma once

#include "core/level.hpp"
#include "policy/policy.hpp"

namespace autocut::policy {

Limits limits_for(TaskKind kind, Backend backend, core::Level level, double usable_cpus);

}  // namespace autocut::policy
