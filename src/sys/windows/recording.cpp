#include "sys/windows/recording.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/json_fields.hpp"

namespace autocut::sys::windows {
namespace {

using json = nlohmann::ordered_json;
using core::BadField;
using core::Fields;

template <class T>
json optional_value(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

std::string registry_key(const std::string& key, const std::string& name) { return key + "\\" + name; }

json topology_json(const ProcessorTopology& topology) {
  json cores = json::array();
  for (const auto& core : topology.cores)
    cores.push_back(
        {{"group", core.group}, {"processors", core.processors}, {"efficiency_class", core.efficiency_class}});
  return {{"packages", topology.packages}, {"groups", topology.groups}, {"cores", cores}};
}

ProcessorTopology topology_from(const Fields& fields) {
  ProcessorTopology topology;
  topology.packages = fields.required<int>("packages");
  topology.groups = fields.or_default("groups", 1);
  fields.each("cores", [&](const Fields& core) {
    topology.cores.push_back(
        {core.or_default("group", 0), core.list<int>("processors"), core.or_default("efficiency_class", 0)});
  });
  return topology;
}

json cpuid_json(const Cpuid& cpuid) {
  return {{"vendor", cpuid.vendor},
          {"leaf1_ecx", cpuid.leaf1_ecx},
          {"leaf7_ebx", cpuid.leaf7_ebx},
          {"leaf7_ecx", cpuid.leaf7_ecx},
          {"leaf7_edx", cpuid.leaf7_edx},
          {"leaf7_1_eax", cpuid.leaf7_1_eax},
          {"xcr0", cpuid.xcr0}};
}

Cpuid cpuid_from(const Fields& fields) {
  return {fields.required<std::string>("vendor"),           fields.or_default<std::uint32_t>("leaf1_ecx", 0),
          fields.or_default<std::uint32_t>("leaf7_ebx", 0), fields.or_default<std::uint32_t>("leaf7_ecx", 0),
          fields.or_default<std::uint32_t>("leaf7_edx", 0), fields.or_default<std::uint32_t>("leaf7_1_eax", 0),
          fields.or_default<std::uint64_t>("xcr0", 0)};
}

json adapter_json(const DxgiAdapter& adapter) {
  return {{"description", adapter.description},
          {"vendor_id", adapter.vendor_id},
          {"device_id", adapter.device_id},
          {"dedicated_video_memory", adapter.dedicated_video_memory},
          {"dedicated_system_memory", adapter.dedicated_system_memory},
          {"shared_system_memory", adapter.shared_system_memory},
          {"software", adapter.software},
          {"budget_bytes", optional_value(adapter.budget_bytes)},
          {"usage_bytes", optional_value(adapter.usage_bytes)},
          {"pci_address", optional_value(adapter.pci_address)}};
}

DxgiAdapter adapter_from(const Fields& fields) {
  DxgiAdapter adapter;
  adapter.description = fields.required<std::string>("description");
  adapter.vendor_id = fields.required<std::uint16_t>("vendor_id");
  adapter.device_id = fields.required<std::uint16_t>("device_id");
  adapter.dedicated_video_memory = fields.or_default<std::uint64_t>("dedicated_video_memory", 0);
  adapter.dedicated_system_memory = fields.or_default<std::uint64_t>("dedicated_system_memory", 0);
  adapter.shared_system_memory = fields.or_default<std::uint64_t>("shared_system_memory", 0);
  adapter.software = fields.or_default("software", false);
  adapter.budget_bytes = fields.optional<std::uint64_t>("budget_bytes");
  adapter.usage_bytes = fields.optional<std::uint64_t>("usage_bytes");
  adapter.pci_address = fields.optional<std::string>("pci_address");
  return adapter;
}

json nvml_json(const NvmlAnswers& nvml) {
  json devices = json::array();
  for (const auto& device : nvml.devices)
    devices.push_back({{"pci_address", device.pci_address},
                       {"name", optional_value(device.name)},
                       {"uuid", optional_value(device.uuid)},
                       {"memory_total", optional_value(device.memory_total)},
                       {"memory_used", optional_value(device.memory_used)},
                       {"memory_free", optional_value(device.memory_free)},
                       {"compute_capability", optional_value(device.compute_capability)},
                       {"utilization_percent", optional_value(device.utilization_percent)},
                       {"memory_bus_width_bits", optional_value(device.memory_bus_width_bits)},
                       {"memory_clock_max_mhz", optional_value(device.memory_clock_max_mhz)},
                       {"encoder_sessions", optional_value(device.encoder_sessions)},
                       {"encoder_capacity_percent", optional_value(device.encoder_capacity_percent)}});
  return {{"loaded", nvml.loaded},
          {"problem", nvml.problem},
          {"driver_version", optional_value(nvml.driver_version)},
          {"devices", devices}};
}

NvmlAnswers nvml_from(const Fields& fields) {
  NvmlAnswers nvml;
  nvml.loaded = fields.or_default("loaded", false);
  nvml.problem = fields.or_default<std::string>("problem", "");
  nvml.driver_version = fields.optional<std::string>("driver_version");
  fields.each("devices", [&](const Fields& device) {
    nvml.devices.push_back(
        {device.required<std::string>("pci_address"), device.optional<std::string>("name"),
         device.optional<std::string>("uuid"), device.optional<std::uint64_t>("memory_total"),
         device.optional<std::uint64_t>("memory_used"), device.optional<std::uint64_t>("memory_free"),
         device.optional<std::string>("compute_capability"), device.optional<double>("utilization_percent"),
         device.optional<int>("memory_bus_width_bits"), device.optional<int>("memory_clock_max_mhz"),
         device.optional<int>("encoder_sessions"), device.optional<int>("encoder_capacity_percent")});
  });
  return nvml;
}

template <class Value>
std::map<std::string, Value> table_from(const Fields& fields, const char* key, const json& document) {
  std::map<std::string, Value> table;
  const auto& object = document.contains(key) ? document.at(key) : json(nullptr);
  if (object.is_null()) return table;
  if (!object.is_object()) throw BadField{fields.at(key), "an object"};
  const Fields entries(object, fields.at(key));
  for (const auto& [name, value] : object.items()) table[name] = entries.required<Value>(name.c_str());
  return table;
}

Recording recording_from(const json& document) {
  const Fields top(document, "");
  if (top.optional<std::string>("format") != std::string(kRecordingFormat))
    throw BadField{"format", std::string("\"") + kRecordingFormat + "\""};
  Recording recording;
  if (const auto topology = top.object("processor_topology")) recording.processor_topology = topology_from(*topology);
  if (const auto cpuid = top.object("cpuid")) recording.cpuid = cpuid_from(*cpuid);
  recording.process_affinity = top.list<int>("process_affinity");
  if (const auto memory = top.object("memory_status"))
    recording.memory_status = MemoryStatus{memory->required<std::uint64_t>("total_physical"),
                                           memory->required<std::uint64_t>("available_physical"),
                                           memory->or_default<std::uint64_t>("total_page_file", 0),
                                           memory->or_default<std::uint64_t>("available_page_file", 0)};
  if (const auto times = top.object("system_times"))
    recording.system_times =
        SystemTimes{times->required<std::uint64_t>("idle"), times->required<std::uint64_t>("kernel"),
                    times->required<std::uint64_t>("user")};
  if (const auto job = top.object("job_limits"))
    recording.job_limits =
        JobLimits{job->optional<std::uint64_t>("job_memory_bytes"),
                  job->optional<std::uint64_t>("process_memory_bytes"), job->optional<double>("cpu_rate_percent")};
  if (const auto version = top.object("os_version"))
    recording.os_version = OsVersion{version->required<unsigned>("major"), version->required<unsigned>("minor"),
                                     version->required<unsigned>("build")};
  recording.registry = table_from<std::string>(top, "registry", document);
  if (!top.raw("dxgi_adapters").is_null()) {
    recording.dxgi_adapters.emplace();
    top.each("dxgi_adapters",
             [&](const Fields& adapter) { recording.dxgi_adapters->push_back(adapter_from(adapter)); });
  }
  if (const auto nvml = top.object("nvml")) recording.nvml = nvml_from(*nvml);
  recording.environment = table_from<std::string>(top, "environment", document);
  recording.files = table_from<bool>(top, "files", document);
  if (const auto versions = top.object("file_versions"))
    for (const auto& [path, value] : top.raw("file_versions").items()) {
      const Fields version(value, versions->at(path.c_str()));
      recording.file_versions[path] = {version.required<std::string>("product_name"),
                                       version.required<std::string>("product_version")};
    }
  recording.process_names = top.strings("process_names");
  return recording;
}

}  // namespace

json recording_to_json(const Recording& recording) {
  json adapters = nullptr;
  if (recording.dxgi_adapters) {
    adapters = json::array();
    for (const auto& adapter : *recording.dxgi_adapters) adapters.push_back(adapter_json(adapter));
  }
  json document{{"format", kRecordingFormat}, {"version", 1}};
  document["processor_topology"] =
      recording.processor_topology ? topology_json(*recording.processor_topology) : json(nullptr);
  document["cpuid"] = recording.cpuid ? cpuid_json(*recording.cpuid) : json(nullptr);
  document["process_affinity"] = recording.process_affinity;
  document["memory_status"] = recording.memory_status
                                  ? json{{"total_physical", recording.memory_status->total_physical},
                                         {"available_physical", recording.memory_status->available_physical},
                                         {"total_page_file", recording.memory_status->total_page_file},
                                         {"available_page_file", recording.memory_status->available_page_file}}
                                  : json(nullptr);
  if (recording.system_times)
    document["system_times"] = {{"idle", recording.system_times->idle},
                                {"kernel", recording.system_times->kernel},
                                {"user", recording.system_times->user}};
  document["job_limits"] =
      recording.job_limits ? json{{"job_memory_bytes", optional_value(recording.job_limits->job_memory_bytes)},
                                  {"process_memory_bytes", optional_value(recording.job_limits->process_memory_bytes)},
                                  {"cpu_rate_percent", optional_value(recording.job_limits->cpu_rate_percent)}}
                           : json(nullptr);
  document["os_version"] = recording.os_version ? json{{"major", recording.os_version->major},
                                                       {"minor", recording.os_version->minor},
                                                       {"build", recording.os_version->build}}
                                                : json(nullptr);
  document["registry"] = recording.registry;
  document["dxgi_adapters"] = adapters;
  document["nvml"] = nvml_json(recording.nvml);
  document["environment"] = recording.environment;
  document["files"] = recording.files;
  json versions = json::object();
  for (const auto& [path, version] : recording.file_versions)
    versions[path] = {{"product_name", version.product_name}, {"product_version", version.product_version}};
  document["file_versions"] = versions;
  document["process_names"] = recording.process_names;
  return document;
}

RecordingFromJson read_recording(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {std::nullopt, "cannot be read"};
  const auto document = json::parse(in, nullptr, false);
  if (document.is_discarded()) return {std::nullopt, "not valid JSON"};
  return recording_from_json(document);
}

RecordingFromJson recording_from_json(const json& document) {
  try {
    return {recording_from(document), {}};
  } catch (const BadField& bad) {
    return {std::nullopt, "\"" + bad.path + "\" is not " + bad.expected};
  }
}

std::optional<std::string> ReplayHost::registry_value(const std::string& key, const std::string& name) {
  const auto it = recording_.registry.find(registry_key(key, name));
  return it == recording_.registry.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::optional<std::string> ReplayHost::environment(const std::string& name) {
  const auto it = recording_.environment.find(name);
  return it == recording_.environment.end() ? std::nullopt : std::optional<std::string>(it->second);
}

bool ReplayHost::file_exists(const std::string& path) {
  const auto it = recording_.files.find(path);
  return it != recording_.files.end() && it->second;
}

std::optional<FileVersion> ReplayHost::file_version(const std::string& path) {
  const auto it = recording_.file_versions.find(path);
  return it == recording_.file_versions.end() ? std::nullopt : std::optional<FileVersion>(it->second);
}

std::optional<ProcessorTopology> RecordingHost::processor_topology() {
  return recording_.processor_topology = host_.processor_topology();
}
std::optional<Cpuid> RecordingHost::cpuid() { return recording_.cpuid = host_.cpuid(); }
std::vector<int> RecordingHost::process_affinity() { return recording_.process_affinity = host_.process_affinity(); }
std::optional<MemoryStatus> RecordingHost::memory_status() { return recording_.memory_status = host_.memory_status(); }
std::optional<SystemTimes> RecordingHost::system_times() { return recording_.system_times = host_.system_times(); }
std::optional<JobLimits> RecordingHost::job_limits() { return recording_.job_limits = host_.job_limits(); }
std::optional<OsVersion> RecordingHost::os_version() { return recording_.os_version = host_.os_version(); }
std::optional<std::vector<DxgiAdapter>> RecordingHost::dxgi_adapters() {
  return recording_.dxgi_adapters = host_.dxgi_adapters();
}
NvmlAnswers RecordingHost::nvml() { return recording_.nvml = host_.nvml(); }
std::vector<std::string> RecordingHost::process_names() { return recording_.process_names = host_.process_names(); }

std::optional<std::string> RecordingHost::registry_value(const std::string& key, const std::string& name) {
  auto value = host_.registry_value(key, name);
  if (value) recording_.registry[registry_key(key, name)] = *value;
  return value;
}

std::optional<std::string> RecordingHost::environment(const std::string& name) {
  auto value = host_.environment(name);
  if (value) recording_.environment[name] = *value;
  return value;
}

bool RecordingHost::file_exists(const std::string& path) { return recording_.files[path] = host_.file_exists(path); }

std::optional<FileVersion> RecordingHost::file_version(const std::string& path) {
  auto version = host_.file_version(path);
  if (version) recording_.file_versions[path] = *version;
  return version;
}

}  // namespace autocut::sys::windows
