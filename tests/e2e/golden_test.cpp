// `autocut profile` on every captured machine in tests/fixtures/hosts, compared whole with tests/golden/.
// Run with AUTOCUT_UPDATE_GOLDEN=1 (or `make golden`) to rewrite the goldens, then review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "e2e/autocut_binary.hpp"

namespace autocut::testing {
namespace {

std::vector<std::string> fixture_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(AUTOCUT_FIXTURE_HOSTS))
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

bool updating() {
  const char* flag = std::getenv("AUTOCUT_UPDATE_GOLDEN");
  return flag && std::string(flag) == "1";
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Time and durations differ on every run; they are replaced by fixed values so that their presence and place are
// still compared.
nlohmann::ordered_json normalised(nlohmann::ordered_json document) {
  document["detected_at"] = "<detected_at>";
  for (auto& [name, probe] : document["probes"].items()) probe["duration_us"] = 0;
  return document;
}

void compare_with_golden(const std::filesystem::path& golden, const std::string& actual) {
  if (updating()) {
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(golden)) << golden << " is missing: run `make golden` and review it";
  EXPECT_EQ(slurp(golden), actual) << "differs from " << golden << " (run `make golden` if the change is intended)";
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, JsonDocumentMatches) {
  const auto result = run_shell(autocut("profile --json --no-save --root " + shell_quote(fixture_host(GetParam()))));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto document = nlohmann::ordered_json::parse(result.out, nullptr, false);
  ASSERT_FALSE(document.is_discarded()) << result.out;
  compare_with_golden(std::filesystem::path(AUTOCUT_GOLDEN_DIR) / (GetParam() + ".json"),
                      normalised(document).dump(2) + "\n");
}

TEST_P(Golden, EnglishExplanationMatches) {
  const auto result = run_shell(autocut("profile --lang en --no-save --root " + shell_quote(fixture_host(GetParam()))));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  compare_with_golden(std::filesystem::path(AUTOCUT_GOLDEN_DIR) / (GetParam() + ".en.txt"), result.out);
}

TEST_P(Golden, ChineseExplanationMatches) {
  const auto result = run_shell(autocut("profile --lang zh --no-save --root " + shell_quote(fixture_host(GetParam()))));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  compare_with_golden(std::filesystem::path(AUTOCUT_GOLDEN_DIR) / (GetParam() + ".zh.txt"), result.out);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, Golden, ::testing::ValuesIn(fixture_names()), [](const auto& param) {
  std::string name = param.param;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
});

}  // namespace
}  // namespace autocut::testing
