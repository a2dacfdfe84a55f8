#include "analyze/frame_measures.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>

namespace autocut::analyze {
namespace {

std::vector<double> luma(const Image& image) {
  std::vector<double> y(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height));
  for (std::size_t i = 0; i < y.size(); ++i) {
    const auto* p = &image.rgb[i * 3];
    y[i] = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
  }
  return y;
}

double mean(const std::vector<double>& values) {
  return values.empty() ? 0 : std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

double deviation(const std::vector<double>& values, double centre) {
  double sum = 0;
  for (const double v : values) sum += (v - centre) * (v - centre);
  return values.empty() ? 0 : std::sqrt(sum / static_cast<double>(values.size()));
}

std::string hex(int r, int g, int b) {
  char text[8];
  std::snprintf(text, sizeof text, "#%02x%02x%02x", r, g, b);
  return text;
}

// Columns whose pixels barely change top to bottom while the columns themselves differ: bars and stripes.
bool vertical_bands(const std::vector<double>& y, int width, int height) {
  if (width < 8 || height < 8) return false;
  const int rows = height * 2 / 3;  // SMPTE bars change pattern in their lowest third
  std::vector<double> column_means;
  double within = 0;
  for (int x = 0; x < width; ++x) {
    std::vector<double> column;
    for (int row = 0; row < rows; ++row) column.push_back(y[static_cast<std::size_t>(row * width + x)]);
    const double m = mean(column);
    within += deviation(column, m);
    column_means.push_back(m);
  }
  within /= width;
  const double across = deviation(column_means, mean(column_means));
  return within < 6 && across > 20;
}

}  // namespace

FrameMeasures measure_frame(const Image& image) {
  FrameMeasures measures;
  if (image.width <= 0 || image.height <= 0) return measures;
  const auto y = luma(image);
  const double average = mean(y);
  measures.brightness = average / 255.0;
  measures.contrast = deviation(y, average) / 255.0;

  // Hasler and Süsstrunk (2003): spread and mean of the opponent channels rg and yb.
  std::vector<double> rg(y.size()), yb(y.size());
  for (std::size_t i = 0; i < y.size(); ++i) {
    const auto* p = &image.rgb[i * 3];
    rg[i] = static_cast<double>(p[0]) - p[1];
    yb[i] = 0.5 * (static_cast<double>(p[0]) + p[1]) - p[2];
  }
  const double mean_rg = mean(rg), mean_yb = mean(yb);
  measures.colourfulness =
      std::hypot(deviation(rg, mean_rg), deviation(yb, mean_yb)) + 0.3 * std::hypot(mean_rg, mean_yb);

  // Sharpness: variance of the 4-neighbour Laplacian.
  std::vector<double> laplacian;
  for (int row = 1; row + 1 < image.height; ++row)
    for (int x = 1; x + 1 < image.width; ++x) {
      const auto at = [&](int r, int c) { return y[static_cast<std::size_t>(r * image.width + c)]; };
      laplacian.push_back(at(row - 1, x) + at(row + 1, x) + at(row, x - 1) + at(row, x + 1) - 4 * at(row, x));
    }
  const double laplacian_mean = mean(laplacian);
  measures.sharpness = std::pow(deviation(laplacian, laplacian_mean), 2);
  measures.vertical_bands = vertical_bands(y, image.width, image.height);

  // Dominant colours: 3 bits per channel, the largest bins, each shown as the mean colour of its pixels.
  struct Bin {
    std::size_t count = 0;
    std::array<double, 3> sum{};
  };
  std::map<int, Bin> bins;
  for (std::size_t i = 0; i < y.size(); ++i) {
    const auto* p = &image.rgb[i * 3];
    auto& bin = bins[(p[0] >> 5) << 6 | (p[1] >> 5) << 3 | (p[2] >> 5)];
    ++bin.count;
    for (int c = 0; c < 3; ++c) bin.sum[static_cast<std::size_t>(c)] += p[c];
  }
  std::vector<Bin> ranked;
  for (const auto& [key, bin] : bins) ranked.push_back(bin);
  std::sort(ranked.begin(), ranked.end(), [](const Bin& a, const Bin& b) { return a.count > b.count; });
  for (std::size_t i = 0; i < std::min<std::size_t>(3, ranked.size()); ++i) {
    const auto& bin = ranked[i];
    const auto channel = [&](int c) {
      return static_cast<int>(std::lround(bin.sum[static_cast<std::size_t>(c)] / static_cast<double>(bin.count)));
    };
    measures.dominant.push_back(
        {hex(channel(0), channel(1), channel(2)), static_cast<double>(bin.count) / static_cast<double>(y.size())});
  }
  return measures;
}

double motion_between(const Image& a, const Image& b) {
  if (a.width <= 0 || b.width <= 0 || a.height <= 0 || b.height <= 0) return 0;
  double sum = 0;
  for (int row = 0; row < a.height; ++row)
    for (int x = 0; x < a.width; ++x) {
      const auto* p = &a.rgb[static_cast<std::size_t>(row * a.width + x) * 3];
      const int bx = x * b.width / a.width, by = row * b.height / a.height;
      const auto* q = &b.rgb[static_cast<std::size_t>(by * b.width + bx) * 3];
      sum += std::abs((0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2]) - (0.299 * q[0] + 0.587 * q[1] + 0.114 * q[2]));
    }
  return sum / (static_cast<double>(a.width) * a.height * 255.0);
}

