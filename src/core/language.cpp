#include "core/language.hpp"

#include <cstdlib>

namespace autocut::core {

Language language_from_locale(std::string_view locale) {
  return locale.starts_with("zh") ? Language::zh : Language::en;
}

std::optional<Language> parse_language(std::string_view name) {
  if (name == "en") return Language::en;
  if (name == "zh") return Language::zh;
  return std::nullopt;
}

Language language_from_environment() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"})
    if (const char* value = std::getenv(name); value && *value) return language_from_locale(value);
  return Language::en;
}

}  // namespace autocut::core
