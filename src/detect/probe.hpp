// What one probe reports about itself, and the helpers probes share to say it.
#pragma once

#include <chrono>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/host_facts.hpp"
#include "detect/captured_answers.hpp"
#include "sys/host_root.hpp"

namespace autocut::detect {

struct ProbeOutcome {
  core::ProbeState state = core::ProbeState::ok;
  std::string detail;
};

inline ProbeOutcome ok(std::string detail) { return {core::ProbeState::ok, std::move(detail)}; }
inline ProbeOutcome absent(std::string detail) { return {core::ProbeState::absent, std::move(detail)}; }
inline ProbeOutcome failed(std::string detail) { return {core::ProbeState::failed, std::move(detail)}; }

// Choices made at the edge (environment, flags) that probes must not look up themselves.
struct DetectOptions {
  std::optional<std::string> nvml_library;  // AUTOCUT_NVML_LIBRARY: a specific libnvidia-ml to load
  // autocut-nvml-probe, which takes NVML's first look in a process of its own; none: in this process.
  std::optional<std::string> nvml_helper;
  std::chrono::milliseconds nvml_deadline{5000};  // AUTOCUT_NVML_TIMEOUT_MS
  std::optional<std::string> amdgpu_library;      // AUTOCUT_AMDGPU_LIBRARY: a specific libdrm_amdgpu to load
  // Where local AI runtimes listen (OLLAMA_HOST and friends) and how long each request may take.
  std::string ollama_host = "http://127.0.0.1:11434";
  std::string llama_cpp_host = "http://127.0.0.1:8080";
  std::string lm_studio_host = "http://127.0.0.1:1234";
  std::string vllm_host = "http://127.0.0.1:8000";
  std::chrono::milliseconds http_timeout{300};
  std::vector<std::string> path;                           // PATH, to tell "installed" from "not installed"
  core::CloudFacts cloud;                                  // from the configuration: no network call is made for it
  std::optional<std::string> resolve_script_api;           // RESOLVE_SCRIPT_API
  std::optional<std::string> resolve_script_lib;           // RESOLVE_SCRIPT_LIB
  std::optional<std::filesystem::path> ffmpeg_cache_file;  // where trial results are kept between runs
  // Off: the probes that wait on other programs are not run and are marked pending (a service that answers at
  // once and completes its profile in the background).
  bool slow_probes = true;
  // A captured machine's recorded answers (DIR/autocut-answers), replayed under --root; or where `autocut capture`
  // records this machine's.
  std::optional<CapturedAnswers> answers;
  bool ollama_host_given = false;  // --ollama-host on the command line: that server is asked even under --root
  // Where a local Ollama may keep its models, in order: its files tell the exact sizes of weights and encoder.
  std::vector<std::filesystem::path> ollama_models_dirs;
  std::vector<std::filesystem::path> lm_studio_models_dirs;  // LM Studio's models folder, likewise
};

// Runs one probe, times it and turns an escaped exception into its failure: a probe bug costs its own section only,
// never the document. The runner of every platform's probe list.
template <class Run>
core::ProbeStatus run_probe(std::string_view name, Run&& run) {
  const auto start = std::chrono::steady_clock::now();
  ProbeOutcome outcome;
  try {
    outcome = run();
  } catch (const std::exception& error) {
    outcome = failed(std::string("internal error: ") + error.what());
  }
  const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  return {std::string(name), outcome.state, std::move(outcome.detail), elapsed};
}

// Probes that wait on other programs (HTTP servers, ffmpeg trials) start when detection starts and run while the
// quick file-reading probes do; their registered probe collects the result.
struct SlowProbes;

struct ProbeContext {
  const sys::HostRoot& root;
  const DetectOptions& options;
  SlowProbes* slow = nullptr;  // null when a probe is called on its own
};

// Every probe has this shape: read through the root, fill in its part of the facts, say how it went.
// A probe may leave partial facts behind when it fails; it never throws for bad host data. Later probes see what
// earlier ones found (the GPU probes enrich the PCI probe's list).
using ProbeFunction = ProbeOutcome (*)(const ProbeContext& context, core::HostFacts& facts);

ProbeOutcome probe_os(const ProbeContext& context, core::HostFacts& facts);
ProbeOutcome probe_cpu(const ProbeContext& context, core::HostFacts& facts);
ProbeOutcome probe_memory(const ProbeContext& context, core::HostFacts& facts);
ProbeOutcome probe_cgroup(const ProbeContext& context, core::HostFacts& facts);
ProbeOutcome probe_pressure(const ProbeContext& context, core::HostFacts& facts);
ProbeOutcome probe_pci_gpus(const ProbeContext& context, core::HostFacts& facts);
ProbeOutcome probe_nvml(const ProbeContext& context, core::HostFacts& facts);
ProbeOutcome probe_amdgpu(const ProbeContext& context, core::HostFacts& facts);
ProbeOutcome probe_intel_gpu(const ProbeContext& context, core::HostFacts& facts);
ProbeOutcome probe_gpu_names(const ProbeContext& context, core::HostFacts& facts);
ProbeOutcome probe_ai_runtimes(const ProbeContext& context, core::HostFacts& facts);
ProbeOutcome probe_cloud(const ProbeContext& context, core::HostFacts& facts);
// The cloud endpoints as configured (no network call is made for them): the cloud probe of every platform.
ProbeOutcome cloud_from_settings(const DetectOptions& options, core::HostFacts& facts);
ProbeOutcome probe_resolve(const ProbeContext& context, core::HostFacts& facts);
ProbeOutcome probe_ffmpeg(const ProbeContext& context, core::HostFacts& facts);

}  // namespace autocut::detect
