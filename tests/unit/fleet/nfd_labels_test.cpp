#include "fleet/nfd_labels.hpp"

#include <gtest/gtest.h>

#include "detect/detect_all.hpp"
#include "policy/resolve.hpp"
#include "profile/build_profile.hpp"

namespace autocut::fleet {
namespace {

TEST(LabelValue, KeepsWhatKubernetesAcceptsAndMendsTheRest) {
  EXPECT_EQ(label_value("LOCAL_GPU_HIGH"), "LOCAL_GPU_HIGH");
  EXPECT_EQ(label_value("llava:7b"), "llava-7b");
  EXPECT_EQ(label_value("-.x y_"), "x-y");
  EXPECT_EQ(label_value(std::string(80, 'a')).size(), 63u);
  EXPECT_EQ(label_value("::"), "");
}

TEST(NfdFeatureFile, DescribesTheMachineAndTheEffectiveLevel) {
  const sys::HostRoot root(std::filesystem::path(AUTOCUT_FIXTURE_HOSTS) / "amd-rx7900xtx");
  const auto profile = profile::build_profile(detect::detect_all(root, {}), std::chrono::system_clock::now());
  const auto file = nfd_feature_file(profile, policy::resolve(profile, {}, core::Level::local_gpu_low));
  EXPECT_NE(file.find("\nfeature.node.kubernetes.io/autocut.profile-class=LOCAL_GPU_HIGH\n"), std::string::npos)
      << file;
  EXPECT_NE(file.find("\nfeature.node.kubernetes.io/autocut.level=LOCAL_GPU_LOW\n"), std::string::npos);
  EXPECT_NE(file.find("\nfeature.node.kubernetes.io/autocut.gpu-vendor=amd\n"), std::string::npos);
  EXPECT_NE(file.find("\nfeature.node.kubernetes.io/autocut.gpu-vram-gib=24\n"), std::string::npos);
  EXPECT_NE(file.find("\nfeature.node.kubernetes.io/autocut.local-vision=false\n"), std::string::npos);
  for (std::size_t start = 0; start < file.size();) {  // every line a comment or namespace/name=value
    const auto end = file.find('\n', start);
    const auto line = file.substr(start, end - start);
    EXPECT_TRUE(line.starts_with("#") || (line.find('/') != std::string::npos && line.find('=') != std::string::npos))
        << line;
    start = end + 1;
  }
}

}  // namespace
}  // namespace autocut::fleet
