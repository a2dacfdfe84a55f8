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
  ASSERT_EQ(settings.errors.size(), 2u);
  EXPECT_EQ(settings.errors[0], "USE_LOCAL_VISION=\"maybe\" is not true or false");
  EXPECT_NE(settings.errors[1].find("AUTOCUT_PROBE_TIMEOUT_MS=\"-5\""), std::string::npos);
  EXPECT_NE(settings.errors[1].find("10 to 10000"), std::string::npos);
  EXPECT_TRUE(settings.problems.empty());
}

struct InvalidCase {
  const char* key;
  const char* value;
  const char* accepted;
};

class LoadSettingsRefuses : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(LoadSettingsRefuses, NamingTheKeyTheValueAndTheRange) {
  const auto& c = GetParam();
  const auto settings = load_settings({}, {{c.key, c.value}}, {});
  ASSERT_EQ(settings.errors.size(), 1u) << c.key;
  EXPECT_EQ(settings.errors[0], std::string(c.key) + "=\"" + c.value + "\" is not " + c.accepted);
}

INSTANTIATE_TEST_SUITE_P(
    Table, LoadSettingsRefuses,
    ::testing::Values(InvalidCase{"AUTOCUT_FIT_FACTOR", "0.5", "a factor from 1.0 to 4.0"},
                      InvalidCase{"AUTOCUT_FIT_FACTOR", "abc", "a factor from 1.0 to 4.0"},
                      InvalidCase{"AUTOCUT_CPU_VISION_MAX_MIB", "-1", "a size in MiB from 256 to 65536"},
                      InvalidCase{"AUTOCUT_KEYFRAMES_MAX_MIB", "70000", "a size in MiB from 0 to 65536"},
                      InvalidCase{"AUTOCUT_GPU_RESERVE_MIB", "100000", "a size in MiB from 0 to 65536"},
                      InvalidCase{"AUTOCUT_NVML_TIMEOUT_MS", "50", "a number of milliseconds from 100 to 600000"},
                      InvalidCase{"AUTOCUT_NVML_HELPER", "autocut-nvml-probe", "an absolute path"},
                      InvalidCase{"AUTOCUT_LEVEL_FLOOR", "LOCAL_QUANTUM",
                                  "LOCAL_GPU_HIGH, LOCAL_GPU_MID, LOCAL_GPU_LOW, LOCAL_CPU_ONLY or HYBRID"}));

TEST(LoadSettings, PolicyKnobsAreRead) {
  const auto settings = load_settings({},
                                      {{"AUTOCUT_FIT_FACTOR", "1.5"},
                                       {"AUTOCUT_CPU_VISION_MAX_MIB", "4096"},
                                       {"AUTOCUT_GPU_RESERVE_MIB", "0"},
                                       {"AUTOCUT_LEVEL_FLOOR", "HYBRID"},
                                       {"AUTOCUT_KEYFRAMES_MAX_MIB", "0"}},
                                      {});
  EXPECT_TRUE(settings.errors.empty());
  EXPECT_EQ(settings.keyframes_max_mib, 0u);
  EXPECT_DOUBLE_EQ(settings.fit_factor, 1.5);
  EXPECT_EQ(settings.cpu_vision_max_mib, 4096u);
  EXPECT_EQ(settings.gpu_reserve_mib, 0u);
  EXPECT_EQ(settings.level_floor, "HYBRID");
}

TEST(LoadSettings, EnvFileProblemsAreCarriedWithLineNumbers) {
  EnvFile file;
  file.problems.push_back({3, "expected KEY=value"});
  const auto settings = load_settings(file, {}, {});
  ASSERT_EQ(settings.problems.size(), 1u);
  EXPECT_EQ(settings.problems[0], ".env line 3: expected KEY=value (skipped)");
}

TEST(LoadSettings, OnWindowsTheCacheIsUnderLocalAppData) {
  const auto settings =
      load_settings({}, {{"LOCALAPPDATA", "C:\\Users\\editor\\AppData\\Local"}, {"HOME", "/home/me"}}, {});
  EXPECT_EQ(settings.cache_dir, "C:\\Users\\editor\\AppData\\Local\\autocut\\cache");
  EnvFile file;
  file.values = {{"LOCALAPPDATA", "D:\\evil"}};  // a place to write is the environment's to say, never a .env's
  EXPECT_EQ(load_settings(file, {{"HOME", "/home/me"}}, {}).cache_dir, "/home/me/.cache/autocut");
}

TEST(LoadSettings, AnEnvFileCannotChooseCodeToLoadOrPlacesToWrite) {
  EnvFile file;
  file.values = {{"AUTOCUT_NVML_LIBRARY", "/tmp/evil.so"}, {"XDG_CACHE_HOME", "/tmp/evil"}, {"PATH", "/tmp/evil"}};
  const auto from_file = load_settings(file, {{"HOME", "/home/me"}}, {});
  EXPECT_FALSE(from_file.nvml_library);
  EXPECT_EQ(from_file.cache_dir, "/home/me/.cache/autocut");
  EXPECT_TRUE(from_file.path.empty());
  const auto from_environment = load_settings(file, {{"AUTOCUT_NVML_LIBRARY", "/opt/nvml/libnvidia-ml.so.1"}}, {});
  EXPECT_EQ(from_environment.nvml_library, "/opt/nvml/libnvidia-ml.so.1");
  EXPECT_EQ(load_settings({}, {{"AUTOCUT_NVML_LIBRARY", "libevil.so"}}, {}).errors.size(), 1u) << "only absolute paths";
}

TEST(RedactUrl, DropsCredentialsAndQueries) {
  EXPECT_EQ(redact_url("https://user:sk-secret@proxy.example/v1?api-key=sk-2#x"), "https://proxy.example/v1");
  EXPECT_EQ(redact_url("https://api.openai.com/v1"), "https://api.openai.com/v1");
  EXPECT_EQ(redact_url("https://a.example/path@v1"), "https://a.example/path@v1");
  const auto settings = load_settings({}, {{"OPENAI_BASE_URL", "https://k:sk-abc@gw.example/v1?key=sk-def"}}, {});
  EXPECT_EQ(settings.cloud_vision.base_url, "https://gw.example/v1");
}

TEST(LoadSettings, ClassThresholdsAreReadAndMustDecrease) {
  const auto settings = load_settings({}, {{"AUTOCUT_CLASS_HIGH_GIB", "20"}, {"AUTOCUT_CLASS_MID_GIB", "10"}}, {});
  EXPECT_TRUE(settings.errors.empty());
  EXPECT_DOUBLE_EQ(settings.class_high_gib, 20.0);
  EXPECT_DOUBLE_EQ(settings.class_low_gib, 3.5);
  const auto crossed = load_settings({}, {{"AUTOCUT_CLASS_MID_GIB", "16"}}, {});
  ASSERT_EQ(crossed.errors.size(), 1u);
  EXPECT_NE(crossed.errors[0].find("must decrease"), std::string::npos) << crossed.errors[0];
  EXPECT_EQ(load_settings({}, {{"AUTOCUT_CLASS_LOW_GIB", "0"}}, {}).errors.at(0),
            "AUTOCUT_CLASS_LOW_GIB=\"0\" is not a size in GiB from 0.5 to 1024");
}

TEST(LoadSettings, PathIsSplit) {
  EXPECT_EQ(load_settings({}, {{"PATH", "/usr/bin::/bin"}}, {}).path, (std::vector<std::string>{"/usr/bin", "/bin"}));
}

}  // namespace
}  // namespace autocut::config
