// Reading one configured value: strict (the whole text must be the value) and bounded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace autocut::config {

std::optional<bool> parse_bool(std::string value);  // true/false, 1/0, yes/no, on/off, any case
std::optional<std::uint64_t> whole_number(const std::string& text, std::uint64_t low, std::uint64_t high);
std::optional<double> decimal_number(const std::string& text, double low, double high);

// `KEY="value" is not <accepted>`, the value cut short so a pasted secret cannot fill the line.
std::string out_of_range(const std::string& key, const std::string& value, const std::string& accepted);

}  // namespace autocut::config
