// The policy for people and programs: JSON, and plain English or Chinese with the reasons and suggestions. Pure.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/language.hpp"
#include "policy/policy.hpp"

namespace autocut::policy {

// Each reason's "text" is in `language`; codes and values stay the same in every language.
nlohmann::ordered_json policy_to_json(const ExecutionPolicy& policy, core::Language language = core::Language::en);
nlohmann::ordered_json task_to_json(const TaskPolicy& task, core::Language language = core::Language::en);
std::string explain_policy(const ExecutionPolicy& policy, core::Language language);
std::string explain_task(const TaskPolicy& task, core::Language language);  // one line: where, with what, why
std::string sentence(const Note& note, core::Language language);            // a reason or suggestion in words

}  // namespace autocut::policy
