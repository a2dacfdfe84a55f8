// The one door to a Windows machine, as HostRoot is to a Linux one: each Win32, DXGI and NVML question the Windows
// probes ask, and its answer as a plain value. The live implementation (live_host.cpp, Windows only) calls the APIs;
// the replay one answers from a recorded JSON file, so Windows detection runs and is tested on any platform.
// Implementations are not required to be thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace autocut::sys::windows {

// One RelationProcessorCore record of GetLogicalProcessorInformationEx.
struct ProcessorCore {
  int group = 0;
  std::vector<int> processors;  // the logical processors its group mask names, numbered within the group
  int efficiency_class = 0;     // higher is faster: P-cores above E-cores on hybrid parts; 0 on the others
};

struct ProcessorTopology {
  std::vector<ProcessorCore> cores;
  int packages = 0;  // RelationProcessorPackage records
  int groups = 1;    // processor groups (more than one beyond 64 logical processors)
};

// What CPUID and XGETBV answered: the leaves the inference ISA is read from.
struct Cpuid {
  std::string vendor;  // leaf 0: "GenuineIntel", "AuthenticAMD"
  std::uint32_t leaf1_ecx = 0;
  std::uint32_t leaf7_ebx = 0;
  std::uint32_t leaf7_ecx = 0;
  std::uint32_t leaf7_edx = 0;
  std::uint32_t leaf7_1_eax = 0;
  std::uint64_t xcr0 = 0;  // XGETBV(0): which register states the operating system saves
};

// GlobalMemoryStatusEx.
struct MemoryStatus {
  std::uint64_t total_physical = 0;
  std::uint64_t available_physical = 0;
  std::uint64_t total_page_file = 0;  // the commit limit: physical memory plus the page files
  std::uint64_t available_page_file = 0;
};

// GetSystemTimes: time spent by all processors since start-up, in 100-nanosecond units. Kernel time includes idle
// time. CPU use is the busy share of the difference between two readings.
struct SystemTimes {
  std::uint64_t idle = 0;
  std::uint64_t kernel = 0;
  std::uint64_t user = 0;
};

// The limits of the job object this process runs in (QueryInformationJobObject), Windows' container limits: what
// Docker's Windows containers and service hosts set. Each absent when that limit is not set.
struct JobLimits {
  std::optional<std::uint64_t> job_memory_bytes;      // JOB_OBJECT_LIMIT_JOB_MEMORY: all its processes together
  std::optional<std::uint64_t> process_memory_bytes;  // JOB_OBJECT_LIMIT_PROCESS_MEMORY: each process
  std::optional<double> cpu_rate_percent;             // a hard cap, in percent of all the machine's processors
};

// RtlGetVersion, which (unlike GetVersionEx) is not shimmed to an older version.
struct OsVersion {
  unsigned major = 0;
  unsigned minor = 0;
  unsigned build = 0;
};

// One adapter of IDXGIFactory1::EnumAdapters1, with IDXGIAdapter3::QueryVideoMemoryInfo for its local segment.
struct DxgiAdapter {
  std::string description;
  std::uint16_t vendor_id = 0;
  std::uint16_t device_id = 0;
  std::uint64_t dedicated_video_memory = 0;
  std::uint64_t dedicated_system_memory = 0;
  std::uint64_t shared_system_memory = 0;
  bool software = false;  // DXGI_ADAPTER_FLAG_SOFTWARE: the Basic Render Driver
  std::optional<std::uint64_t> budget_bytes;
  std::optional<std::uint64_t> usage_bytes;
  std::optional<std::string> pci_address;  // "0000:01:00.0", where the driver tells it
};

// What NVML (nvml.dll) says of one device.
struct NvmlDevice {
  std::string pci_address;  // "0000:01:00.0"
  std::optional<std::string> name;
  std::optional<std::string> uuid;
  std::optional<std::uint64_t> memory_total;
  std::optional<std::uint64_t> memory_used;
  std::optional<std::uint64_t> memory_free;
  std::optional<std::string> compute_capability;
  std::optional<double> utilization_percent;  // the share of the last sample period a kernel ran
  std::optional<int> memory_bus_width_bits;   // with the memory clock: the bandwidth token generation is bound by
  std::optional<int> memory_clock_max_mhz;
  std::optional<int> encoder_sessions;          // NVENC sessions open now
  std::optional<int> encoder_capacity_percent;  // of H.264 encoding left
};

struct NvmlAnswers {
  bool loaded = false;  // nvml.dll was found and initialised
  std::string problem;  // why not, when it was not
  std::optional<std::string> driver_version;
  std::vector<NvmlDevice> devices;
};

// The version resource of an executable (GetFileVersionInfoW): "DaVinci Resolve Studio", "19.0.3.7".
struct FileVersion {
  std::string product_name;
  std::string product_version;
};

class WindowsHost {
 public:
  virtual ~WindowsHost() = default;

  virtual std::optional<ProcessorTopology> processor_topology() = 0;
  virtual std::optional<Cpuid> cpuid() = 0;
  // The logical processors this process may run on (GetProcessAffinityMask), numbered across groups.
  virtual std::vector<int> process_affinity() = 0;
  virtual std::optional<MemoryStatus> memory_status() = 0;
  virtual std::optional<SystemTimes> system_times() = 0;
  // nullopt when this process is in no job object.
  virtual std::optional<JobLimits> job_limits() = 0;
  virtual std::optional<OsVersion> os_version() = 0;
  // A string or number value under HKEY_LOCAL_MACHINE, as text: ("SOFTWARE\\Microsoft\\...", "ProductName").
  virtual std::optional<std::string> registry_value(const std::string& key, const std::string& name) = 0;
  // nullopt: DXGI could not be asked (no display, as under Wine without one); empty: it answered with no adapter.
  virtual std::optional<std::vector<DxgiAdapter>> dxgi_adapters() = 0;
  virtual NvmlAnswers nvml() = 0;
  virtual std::optional<std::string> environment(const std::string& name) = 0;
  virtual bool file_exists(const std::string& path) = 0;
  virtual std::optional<FileVersion> file_version(const std::string& path) = 0;
  // The executable names of the running processes (a Toolhelp32 snapshot), as "Resolve.exe".
  virtual std::vector<std::string> process_names() = 0;
};

}  // namespace autocut::sys::windows
