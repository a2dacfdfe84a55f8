// The languages explanations are written in, and how one is chosen from the environment.
#pragma once

#include <optional>
#include <string_view>

namespace autocut::core {

enum class Language { en, zh };

// LANG/LC_ALL/LC_MESSAGES values such as "zh_CN.UTF-8" choose Chinese; anything else English.
Language language_from_locale(std::string_view locale);
std::optional<Language> parse_language(std::string_view name);

// From this process's locale variables, in POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG.
Language language_from_environment();

}  // namespace autocut::core
