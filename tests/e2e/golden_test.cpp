// `autocut profile` on every captured machine in tests/fixtures/hosts, compared whole with tests/golden/.
// Run with AUTOCUT_UPDATE_GOLDEN=1 (or `make golden`) to rewrite the goldens, then review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "e2e/autocut_binary.hpp"
#include "support/temp_dir.hpp"

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

// A tree with a sidecar file <name>.nvml is run with the fake NVML library in that scenario, standing in for the
// captured machine's driver.
std::string environment_for(const std::string& fixture) {
  const auto sidecar = std::filesystem::path(AUTOCUT_FIXTURE_HOSTS) / (fixture + ".nvml");
  if (!std::filesystem::exists(sidecar)) return "";
  auto scenario = read_text(sidecar);
  scenario.erase(scenario.find_last_not_of(" \n") + 1);
  return "AUTOCUT_NVML_LIBRARY=" + shell_quote(AUTOCUT_FAKE_NVML) +
         " AUTOCUT_FAKE_NVML_SCENARIO=" + shell_quote(scenario) + " ";
}

// Hermetic: no cloud keys or .env of whoever runs the tests may change the output.
std::string command_on(const std::string& fixture, const std::string& command) {
  return "env -u OPENAI_API_KEY -u DEEPSEEK_API_KEY -u OPENAI_MODEL -u DEEPSEEK_MODEL -u OPENAI_BASE_URL "
         "-u DEEPSEEK_BASE_URL -u USE_LOCAL_VISION -u LOCAL_VISION_MODEL -u AUTOCUT_LEVEL_FLOOR " +
         environment_for(fixture) +
         autocut(command + " --env-file /dev/null --root " + shell_quote(fixture_host(fixture)));
}

std::string profile_of(const std::string& fixture, const std::string& flags) {
  return command_on(fixture, "profile --no-save " + flags);
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// Time and durations differ on every run, and the fake library's path on every machine; they are replaced by
// fixed values so that their presence and place are still compared.
std::string normalised(nlohmann::ordered_json document) {
  document["detected_at"] = "<detected_at>";
  for (auto& [name, probe] : document["probes"].items()) probe["duration_us"] = 0;
  auto text = document.dump(2) + "\n";
  replace_all(text, AUTOCUT_FAKE_NVML, "<fake-nvml>");
  return text;
}

void compare_with_golden(const std::filesystem::path& golden, const std::string& actual) {
  if (updating()) {
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(golden)) << golden << " is missing: run `make golden` and review it";
  EXPECT_EQ(read_text(golden), actual) << "differs from " << golden << " (run `make golden` if the change is intended)";
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, JsonDocumentMatches) {
  const auto result = run_shell(profile_of(GetParam(), "--json"));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto document = nlohmann::ordered_json::parse(result.out, nullptr, false);
  ASSERT_FALSE(document.is_discarded()) << result.out;
  compare_with_golden(std::filesystem::path(AUTOCUT_GOLDEN_DIR) / (GetParam() + ".json"), normalised(document));
}

TEST_P(Golden, ExplanationInBothLanguagesMatches) {
  for (const char* language : {"en", "zh"}) {
    const auto result = run_shell(profile_of(GetParam(), std::string("--lang ") + language));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    auto text = result.out;
    replace_all(text, AUTOCUT_FAKE_NVML, "<fake-nvml>");
    compare_with_golden(std::filesystem::path(AUTOCUT_GOLDEN_DIR) / (GetParam() + "." + language + ".txt"), text);
  }
}

TEST_P(Golden, PolicyInBothLanguagesMatches) {
  for (const char* language : {"en", "zh"}) {
    const auto result = run_shell(command_on(GetParam(), std::string("policy --lang ") + language));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    compare_with_golden(std::filesystem::path(AUTOCUT_GOLDEN_DIR) / (GetParam() + ".policy." + language + ".txt"),
                        result.out);
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, Golden, ::testing::ValuesIn(fixture_names()), [](const auto& param) {
  std::string name = param.param;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
});

}  // namespace
}  // namespace autocut::testing
