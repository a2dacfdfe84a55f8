#include "model_fit/measured_fits.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "sys/atomic_file.hpp"
#include "sys/file_text.hpp"

namespace autocut::model_fit {
namespace {

using nlohmann::json;

// Enough for every model a library holds; the oldest figures go first beyond it.
constexpr std::size_t kMostKept = 256;

json to_json(const std::vector<MeasuredFit>& fits) {
  json models = json::array();
  for (const auto& fit : fits)
    models.push_back({{"model", fit.model},
                      {"context", fit.context ? json(*fit.context) : json(nullptr)},
                      {"bytes", fit.bytes},
                      {"vram_bytes", fit.vram_bytes ? json(*fit.vram_bytes) : json(nullptr)}});
  return {{"measured", models}};
}

std::optional<MeasuredFit> from_json(const json& entry) {
  if (!entry.is_object()) return std::nullopt;
  const auto model = entry.find("model");
  const auto bytes = entry.find("bytes");
  if (model == entry.end() || !model->is_string() || bytes == entry.end() || !bytes->is_number_unsigned())
    return std::nullopt;
  MeasuredFit fit{model->get<std::string>(), std::nullopt, bytes->get<std::uint64_t>(), std::nullopt};
  if (const auto context = entry.find("context"); context != entry.end() && context->is_number_unsigned())
    fit.context = static_cast<int>(std::min<std::uint64_t>(context->get<std::uint64_t>(), 1u << 30));
  if (const auto vram = entry.find("vram_bytes"); vram != entry.end() && vram->is_number_unsigned())
    fit.vram_bytes = vram->get<std::uint64_t>();
  return fit;
}

}  // namespace

std::optional<MeasuredFit> measured_now(const core::AiModel& model) {
  if (!model.loaded || !model.loaded_bytes || *model.loaded_bytes == 0) return std::nullopt;
  return MeasuredFit{model.name, model.loaded_context, *model.loaded_bytes, model.loaded_vram_bytes};
}

std::vector<MeasuredFit> measured_now(const std::vector<core::AiRuntime>& runtimes) {
  std::vector<MeasuredFit> result;
  for (const auto& runtime : runtimes)
    for (const auto& model : runtime.models)
      if (auto fit = measured_now(model)) result.push_back(std::move(*fit));
  return result;
}

std::vector<MeasuredFit> merged(std::vector<MeasuredFit> kept, const std::vector<MeasuredFit>& fresh) {
  for (const auto& fit : fresh) {
    const auto same = std::find_if(kept.begin(), kept.end(), [&](const MeasuredFit& old) {
      return old.model == fit.model && old.context == fit.context;
    });
    if (same != kept.end())
      *same = fit;
    else
      kept.push_back(fit);
  }
  if (kept.size() > kMostKept) kept.erase(kept.begin(), kept.end() - kMostKept);
  return kept;
}

std::vector<MeasuredFit> load_measured_fits(const std::filesystem::path& path, std::string& problem) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return {};
  const auto text = sys::read_file(path);
  const auto document = text ? json::parse(*text, nullptr, false) : json();
  const auto measured = document.is_object() ? document.find("measured") : document.end();
  if (!text || !document.is_object() || measured == document.end() || !measured->is_array()) {
    problem = path.string() + " is not a list of measured model sizes; it is not used";
    return {};
  }
  std::vector<MeasuredFit> result;
  for (const auto& entry : *measured)
    if (const auto fit = from_json(entry)) result.push_back(*fit);
  return result;
}

std::optional<std::string> keep_measured_fits(const std::filesystem::path& path,
                                              const std::vector<core::AiRuntime>& runtimes) {
  const auto fresh = measured_now(runtimes);
  if (fresh.empty()) return std::nullopt;
  std::string problem;
  const auto kept = load_measured_fits(path, problem);
  const auto updated = merged(kept, fresh);
  if (updated == kept) return std::nullopt;
  return sys::write_file_atomically(path, to_json(updated).dump(2) + "\n");
}

}  // namespace autocut::model_fit