SceneDescription describe_scene(const std::vector<FrameMeasures>& frames, const std::vector<double>& motions) {
  SceneDescription description;
  if (frames.empty()) return description;
  const auto average = [&](auto member) {
    double sum = 0;
    for (const auto& frame : frames) sum += frame.*member;
    return sum / static_cast<double>(frames.size());
  };
  const double brightness = average(&FrameMeasures::brightness);
  const double contrast = average(&FrameMeasures::contrast);
  const double colourfulness = average(&FrameMeasures::colourfulness);
  const double sharpness = average(&FrameMeasures::sharpness);
  const double motion = motions.empty() ? 0 : *std::max_element(motions.begin(), motions.end());
  description.measurements = {brightness,
                              contrast,
                              colourfulness,
                              sharpness,
                              motions.empty() ? std::nullopt : std::optional(motion),
                              frames.front().dominant};
  auto& tags = description.tags;

  std::vector<std::string> words;
  if (brightness < 0.06 && contrast < 0.03) {
    tags.push_back("black");
    words.push_back("a black frame");
  } else if (contrast < 0.02) {
    tags.push_back("blank");
    words.push_back("a plain " + frames.front().dominant.front().hex + " frame");
  } else {
    if (brightness < 0.25) tags.push_back("dark"), words.push_back("dark");
    if (brightness > 0.75) tags.push_back("bright"), words.push_back("bright");
    if (contrast > 0.3) tags.push_back("high contrast"), words.push_back("high-contrast");
    if (contrast < 0.08) tags.push_back("low contrast"), words.push_back("low-contrast");
    if (colourfulness > 80) tags.push_back("colourful"), words.push_back("vivid");
    if (colourfulness < 10) tags.push_back("monochrome"), words.push_back("near-monochrome");
    if (sharpness < 20) tags.push_back("soft"), words.push_back("soft-focus");
  }
  if (std::any_of(frames.begin(), frames.end(), [](const auto& f) { return f.vertical_bands; }) && colourfulness > 40) {
    tags.push_back("colour bars");
    words.push_back("colour bars or a test card");
  }
  for (std::size_t i = 1; i + 1 < frames.size(); ++i)
    if (frames[i].brightness > frames[i - 1].brightness + 0.3 &&
        frames[i].brightness > frames[i + 1].brightness + 0.3) {
      tags.push_back("flash");
      words.push_back("with a flash");
      break;
    }
  if (frames.size() > 1) {
    if (motion < 0.01)
      tags.push_back("static shot"), words.push_back("static shot");
    else if (motion > 0.15)
      tags.push_back("high motion"), words.push_back("high motion");
    else
      tags.push_back("some motion"), words.push_back("some motion");
  }

  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : ", ") + word;
  if (text.empty()) text = "an ordinary shot";
  text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  std::string colours;
  for (const auto& colour : frames.front().dominant)
    colours += (colours.empty() ? "" : ", ") + colour.hex + " " + std::to_string(std::lround(colour.share * 100)) + "%";
  description.text = text + "; main colours " + colours + ". (Measured by the builtin analyzer, without a model.)";
  return description;
}

}  // namespace autocut::analyze
