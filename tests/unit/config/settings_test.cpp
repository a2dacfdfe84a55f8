#include "config/settings.hpp"

#include <gtest/gtest.h>

namespace autocut::config {
namespace {

TEST(LoadSettings, DefaultsMatchTheOriginal) {
  const auto settings = load_settings({}, {}, {});
  EXPECT_EQ(settings.ollama_host, "http://127.0.0.1:11434");
  EXPECT_TRUE(settings.use_local_vision);
  EXPECT_EQ(settings.cloud_vision.model, "gpt-4o");
  EXPECT_EQ(settings.cloud_planning.model, "deepseek-chat");
  EXPECT_FALSE(settings.cloud_vision.key_present);
  EXPECT_EQ(settings.probe_timeout.count(), 300);
}

TEST(LoadSettings, EnvironmentWinsOverTheFileAndFlagsWinOverBoth) {
  EnvFile file;
  file.values = {{"OLLAMA_HOST", "http://file:1"}, {"LOCAL_VISION_MODEL", "llava:7b"}, {"USE_LOCAL_VISION", "false"}};
  const Environment environment{{"OLLAMA_HOST", "http://env:2"}};
  const Environment flags{{"OLLAMA_HOST", "http://flag:3"}};
  EXPECT_EQ(load_settings(file, environment, flags).ollama_host, "http://flag:3");
  EXPECT_EQ(load_settings(file, environment, {}).ollama_host, "http://env:2");
  const auto from_file = load_settings(file, {}, {});
  EXPECT_EQ(from_file.ollama_host, "http://file:1");
  EXPECT_EQ(from_file.local_vision_model, "llava:7b");
  EXPECT_FALSE(from_file.use_local_vision);
}

TEST(LoadSettings, KeysAreOnlyKnownToBePresent) {
  const auto settings = load_settings({}, {{"OPENAI_API_KEY", "sk-secret-value"}, {"DEEPSEEK_API_KEY", ""}}, {});
  EXPECT_TRUE(settings.cloud_vision.key_present);
  EXPECT_FALSE(settings.cloud_planning.key_present) << "an empty key is no key";
}

TEST(LoadSettings, InvalidValuesNameTheKeyTheValueAndWhatIsAccepted) {
  const auto settings = load_settings({}, {{"USE_LOCAL_VISION", "maybe"}, {"AUTOCUT_PROBE_TIMEOUT_MS", "-5"}}, {});
  ASSERT_EQ(settings.problems.size(), 2u);
  EXPECT_EQ(settings.problems[0], "USE_LOCAL_VISION=\"maybe\" is not true or false (kept true)");
  EXPECT_NE(settings.problems[1].find("AUTOCUT_PROBE_TIMEOUT_MS=\"-5\""), std::string::npos);
  EXPECT_NE(settings.problems[1].find("10 to 10000"), std::string::npos);
  EXPECT_TRUE(settings.use_local_vision);
}

TEST(LoadSettings, EnvFileProblemsAreCarriedWithLineNumbers) {
  EnvFile file;
  file.problems.push_back({3, "expected KEY=value"});
  const auto settings = load_settings(file, {}, {});
  ASSERT_EQ(settings.problems.size(), 1u);
  EXPECT_EQ(settings.problems[0], ".env line 3: expected KEY=value (skipped)");
}

TEST(LoadSettings, PathIsSplit) {
  EXPECT_EQ(load_settings({}, {{"PATH", "/usr/bin::/bin"}}, {}).path, (std::vector<std::string>{"/usr/bin", "/bin"}));
}

}  // namespace
}  // namespace autocut::config
