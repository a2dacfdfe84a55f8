// A sample for people (one line, English or Chinese, in the original's terms) and for programs (JSON). Pure.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/language.hpp"
#include "core/level.hpp"
#include "monitor/engine.hpp"
#include "monitor/sample.hpp"

namespace autocut::monitor {

std::string sample_line(const Sample& sample, core::Level level, const std::vector<std::string>& active_rules,
                        core::Language language);
nlohmann::ordered_json sample_to_json(const Sample& sample);
nlohmann::ordered_json event_to_json(const Event& event);

}  // namespace autocut::monitor
