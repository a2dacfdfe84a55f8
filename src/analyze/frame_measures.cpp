#include "analyze/frame_measures.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace autocut::analyze {
namespace {

// Luma is kept in thousandths (299·R + 587·G + 114·B) so every sum below is an exact integer: one pass over the
// pixels, no floating-point chain to wait on, and the same figures as the textbook formulas.
constexpr double kLumaScale = 1000.0;

// Count, sum and sum of squares of samples; mean and standard deviation from them.
struct Moments {
  double count = 0;
  double sum = 0;
  double squares = 0;
  // A row's (or column's) integer sums, folded in when it is done: exact within it, well within a double across.
  void add(std::int64_t n, std::int64_t row_sum, std::int64_t row_squares) {
    count += static_cast<double>(n);
    sum += static_cast<double>(row_sum);
    squares += static_cast<double>(row_squares);
  }
  void add(double value) {
    count += 1;
    sum += value;
    squares += value * value;
  }
  double mean() const { return count > 0 ? sum / count : 0; }
  double deviation() const {
    if (count <= 0) return 0;
    const double m = mean();
    return std::sqrt(std::max(0.0, squares / count - m * m));
  }
};

std::string hex(int r, int g, int b) {
  char text[8];
  std::snprintf(text, sizeof text, "#%02x%02x%02x", r, g, b);
  return text;
}

// Columns whose pixels barely change top to bottom while the columns themselves differ: bars and stripes. `columns`
// holds each column's luma moments over the rows that count.
bool vertical_bands(const std::vector<Moments>& columns, int height) {
  if (columns.size() < 8 || height < 8) return false;
  double within = 0;
  Moments across;
  for (const auto& column : columns) {
    within += column.deviation();
    across.add(column.mean());
  }
  within /= static_cast<double>(columns.size());
  return within / kLumaScale < 6 && across.deviation() / kLumaScale > 20;
}

// The variance of the 4-neighbour Laplacian of `y` (thousandths), in luma units squared.
double laplacian_variance(const std::vector<std::int32_t>& y, int width, int height) {
  Moments laplacian;
  for (int row = 1; row + 1 < height; ++row) {
    const auto* above = &y[static_cast<std::size_t>((row - 1) * width)];
    const auto* here = above + width;
    const auto* below = here + width;
    std::int64_t sum = 0, squares = 0;
    for (int x = 1; x + 1 < width; ++x) {
      const std::int64_t l = above[x] + below[x] + here[x - 1] + here[x + 1] - 4 * here[x];
      sum += l;
      squares += l * l;
    }
    laplacian.add(width - 2, sum, squares);
  }
  return std::pow(laplacian.deviation() / kLumaScale, 2);
}

}  // namespace

FrameMeasures measure_frame(const Image& image) {
  FrameMeasures measures;
  if (image.width <= 0 || image.height <= 0) return measures;
  const auto width = static_cast<std::size_t>(image.width);
  const std::size_t pixels = width * static_cast<std::size_t>(image.height);
  const int banded_rows = image.height * 2 / 3;  // SMPTE bars change pattern in their lowest third

  // Dominant colours: 3 bits per channel, the largest bins, each shown as the mean colour of its pixels.
  struct Bin {
    std::size_t count = 0;
    std::array<std::uint64_t, 3> sum{};
  };
  std::array<Bin, 512> bins{};
  std::vector<std::int32_t> y(pixels);
  std::vector<std::int64_t> column_sums(width), column_squares(width);
  // Hasler and Süsstrunk (2003): spread and mean of the opponent channels rg = R - G and yb = (R + G)/2 - B, here
  // kept doubled (R + G - 2B) to stay whole.
  Moments luma, rg, yb2;
  for (int row = 0; row < image.height; ++row) {
    std::int64_t luma_sum = 0, luma_squares = 0, rg_sum = 0, rg_squares = 0, yb_sum = 0, yb_squares = 0;
    const std::size_t first = static_cast<std::size_t>(row) * width;
    for (std::size_t x = 0; x < width; ++x) {
      const auto* p = &image.rgb[(first + x) * 3];
      const int r = p[0], g = p[1], b = p[2];
      const std::int64_t l = 299 * r + 587 * g + 114 * b;
      y[first + x] = static_cast<std::int32_t>(l);
      luma_sum += l;
      luma_squares += l * l;
      if (row < banded_rows) {
        column_sums[x] += l;
        column_squares[x] += l * l;
      }
      const std::int64_t opponent_rg = r - g, opponent_yb = r + g - 2 * b;
      rg_sum += opponent_rg;
      rg_squares += opponent_rg * opponent_rg;
      yb_sum += opponent_yb;
      yb_squares += opponent_yb * opponent_yb;
      auto& bin = bins[static_cast<std::size_t>((r >> 5) << 6 | (g >> 5) << 3 | (b >> 5))];
      ++bin.count;
      bin.sum[0] += static_cast<std::uint64_t>(r);
      bin.sum[1] += static_cast<std::uint64_t>(g);
      bin.sum[2] += static_cast<std::uint64_t>(b);
    }
    const auto n = static_cast<std::int64_t>(width);
    luma.add(n, luma_sum, luma_squares);
    rg.add(n, rg_sum, rg_squares);
    yb2.add(n, yb_sum, yb_squares);
  }
  measures.brightness = luma.mean() / kLumaScale / 255.0;
  measures.contrast = luma.deviation() / kLumaScale / 255.0;
  measures.colourfulness =
      std::hypot(rg.deviation(), yb2.deviation() / 2) + 0.3 * std::hypot(rg.mean(), yb2.mean() / 2);
  measures.sharpness = laplacian_variance(y, image.width, image.height);

  std::vector<Moments> columns(width);
  for (std::size_t x = 0; x < width; ++x) columns[x].add(banded_rows, column_sums[x], column_squares[x]);
  measures.vertical_bands = vertical_bands(columns, image.height);

  std::vector<Bin> ranked;
  for (const auto& bin : bins)
    if (bin.count > 0) ranked.push_back(bin);
  std::sort(ranked.begin(), ranked.end(), [](const Bin& a, const Bin& b) { return a.count > b.count; });
  for (std::size_t i = 0; i < std::min<std::size_t>(3, ranked.size()); ++i) {
    const auto& bin = ranked[i];
    const auto channel = [&](std::size_t c) {
      return static_cast<int>(std::lround(static_cast<double>(bin.sum[c]) / static_cast<double>(bin.count)));
    };
    measures.dominant.push_back(
        {hex(channel(0), channel(1), channel(2)), static_cast<double>(bin.count) / static_cast<double>(pixels)});
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
