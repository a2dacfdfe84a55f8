// One function per kind of local AI server: asks it what it is and which models it has. Each blocks for at most
// its budget and never throws; a server that is absent, silent or wrong is described in `problem`.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/runtime_facts.hpp"
#include "detect/probe.hpp"

namespace autocut::detect {

struct RuntimeQuery {
  std::string url;
  std::chrono::milliseconds timeout{300};   // per request
  std::chrono::milliseconds budget{1500};   // for the whole conversation with this server
  std::optional<CapturedAnswers> captured;  // this server's: DIR/autocut-answers/runtimes/<kind>
  // Where the server's model files may be read on this machine: only for a server on loopback, never for a replay.
  std::vector<std::filesystem::path> models_dirs = {};
  bool files_readable = false;  // the server is on this machine and asked live: the files it names are here
};

core::AiRuntime query_ollama(const RuntimeQuery& query);
core::AiRuntime query_llama_cpp(const RuntimeQuery& query);
core::AiRuntime query_lm_studio(const RuntimeQuery& query);
core::AiRuntime query_vllm(const RuntimeQuery& query);

// How one kind ("ollama", "llama-cpp", "lm-studio", "vllm") is asked at `configured`: its time budget, and its
// captured answers to replay or record as options.answers says (a server named by --ollama-host is asked live).
RuntimeQuery runtime_query(const DetectOptions& options, const char* kind, const std::string& configured);

// Every kind above at its configured address, all at once: as long as the slowest one takes. With
// options.answers, each server's answers are replayed from (or recorded into) the capture's directory instead.
std::vector<core::AiRuntime> query_all_runtimes(const DetectOptions& options);

}  // namespace autocut::detect
