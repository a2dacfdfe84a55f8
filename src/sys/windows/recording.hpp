// A Windows machine's answers as one JSON document (`autocut capture`): replayed by ReplayHost, made by
// RecordingHost around the live host while detection runs, so it holds exactly what detection asked. Pure.
#pragma once

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sys/windows/windows_host.hpp"

namespace autocut::sys::windows {

inline constexpr const char* kRecordingFormat = "autocut-windows-capture";

struct Recording {
  std::optional<ProcessorTopology> processor_topology;
  std::optional<Cpuid> cpuid;
  std::vector<int> process_affinity;
  std::optional<MemoryStatus> memory_status;
  std::optional<SystemTimes> system_times;  // asked by the monitor's sampler, not by detection
  std::optional<JobLimits> job_limits;
  std::optional<OsVersion> os_version;
  std::map<std::string, std::string> registry;  // "KEY\name" → value; what is not here was not there
  std::optional<std::vector<DxgiAdapter>> dxgi_adapters;
  NvmlAnswers nvml;
  std::map<std::string, std::string> environment;
  std::map<std::string, bool> files;
  std::map<std::string, FileVersion> file_versions;
  std::vector<std::string> process_names;
};

nlohmann::ordered_json recording_to_json(const Recording& recording);

struct RecordingFromJson {
  std::optional<Recording> recording;
  std::string error;  // which field is missing or of the wrong kind
};
RecordingFromJson recording_from_json(const nlohmann::ordered_json& document);
// A recording file, read and checked; the error says why it is not one.
RecordingFromJson read_recording(const std::string& path);

class ReplayHost : public WindowsHost {  // not final: a test may script one answer over a recording
 public:
  explicit ReplayHost(Recording recording) : recording_(std::move(recording)) {}

  std::optional<ProcessorTopology> processor_topology() override { return recording_.processor_topology; }
  std::optional<Cpuid> cpuid() override { return recording_.cpuid; }
  std::vector<int> process_affinity() override { return recording_.process_affinity; }
  std::optional<MemoryStatus> memory_status() override { return recording_.memory_status; }
  std::optional<SystemTimes> system_times() override { return recording_.system_times; }
  std::optional<JobLimits> job_limits() override { return recording_.job_limits; }
  std::optional<OsVersion> os_version() override { return recording_.os_version; }
  std::optional<std::string> registry_value(const std::string& key, const std::string& name) override;
  std::optional<std::vector<DxgiAdapter>> dxgi_adapters() override { return recording_.dxgi_adapters; }
  NvmlAnswers nvml() override { return recording_.nvml; }
  std::optional<std::string> environment(const std::string& name) override;
  bool file_exists(const std::string& path) override;
  std::optional<FileVersion> file_version(const std::string& path) override;
  std::vector<std::string> process_names() override { return recording_.process_names; }

 private:
  Recording recording_;
};

// Passes every question to `host` and keeps its answer.
class RecordingHost final : public WindowsHost {
 public:
  explicit RecordingHost(WindowsHost& host) : host_(host) {}
  const Recording& recording() const { return recording_; }

  std::optional<ProcessorTopology> processor_topology() override;
  std::optional<Cpuid> cpuid() override;
  std::vector<int> process_affinity() override;
  std::optional<MemoryStatus> memory_status() override;
  std::optional<SystemTimes> system_times() override;
  std::optional<JobLimits> job_limits() override;
  std::optional<OsVersion> os_version() override;
  std::optional<std::string> registry_value(const std::string& key, const std::string& name) override;
  std::optional<std::vector<DxgiAdapter>> dxgi_adapters() override;
  NvmlAnswers nvml() override;
  std::optional<std::string> environment(const std::string& name) override;
  bool file_exists(const std::string& path) override;
  std::optional<FileVersion> file_version(const std::string& path) override;
  std::vector<std::string> process_names() override;

 private:
  WindowsHost& host_;
  Recording recording_;
};

}  // namespace autocut::sys::windows
