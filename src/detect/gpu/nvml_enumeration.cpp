#include "detect/gpu/nvml_enumeration.hpp"

#include <nlohmann/json.hpp>

#include "detect/gpu/gpu_list.hpp"
#include "detect/gpu/nvml_library.hpp"
#include "sys/child_process.hpp"
#include "sys/environment.hpp"

namespace autocut::detect {
namespace {

using nlohmann::json;

// Bus width and memory clock bound the bandwidth token generation runs at; a missing call costs only its field.
void describe_memory_bus(const nvml::Library& library, nvml::Device device, core::GpuFacts& gpu) {
  unsigned bits = 0;
  if (library.memory_bus_width(device, bits) == nvml::kSuccess && bits > 0) gpu.memory_bus_width_bits = bits;
  unsigned mhz = 0;
  if (library.max_memory_clock(device, mhz) == nvml::kSuccess && mhz > 0) gpu.memory_clock_max_mhz = mhz;
}

// How busy NVENC is: rendering shares it with anything else encoding on the card. GPUs without NVENC answer
// NOT_SUPPORTED, which leaves both unknown.
void describe_encoder(const nvml::Library& library, nvml::Device device, core::GpuFacts& gpu) {
  unsigned sessions = 0;
  if (library.encoder_sessions(device, sessions) == nvml::kSuccess) gpu.encoder_sessions = sessions;
  unsigned percent = 0;
  if (library.encoder_capacity(device, percent) == nvml::kSuccess) gpu.encoder_capacity_percent = percent;
}

// A MIG device handle: the ids say which slice it is; name, UUID and memory are the slice's own.
std::optional<core::MigInstance> describe_mig_instance(const nvml::Library& library, nvml::Device mig_device) {
  unsigned gpu_instance = 0, compute_instance = 0;
  if (library.gpu_instance_id(mig_device, gpu_instance) != nvml::kSuccess ||
      library.compute_instance_id(mig_device, compute_instance) != nvml::kSuccess)
    return std::nullopt;  // an instance without its ids cannot be told apart from the others
  core::MigInstance instance;
  instance.gpu_instance = static_cast<int>(gpu_instance);
  instance.compute_instance = static_cast<int>(compute_instance);
  std::string name;
  if (library.name(mig_device, name) == nvml::kSuccess) instance.profile = nvml::mig_profile(name);
  std::string uuid;
  if (library.uuid(mig_device, uuid) == nvml::kSuccess) instance.uuid = uuid;
  const auto memory = library.memory(mig_device);
  if (memory.code == nvml::kSuccess) {
    instance.memory_total_bytes = memory.total_bytes;
    instance.memory_free_bytes = memory.free_bytes;
  }
  return instance;
}

// With MIG on, CUDA sees the instances, not the GPU: a model must fit one of them. Instances sit at any index below
// the maximum; the others answer NOT_FOUND.
void describe_mig(const nvml::Library& library, nvml::Device device, core::GpuFacts& gpu) {
  unsigned mode = 0;
  if (library.mig_mode(device, mode) != nvml::kSuccess || mode != nvml::kMigEnable) return;
  gpu.mig_enabled = true;
  unsigned slots = 0;
  if (library.max_mig_device_count(device, slots) != nvml::kSuccess) return;
  for (unsigned index = 0; index < slots; ++index) {
    nvml::Device mig_device = nullptr;
    if (library.mig_device_by_index(device, index, mig_device) != nvml::kSuccess) continue;
    if (auto instance = describe_mig_instance(library, mig_device)) gpu.mig_instances.push_back(std::move(*instance));
  }
}

// Reads one device; returns an empty string, or why the device could not be described.
std::string describe_device(const nvml::Library& library, nvml::Device device, core::GpuFacts& gpu,
                            const std::optional<std::string>& driver_version) {
  std::string name;
  if (library.name(device, name) == nvml::kSuccess) gpu.name = name;
  std::string uuid;
  if (library.uuid(device, uuid) == nvml::kSuccess) gpu.uuid = uuid;
  gpu.driver_version = driver_version;

  const auto memory = library.memory(device);
  if (memory.code == nvml::kSuccess && memory.total_bytes.value_or(0) > 0) {
    gpu.memory_total_bytes = memory.total_bytes;
    gpu.memory_free_bytes = memory.free_bytes;
    gpu.memory_used_bytes = memory.used_bytes;
  } else if (memory.code == nvml::kSuccess || memory.code == nvml::kNotSupported) {
    // On SoCs (Jetson, GB10) the GPU has no framebuffer of its own and shares system memory.
    gpu.integrated = true;
  } else {
    return "memory: " + nvml::describe_error(memory.code);
  }

  int major = 0, minor = 0;
  if (library.compute_capability(device, major, minor) == nvml::kSuccess)
    gpu.compute_capability = std::to_string(major) + "." + std::to_string(minor);
  nvml::Utilization rates{};
  if (library.utilization(device, rates) == nvml::kSuccess) gpu.utilization_percent = rates.gpu;
  unsigned celsius = 0;
  if (library.temperature(device, celsius) == nvml::kSuccess) gpu.temperature_celsius = celsius;
  unsigned milliwatts = 0;
  if (library.power_usage(device, milliwatts) == nvml::kSuccess) gpu.power_watts = milliwatts / 1000.0;
  describe_memory_bus(library, device, gpu);
  describe_encoder(library, device, gpu);
  describe_mig(library, device, gpu);
  return {};
}

template <class T>
json optional_json(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

template <class T>
std::optional<T> optional_from(const json& card, const char* key) {
  const auto it = card.find(key);
  if (it == card.end() || it->is_null()) return std::nullopt;
  return it->get<T>();
}

json mig_instances_json(const std::vector<core::MigInstance>& instances) {
  json list = json::array();
  for (const auto& instance : instances)
    list.push_back({{"gpu_instance", instance.gpu_instance},
                    {"compute_instance", instance.compute_instance},
                    {"uuid", optional_json(instance.uuid)},
                    {"profile", optional_json(instance.profile)},
                    {"memory_total_bytes", optional_json(instance.memory_total_bytes)},
                    {"memory_free_bytes", optional_json(instance.memory_free_bytes)}});
  return list;
}

// Absent in the answer of a helper older than this field: no instances.
std::vector<core::MigInstance> mig_instances_from(const json& card) {
  std::vector<core::MigInstance> instances;
  const auto it = card.find("mig_instances");
  if (it == card.end() || it->is_null()) return instances;
  for (const auto& item : *it) {
    core::MigInstance instance;
    instance.gpu_instance = item.at("gpu_instance").get<int>();
    instance.compute_instance = item.at("compute_instance").get<int>();
    instance.uuid = optional_from<std::string>(item, "uuid");
    instance.profile = optional_from<std::string>(item, "profile");
    instance.memory_total_bytes = optional_from<std::uint64_t>(item, "memory_total_bytes");
    instance.memory_free_bytes = optional_from<std::uint64_t>(item, "memory_free_bytes");
    instances.push_back(std::move(instance));
  }
  return instances;
}

// The helper's environment is this process's (the driver reads some of it), without anything secret.
std::vector<std::string> helper_environment() {
  std::vector<std::string> environment;
  for (const auto& [name, value] : sys::process_environment())
    if (!name.ends_with("_KEY") && !name.ends_with("_TOKEN") && !name.ends_with("_SECRET"))
      environment.push_back(name + "=" + value);
  return environment;
}

}  // namespace

NvmlEnumeration enumerate_nvml(const std::vector<std::string>& candidates) {
  NvmlEnumeration result;
  std::string load_error;
  const auto library = nvml::Library::open(candidates, load_error);
  if (!library) return {core::ProbeState::failed, "NVML unavailable: " + load_error, {}};

  unsigned count = 0;
  if (const auto code = library->device_count(count); code != nvml::kSuccess)
    return {core::ProbeState::failed, "cannot count GPUs: " + nvml::describe_error(code), {}};

  const auto driver_version = library->driver_version();
  std::string problems;
  int described = 0;
  for (unsigned index = 0; index < count; ++index) {
    const auto note = [&](const std::string& what) {
      problems += (problems.empty() ? "" : "; ") + std::string("GPU ") + std::to_string(index) + ": " + what;
    };
    nvml::Device device = nullptr;
    if (const auto code = library->device_by_index(index, device); code != nvml::kSuccess) {
      note(nvml::describe_error(code));
      continue;
    }
    nvml::PciInfo pci{};
    if (const auto code = library->pci_info(device, pci); code != nvml::kSuccess) {
      note("no PCI address: " + nvml::describe_error(code));
      continue;
    }
    core::GpuFacts gpu;
    gpu.pci_address = nvml::sysfs_pci_address(pci);
    if ((pci.pci_device_id >> 16) != 0) gpu.device_id = static_cast<std::uint16_t>(pci.pci_device_id >> 16);
    const auto problem = describe_device(*library, device, gpu, driver_version);
    result.cards.push_back(std::move(gpu));  // what was read is kept even when a part failed
    if (!problem.empty()) {
      note(problem);
      continue;
    }
    ++described;
  }
  if (!problems.empty()) {
    result.state = core::ProbeState::failed;
    result.detail = problems;
    return result;
  }
  result.detail = std::to_string(described) + " NVIDIA GPU" + (described == 1 ? "" : "s") + " through " +
                  library->path() + (driver_version ? ", driver " + *driver_version : "");
  return result;
}

NvmlEnumeration enumerate_nvml_within(const std::optional<std::string>& helper_path, std::chrono::milliseconds deadline,
                                      const std::vector<std::string>& candidates) {
  if (!helper_path) return enumerate_nvml(candidates);
  std::vector<std::string> argv{*helper_path};
  argv.insert(argv.end(), candidates.begin(), candidates.end());
  std::string error;
  auto helper = sys::ChildProcess::start(argv, helper_environment(), error);
  if (!helper) return enumerate_nvml(candidates);  // a helper that cannot start changes nothing about the driver
  const auto reply = helper->read_line(deadline);
  if (reply.status == sys::ReadStatus::timed_out) {
    helper->abandon();
    return {core::ProbeState::failed,
            "NVML did not answer within " + std::to_string(deadline.count()) +
                " ms: the NVIDIA driver may be hung (nvidia-smi would hang too): its GPUs are known from PCI only",
            {}};
  }
  helper->wait(std::chrono::seconds(1));
  if (auto enumeration = enumeration_from_json(reply.line)) return std::move(*enumeration);
  return {core::ProbeState::failed,
          "the NVML helper " + *helper_path + " ended without an answer (" + helper->ended_how() + ")",
          {}};
}

std::string enumeration_to_json(const NvmlEnumeration& enumeration) {
  json cards = json::array();
  for (const auto& gpu : enumeration.cards)
    cards.push_back({{"pci_address", gpu.pci_address},
                     {"device_id", optional_json(gpu.device_id)},
                     {"name", optional_json(gpu.name)},
                     {"uuid", optional_json(gpu.uuid)},
                     {"driver_version", optional_json(gpu.driver_version)},
                     {"compute_capability", optional_json(gpu.compute_capability)},
                     {"integrated", gpu.integrated},
                     {"memory_total_bytes", optional_json(gpu.memory_total_bytes)},
                     {"memory_used_bytes", optional_json(gpu.memory_used_bytes)},
                     {"memory_free_bytes", optional_json(gpu.memory_free_bytes)},
                     {"utilization_percent", optional_json(gpu.utilization_percent)},
                     {"temperature_celsius", optional_json(gpu.temperature_celsius)},
                     {"power_watts", optional_json(gpu.power_watts)},
                     {"memory_bus_width_bits", optional_json(gpu.memory_bus_width_bits)},
                     {"memory_clock_max_mhz", optional_json(gpu.memory_clock_max_mhz)},
                     {"encoder_sessions", optional_json(gpu.encoder_sessions)},
                     {"encoder_capacity_percent", optional_json(gpu.encoder_capacity_percent)},
                     {"mig_enabled", gpu.mig_enabled},
                     {"mig_instances", mig_instances_json(gpu.mig_instances)}});
  return json{{"ok", enumeration.state == core::ProbeState::ok}, {"detail", enumeration.detail}, {"cards", cards}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
}

std::optional<NvmlEnumeration> enumeration_from_json(std::string_view text) {
  const auto document = json::parse(text, nullptr, false);
  try {
    NvmlEnumeration enumeration;
    enumeration.state = document.at("ok").get<bool>() ? core::ProbeState::ok : core::ProbeState::failed;
    enumeration.detail = document.at("detail").get<std::string>();
    for (const auto& card : document.at("cards")) {
      core::GpuFacts gpu;
      gpu.pci_address = card.at("pci_address").get<std::string>();
      gpu.device_id = optional_from<std::uint16_t>(card, "device_id");
      gpu.name = optional_from<std::string>(card, "name");
      gpu.uuid = optional_from<std::string>(card, "uuid");
      gpu.driver_version = optional_from<std::string>(card, "driver_version");
      gpu.compute_capability = optional_from<std::string>(card, "compute_capability");
      gpu.integrated = card.at("integrated").get<bool>();
      gpu.memory_total_bytes = optional_from<std::uint64_t>(card, "memory_total_bytes");
      gpu.memory_used_bytes = optional_from<std::uint64_t>(card, "memory_used_bytes");
      gpu.memory_free_bytes = optional_from<std::uint64_t>(card, "memory_free_bytes");
      gpu.utilization_percent = optional_from<double>(card, "utilization_percent");
      gpu.temperature_celsius = optional_from<double>(card, "temperature_celsius");
      gpu.power_watts = optional_from<double>(card, "power_watts");
      gpu.memory_bus_width_bits = optional_from<int>(card, "memory_bus_width_bits");
      gpu.memory_clock_max_mhz = optional_from<int>(card, "memory_clock_max_mhz");
      gpu.encoder_sessions = optional_from<int>(card, "encoder_sessions");
      gpu.encoder_capacity_percent = optional_from<int>(card, "encoder_capacity_percent");
      gpu.mig_enabled = optional_from<bool>(card, "mig_enabled").value_or(false);
      gpu.mig_instances = mig_instances_from(card);
      enumeration.cards.push_back(std::move(gpu));
    }
    return enumeration;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

void merge_nvml_cards(const NvmlEnumeration& enumeration, core::HostFacts& facts) {
  for (const auto& card : enumeration.cards) {
    auto& gpu = gpu_at(facts.gpus, card.pci_address);
    add_source(gpu, "nvml");
    gpu.vendor = core::GpuVendor::nvidia;
    gpu.vendor_id = 0x10de;
    if (!gpu.kernel_driver) gpu.kernel_driver = "nvidia";
    if (!gpu.device_id) gpu.device_id = card.device_id;
    const auto take = [](auto& into, const auto& from) {
      if (from) into = from;
    };
    take(gpu.name, card.name);
    take(gpu.uuid, card.uuid);
    take(gpu.driver_version, card.driver_version);
    take(gpu.compute_capability, card.compute_capability);
    take(gpu.memory_total_bytes, card.memory_total_bytes);
    take(gpu.memory_used_bytes, card.memory_used_bytes);
    take(gpu.memory_free_bytes, card.memory_free_bytes);
    take(gpu.utilization_percent, card.utilization_percent);
    take(gpu.temperature_celsius, card.temperature_celsius);
    take(gpu.power_watts, card.power_watts);
    take(gpu.memory_bus_width_bits, card.memory_bus_width_bits);
    take(gpu.memory_clock_max_mhz, card.memory_clock_max_mhz);
    take(gpu.encoder_sessions, card.encoder_sessions);
    take(gpu.encoder_capacity_percent, card.encoder_capacity_percent);
    // NVML alone knows of MIG.
    gpu.mig_enabled = card.mig_enabled;
    gpu.mig_instances = card.mig_instances;
    gpu.integrated = gpu.integrated || card.integrated;
  }
}

}  // namespace autocut::detect
