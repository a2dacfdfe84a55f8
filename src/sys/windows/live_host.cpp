#include "sys/windows/live_host.hpp"

#include <windows.h>
// after windows.h
#include <cpuid.h>
#include <dxgi1_4.h>
#include <tlhelp32.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "detect/gpu/nvml_library.hpp"
#include "sys/windows/text.hpp"

namespace autocut::sys::windows {
namespace {

// Releases a COM interface when it goes out of scope.
template <class Interface>
struct Com {
  Interface* pointer = nullptr;
  ~Com() {
    if (pointer) pointer->Release();
  }
  Interface** out() { return &pointer; }
  Interface* operator->() const { return pointer; }
};

std::vector<int> processors_of(const GROUP_AFFINITY& affinity) {
  std::vector<int> processors;
  for (int bit = 0; bit < 64; ++bit)
    if ((affinity.Mask >> bit) & 1U) processors.push_back(bit);
  return processors;
}

}  // namespace

std::optional<ProcessorTopology> LiveHost::processor_topology() {
  DWORD length = 0;
  GetLogicalProcessorInformationEx(RelationAll, nullptr, &length);
  if (GetLastError() != ERROR_INSUFFICIENT_BUFFER || length == 0) return std::nullopt;
  std::vector<unsigned char> buffer(length);
  auto* first = reinterpret_cast<SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX*>(buffer.data());
  if (!GetLogicalProcessorInformationEx(RelationAll, first, &length)) return std::nullopt;
  ProcessorTopology topology;
  for (DWORD offset = 0; offset < length;) {
    const auto* record = reinterpret_cast<const SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX*>(buffer.data() + offset);
    if (record->Size == 0) break;
    if (record->Relationship == RelationProcessorCore && record->Processor.GroupCount > 0) {
      const auto& mask = record->Processor.GroupMask[0];
      // EfficiencyClass follows Flags (Windows 10 SDK); mingw-w64 10 still calls that byte Reserved[0].
      topology.cores.push_back(
          {static_cast<int>(mask.Group), processors_of(mask), static_cast<int>(record->Processor.Reserved[0])});
    } else if (record->Relationship == RelationProcessorPackage) {
      ++topology.packages;
    } else if (record->Relationship == RelationGroup) {
      topology.groups = record->Group.ActiveGroupCount;
    }
    offset += record->Size;
  }
  return topology;
}

std::optional<Cpuid> LiveHost::cpuid() {
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (!__get_cpuid(0, &a, &b, &c, &d)) return std::nullopt;
  const unsigned highest = a;
  Cpuid answer;
  char vendor[13] = {};
  std::memcpy(vendor, &b, 4);
  std::memcpy(vendor + 4, &d, 4);
  std::memcpy(vendor + 8, &c, 4);
  answer.vendor = vendor;
  __get_cpuid(1, &a, &b, &c, &d);
  answer.leaf1_ecx = c;
  if (highest >= 7) {
    __cpuid_count(7, 0, a, b, c, d);
    answer.leaf7_ebx = b;
    answer.leaf7_ecx = c;
    answer.leaf7_edx = d;
    const unsigned subleaves = a;
    if (subleaves >= 1) {
      __cpuid_count(7, 1, a, b, c, d);
      answer.leaf7_1_eax = a;
    }
  }
  if ((answer.leaf1_ecx >> 27) & 1U) {  // OSXSAVE: XGETBV may be executed
    unsigned low = 0, high = 0;
    __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    answer.xcr0 = (static_cast<std::uint64_t>(high) << 32) | low;
  }
  return answer;
}

std::vector<int> LiveHost::process_affinity() {
  DWORD_PTR process = 0, system = 0;
  std::vector<int> processors;
  if (!GetProcessAffinityMask(GetCurrentProcess(), &process, &system)) return processors;
  for (int bit = 0; bit < static_cast<int>(sizeof(DWORD_PTR) * 8); ++bit)
    if ((process >> bit) & 1U) processors.push_back(bit);
  return processors;
}

std::optional<MemoryStatus> LiveHost::memory_status() {
  MEMORYSTATUSEX status{};
  status.dwLength = sizeof status;
  if (!GlobalMemoryStatusEx(&status)) return std::nullopt;
  return MemoryStatus{status.ullTotalPhys, status.ullAvailPhys, status.ullTotalPageFile, status.ullAvailPageFile};
}

std::optional<SystemTimes> LiveHost::system_times() {
  FILETIME idle{}, kernel{}, user{};
  if (!GetSystemTimes(&idle, &kernel, &user)) return std::nullopt;
  const auto ticks = [](const FILETIME& time) {
    return (static_cast<std::uint64_t>(time.dwHighDateTime) << 32) | time.dwLowDateTime;
  };
  return SystemTimes{ticks(idle), ticks(kernel), ticks(user)};
}

std::optional<JobLimits> LiveHost::job_limits() {
  BOOL in_job = FALSE;
  if (!IsProcessInJob(GetCurrentProcess(), nullptr, &in_job) || !in_job) return std::nullopt;
  JobLimits limits;
  // A null job handle asks about the job this process is in.
  JOBOBJECT_EXTENDED_LIMIT_INFORMATION extended{};
  if (QueryInformationJobObject(nullptr, JobObjectExtendedLimitInformation, &extended, sizeof extended, nullptr)) {
    const auto flags = extended.BasicLimitInformation.LimitFlags;
    if (flags & JOB_OBJECT_LIMIT_JOB_MEMORY) limits.job_memory_bytes = extended.JobMemoryLimit;
    if (flags & JOB_OBJECT_LIMIT_PROCESS_MEMORY) limits.process_memory_bytes = extended.ProcessMemoryLimit;
  }
  JOBOBJECT_CPU_RATE_CONTROL_INFORMATION rate{};
  if (QueryInformationJobObject(nullptr, JobObjectCpuRateControlInformation, &rate, sizeof rate, nullptr) &&
      (rate.ControlFlags & JOB_OBJECT_CPU_RATE_CONTROL_ENABLE) &&
      (rate.ControlFlags & JOB_OBJECT_CPU_RATE_CONTROL_HARD_CAP))
    limits.cpu_rate_percent = rate.CpuRate / 100.0;  // CpuRate counts hundredths of a percent
  return limits;
}

std::optional<OsVersion> LiveHost::os_version() {
  // RtlGetVersion is not subject to the compatibility shims that make GetVersionEx report Windows 8.
  using RtlGetVersionFn = LONG(WINAPI*)(OSVERSIONINFOW*);
  const HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
  const auto get_version =
      ntdll ? reinterpret_cast<RtlGetVersionFn>(reinterpret_cast<void*>(GetProcAddress(ntdll, "RtlGetVersion")))
            : nullptr;
  OSVERSIONINFOW info{};
  info.dwOSVersionInfoSize = sizeof info;
  if (!get_version || get_version(&info) != 0) return std::nullopt;
  return OsVersion{info.dwMajorVersion, info.dwMinorVersion, info.dwBuildNumber};
}

std::optional<std::string> LiveHost::registry_value(const std::string& key, const std::string& name) {
  const auto wide_key = wide(key);
  const auto wide_name = wide(name);
  DWORD type = 0, size = 0;
  if (RegGetValueW(HKEY_LOCAL_MACHINE, wide_key.c_str(), wide_name.c_str(), RRF_RT_REG_SZ | RRF_RT_REG_DWORD, &type,
                   nullptr, &size) != ERROR_SUCCESS)
    return std::nullopt;
  std::vector<unsigned char> data(size + sizeof(wchar_t));
  if (RegGetValueW(HKEY_LOCAL_MACHINE, wide_key.c_str(), wide_name.c_str(), RRF_RT_REG_SZ | RRF_RT_REG_DWORD, &type,
                   data.data(), &size) != ERROR_SUCCESS)
    return std::nullopt;
  if (type == REG_DWORD) return std::to_string(*reinterpret_cast<const DWORD*>(data.data()));
  return utf8(reinterpret_cast<const wchar_t*>(data.data()));
}

std::optional<std::vector<DxgiAdapter>> LiveHost::dxgi_adapters() {
  Com<IDXGIFactory1> factory;
  if (FAILED(CreateDXGIFactory1(__uuidof(IDXGIFactory1), reinterpret_cast<void**>(factory.out())))) return std::nullopt;
  std::vector<DxgiAdapter> adapters;
  for (UINT index = 0;; ++index) {
    Com<IDXGIAdapter1> adapter;
    const HRESULT result = factory->EnumAdapters1(index, adapter.out());
    if (result == DXGI_ERROR_NOT_FOUND) break;
    if (FAILED(result)) return index == 0 ? std::nullopt : std::optional(adapters);
    DXGI_ADAPTER_DESC1 description{};
    if (FAILED(adapter->GetDesc1(&description))) continue;
    DxgiAdapter answer;
    answer.description = utf8(description.Description);
    answer.vendor_id = static_cast<std::uint16_t>(description.VendorId);
    answer.device_id = static_cast<std::uint16_t>(description.DeviceId);
    answer.dedicated_video_memory = description.DedicatedVideoMemory;
    answer.dedicated_system_memory = description.DedicatedSystemMemory;
    answer.shared_system_memory = description.SharedSystemMemory;
    answer.software = (description.Flags & DXGI_ADAPTER_FLAG_SOFTWARE) != 0;
    Com<IDXGIAdapter3> third;
    if (SUCCEEDED(adapter->QueryInterface(__uuidof(IDXGIAdapter3), reinterpret_cast<void**>(third.out())))) {
      DXGI_QUERY_VIDEO_MEMORY_INFO memory{};
      if (SUCCEEDED(third->QueryVideoMemoryInfo(0, DXGI_MEMORY_SEGMENT_GROUP_LOCAL, &memory))) {
        answer.budget_bytes = memory.Budget;
        answer.usage_bytes = memory.CurrentUsage;
      }
    }
    adapters.push_back(std::move(answer));
  }
  return adapters;
}

NvmlAnswers LiveHost::nvml() {
  std::vector<std::string> candidates;
  if (nvml_library_) {
    candidates.push_back(*nvml_library_);
  } else {
    // The driver's own copies, as NVIDIA documents them; the bare name also finds one beside the program.
    if (const auto programs = environment("ProgramW6432"))
      candidates.push_back(*programs + "\\NVIDIA Corporation\\NVSMI\\nvml.dll");
    candidates.emplace_back("nvml.dll");
  }
  NvmlAnswers answers;
  // Opened once and kept: the monitor asks every few seconds, and initialising NVML takes far longer than a reading.
  if (!nvml_loaded_) nvml_loaded_ = detect::nvml::Library::open(candidates, answers.problem);
  const auto& library = nvml_loaded_;
  if (!library) return answers;
  answers.loaded = true;
  answers.driver_version = library->driver_version();
  unsigned count = 0;
  if (library->device_count(count) != detect::nvml::kSuccess) return answers;
  for (unsigned index = 0; index < count; ++index) {
    detect::nvml::Device device{};
    if (library->device_by_index(index, device) != detect::nvml::kSuccess) continue;
    NvmlDevice answer;
    detect::nvml::PciInfo pci{};
    if (library->pci_info(device, pci) == detect::nvml::kSuccess)
      answer.pci_address = detect::nvml::sysfs_pci_address(pci);
    std::string text;
    if (library->name(device, text) == detect::nvml::kSuccess) answer.name = text;
    if (library->uuid(device, text) == detect::nvml::kSuccess) answer.uuid = text;
    const auto memory = library->memory(device);
    answer.memory_total = memory.total_bytes;
    answer.memory_used = memory.used_bytes;
    answer.memory_free = memory.free_bytes;
    int major = 0, minor = 0;
    if (library->compute_capability(device, major, minor) == detect::nvml::kSuccess)
      answer.compute_capability = std::to_string(major) + "." + std::to_string(minor);
    detect::nvml::Utilization rates{};
    if (library->utilization(device, rates) == detect::nvml::kSuccess) answer.utilization_percent = rates.gpu;
    // Each a number NVML may not have on this driver: then unknown.
    const auto number = [&](auto call, std::optional<int>& into) {
      unsigned value = 0;
      if ((library.get()->*call)(device, value) == detect::nvml::kSuccess) into = static_cast<int>(value);
    };
    number(&detect::nvml::Library::memory_bus_width, answer.memory_bus_width_bits);
    number(&detect::nvml::Library::max_memory_clock, answer.memory_clock_max_mhz);
    number(&detect::nvml::Library::encoder_sessions, answer.encoder_sessions);
    number(&detect::nvml::Library::encoder_capacity, answer.encoder_capacity_percent);
    answers.devices.push_back(std::move(answer));
  }
  return answers;
}

std::optional<std::string> LiveHost::environment(const std::string& name) {
  const auto wide_name = wide(name);
  const DWORD size = GetEnvironmentVariableW(wide_name.c_str(), nullptr, 0);
  if (size == 0) return std::nullopt;
  std::wstring value(size, L'\0');
  const DWORD length = GetEnvironmentVariableW(wide_name.c_str(), value.data(), size);
  value.resize(length);
  return utf8(value);
}

bool LiveHost::file_exists(const std::string& path) {
  const DWORD attributes = GetFileAttributesW(wide(path).c_str());
  return attributes != INVALID_FILE_ATTRIBUTES && !(attributes & FILE_ATTRIBUTE_DIRECTORY);
}

std::optional<FileVersion> LiveHost::file_version(const std::string& path) {
  const auto wide_path = wide(path);
  DWORD ignored = 0;
  const DWORD size = GetFileVersionInfoSizeW(wide_path.c_str(), &ignored);
  if (size == 0) return std::nullopt;
  std::vector<unsigned char> data(size);
  if (!GetFileVersionInfoW(wide_path.c_str(), 0, size, data.data())) return std::nullopt;
  struct Translation {
    WORD language;
    WORD code_page;
  };
  Translation* translations = nullptr;
  UINT length = 0;
  if (!VerQueryValueW(data.data(), L"\\VarFileInfo\\Translation", reinterpret_cast<void**>(&translations), &length) ||
      length < sizeof(Translation))
    return std::nullopt;
  const auto text = [&](const wchar_t* field) -> std::string {
    wchar_t query[64];
    swprintf(query, 64, L"\\StringFileInfo\\%04x%04x\\%ls", translations[0].language, translations[0].code_page, field);
    wchar_t* value = nullptr;
    UINT characters = 0;
    if (!VerQueryValueW(data.data(), query, reinterpret_cast<void**>(&value), &characters) || characters == 0)
      return {};
    return utf8(std::wstring(value, characters - 1));
  };
  return FileVersion{text(L"ProductName"), text(L"ProductVersion")};
}

std::vector<std::string> LiveHost::process_names() {
  std::vector<std::string> names;
  HANDLE snapshot = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
  if (snapshot == INVALID_HANDLE_VALUE) return names;
  PROCESSENTRY32W entry{};
  entry.dwSize = sizeof entry;
  for (BOOL more = Process32FirstW(snapshot, &entry); more; more = Process32NextW(snapshot, &entry))
    names.push_back(utf8(entry.szExeFile));
  CloseHandle(snapshot);
  return names;
}

}  // namespace autocut::sys::windows
