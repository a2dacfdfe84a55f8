#include "profile/profile_store.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/json_mapping.hpp"
#include "profile/build_profile.hpp"
#include "support/temp_dir.hpp"

namespace autocut::profile {
namespace {

using autocut::testing::read_text;
using autocut::testing::TempDir;

core::RuntimeProfile sample_profile(int threads = 8) {
  core::HostFacts facts;
  facts.cpu = core::CpuFacts{};
  facts.cpu->threads = threads;
  facts.memory = core::MemoryFacts{16ull << 30, 8ull << 30, 0, 0};
  facts.probes.push_back({"cpu", core::ProbeState::ok, "fine", {}});
  return build_profile(facts, std::chrono::system_clock::time_point{});
}

std::string saved_text(const core::RuntimeProfile& profile) { return core::profile_to_json(profile).dump(2); }

TEST(ParseSavedProfile, AcceptsWhatSaveWrites) {
  const auto parsed = parse_saved_profile(saved_text(sample_profile()));
  ASSERT_TRUE(parsed.profile) << parsed.error;
  EXPECT_EQ(parsed.profile->fingerprint, sample_profile().fingerprint);
  EXPECT_EQ(parsed.profile->detected_at, "1970-01-01T00:00:00Z");
  EXPECT_EQ(parsed.profile->profile_class, "LOCAL_CPU_ONLY");
}

struct BadCase {
  const char* name;
  std::string text;
  const char* reason;
};

class ParseSavedProfileRejects : public ::testing::TestWithParam<BadCase> {};

TEST_P(ParseSavedProfileRejects, WithAReason) {
  const auto parsed = parse_saved_profile(GetParam().text);
  EXPECT_FALSE(parsed.profile) << GetParam().name;
  EXPECT_NE(parsed.error.find(GetParam().reason), std::string::npos) << GetParam().name << ": " << parsed.error;
}

std::string with(const std::string& key, const nlohmann::json& value) {
  auto document = nlohmann::json::parse(saved_text(sample_profile()));
  if (value.is_discarded())
    document.erase(key);
  else
    document[key] = value;
  return document.dump();
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseSavedProfileRejects,
    ::testing::Values(BadCase{"empty", "", "not valid JSON"},
                      BadCase{"truncated", saved_text(sample_profile()).substr(0, 100), "not valid JSON"},
                      BadCase{"array", "[1,2]", "not a JSON object"},
                      BadCase{"foreign", R"({"name": "something else"})", "no schema_version"},
                      BadCase{"newer schema", with("schema_version", 2), "schema version 2"},
                      BadCase{"no fingerprint", with("fingerprint", nlohmann::json::value_t::discarded), "fingerprint"},
                      BadCase{"bad class", with("profile_class", "LOCAL_QUANTUM"), "unknown profile_class"},
                      BadCase{"bad cpu", with("cpu", {{"threads", "many"}}), "\"cpu\""},
                      BadCase{"no memory", with("memory", nlohmann::json::value_t::discarded), "\"memory\""}));

TEST(CheckSavedProfile, NoFileIsNothingToSay) {
  TempDir dir;
  const auto check = check_saved_profile(dir.path() / "runtime_profile.json", "abc", {});
  EXPECT_EQ(check.state, SavedProfileState::none);
  EXPECT_TRUE(check.message.empty());
}

TEST(CheckSavedProfile, SameHardwareIsQuiet) {
  TempDir dir;
  const auto profile = sample_profile();
  const auto path = dir.path() / "runtime_profile.json";
  ASSERT_FALSE(save_profile(path, profile));
  const auto check = check_saved_profile(path, profile.fingerprint, {});
  EXPECT_EQ(check.state, SavedProfileState::same_hardware);
  EXPECT_TRUE(check.message.empty());
}

TEST(CheckSavedProfile, OtherHardwareIsSaidAndTheFileKept) {
  TempDir dir;
  const auto path = dir.path() / "runtime_profile.json";
  ASSERT_FALSE(save_profile(path, sample_profile(8)));
  const auto check = check_saved_profile(path, sample_profile(16).fingerprint, {});
  EXPECT_EQ(check.state, SavedProfileState::hardware_changed);
  EXPECT_NE(check.message.find("hardware changed since 1970-01-01T00:00:00Z"), std::string::npos) << check.message;
  EXPECT_TRUE(std::filesystem::exists(path));
}

TEST(CheckSavedProfile, CorruptFileIsSetAsideNeverDeleted) {
  TempDir dir;
  const auto path = dir.write("runtime_profile.json", "{\"schema_version\": 1, \"finger");
  const auto now = std::chrono::system_clock::from_time_t(1790000000);
  const auto check = check_saved_profile(path, "abc", now);
  EXPECT_EQ(check.state, SavedProfileState::set_aside);
  EXPECT_FALSE(std::filesystem::exists(path));
  const auto aside = dir.path() / "runtime_profile.json.corrupt-20260921T141320Z";
  ASSERT_TRUE(std::filesystem::exists(aside)) << check.message;
  EXPECT_EQ(read_text(aside), "{\"schema_version\": 1, \"finger");
  EXPECT_NE(check.message.find("not valid JSON"), std::string::npos) << check.message;

  // A second bad file in the same second gets its own name.
  dir.write("runtime_profile.json", "garbage");
  EXPECT_EQ(check_saved_profile(path, "abc", now).state, SavedProfileState::set_aside);
  EXPECT_EQ(read_text(dir.path() / "runtime_profile.json.corrupt-20260921T141320Z.1"), "garbage");
}

TEST(CheckSavedProfile, ADirectoryInTheWayIsLeftAlone) {
  TempDir dir;
  std::filesystem::create_directory(dir.path() / "runtime_profile.json");
  const auto check = check_saved_profile(dir.path() / "runtime_profile.json", "abc", {});
  EXPECT_EQ(check.state, SavedProfileState::unreadable);
  EXPECT_TRUE(std::filesystem::is_directory(dir.path() / "runtime_profile.json"));
}

TEST(SaveProfile, WritesTheDocumentWithTheOriginalFields) {
  TempDir dir;
  const auto path = dir.path() / "runtime_profile.json";
  ASSERT_FALSE(save_profile(path, sample_profile()));
  const auto document = nlohmann::json::parse(read_text(path));
  EXPECT_EQ(document["cpu"]["threads"], 8);
  EXPECT_EQ(document["cpu"]["score"], "high");
  EXPECT_EQ(document["memory"]["total_gb"], 16.0);
  EXPECT_EQ(document["memory"]["available_gb"], 8.0);
  EXPECT_TRUE(document["gpu"].is_null());
  EXPECT_EQ(document["profile_class"], "LOCAL_CPU_ONLY");
}

}  // namespace
}  // namespace autocut::profile
