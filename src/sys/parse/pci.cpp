#include "sys/parse/pci.hpp"

#include <cctype>
#include <charconv>

#include "sys/parse/numbers.hpp"

namespace autocut::sys::parse {
namespace {

template <class T>
std::optional<T> parse_hex(std::string_view token, std::size_t max_digits) {
  if (token.empty() || token.size() > max_digits) return std::nullopt;
  T value{};
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value, 16);
  if (error != std::errc{} || end != token.data() + token.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<std::uint32_t> parse_pci_class(std::string_view text) {
  text = trim(text);
  if (!text.starts_with("0x")) return std::nullopt;
  return parse_hex<std::uint32_t>(text.substr(2), 6);
}

std::optional<PciId> parse_pci_id(std::string_view text) {
  text = trim(text);
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto vendor = parse_hex<std::uint16_t>(text.substr(0, colon), 4);
  const auto device = parse_hex<std::uint16_t>(text.substr(colon + 1), 4);
  if (!vendor || !device) return std::nullopt;
  return PciId{*vendor, *device};
}

std::optional<std::string> normalise_pci_address(std::string_view text) {
  text = trim(text);
  // dddd:bb:dd.f
  if (text.size() != 12 || text[4] != ':' || text[7] != ':' || text[10] != '.') return std::nullopt;
  std::string address(text);
  for (std::size_t i = 0; i < address.size(); ++i) {
    if (i == 4 || i == 7 || i == 10) continue;
    if (!std::isxdigit(static_cast<unsigned char>(address[i]))) return std::nullopt;
    address[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(address[i])));
  }
  if (address[11] > '7') return std::nullopt;
  return address;
}

}  // namespace autocut::sys::parse
