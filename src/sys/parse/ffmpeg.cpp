#include "sys/parse/ffmpeg.hpp"

#include "sys/parse/numbers.hpp"

namespace autocut::sys::parse {

std::optional<std::string> parse_ffmpeg_version(std::string_view text) {
  constexpr std::string_view kPrefix = "ffmpeg version ";
  const auto at = text.find(kPrefix);
  if (at == std::string_view::npos) return std::nullopt;
  const auto fields = split_whitespace(text.substr(at + kPrefix.size(), text.find('\n', at) - at - kPrefix.size()));
  if (fields.empty()) return std::nullopt;
  return std::string(fields[0]);
}

std::vector<FfmpegEncoder> parse_ffmpeg_encoders(std::string_view text) {
  std::vector<FfmpegEncoder> encoders;
  bool in_table = false;
  for_each_line(text, [&](std::string_view line) {
    const auto trimmed = trim(line);
    if (!in_table) {
      in_table = trimmed.starts_with("------");
      return;
    }
    const auto fields = split_whitespace(trimmed);
    // Flags are six characters: type (V/A/S) then five capability columns of letters or dots.
    if (fields.size() < 2 || fields[0].size() != 6 ||
        (fields[0][0] != 'V' && fields[0][0] != 'A' && fields[0][0] != 'S'))
      return;
    FfmpegEncoder encoder;
    encoder.type = fields[0][0];
    encoder.name = std::string(fields[1]);
    const auto description_at = trimmed.find(fields[1]) + fields[1].size();
    encoder.description = std::string(trim(trimmed.substr(description_at)));
    encoders.push_back(std::move(encoder));
  });
  return encoders;
}

std::vector<std::string> parse_ffmpeg_hwaccels(std::string_view text) {
  std::vector<std::string> methods;
  bool listing = false;
  for_each_line(text, [&](std::string_view line) {
    const auto trimmed = trim(line);
    if (!listing) {
      listing = trimmed.starts_with("Hardware acceleration methods:");
      return;
    }
    if (!trimmed.empty() && trimmed.find_first_of(" \t") == std::string_view::npos) methods.emplace_back(trimmed);
  });
  return methods;
}

}  // namespace autocut::sys::parse
