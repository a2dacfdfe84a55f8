// What one probe reports about itself, and the helpers probes share to say it.
#pragma once

#include <string>

#include "core/host_facts.hpp"
#include "sys/host_root.hpp"

namespace autocut::detect {

struct ProbeOutcome {
  core::ProbeState state = core::ProbeState::ok;
  std::string detail;
};

inline ProbeOutcome ok(std::string detail) { return {core::ProbeState::ok, std::move(detail)}; }
inline ProbeOutcome absent(std::string detail) { return {core::ProbeState::absent, std::move(detail)}; }
inline ProbeOutcome failed(std::string detail) { return {core::ProbeState::failed, std::move(detail)}; }

// Every probe has this shape: read through the root, fill in its part of the facts, say how it went.
// A probe may leave partial facts behind when it fails; it never throws for bad host data.
using ProbeFunction = ProbeOutcome (*)(const sys::HostRoot& root, core::HostFacts& facts);

ProbeOutcome probe_os(const sys::HostRoot& root, core::HostFacts& facts);
ProbeOutcome probe_cpu(const sys::HostRoot& root, core::HostFacts& facts);
ProbeOutcome probe_memory(const sys::HostRoot& root, core::HostFacts& facts);
ProbeOutcome probe_cgroup(const sys::HostRoot& root, core::HostFacts& facts);
ProbeOutcome probe_pressure(const sys::HostRoot& root, core::HostFacts& facts);

}  // namespace autocut::detect
