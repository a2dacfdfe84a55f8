// The WindowsHost of the machine this program runs on: each question answered by the Win32, DXGI or NVML call it
// names. Windows only. Not thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "detect/gpu/nvml_library.hpp"
#include "sys/windows/windows_host.hpp"

namespace autocut::sys::windows {

class LiveHost final : public WindowsHost {
 public:
  // `nvml_library`: a specific nvml.dll (AUTOCUT_NVML_LIBRARY), instead of the driver's NVSMI and System32 copies.
  explicit LiveHost(std::optional<std::string> nvml_library = std::nullopt) : nvml_library_(std::move(nvml_library)) {}

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
  std::optional<std::string> nvml_library_;
  std::unique_ptr<detect::nvml::Library> nvml_loaded_;
};

}  // namespace autocut::sys::windows
