#include "core/language.hpp"

namespace autocut::core {

Language language_from_locale(std::string_view locale) {
  return locale.starts_with("zh") ? Language::zh : Language::en;
}

std::optional<Language> parse_language(std::string_view name) {
  if (name == "en") return Language::en;
  if (name == "zh") return Language::zh;
  return std::nullopt;
}

}  // namespace autocut::core
