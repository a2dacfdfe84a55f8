// What the local AI servers' answers come to, as the ai-runtimes probe reports it on every platform: each running
// server with its version and models, each fault, or that none answers (and whether Ollama is at least installed).
#pragma once

#include <vector>

#include "core/runtime_facts.hpp"
#include "detect/probe.hpp"

namespace autocut::detect {

ProbeOutcome runtimes_outcome(const std::vector<core::AiRuntime>& runtimes);

}  // namespace autocut::detect
