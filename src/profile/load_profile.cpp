#include "profile/load_profile.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/json_fields.hpp"
#include "profile/build_profile.hpp"
#include "profile/profile_store.hpp"
#include "sys/parse/cpulist.hpp"

namespace autocut::profile {
namespace {

using json = nlohmann::ordered_json;
using core::BadField;
using core::Fields;

std::vector<int> cpus(const Fields& fields, const char* key) {
  const auto text = fields.optional<std::string>(key);
  if (!text) return {};
  auto list = sys::parse::parse_cpulist(*text);
  if (!list) throw BadField{fields.at(key), "a CPU list such as \"0-3,8\""};
  return *list;
}

std::optional<std::uint16_t> hex_id(const Fields& fields, const char* key) {
  const auto text = fields.optional<std::string>(key);
  if (!text) return std::nullopt;
  if (text->size() != 4 || text->find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
    throw BadField{fields.at(key), "four hexadecimal digits"};
  return static_cast<std::uint16_t>(std::stoul(*text, nullptr, 16));
}

template <class Enum, std::size_t N>
Enum named(const Fields& fields, const char* key, const std::array<Enum, N>& values) {
  const auto name = fields.required<std::string>(key);
  for (const auto value : values)
    if (to_string(value) == name) return value;
  throw BadField{fields.at(key), "a known name (\"" + name + "\" is not one)"};
}

core::CpuFacts cpu_facts(const Fields& cpu) {
  core::CpuFacts facts;
  facts.model = cpu.optional<std::string>("model");
  facts.vendor = cpu.optional<std::string>("vendor");
  facts.architecture = cpu.optional<std::string>("architecture");
  facts.threads = cpu.required<int>("threads");
  facts.cores = cpu.optional<int>("cores");
  facts.sockets = cpu.optional<int>("sockets");
  facts.performance_cores = cpu.optional<int>("performance_cores");
  facts.efficiency_cores = cpu.optional<int>("efficiency_cores");
  facts.isa = cpu.strings("isa");
  facts.max_mhz = cpu.optional<double>("max_mhz");
  facts.hypervisor = cpu.or_default("hypervisor", false);
  facts.allowed_cpus = cpus(cpu, "allowed_cpus");
  return facts;
}

core::MemoryFacts memory_facts(const Fields& memory) {
  return {memory.required<std::uint64_t>("host_total_bytes"), memory.optional<std::uint64_t>("host_available_bytes"),
          memory.or_default<std::uint64_t>("swap_total_bytes", 0),
          memory.or_default<std::uint64_t>("swap_free_bytes", 0)};
}

core::GpuFacts gpu_facts(const Fields& gpu) {
  core::GpuFacts facts;
  facts.pci_address = gpu.required<std::string>("pci_address");
  facts.vendor =
      named(gpu, "vendor",
            std::array{core::GpuVendor::nvidia, core::GpuVendor::amd, core::GpuVendor::intel, core::GpuVendor::other});
  facts.vendor_id = hex_id(gpu, "vendor_id");
  facts.device_id = hex_id(gpu, "device_id");
  facts.name = gpu.optional<std::string>("name");
  facts.uuid = gpu.optional<std::string>("uuid");
  facts.kernel_driver = gpu.optional<std::string>("driver");
  facts.driver_version = gpu.optional<std::string>("driver_version");
  facts.compute_capability = gpu.optional<std::string>("compute_capability");
  facts.integrated = gpu.or_default("integrated", false);
  facts.display_only = gpu.or_default("display_only", false);
  facts.memory_total_bytes = gpu.optional<std::uint64_t>("memory_total_bytes");
  facts.memory_used_bytes = gpu.optional<std::uint64_t>("memory_used_bytes");
  facts.memory_free_bytes = gpu.optional<std::uint64_t>("memory_free_bytes");
  facts.shared_memory_total_bytes = gpu.optional<std::uint64_t>("shared_memory_total_bytes");
  facts.utilization_percent = gpu.optional<double>("utilization_percent");
  facts.temperature_celsius = gpu.optional<double>("temperature_c");
  facts.power_watts = gpu.optional<double>("power_w");
  facts.memory_bus_width_bits = gpu.optional<int>("memory_bus_width_bits");
  facts.memory_clock_max_mhz = gpu.optional<int>("memory_clock_max_mhz");
  facts.memory_transfers_per_clock = gpu.or_default("memory_transfers_per_clock", 2);
  facts.memory_type = gpu.optional<std::string>("memory_type");
  facts.encoder_sessions = gpu.optional<int>("encoder_sessions");
  facts.encoder_capacity_percent = gpu.optional<int>("encoder_capacity_percent");
  facts.mig_enabled = gpu.or_default("mig_enabled", false);
  gpu.each("mig_instances", [&](const Fields& instance) {
    facts.mig_instances.push_back({instance.required<int>("gpu_instance"), instance.required<int>("compute_instance"),
                                   instance.optional<std::string>("uuid"), instance.optional<std::string>("profile"),
                                   instance.optional<std::uint64_t>("memory_total_bytes"),
                                   instance.optional<std::uint64_t>("memory_free_bytes")});
  });
  facts.sources = gpu.strings("sources");
  return facts;
}

core::ProjectorShape projector_shape(const Fields& projector) {
  core::ProjectorShape shape;
  shape.weights_bytes = projector.optional<std::uint64_t>("weights_bytes");
  shape.parameter_count = projector.optional<std::uint64_t>("parameter_count");
  shape.image_size = projector.or_default("image_size", 0);
  shape.patch_size = projector.or_default("patch_size", 14);
  shape.embedding_length = projector.required<int>("embedding_length");
  shape.head_count = projector.required<int>("head_count");
  shape.block_count = projector.required<int>("block_count");
  shape.tokens_per_image = projector.optional<int>("tokens_per_image");
  shape.spatial_merge_size = projector.or_default("spatial_merge_size", 1);
  return shape;
}

core::ModelShape model_shape(const Fields& shape) {
  core::ModelShape facts;
  facts.architecture = shape.required<std::string>("architecture");
  facts.block_count = shape.required<int>("block_count");
  facts.embedding_length = shape.required<int>("embedding_length");
  facts.head_count = shape.required<int>("head_count");
  facts.head_count_kv = shape.required<int>("head_count_kv");
  facts.key_length = shape.required<int>("key_length");
  facts.value_length = shape.required<int>("value_length");
  facts.feed_forward_length = shape.optional<int>("feed_forward_length");
  facts.context_length = shape.optional<int>("context_length");
  facts.sliding_window = shape.optional<int>("sliding_window");
  facts.sliding_window_pattern = shape.or_default("sliding_window_pattern", 0);
  facts.vocab_size = shape.optional<int>("vocab_size");
  facts.parameter_count = shape.optional<std::uint64_t>("parameter_count");
  facts.weights_bytes = shape.optional<std::uint64_t>("weights_bytes");
  if (const auto projector = shape.object("projector")) facts.projector = projector_shape(*projector);
  facts.source = shape.or_default<std::string>("source", "");
  return facts;
}

core::AiModel model_facts(const Fields& model) {
  core::AiModel facts;
  facts.name = model.required<std::string>("name");
  facts.size_bytes = model.optional<std::uint64_t>("size_bytes");
  facts.family = model.optional<std::string>("family");
  facts.parameter_size = model.optional<std::string>("parameter_size");
  facts.quantization = model.optional<std::string>("quantization");
  facts.capabilities = model.strings("capabilities");
  facts.vision = model.optional<bool>("vision");
  facts.remote = model.or_default("remote", false);
  facts.loaded = model.or_default("loaded", false);
  facts.loaded_bytes = model.optional<std::uint64_t>("loaded_bytes");
  facts.loaded_vram_bytes = model.optional<std::uint64_t>("loaded_vram_bytes");
  facts.loaded_context = model.optional<int>("loaded_context");
  if (const auto shape = model.object("shape")) facts.shape = model_shape(*shape);
  return facts;
}

core::AiRuntime runtime_facts(const Fields& runtime) {
  core::AiRuntime facts;
  facts.kind = named(runtime, "kind",
                     std::array{core::RuntimeKind::ollama, core::RuntimeKind::llama_cpp, core::RuntimeKind::lm_studio,
                                core::RuntimeKind::vllm});
  facts.url = runtime.required<std::string>("url");
  facts.running = runtime.or_default("running", false);
  facts.installed = runtime.or_default("installed", false);
  facts.version = runtime.optional<std::string>("version");
  runtime.each("models", [&](const Fields& model) { facts.models.push_back(model_facts(model)); });
  facts.problem = runtime.or_default<std::string>("problem", "");
  return facts;
}

core::CloudEndpoint cloud_endpoint(const Fields& endpoint) {
  return {endpoint.or_default("key_present", false), endpoint.required<std::string>("base_url"),
          endpoint.required<std::string>("model")};
}

void editor_facts(const Fields& editors, core::HostFacts& facts) {
  if (const auto resolve = editors.object("davinci_resolve")) {
    core::ResolveFacts r;
    r.install_path = resolve->required<std::string>("install_path");
    r.version = resolve->optional<std::string>("version");
    r.studio = resolve->optional<bool>("studio");
    r.scripting_api = resolve->or_default("scripting_api", false);
    r.scripting_library = resolve->or_default("scripting_library", false);
    r.running = resolve->or_default("running", false);
    facts.resolve = r;
  }
  if (const auto ffmpeg = editors.object("ffmpeg")) {
    core::FfmpegFacts f;
    f.path = ffmpeg->required<std::string>("path");
    f.version = ffmpeg->optional<std::string>("version");
    f.hardware_encoders = ffmpeg->strings("hardware_encoders");
    f.hwaccels = ffmpeg->strings("hwaccels");
    ffmpeg->each("trials", [&](const Fields& trial) {
      f.trials.push_back({trial.required<std::string>("encoder"), trial.or_default("works", false),
                          trial.or_default<std::string>("detail", "")});
    });
    ffmpeg->each("decoders", [&](const Fields& trial) {
      f.decode_trials.push_back({trial.required<std::string>("hwaccel"), trial.required<std::string>("sample"),
                                 trial.or_default("works", false), trial.or_default<std::string>("detail", "")});
    });
    f.from_cache = ffmpeg->or_default("trials_cached", false);
    facts.ffmpeg = f;
  }
}

core::CgroupFacts cgroup_facts(const Fields& container) {
  core::CgroupFacts facts;
  facts.job_object = container.or_default<std::string>("limits_from", "cgroup") == "job-object";
  if (!facts.job_object) {
    facts.version = container.required<int>("cgroup_version");
    facts.path = container.or_default<std::string>("cgroup_path", "");
  }
  facts.memory_limit_bytes = container.optional<std::uint64_t>("memory_limit_bytes");
  facts.memory_working_set_bytes = container.optional<std::uint64_t>("memory_working_set_bytes");
  if (const auto quota = container.object("cpu_quota"))
    facts.cpu_quota =
        core::CpuQuota{quota->required<std::uint64_t>("quota_us"), quota->required<std::uint64_t>("period_us")};
  if (!container.raw("cpuset").is_null()) facts.cpuset = cpus(container, "cpuset");
  return facts;
}

core::PsiWindow psi_window(const Fields& window) {
  return {window.required<double>("avg10"), window.required<double>("avg60"), window.required<double>("avg300"),
          window.required<std::uint64_t>("total_us")};
}

std::optional<core::PsiResource> psi_resource(const Fields& pressure, const char* key) {
  const auto resource = pressure.object(key);
  if (!resource) return std::nullopt;
  core::PsiResource facts{psi_window(Fields(resource->raw("some"), resource->at("some"))), std::nullopt};
  if (const auto full = resource->object("full")) facts.full = psi_window(*full);
  return facts;
}

core::OsFacts os_facts(const Fields& os) {
  return {os.optional<std::string>("kernel"), os.optional<std::string>("distribution"),
          os.optional<std::string>("container"), os.or_default("wsl", false)};
}

std::vector<core::ProbeStatus> probe_facts(const Fields& probes, const json& document) {
  static constexpr std::array states{core::ProbeState::ok, core::ProbeState::absent, core::ProbeState::failed,
                                     core::ProbeState::pending};
  static constexpr std::array<std::string_view, 4> names{"ok", "absent", "failed", "pending"};
  std::vector<core::ProbeStatus> list;
  for (const auto& [name, value] : document.items()) {
    const Fields probe(value, probes.at(name.c_str()));
    core::ProbeStatus status;
    status.name = name;
    const auto state = probe.required<std::string>("status");
    const auto found = std::find(names.begin(), names.end(), state);
    if (found == names.end()) throw BadField{probe.at("status"), "ok, absent, failed or pending"};
    status.state = states[static_cast<std::size_t>(found - names.begin())];
    status.detail = probe.or_default<std::string>("detail", "");
    status.duration = std::chrono::microseconds(probe.or_default<std::int64_t>("duration_us", 0));
    list.push_back(std::move(status));
  }
  return list;
}

// "2026-02-06T09:30:00Z", as profile_to_json writes it; with the calendar of <chrono>, so no platform's timegm.
std::optional<std::chrono::system_clock::time_point> utc_time(const std::string& text) {
  int year = 0;
  unsigned month = 0, day = 0, hour = 0, minute = 0, second = 0;
  char zone = 0;
  if (std::sscanf(text.c_str(), "%4d-%2u-%2uT%2u:%2u:%2u%c", &year, &month, &day, &hour, &minute, &second, &zone) !=
          7 ||
      zone != 'Z' || hour > 23 || minute > 59 || second > 60)
    return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days(date) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
         std::chrono::seconds(second);
}

core::RuntimeProfile profile_from_fields(const json& document, const ClassifySettings& settings) {
  const Fields top(document, "");
  core::HostFacts facts;
  facts.captured = top.or_default("captured", false);
  facts.not_asked = top.strings("not_asked");
  if (const auto cpu = top.object("cpu")) facts.cpu = cpu_facts(*cpu);
  if (const auto memory = top.object("memory")) facts.memory = memory_facts(*memory);
  top.each("gpus", [&](const Fields& gpu) { facts.gpus.push_back(gpu_facts(gpu)); });
  top.each("runtimes", [&](const Fields& runtime) { facts.runtimes.push_back(runtime_facts(runtime)); });
  if (const auto cloud = top.object("cloud"))
    facts.cloud = core::CloudFacts{cloud_endpoint(Fields(cloud->raw("vision"), cloud->at("vision"))),
                                   cloud_endpoint(Fields(cloud->raw("planning"), cloud->at("planning")))};
  if (const auto editors = top.object("editors")) editor_facts(*editors, facts);
  if (const auto container = top.object("container")) facts.cgroup = cgroup_facts(*container);
  if (const auto pressure = top.object("pressure"))
    facts.pressure = core::PressureFacts{psi_resource(*pressure, "cpu"), psi_resource(*pressure, "memory"),
                                         psi_resource(*pressure, "io")};
  if (const auto os = top.object("os")) facts.os = os_facts(*os);
  const Fields probes(top.raw("probes"), "probes");
  facts.probes = probe_facts(probes, top.raw("probes"));

  const auto detected_at = utc_time(top.required<std::string>("detected_at"));
  if (!detected_at) throw BadField{"detected_at", "a UTC time such as \"2026-02-06T09:30:00Z\""};
  auto profile = build_profile(std::move(facts), *detected_at, settings);
  profile.fingerprint = top.required<std::string>("fingerprint");
  return profile;
}

}  // namespace

ProfileFromDocument profile_from_document(const json& document, const ClassifySettings& settings) {
  try {
    return {profile_from_fields(document, settings), {}};
  } catch (const BadField& bad) {
    return {std::nullopt, "\"" + bad.path + "\" is not " + bad.expected};
  }
}

LoadedProfile load_profile(const std::filesystem::path& path, const ClassifySettings& settings,
                           std::chrono::system_clock::time_point now) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return {std::nullopt, path.string() + " does not exist"};
  if (std::filesystem::is_directory(path, ec)) return {std::nullopt, path.string() + " is a directory, not a profile"};
  std::string error;
  const auto text = read_profile_text(path, error);
  if (!text) return {std::nullopt, error};

  // The checks saving makes first (schema, the original's fields), then every field read back.
  const auto parsed = parse_saved_profile(*text);
  std::string why = parsed.error;
  if (parsed.profile) {
    auto loaded = profile_from_document(json::parse(*text, nullptr, false), settings);
    if (loaded.profile) return {std::move(loaded.profile), {}};
    why = loaded.error;
  }
  return {std::nullopt, set_aside(path, why, now).message};
}

}  // namespace autocut::profile
