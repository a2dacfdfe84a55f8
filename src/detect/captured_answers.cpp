#include "detect/captured_answers.hpp"

#include <cctype>
#include <nlohmann/json.hpp>

#include "sys/atomic_file.hpp"
#include "sys/file_text.hpp"

namespace autocut::detect {
namespace {

using nlohmann::json;

// Model names hold '/' and ':' ("hf.co/user/model:Q4_K_M"); a file name holds neither on every system.
std::string escaped(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool plain = std::isalnum(byte) || c == '.' || c == '-' || c == '_';
    if (plain) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

std::filesystem::path reply_path(const std::filesystem::path& directory, std::string_view name) {
  return directory / (std::string(name) + ".json");
}

}  // namespace

std::string reply_file_name(std::string_view target, std::string_view json_body) {
  target = target.substr(0, target.find('?'));
  while (target.starts_with('/')) target.remove_prefix(1);
  std::string name;
  for (const char c : target) name += c == '/' ? '_' : c;
  name = escaped(name);
  if (!json_body.empty()) {
    const auto body = json::parse(json_body, nullptr, false);
    if (body.is_object() && body.contains("model") && body["model"].is_string())
      name += "/" + escaped(body["model"].get<std::string>());
  }
  return name;
}

std::optional<std::filesystem::path> replayed(const std::optional<CapturedAnswers>& answers, std::string_view part) {
  if (!answers || answers->mode != CapturedAnswers::Mode::replay) return std::nullopt;
  auto directory = answers->directory / part;
  std::error_code ignored;
  if (!std::filesystem::is_directory(directory, ignored)) return std::nullopt;
  return directory;
}

sys::HttpResponse read_reply(const std::filesystem::path& directory, std::string_view name) {
  const auto text = sys::read_file(reply_path(directory, name));
  if (!text) return {0, {}, "connection refused (nothing answered there when the machine was captured)", false};
  const auto reply = json::parse(*text, nullptr, false);
  try {
    return {reply.at("status").get<int>(), reply.at("body").get<std::string>(), reply.at("error").get<std::string>(),
            reply.at("timed_out").get<bool>()};
  } catch (const json::exception&) {
    return {0, {}, "the captured answer " + reply_path(directory, name).string() + " is not readable", false};
  }
}

std::optional<std::string> write_reply(const std::filesystem::path& directory, std::string_view name,
                                       const sys::HttpResponse& response) {
  const auto path = reply_path(directory, name);
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) return "cannot create " + path.parent_path().string() + ": " + ec.message();
  const json reply{{"status", response.status},
                   {"body", response.body},
                   {"error", response.error},
                   {"timed_out", response.timed_out}};
  return sys::write_file_atomically(path, reply.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
}

}  // namespace autocut::detect
