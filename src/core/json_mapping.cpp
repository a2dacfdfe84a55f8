#include "core/json_mapping.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "core/cpu_list.hpp"
#include "core/time_text.hpp"

namespace autocut::core {
namespace {

using json = nlohmann::ordered_json;

template <class T>
json optional_value(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

// The original reported memory in GB with one decimal (psutil bytes / 1024^3).
json gigabytes(const std::optional<std::uint64_t>& bytes) {
  if (!bytes) return nullptr;
  return std::round(static_cast<double>(*bytes) / (1024.0 * 1024.0 * 1024.0) * 10.0) / 10.0;
}

std::string_view to_string(ProbeState state) {
  switch (state) {
    case ProbeState::ok:
      return "ok";
    case ProbeState::absent:
      return "absent";
    case ProbeState::failed:
      return "failed";
    case ProbeState::pending:
      return "pending";
  }
  return "failed";
}

json cpu_json(const RuntimeProfile& profile) {
  const auto& facts = profile.facts;
  if (!facts.cpu) return nullptr;
  const auto& cpu = *facts.cpu;
  return {
      {"model", optional_value(cpu.model)},
      {"vendor", optional_value(cpu.vendor)},
      {"architecture", optional_value(cpu.architecture)},
      {"cores", optional_value(cpu.cores)},
      {"threads", cpu.threads},
      {"sockets", optional_value(cpu.sockets)},
      {"performance_cores", optional_value(cpu.performance_cores)},
      {"efficiency_cores", optional_value(cpu.efficiency_cores)},
      {"effective_cpus", optional_value(profile.effective.cpus)},
      {"limited_by_container", profile.effective.cpus_limited_by_container},
      {"allowed_cpus", cpu.allowed_cpus.empty() ? json(nullptr) : json(format_cpulist(cpu.allowed_cpus))},
      {"isa", cpu.isa},
      {"max_mhz", optional_value(cpu.max_mhz)},
      {"hypervisor", cpu.hypervisor},
      {"score", profile.cpu_tier ? json(to_string(*profile.cpu_tier)) : json(nullptr)},
  };
}

json memory_json(const RuntimeProfile& profile) {
  const auto& facts = profile.facts;
  if (!facts.memory) return nullptr;
  const auto& effective = profile.effective;
  return {
      {"total_gb", gigabytes(effective.memory_total_bytes)},
      {"available_gb", gigabytes(effective.memory_available_bytes)},
      {"total_bytes", optional_value(effective.memory_total_bytes)},
      {"available_bytes", optional_value(effective.memory_available_bytes)},
      {"limited_by_container", effective.memory_limited_by_container},
      {"host_total_bytes", facts.memory->total_bytes},
      {"host_available_bytes", optional_value(facts.memory->available_bytes)},
      {"swap_total_bytes", facts.memory->swap_total_bytes},
      {"swap_free_bytes", facts.memory->swap_free_bytes},
  };
}

json container_json(const HostFacts& facts) {
  if (!facts.cgroup) return nullptr;
  const auto& group = *facts.cgroup;
  json quota = nullptr;
  if (group.cpu_quota) quota = {{"quota_us", group.cpu_quota->quota_us}, {"period_us", group.cpu_quota->period_us}};
  return {
      {"limits_from", group.job_object ? "job-object" : "cgroup"},
      {"cgroup_version", group.job_object ? json(nullptr) : json(group.version)},
      {"cgroup_path", group.job_object ? json(nullptr) : json(group.path)},
      {"memory_limit_bytes", optional_value(group.memory_limit_bytes)},
      {"memory_working_set_bytes", optional_value(group.memory_working_set_bytes)},
      {"cpu_quota", quota},
      {"cpuset", group.cpuset ? json(format_cpulist(*group.cpuset)) : json(nullptr)},
  };
}

json psi_window_json(const PsiWindow& window) {
  return {{"avg10", window.avg10}, {"avg60", window.avg60}, {"avg300", window.avg300}, {"total_us", window.total_us}};
}

json psi_json(const std::optional<PsiResource>& resource) {
  if (!resource) return nullptr;
  return {{"some", psi_window_json(resource->some)},
          {"full", resource->full ? psi_window_json(*resource->full) : json(nullptr)}};
}

json pressure_json(const HostFacts& facts) {
  if (!facts.pressure) return nullptr;
  return {{"cpu", psi_json(facts.pressure->cpu)},
          {"memory", psi_json(facts.pressure->memory)},
          {"io", psi_json(facts.pressure->io)}};
}

json os_json(const HostFacts& facts) {
  if (!facts.os) return nullptr;
  return {{"kernel", optional_value(facts.os->kernel)},
          {"distribution", optional_value(facts.os->distribution)},
          {"container", optional_value(facts.os->container)},
          {"wsl", facts.os->wsl}};
}

json hex_id(const std::optional<std::uint16_t>& id) {
  if (!id) return nullptr;
  char text[8];
  std::snprintf(text, sizeof text, "%04x", *id);
  return text;
}

json gpu_json(const GpuFacts& gpu, const GpuCapacity& capacity) {
  json mig_instances = json::array();
  for (const auto& instance : gpu.mig_instances)
    mig_instances.push_back({{"gpu_instance", instance.gpu_instance},
                             {"compute_instance", instance.compute_instance},
                             {"uuid", optional_value(instance.uuid)},
                             {"profile", optional_value(instance.profile)},
                             {"memory_total_bytes", optional_value(instance.memory_total_bytes)},
                             {"memory_free_bytes", optional_value(instance.memory_free_bytes)}});
  // Bytes per second, a whole number: the clock is in whole megahertz and the bus in whole bytes.
  const auto bandwidth = gpu.memory_bandwidth();
  return {
      {"pci_address", gpu.pci_address},
      {"vendor", to_string(gpu.vendor)},
      {"vendor_id", hex_id(gpu.vendor_id)},
      {"device_id", hex_id(gpu.device_id)},
      {"name", optional_value(gpu.name)},
      {"uuid", optional_value(gpu.uuid)},
      {"driver", optional_value(gpu.kernel_driver)},
      {"driver_version", optional_value(gpu.driver_version)},
      {"compute_capability", optional_value(gpu.compute_capability)},
      {"integrated", gpu.integrated},
      {"display_only", gpu.display_only},
      {"memory_total_gb", gigabytes(gpu.memory_total_bytes)},
      {"usable_gb", gigabytes(capacity.usable_bytes)},
      {"memory_total_bytes", optional_value(gpu.memory_total_bytes)},
      {"memory_used_bytes", optional_value(gpu.memory_used_bytes)},
      {"memory_free_bytes", optional_value(gpu.memory_free_bytes)},
      {"shared_memory_total_bytes", optional_value(gpu.shared_memory_total_bytes)},
      {"memory_bus_width_bits", optional_value(gpu.memory_bus_width_bits)},
      {"memory_clock_max_mhz", optional_value(gpu.memory_clock_max_mhz)},
      {"memory_transfers_per_clock", gpu.memory_transfers_per_clock},
      {"memory_type", optional_value(gpu.memory_type)},
      {"memory_bandwidth_bytes_per_s", bandwidth ? json(std::llround(*bandwidth)) : json(nullptr)},
      {"class_memory_bytes", optional_value(capacity.class_memory_bytes)},
      {"usable_bytes", optional_value(capacity.usable_bytes)},
      {"level", to_string(capacity.level)},
      {"utilization_percent", optional_value(gpu.utilization_percent)},
      {"temperature_c", optional_value(gpu.temperature_celsius)},
      {"power_w", optional_value(gpu.power_watts)},
      {"encoder_sessions", optional_value(gpu.encoder_sessions)},
      {"encoder_capacity_percent", optional_value(gpu.encoder_capacity_percent)},
      {"mig_enabled", gpu.mig_enabled},
      {"mig_instances", mig_instances},
      {"sources", gpu.sources},
  };
}

json gpus_json(const RuntimeProfile& profile) {
  json gpus = json::array();
  for (std::size_t i = 0; i < profile.facts.gpus.size(); ++i)
    gpus.push_back(gpu_json(profile.facts.gpus[i], profile.gpu_capacity.at(i)));
  return gpus;
}

// Where a loaded model sits, as `ollama ps` tells it: all on the GPU, split with the CPU, or on the CPU.
json placement(const AiModel& model) {
  if (!model.loaded || !model.loaded_bytes || !model.loaded_vram_bytes) return nullptr;
  if (*model.loaded_vram_bytes == 0) return "cpu";
  return *model.loaded_vram_bytes >= *model.loaded_bytes ? "gpu" : "split";
}

json projector_json(const std::optional<ProjectorShape>& projector) {
  if (!projector) return nullptr;
  return {{"weights_bytes", optional_value(projector->weights_bytes)},
          {"parameter_count", optional_value(projector->parameter_count)},
          {"image_size", projector->image_size},
          {"patch_size", projector->patch_size},
          {"embedding_length", projector->embedding_length},
          {"head_count", projector->head_count},
          {"block_count", projector->block_count},
          {"tokens_per_image", optional_value(projector->tokens_per_image)},
          {"spatial_merge_size", projector->spatial_merge_size}};
}

json shape_json(const std::optional<ModelShape>& shape) {
  if (!shape) return nullptr;
  return {{"architecture", shape->architecture},
          {"block_count", shape->block_count},
          {"embedding_length", shape->embedding_length},
          {"head_count", shape->head_count},
          {"head_count_kv", shape->head_count_kv},
          {"key_length", shape->key_length},
          {"value_length", shape->value_length},
          {"feed_forward_length", optional_value(shape->feed_forward_length)},
          {"context_length", optional_value(shape->context_length)},
          {"sliding_window", optional_value(shape->sliding_window)},
          {"sliding_window_pattern", shape->sliding_window_pattern},
          {"vocab_size", optional_value(shape->vocab_size)},
          {"parameter_count", optional_value(shape->parameter_count)},
          {"weights_bytes", optional_value(shape->weights_bytes)},
          {"projector", projector_json(shape->projector)},
          {"source", shape->source}};
}

json model_json(const AiModel& model) {
  return {
      {"name", model.name},
      {"size_bytes", optional_value(model.size_bytes)},
      {"family", optional_value(model.family)},
      {"parameter_size", optional_value(model.parameter_size)},
      {"quantization", optional_value(model.quantization)},
      {"capabilities", model.capabilities},
      {"vision", optional_value(model.vision)},
      {"remote", model.remote},
      {"loaded", model.loaded},
      {"loaded_bytes", optional_value(model.loaded_bytes)},
      {"loaded_vram_bytes", optional_value(model.loaded_vram_bytes)},
      {"placement", placement(model)},
      {"loaded_context", optional_value(model.loaded_context)},
      {"shape", shape_json(model.shape)},
  };
}

json runtimes_json(const HostFacts& facts) {
  json runtimes = json::array();
  for (const auto& runtime : facts.runtimes) {
    json models = json::array();
    for (const auto& model : runtime.models) models.push_back(model_json(model));
    runtimes.push_back({{"kind", to_string(runtime.kind)},
                        {"url", runtime.url},
                        {"running", runtime.running},
                        {"installed", runtime.installed},
                        {"version", optional_value(runtime.version)},
                        {"models", models},
                        {"problem", runtime.problem.empty() ? json(nullptr) : json(runtime.problem)}});
  }
  return runtimes;
}

json cloud_endpoint_json(const CloudEndpoint& endpoint) {
  return {{"key_present", endpoint.key_present}, {"base_url", endpoint.base_url}, {"model", endpoint.model}};
}

json cloud_json(const HostFacts& facts) {
  if (!facts.cloud) return nullptr;
  return {{"vision", cloud_endpoint_json(facts.cloud->vision)},
          {"planning", cloud_endpoint_json(facts.cloud->planning)}};
}

json editors_json(const HostFacts& facts) {
  json resolve = nullptr;
  if (facts.resolve) {
    const auto& r = *facts.resolve;
    resolve = {{"install_path", r.install_path},
               {"version", optional_value(r.version)},
               {"studio", optional_value(r.studio)},
               {"scripting_api", r.scripting_api},
               {"scripting_library", r.scripting_library},
               {"running", r.running},
               {"scriptable", r.scriptable()}};
  }
  json ffmpeg = nullptr;
  if (facts.ffmpeg) {
    const auto& f = *facts.ffmpeg;
    json trials = json::array();
    for (const auto& trial : f.trials)
      trials.push_back({{"encoder", trial.encoder},
                        {"works", trial.works},
                        {"detail", trial.detail.empty() ? json(nullptr) : json(trial.detail)}});
    json decoders = json::array();
    for (const auto& trial : f.decode_trials)
      decoders.push_back({{"hwaccel", trial.hwaccel},
                          {"sample", trial.sample},
                          {"works", trial.works},
                          {"detail", trial.detail.empty() ? json(nullptr) : json(trial.detail)}});
    ffmpeg = {{"path", f.path},
              {"version", optional_value(f.version)},
              {"hardware_encoders", f.hardware_encoders},
              {"hwaccels", f.hwaccels},
              {"trials", trials},
              {"decoders", decoders},
              {"trials_cached", f.from_cache}};
  }
  return {{"davinci_resolve", resolve}, {"ffmpeg", ffmpeg}};
}

json probes_json(const HostFacts& facts) {
  json probes = json::object();
  for (const auto& probe : facts.probes)
    probes[probe.name] = {
        {"status", to_string(probe.state)}, {"detail", probe.detail}, {"duration_us", probe.duration.count()}};
  return probes;
}

}  // namespace

std::string_view to_string(GpuVendor vendor) {
  switch (vendor) {
    case GpuVendor::nvidia:
      return "nvidia";
    case GpuVendor::amd:
      return "amd";
    case GpuVendor::intel:
      return "intel";
    case GpuVendor::other:
      return "other";
  }
  return "other";
}

nlohmann::ordered_json profile_to_json(const RuntimeProfile& profile) {
  return {
      {"schema_version", profile.schema_version},
      {"detected_at", format_time(profile.detected_at, "%Y-%m-%dT%H:%M:%SZ", true)},
      {"fingerprint", profile.fingerprint},
      {"profile_class", to_string(profile.profile_class)},
      {"captured", profile.facts.captured},
      {"not_asked", profile.facts.not_asked},
      {"cpu", cpu_json(profile)},
      {"memory", memory_json(profile)},
      {"gpu", profile.best_gpu
                  ? gpu_json(profile.facts.gpus.at(*profile.best_gpu), profile.gpu_capacity.at(*profile.best_gpu))
                  : json(nullptr)},
      {"gpus", gpus_json(profile)},
      {"runtimes", runtimes_json(profile.facts)},
      {"cloud", cloud_json(profile.facts)},
      {"editors", editors_json(profile.facts)},
      {"container", container_json(profile.facts)},
      {"pressure", pressure_json(profile.facts)},
      {"os", os_json(profile.facts)},
      {"probes", probes_json(profile.facts)},
  };
}

std::string profile_to_json_text(const RuntimeProfile& profile) {
  return profile_to_json(profile).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace autocut::core
