#include "detect/windows/detect_windows.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <exception>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>

#include "detect/editors/ffmpeg_outcome.hpp"
#include "detect/runtimes/runtimes_outcome.hpp"
#include "detect/windows/cpu_isa.hpp"
#include "sys/windows/recording.hpp"

namespace autocut::detect::windows {
namespace {

using sys::windows::WindowsHost;

constexpr std::uint64_t kMiB = 1024 * 1024;
constexpr const char* kCurrentVersion = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";
constexpr const char* kProcessor0 = "HARDWARE\\DESCRIPTION\\System\\CentralProcessor\\0";
constexpr const char* kResolveKey = "SOFTWARE\\Blackmagic Design\\DaVinci Resolve";

struct Context {
  WindowsHost& host;
  const DetectOptions& options;
  bool captured;
  const LocalPrograms& programs;
};

using WindowsProbe = ProbeOutcome (*)(Context& context, core::HostFacts& facts);

std::string trimmed(std::string text) {
  const auto first = text.find_first_not_of(" \t");
  const auto last = text.find_last_not_of(" \t");
  return first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
}

bool same_name(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

ProbeOutcome probe_os(Context& context, core::HostFacts& facts) {
  const auto version = context.host.os_version();
  if (!version) return failed("RtlGetVersion did not answer");
  core::OsFacts os;
  os.kernel = "Windows NT " + std::to_string(version->major) + "." + std::to_string(version->minor) + "." +
              std::to_string(version->build);
  auto product = context.host.registry_value(kCurrentVersion, "ProductName").value_or("Windows");
  // Windows 11 still calls itself "Windows 10 …" in ProductName; its build number (22000 on) tells them apart.
  if (version->build >= 22000 && product.starts_with("Windows 10")) product.replace(0, 10, "Windows 11");
  if (const auto display = context.host.registry_value(kCurrentVersion, "DisplayVersion")) product += " " + *display;
  os.distribution = product;
  facts.os = os;
  return ok(product + ", build " + std::to_string(version->build));
}

std::string architecture(const std::optional<std::string>& processor_architecture) {
  if (processor_architecture == "AMD64") return "x86_64";
  if (processor_architecture == "ARM64") return "aarch64";
  if (processor_architecture == "x86") return "i686";
  return processor_architecture.value_or("unknown");
}

ProbeOutcome probe_cpu(Context& context, core::HostFacts& facts) {
  const auto topology = context.host.processor_topology();
  if (!topology || topology->cores.empty()) return failed("GetLogicalProcessorInformationEx gave no processor core");
  core::CpuFacts cpu;
  std::set<int> classes;
  for (const auto& core : topology->cores) {
    cpu.threads += static_cast<int>(core.processors.size());
    classes.insert(core.efficiency_class);
  }
  cpu.cores = static_cast<int>(topology->cores.size());
  cpu.sockets = topology->packages;
  // Hybrid parts give their cores two efficiency classes: the higher one is the performance cores.
  if (classes.size() > 1) {
    const int fastest = *classes.rbegin();
    cpu.performance_cores =
        static_cast<int>(std::count_if(topology->cores.begin(), topology->cores.end(),
                                       [&](const auto& core) { return core.efficiency_class == fastest; }));
    cpu.efficiency_cores = *cpu.cores - *cpu.performance_cores;
  }
  if (auto name = context.host.registry_value(kProcessor0, "ProcessorNameString")) cpu.model = trimmed(*name);
  cpu.architecture = architecture(context.host.environment("PROCESSOR_ARCHITECTURE"));
  if (const auto cpuid = context.host.cpuid()) {
    cpu.vendor = cpuid->vendor;
    cpu.isa = isa_from_cpuid(*cpuid);
    cpu.hypervisor = (cpuid->leaf1_ecx >> 31) & 1U;
  } else if (auto vendor = context.host.registry_value(kProcessor0, "VendorIdentifier")) {
    cpu.vendor = *vendor;
  }
  cpu.allowed_cpus = context.host.process_affinity();
  std::sort(cpu.allowed_cpus.begin(), cpu.allowed_cpus.end());
  std::string detail = cpu.model.value_or("unknown CPU") + ": " + std::to_string(*cpu.cores) + " cores";
  if (cpu.performance_cores)
    detail += " (" + std::to_string(*cpu.performance_cores) + "P + " + std::to_string(*cpu.efficiency_cores) + "E)";
  detail += ", " + std::to_string(cpu.threads) + " threads";
  facts.cpu = std::move(cpu);
  return ok(detail);
}

ProbeOutcome probe_memory(Context& context, core::HostFacts& facts) {
  const auto status = context.host.memory_status();
  if (!status || status->total_physical == 0) return failed("GlobalMemoryStatusEx did not answer");
  // The commit limit counts physical memory and the page files together; the page files are the swap.
  const auto swap_total =
      status->total_page_file > status->total_physical ? status->total_page_file - status->total_physical : 0;
  const auto swap_free = status->available_page_file > status->available_physical
                             ? std::min(swap_total, status->available_page_file - status->available_physical)
                             : 0;
  facts.memory = core::MemoryFacts{status->total_physical, status->available_physical, swap_total, swap_free};
  return ok(std::to_string(status->total_physical / kMiB) + " MiB total, " +
            std::to_string(status->available_physical / kMiB) + " MiB available");
}

// A job object's limits are Windows' container limits: memory for the job or each process (the tighter counts), and
// a hard cap on CPU time as a share of all processors, which becomes a quota of that many CPUs.
ProbeOutcome probe_job_object(Context& context, core::HostFacts& facts) {
  const auto job = context.host.job_limits();
  if (!job) return absent("not in a job object");
  core::CgroupFacts limits;
  limits.job_object = true;
  if (job->job_memory_bytes || job->process_memory_bytes)
    limits.memory_limit_bytes = std::min(job->job_memory_bytes.value_or(std::numeric_limits<std::uint64_t>::max()),
                                         job->process_memory_bytes.value_or(std::numeric_limits<std::uint64_t>::max()));
  std::string detail = "in a job object";
  if (limits.memory_limit_bytes) detail += "; memory ≤ " + std::to_string(*limits.memory_limit_bytes / kMiB) + " MiB";
  if (job->cpu_rate_percent && facts.cpu && facts.cpu->threads > 0) {
    constexpr std::uint64_t kPeriodUs = 100000;
    const double cpus = *job->cpu_rate_percent / 100.0 * facts.cpu->threads;
    limits.cpu_quota = core::CpuQuota{static_cast<std::uint64_t>(cpus * kPeriodUs + 0.5), kPeriodUs};
    char text[64];
    std::snprintf(text, sizeof text, "; CPU ≤ %g%% of the machine (%.2g CPUs)", *job->cpu_rate_percent, cpus);
    detail += text;
  }
  if (!limits.memory_limit_bytes && !limits.cpu_quota) detail += " without memory or CPU limits";
  facts.cgroup = std::move(limits);
  return ok(detail);
}

// Said, not left out: the monitor's pressure rules see no figure on Windows and hold.
ProbeOutcome probe_pressure(Context&, core::HostFacts&) {
  return absent("Windows keeps no pressure stall information; the rules that read it hold");
}

core::GpuVendor vendor_of(std::uint16_t vendor_id) {
  switch (vendor_id) {
    case 0x10de:
      return core::GpuVendor::nvidia;
    case 0x1002:
    case 0x1022:
      return core::GpuVendor::amd;
    case 0x8086:
      return core::GpuVendor::intel;
    default:
      return core::GpuVendor::other;
  }
}

core::GpuFacts from_dxgi(const sys::windows::DxgiAdapter& adapter, std::size_t index) {
  core::GpuFacts gpu;
  gpu.pci_address = dxgi_address(adapter, index);
  gpu.vendor = vendor_of(adapter.vendor_id);
  gpu.vendor_id = adapter.vendor_id;
  gpu.device_id = adapter.device_id;
  gpu.name = adapter.description;
  gpu.integrated = dxgi_integrated(adapter);
  gpu.memory_total_bytes = adapter.dedicated_video_memory;
  if (adapter.shared_system_memory > 0) gpu.shared_memory_total_bytes = adapter.shared_system_memory;
  if (const auto used = dxgi_memory_used(adapter)) {
    gpu.memory_used_bytes = used;
    gpu.memory_free_bytes = adapter.dedicated_video_memory - *used;
  }
  gpu.sources = {"dxgi"};
  return gpu;
}

// NVML's device for this DXGI adapter: the same PCI address, else an NVIDIA adapter of the same name.
std::vector<sys::windows::NvmlDevice>::const_iterator matching(const std::vector<sys::windows::NvmlDevice>& devices,
                                                               const core::GpuFacts& gpu,
                                                               const std::set<std::size_t>& taken) {
  for (auto it = devices.begin(); it != devices.end(); ++it)
    if (!taken.contains(static_cast<std::size_t>(it - devices.begin())) && it->pci_address == gpu.pci_address)
      return it;
  if (gpu.vendor != core::GpuVendor::nvidia) return devices.end();
  for (auto it = devices.begin(); it != devices.end(); ++it)
    if (!taken.contains(static_cast<std::size_t>(it - devices.begin())) && it->name && gpu.name &&
        same_name(*it->name, *gpu.name))
      return it;
  return devices.end();
}

void apply_nvml(const sys::windows::NvmlDevice& device, const std::optional<std::string>& driver, core::GpuFacts& gpu) {
  if (gpu.pci_address.starts_with("dxgi:")) gpu.pci_address = device.pci_address;
  gpu.vendor = core::GpuVendor::nvidia;
  if (device.name) gpu.name = device.name;
  gpu.uuid = device.uuid;
  gpu.kernel_driver = "nvidia";
  gpu.driver_version = driver;
  gpu.compute_capability = device.compute_capability;
  // NVML counts the whole card's memory and every process's use of it; DXGI only this process's budget.
  if (device.memory_total) gpu.memory_total_bytes = device.memory_total;
  if (device.memory_used) gpu.memory_used_bytes = device.memory_used;
  if (device.memory_free) gpu.memory_free_bytes = device.memory_free;
  gpu.memory_bus_width_bits = device.memory_bus_width_bits;
  gpu.memory_clock_max_mhz = device.memory_clock_max_mhz;
  gpu.encoder_sessions = device.encoder_sessions;
  gpu.encoder_capacity_percent = device.encoder_capacity_percent;
  gpu.integrated = false;
  gpu.sources.push_back("nvml");
}

ProbeOutcome probe_gpus(Context& context, core::HostFacts& facts) {
  const auto adapters = context.host.dxgi_adapters();
  const auto nvml = context.host.nvml();
  std::set<std::size_t> taken;
  if (adapters)
    for (std::size_t i = 0; i < adapters->size(); ++i) {
      if ((*adapters)[i].software) continue;  // the Basic Render Driver: no GPU
      auto gpu = from_dxgi((*adapters)[i], i);
      if (const auto device = matching(nvml.devices, gpu, taken); device != nvml.devices.end()) {
        apply_nvml(*device, nvml.driver_version, gpu);
        taken.insert(static_cast<std::size_t>(device - nvml.devices.begin()));
      }
      facts.gpus.push_back(std::move(gpu));
    }
  // A device NVML knows and DXGI did not list (a compute-only card in TCC mode).
  for (std::size_t i = 0; i < nvml.devices.size(); ++i)
    if (!taken.contains(i)) {
      core::GpuFacts gpu;
      gpu.pci_address = nvml.devices[i].pci_address;
      gpu.vendor_id = 0x10de;
      apply_nvml(nvml.devices[i], nvml.driver_version, gpu);
      facts.gpus.push_back(std::move(gpu));
    }
  std::string detail;
  if (!adapters)
    detail = "DXGI could not be asked (no display)";
  else
    detail = std::to_string(facts.gpus.size()) + " GPU(s) from DXGI";
  detail += nvml.loaded ? "; NVML " + nvml.driver_version.value_or("?") + ": " + std::to_string(nvml.devices.size()) +
                              " device(s)"
                        : "; NVML: " + (nvml.problem.empty() ? std::string("not loaded") : nvml.problem);
  if (facts.gpus.empty()) return adapters || nvml.loaded ? absent(detail) : failed(detail);
  return ok(detail);
}

std::string folder_of_programs(Context& context) {
  return context.host.environment("ProgramW6432")
      .value_or(context.host.environment("ProgramFiles").value_or("C:\\Program Files"));
}

// "19.0.3.7" → "19.0.3": the version as Resolve's own documents give it.
std::string short_version(const std::string& version) {
  int parts = 0;
  for (std::size_t i = 0; i < version.size(); ++i)
    if (version[i] == '.' && ++parts == 3) return version.substr(0, i);
  return version;
}

ProbeOutcome probe_resolve(Context& context, core::HostFacts& facts) {
  auto& host = context.host;
  const auto folder = host.registry_value(kResolveKey, "InstallDir")
                          .value_or(folder_of_programs(context) + "\\Blackmagic Design\\DaVinci Resolve");
  const auto program = folder + (folder.ends_with("\\") ? "" : "\\") + "Resolve.exe";
  if (!host.file_exists(program)) return absent("DaVinci Resolve is not installed (no " + program + ")");
  core::ResolveFacts resolve;
  resolve.install_path = folder;
  if (const auto version = host.file_version(program)) {
    // Free and Studio differ in the product name of Resolve.exe's version resource.
    resolve.studio = version->product_name.find("Studio") != std::string::npos;
    resolve.version = short_version(version->product_version);
  }
  const auto data = host.environment("ProgramData").value_or("C:\\ProgramData");
  const auto scripting = context.options.resolve_script_api.value_or(
      data + "\\Blackmagic Design\\DaVinci Resolve\\Support\\Developer\\Scripting");
  resolve.scripting_api = host.file_exists(scripting + "\\Modules\\DaVinciResolveScript.py");
  resolve.scripting_library =
      host.file_exists(context.options.resolve_script_lib.value_or(folder + "\\fusionscript.dll"));
  const auto processes = host.process_names();
  resolve.running = std::any_of(processes.begin(), processes.end(),
                                [](const std::string& name) { return same_name(name, "Resolve.exe"); });
  std::string detail = "DaVinci Resolve" + std::string(resolve.studio.value_or(false) ? " Studio" : "") + " " +
                       resolve.version.value_or("(version unknown)") + " in " + folder +
                       (resolve.running ? ", running" : ", not running");
  facts.resolve = std::move(resolve);
  return ok(detail);
}

std::string in_folder(const std::string& folder, const std::string& file) {
  return folder + (folder.ends_with("\\") ? "" : "\\") + file;
}

// The first folder of PATH holding `program`, as the command prompt would find it.
std::optional<std::string> find_on_path(WindowsHost& host, const std::string& program) {
  const auto path = host.environment("PATH").value_or("");
  for (std::size_t start = 0; start <= path.size();) {
    const auto end = std::min(path.find(';', start), path.size());
    auto folder = path.substr(start, end - start);
    start = end + 1;
    if (folder.empty()) continue;
    if (const auto candidate = in_folder(folder, program); host.file_exists(candidate)) return candidate;
  }
  return std::nullopt;
}

// ffmpeg.exe from PATH, its listings read and its encoders tried as on Linux.
ProbeOutcome probe_ffmpeg(Context& context, core::HostFacts& facts) {
  if (context.captured) {
    facts.not_asked.emplace_back("ffmpeg");
    return absent("not run: ffmpeg on this machine does not describe the captured one");
  }
  const auto program = find_on_path(context.host, "ffmpeg.exe");
  if (!program) return absent("no ffmpeg.exe in any folder of PATH");
  if (!context.programs.ffmpeg) return absent(*program + " found; not run: no way to run programs was given");
  return ffmpeg_outcome(context.programs.ffmpeg(*program), facts);
}

// Ollama for Windows installs per user under %LOCALAPPDATA%\Programs\Ollama and puts that folder on PATH
// (docs.ollama.com/windows); either place tells it is installed when it does not answer.
bool ollama_installed(WindowsHost& host) {
  if (const auto local = host.environment("LOCALAPPDATA"))
    if (host.file_exists(in_folder(*local, "Programs\\Ollama\\ollama.exe"))) return true;
  return find_on_path(host, "ollama.exe").has_value();
}

ProbeOutcome probe_ai_runtimes(Context& context, core::HostFacts& facts) {
  if (context.captured) {
    facts.not_asked.emplace_back("ai-runtimes");
    return absent("not probed: local AI servers answer for this machine, not the captured one in the recording");
  }
  if (!context.programs.ai_servers) return absent("not probed: no way to reach this machine's AI servers was given");
  facts.runtimes = context.programs.ai_servers();
  for (auto& runtime : facts.runtimes)
    if (runtime.kind == core::RuntimeKind::ollama)
      runtime.installed = runtime.running || ollama_installed(context.host);
  return runtimes_outcome(facts.runtimes);
}

ProbeOutcome probe_cloud(Context& context, core::HostFacts& facts) {
  return cloud_from_settings(context.options, facts);
}

struct RegisteredProbe {
  std::string_view name;
  WindowsProbe run;
};

// The one list of Windows probes, named as their Linux counterparts where they report the same thing.
constexpr std::array<RegisteredProbe, 10> kProbes{{
    {"os", &probe_os},
    {"cpu", &probe_cpu},
    {"memory", &probe_memory},
    {"job-object", &probe_job_object},
    {"pressure", &probe_pressure},
    {"gpu-dxgi", &probe_gpus},
    {"ai-runtimes", &probe_ai_runtimes},
    {"cloud", &probe_cloud},
    {"resolve", &probe_resolve},
    {"ffmpeg", &probe_ffmpeg},
}};

}  // namespace

std::string dxgi_address(const sys::windows::DxgiAdapter& adapter, std::size_t index) {
  return adapter.pci_address.value_or("dxgi:" + std::to_string(index));
}

// An integrated GPU has a small carve-out of dedicated memory (128 to 512 MiB by default) and works from shared
// system memory; a discrete card has memory of its own.
bool dxgi_integrated(const sys::windows::DxgiAdapter& adapter) {
  constexpr std::uint64_t kLargestCarveOut = 512 * kMiB;
  return adapter.dedicated_video_memory <= kLargestCarveOut && adapter.shared_system_memory > 0;
}

// The budget is what the system lets this process use now, the others' use taken away.
std::optional<std::uint64_t> dxgi_memory_used(const sys::windows::DxgiAdapter& adapter) {
  if (!adapter.budget_bytes || dxgi_integrated(adapter)) return std::nullopt;
  const auto usage = adapter.usage_bytes.value_or(0);
  const auto free =
      std::min(adapter.dedicated_video_memory, *adapter.budget_bytes > usage ? *adapter.budget_bytes - usage : 0);
  return adapter.dedicated_video_memory - free;
}

core::HostFacts detect_windows(WindowsHost& host, const DetectOptions& options, bool captured,
                               const LocalPrograms& programs) {
  core::HostFacts facts;
  facts.captured = captured;
  Context context{host, options, captured, programs};
  for (const auto& probe : kProbes)
    facts.probes.push_back(run_probe(probe.name, [&] { return probe.run(context, facts); }));
  return facts;
}

core::HostFacts detect_recorded_windows(const std::string& path, const DetectOptions& options) {
  auto loaded = sys::windows::read_recording(path);
  if (!loaded.recording) {
    core::HostFacts facts;
    facts.captured = true;
    facts.probes.push_back(
        {"windows-capture", core::ProbeState::failed, path + " is not a Windows capture: " + loaded.error, {}});
    return facts;
  }
  sys::windows::ReplayHost host(std::move(*loaded.recording));
  return detect_windows(host, options, true);
}

}  // namespace autocut::detect::windows
