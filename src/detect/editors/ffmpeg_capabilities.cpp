#include "detect/editors/ffmpeg_capabilities.hpp"

#include <algorithm>
#include <future>
#include <nlohmann/json.hpp>

#include "detect/editors/ffmpeg_decode_trials.hpp"
#include "detect/editors/ffmpeg_trial_outcome.hpp"
#include "sys/atomic_file.hpp"
#include "sys/environment.hpp"
#include "sys/file_text.hpp"
#include "sys/parse/ffmpeg.hpp"
#include "sys/parse/numbers.hpp"
#include "sys/process.hpp"

namespace autocut::detect {
namespace {

using nlohmann::json;

bool is_trial_candidate(const std::string& encoder) {
  static constexpr std::string_view kHardware[] = {"_nvenc", "_vaapi", "_qsv", "_amf", "_v4l2m2m"};
  static constexpr std::string_view kCodecs[] = {"h264_", "hevc_", "av1_"};
  const bool codec =
      std::any_of(std::begin(kCodecs), std::end(kCodecs), [&](auto c) { return encoder.starts_with(c); });
  const bool hardware =
      std::any_of(std::begin(kHardware), std::end(kHardware), [&](auto h) { return encoder.ends_with(h); });
  return codec && hardware;
}

// Identity of the binary: a new build at the same path must be tried again.
std::string binary_identity(const std::string& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) return {};
  const auto written = std::filesystem::last_write_time(path, error);
  if (error) return {};
  return path + "|" + std::to_string(size) + "|" + std::to_string(written.time_since_epoch().count());
}

core::EncoderTrial run_trial(const std::string& binary, const std::string& encoder, std::chrono::milliseconds timeout) {
  const auto outcome = trial_outcome(
      sys::run_process(trial_command(binary, encoder), timeout, 64 * 1024, sys::tool_environment()), timeout);
  return {encoder, outcome.works, outcome.detail};
}

// Trial results as the cache and a capture keep them.
json trials_to_json(const std::vector<core::EncoderTrial>& trials) {
  json list = json::array();
  for (const auto& trial : trials)
    list.push_back({{"encoder", trial.encoder}, {"works", trial.works}, {"detail", trial.detail}});
  return list;
}

// Throws json::exception for a list of another shape.
std::vector<core::EncoderTrial> trials_from_json(const json& list) {
  std::vector<core::EncoderTrial> trials;
  for (const auto& trial : list)
    trials.push_back(
        {trial.at("encoder").get<std::string>(), trial.at("works").get<bool>(), trial.at("detail").get<std::string>()});
  return trials;
}

json decode_trials_to_json(const std::vector<core::DecoderTrial>& trials) {
  json list = json::array();
  for (const auto& trial : trials)
    list.push_back(
        {{"hwaccel", trial.hwaccel}, {"sample", trial.sample}, {"works", trial.works}, {"detail", trial.detail}});
  return list;
}

// Throws json::exception for a list of another shape.
std::vector<core::DecoderTrial> decode_trials_from_json(const json& list) {
  std::vector<core::DecoderTrial> trials;
  for (const auto& trial : list)
    trials.push_back({trial.at("hwaccel").get<std::string>(), trial.at("sample").get<std::string>(),
                      trial.at("works").get<bool>(), trial.at("detail").get<std::string>()});
  return trials;
}

json to_cache(const std::string& identity, const core::FfmpegFacts& facts) {
  return {{"binary", identity},
          {"version", facts.version ? json(*facts.version) : json(nullptr)},
          {"hardware_encoders", facts.hardware_encoders},
          {"hwaccels", facts.hwaccels},
          {"trials", trials_to_json(facts.trials)},
          {"decoders", decode_trials_to_json(facts.decode_trials)}};
}

std::optional<core::FfmpegFacts> from_cache(const std::filesystem::path& file, const std::string& identity) {
  const auto text = sys::read_file(file);
  if (!text) return std::nullopt;
  const auto cache = json::parse(*text, nullptr, false);
  if (cache.is_discarded() || !cache.is_object()) return std::nullopt;
  try {
    if (cache.at("binary").get<std::string>() != identity) return std::nullopt;
    core::FfmpegFacts facts;
    if (cache.at("version").is_string()) facts.version = cache.at("version").get<std::string>();
    facts.hardware_encoders = cache.at("hardware_encoders").get<std::vector<std::string>>();
    facts.hwaccels = cache.at("hwaccels").get<std::vector<std::string>>();
    facts.trials = trials_from_json(cache.at("trials"));
    facts.decode_trials = decode_trials_from_json(cache.at("decoders"));
    facts.from_cache = true;
    return facts;
  } catch (const json::exception&) {
    return std::nullopt;  // a cache of another shape is simply not used
  }
}

struct Listings {
  std::string version, encoders, hwaccels;  // what -version, -encoders and -hwaccels printed
};

// The facts the listings give, and the encoders worth a trial (every hardware one listed, and libx264).
std::optional<core::FfmpegFacts> facts_from_listings(const std::string& binary, const Listings& listings,
                                                     std::vector<std::string>& candidates) {
  core::FfmpegFacts facts;
  facts.path = binary;
  facts.version = sys::parse::parse_ffmpeg_version(listings.version);
  facts.hwaccels = sys::parse::parse_ffmpeg_hwaccels(listings.hwaccels);
  for (const auto& encoder : sys::parse::parse_ffmpeg_encoders(listings.encoders)) {
    if (is_trial_candidate(encoder.name)) facts.hardware_encoders.push_back(encoder.name);
    if (is_trial_candidate(encoder.name) || encoder.name == "libx264") candidates.push_back(encoder.name);
  }
  if (!facts.version && candidates.empty()) return std::nullopt;
  return facts;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

// `autocut capture`: what this run saw, as files a replay reads back (detect/captured_answers.hpp).
FfmpegDetection record(const FfmpegSettings& settings, FfmpegDetection detection, const Listings& listings) {
  if (!settings.record_into) return detection;
  const auto& directory = *settings.record_into;
  std::error_code ignored;
  std::filesystem::create_directories(directory, ignored);
  const auto keep = [&](const char* name, const std::string& text) {
    sys::write_file_atomically(directory / name, text);  // best effort: a capture records what it can
  };
  if (!detection.facts) {
    keep("problem.txt", detection.problem);
    return detection;
  }
  keep("path", settings.binary + "\n");
  keep("version.txt", listings.version);
  keep("encoders.txt", listings.encoders);
  keep("hwaccels.txt", listings.hwaccels);
  keep("trials.json",
       trials_to_json(detection.facts->trials).dump(2, ' ', false, json::error_handler_t::replace) + "\n");
  keep(
      "decoders.json",
      decode_trials_to_json(detection.facts->decode_trials).dump(2, ' ', false, json::error_handler_t::replace) + "\n");
  return detection;
}

}  // namespace

std::vector<std::string> trial_command(const std::string& binary, const std::string& encoder) {
  std::vector<std::string> command{binary, "-hide_banner", "-nostdin", "-loglevel", "error"};
  const bool vaapi = encoder.ends_with("_vaapi");
  if (vaapi) command.insert(command.end(), {"-vaapi_device", "/dev/dri/renderD128"});
  command.insert(command.end(), {"-f", "lavfi", "-i", "color=black:s=256x256:d=0.04"});
  if (vaapi) command.insert(command.end(), {"-vf", "format=nv12,hwupload"});
  command.insert(command.end(), {"-frames:v", "1", "-c:v", encoder, "-f", "null", "-"});
  return command;
}

FfmpegDetection detect_ffmpeg(const FfmpegSettings& settings) {
  FfmpegDetection detection;
  const auto binary = binary_identity(settings.binary);
  // A new driver or GPU may decode what the old one could not: the trials are made again.
  const auto identity = binary.empty() ? binary : binary + "|" + devices_identity();
  if (identity.empty()) {
    detection.problem = "ffmpeg not found";
    return record(settings, std::move(detection), {});
  }
  if (settings.cache_file && !settings.record_into)
    if (auto cached = from_cache(*settings.cache_file, identity)) {
      cached->path = settings.binary;
      detection.facts = std::move(*cached);
      return detection;
    }

  const auto list = [&](const char* what) {
    return std::async(std::launch::async, [&, what] {
      return sys::run_process({settings.binary, "-hide_banner", "-nostdin", what}, settings.listing_timeout, 1u << 20,
                              sys::tool_environment());
    });
  };
  auto version_run = list("-version");
  auto encoders_run = list("-encoders");
  auto hwaccels_run = list("-hwaccels");
  const auto version = version_run.get();
  const auto encoders = encoders_run.get();
  const auto hwaccels = hwaccels_run.get();
  for (const auto* run : {&version, &encoders, &hwaccels}) {
    if (!run->error.empty())
      detection.problem = run->error;
    else if (run->timed_out)
      detection.problem =
          settings.binary + " did not answer within " + std::to_string(settings.listing_timeout.count()) + " ms";
    if (!detection.problem.empty()) return record(settings, std::move(detection), {});
  }

  const Listings listings{version.out, encoders.out, hwaccels.out};
  std::vector<std::string> candidates;
  auto facts = facts_from_listings(settings.binary, listings, candidates);
  if (!facts) {
    detection.problem = settings.binary + " does not answer like ffmpeg";
    return record(settings, std::move(detection), listings);
  }

  std::vector<std::string> encoder_names;
  for (const auto& encoder : sys::parse::parse_ffmpeg_encoders(listings.encoders))
    encoder_names.push_back(encoder.name);
  const auto to_try = hwaccels_to_try(facts->hwaccels, settings.has_device ? settings.has_device : device_present);
  const auto samples_dir = settings.samples_dir  ? *settings.samples_dir
                           : settings.cache_file ? settings.cache_file->parent_path() / "decode-samples"
                                                 : std::filesystem::temp_directory_path() / "autocut-decode-samples";
  auto decoding = std::async(std::launch::async, run_decode_trials, settings.binary, to_try, encoder_names, samples_dir,
                             settings.trial_timeout);
  std::vector<std::future<core::EncoderTrial>> trials;
  for (const auto& encoder : candidates)
    trials.push_back(std::async(std::launch::async, run_trial, settings.binary, encoder, settings.trial_timeout));
  for (auto& trial : trials) facts->trials.push_back(trial.get());
  facts->decode_trials = decoding.get();

  // A trial that ran out of time says more about the load at that moment than about the encoder: not kept.
  const auto timed_out = [](const auto& trial) { return trial.detail.starts_with("did not finish"); };
  const bool any_timeout = std::any_of(facts->trials.begin(), facts->trials.end(), timed_out) ||
                           std::any_of(facts->decode_trials.begin(), facts->decode_trials.end(), timed_out);
  if (settings.cache_file && !any_timeout) {
    std::error_code ignored;
    std::filesystem::create_directories(settings.cache_file->parent_path(), ignored);
    sys::write_file_atomically(*settings.cache_file, to_cache(identity, *facts).dump(2) + "\n");  // best effort
  }
  detection.facts = std::move(facts);
  return record(settings, std::move(detection), listings);
}

FfmpegDetection replay_ffmpeg(const std::filesystem::path& directory) {
  FfmpegDetection detection;
  if (const auto problem = sys::read_file(directory / "problem.txt")) {
    detection.problem = *problem;
    return detection;
  }
  const auto path = sys::read_file(directory / "path");
  const Listings listings{sys::read_file(directory / "version.txt").value_or(""),
                          sys::read_file(directory / "encoders.txt").value_or(""),
                          sys::read_file(directory / "hwaccels.txt").value_or("")};
  std::vector<std::string> candidates;
  auto facts = path ? facts_from_listings(trimmed(*path), listings, candidates) : std::nullopt;
  if (!facts) {
    detection.problem = "the captured ffmpeg answers under " + directory.string() + " are incomplete";
    return detection;
  }
  try {
    facts->trials = trials_from_json(json::parse(sys::read_file(directory / "trials.json").value_or("[]")));
    facts->decode_trials =
        decode_trials_from_json(json::parse(sys::read_file(directory / "decoders.json").value_or("[]")));
  } catch (const json::exception&) {
    detection.problem = "the captured ffmpeg trials under " + directory.string() + " are not readable";
    return detection;
  }
  detection.facts = std::move(facts);
  return detection;
}

}  // namespace autocut::detect
