// Pathological inputs through the whole pipeline (extract_bytes, every stage): each shape is
// run at a size and at eight times that size, and the larger must not cost more than a
// generous multiple of eight times the smaller. A stage that is quadratic on the shape costs
// 64 times as much and fails; the bound is no benchmark, only a guard against that.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <string>

#include "xxgknb/xxgknb.h"

namespace {

struct Shape {
  const char* name;
  std::function<std::string(std::size_t)> make;  // about `bytes` bytes of input
};

std::string repeat(const std::string& unit, std::size_t bytes) {
  std::string out;
  out.reserve(bytes + unit.size());
  while (out.size() < bytes) out += unit;
  return out;
}

double seconds_for(const std::string& input) {
  double best = 1e9;
  for (int run = 0; run < 2; ++run) {
    const auto start = std::chrono::steady_clock::now();
    auto result = xxgknb::extract_bytes(input, "pathological.txt");
    const auto stop = std::chrono::steady_clock::now();
    EXPECT_TRUE(result.ok() || result.error().code != "time_limit") << result.error().message;
    if (result) (void)xxgknb::to_json(result.value());
    best = std::min(best, std::chrono::duration<double>(stop - start).count());
  }
  return best;
}

const Shape kShapes[] = {
    // A crawler's one-line dump of a pipe table: "| 1 | 1 | 1 …" with no line break.
    {"OneLineOfPipes", [](std::size_t n) { return repeat("| 1 ", n); }},
    // One line of label after label: every word could start a row.
    {"OneLineOfLabels", [](std::size_t n) { return repeat("规章 1 行政许可 2 ", n); }},
    // Many lines, each a row label with a value.
    {"LabelLines", [](std::size_t n) { return repeat("规章 1 2 3\n", n); }},
    // A label, then nothing but blank lines: every label looks ahead for its values.
    {"LabelThenBlankLines",
     [](std::size_t n) { return "一、本年新收政府信息公开申请数量\n" + repeat("\n", n); }},
    // Labels each followed by blank lines.
    {"LabelsBetweenBlankLines",
     [](std::size_t n) { return repeat("（七）总计\n\n\n\n\n\n\n\n", n); }},
    // Tika's one cell per line, for ever.
    {"TikaCells", [](std::size_t n) { return repeat("\t1\n\t2\n\n", n); }},
    // w3m's box drawing and pandoc's column rules (ingest/text_drawn).
    {"DrawnGridRows",
     [](std::size_t n) { return "┌──┬──┐\n" + repeat("│规章│ 2│\n├──┼──┤\n", n) + "└──┴──┘\n"; }},
    {"PandocRows",
     [](std::size_t n) { return "------ ----\n" + repeat("规章   2\n", n) + "------ ----\n"; }},
    // A pipe table of two rows with a very long first row of labels.
    {"WidePipeRowOfLabels",
     [](std::size_t n) { return "|" + repeat(" 规章 |", n) + "\n| 1 | 2 |\n"; }},
    // The 2019 marker "（六）其他处理" again and again, each followed by values.
    {"RepeatedVersionMarker", [](std::size_t n) { return repeat("（六）其他处理 0 0 0 0 0 0 0\n", n); }},
    // `pdftotext -layout` of a table thousands of columns wide: very wide space-aligned lines.
    {"LayoutWideLines",
     [](std::size_t n) { return repeat("          行政许可" + repeat("      1", 2000) + "\n", n); }},
    // One space-aligned line of values without end.
    {"LayoutOneWideLine", [](std::size_t n) { return "规章" + repeat("    0", n); }},
    // `pdftotext -raw`: labels wrapped over lines before their values, page numbers between.
    {"WrappedLabelsBeforeValues",
     [](std::size_t n) {
       return repeat("（六）其\n他处理\n1、申请人无正当理由逾期不补\n正、\n行政机关不再处理其政府信\n"
                     "息公开申请\n67 3 0 0 1 0 71\n— 4 —\n",
                     n);
     }},
    // Label fragments that never reach a line of values: each waits, then stands alone.
    {"LabelFragmentsWithoutValues", [](std::size_t n) { return repeat("1、申请人\n正、\n", n); }},
    // Prose that mentions counts, for W4.
    {"NarrativeCounts",
     [](std::size_t n) {
       return "一、总体情况\n" + repeat("本年度共收到政府信息公开申请 12 件，行政复议 1 件。", n);
     }},
};

class LinearCost : public ::testing::TestWithParam<Shape> {};

TEST_P(LinearCost, EightTimesTheInputCostsAboutEightTimesAsMuch) {
  const Shape& shape = GetParam();
  constexpr std::size_t kSmall = 96 << 10;
  const double small = seconds_for(shape.make(kSmall));
  const double large = seconds_for(shape.make(kSmall * 8));
  // Linear: about 8×; quadratic: 64×. 24× plus 0.25 s of noise lies between the two.
  EXPECT_LE(large, 24.0 * small + 0.25) << shape.name << ": " << small << " s for 96 KiB, " << large
                                        << " s for 768 KiB";
}

INSTANTIATE_TEST_SUITE_P(Shapes, LinearCost, ::testing::ValuesIn(kShapes),
                         [](const ::testing::TestParamInfo<Shape>& param) {
                           return std::string(param.param.name);
                         });

}  // namespace
