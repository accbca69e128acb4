// Stage 1, ingest (text) pathological tests: generated adversarial inputs for read_text, each
// bounded in time; the reader must return a Document or a clean Error, never crash or hang.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <set>
#include <string>

#include "ingest/ingest.h"
#include "support/hang_bound.h"

namespace xxgknb {
namespace {

constexpr auto kTimeBound = testing::kHangBound;

struct Outcome {
  bool ok = false;
  std::string error_code;
  std::size_t paragraphs = 0;
  std::size_t tables = 0;
  std::chrono::steady_clock::duration took{};
};

Outcome read_timed(const std::string& bytes, const Limits& limits = Limits{}) {
  const auto start = std::chrono::steady_clock::now();
  const auto doc = read_text(bytes, limits, Deadline(limits.max_milliseconds));
  Outcome out;
  out.took = std::chrono::steady_clock::now() - start;
  out.ok = doc.ok();
  if (doc.ok()) {
    out.paragraphs = doc->paragraphs.size();
    out.tables = doc->tables.size();
  } else {
    out.error_code = doc.error().code;
    EXPECT_FALSE(doc.error().message.empty());
  }
  return out;
}

void expect_clean_error(const Outcome& out, const std::set<std::string>& codes) {
  EXPECT_LT(out.took, kTimeBound);
  ASSERT_FALSE(out.ok);
  EXPECT_TRUE(codes.contains(out.error_code)) << out.error_code;
}

std::string pseudo_random_bytes(std::size_t n, std::uint32_t seed) {
  std::string out(n, '\0');
  for (char& c : out) {
    seed = seed * 1103515245u + 12345u;
    c = static_cast<char>((seed >> 16) & 0xFF);
  }
  return out;
}

TEST(TextBadInput, BinaryGarbage) {
  expect_clean_error(read_timed(pseudo_random_bytes(4u << 20, 7)), {"not_a_report_file"});
}

TEST(TextBadInput, NulOnly) {
  expect_clean_error(read_timed(std::string(4u << 20, '\0')), {"not_a_report_file"});
}

TEST(TextBadInput, HighBytesWithoutControls) {
  // No control bytes, so it passes for text, and no charset decodes it cleanly.
  std::string bytes = pseudo_random_bytes(1u << 20, 11);
  for (char& c : bytes) c = static_cast<char>(static_cast<unsigned char>(c) | 0x80);
  expect_clean_error(read_timed(bytes), {"encoding_invalid", "not_a_report_file"});
}

TEST(TextBadInput, TwentyMebibyteSingleLine) {
  std::string line;
  line.reserve(20u << 20);
  while (line.size() < (20u << 20)) line += "政府信息公开abc 123\t";
  const Outcome out = read_timed(line);
  EXPECT_LT(out.took, kTimeBound);
  ASSERT_TRUE(out.ok) << out.error_code;
  EXPECT_EQ(out.paragraphs, 1u);
}

TEST(TextBadInput, TwentyMebibyteLineOfPipes) {
  const Outcome out = read_timed(std::string(20u << 20, '|'));
  EXPECT_LT(out.took, kTimeBound);
  ASSERT_TRUE(out.ok) << out.error_code;
  EXPECT_EQ(out.tables, 0u);  // nothing between the pipes: not a table
}

TEST(TextBadInput, OneMillionTinyLines) {
  std::string text;
  for (int i = 0; i < 1000000; ++i) text += "a\n";
  const Outcome out = read_timed(text);
  EXPECT_LT(out.took, kTimeBound);
  ASSERT_TRUE(out.ok) << out.error_code;
  EXPECT_EQ(out.paragraphs, 1000000u);

  Limits small;
  small.max_paragraphs = 1000;
  expect_clean_error(read_timed(text, small), {"too_many_paragraphs"});
}

TEST(TextBadInput, OneMillionTabCellLines) {
  // One Tika row of a million cells: over max_table_cells, refused before building a grid.
  std::string text;
  for (int i = 0; i < 1000000; ++i) text += "\t0\n";
  expect_clean_error(read_timed(text), {"table_too_large"});
}

TEST(TextBadInput, OneMillionBlankAndLonePipeLines) {
  std::string text;
  for (int i = 0; i < 500000; ++i) text += "|\n\n";
  const Outcome out = read_timed(text);
  EXPECT_LT(out.took, kTimeBound);
  ASSERT_TRUE(out.ok) << out.error_code;
  EXPECT_EQ(out.tables, 0u);
}

TEST(TextBadInput, HundredThousandPipesOnOneLine) {
  const Outcome empty_cells = read_timed(std::string(100000, '|'));
  EXPECT_LT(empty_cells.took, kTimeBound);
  ASSERT_TRUE(empty_cells.ok) << empty_cells.error_code;

  std::string row = "|";
  for (int i = 0; i < 100000; ++i) row += "0|";
  const Outcome one_row = read_timed(row);
  EXPECT_LT(one_row.took, kTimeBound);
  ASSERT_TRUE(one_row.ok) << one_row.error_code;
  EXPECT_EQ(one_row.tables, 1u);

  // Two such rows need 200000 cells, the limit; three do not fit.
  const Outcome three_rows = read_timed(row + "\n" + row + "\n" + row + "\n");
  expect_clean_error(three_rows, {"table_too_large"});
}

TEST(TextBadInput, ManyTablesHitTheDocumentLimit) {
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "| a | b |\n| c | d |\n正文\n";
  Limits limits;
  limits.max_document_cells = 10000;  // 2500 tables of 4 cells
  expect_clean_error(read_timed(text, limits), {"too_many_cells"});
  limits.max_document_cells = 12000;
  EXPECT_TRUE(read_timed(text, limits).ok);
}

std::string repeated(const std::string& unit, std::size_t times) {
  std::string out;
  out.reserve(unit.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

TEST(TextBadInput, TwentyMebibyteDrawnRule) {
  // A top rule of 3.5 million junctions, then one row: more columns than any grid may hold.
  const std::string rule = "┌" + repeated("─┬", (20u << 20) / 6) + "─┐\n";
  const std::string row = "│" + repeated(" │", 1000) + "\n";
  expect_clean_error(read_timed(rule + row + row), {"table_too_large"});
}

TEST(TextBadInput, WideDrawnHeaderOverManyLines) {
  // A first line of 100,000 columns, then 100,000 row lines: refused by the limit as soon as
  // lines × columns passes it, not after sorting the columns again per line.
  const std::string text = "+" + repeated("-+", 100000) + "\n" + repeated("| 1 |\n", 100000);
  expect_clean_error(read_timed(text), {"table_too_large"});
}

TEST(TextBadInput, MillionLineDrawnGrid) {
  const std::string text = "┌──┬──┐\n" + repeated("│ 1│ 2│\n", 1000000) + "└──┴──┘\n";
  expect_clean_error(read_timed(text), {"table_too_large"});
}

TEST(TextBadInput, WideColumnRuleOverOneLongRow) {
  // 100,000 dashed runs and one multi-line row of 100,000 lines: refused by lines × columns.
  const std::string text = repeated("-- ", 100000) + "\n" + repeated("x\n", 100000) + "\n" +
                           repeated("-- ", 100000) + "\n";
  expect_clean_error(read_timed(text), {"table_too_large"});
}

TEST(TextBadInput, MillionRuleLinesAreText) {
  // Rules of dashes that open no table: each is a line of text, read in one pass.
  const Outcome rules = read_timed(repeated("----------\n正文\n", 500000));
  EXPECT_LT(rules.took, kTimeBound);
  if (!rules.ok) {
    EXPECT_EQ(rules.error_code, "too_many_paragraphs");
  }
  const Outcome columns = read_timed(repeated("---- ----\n", 1000000));
  EXPECT_LT(columns.took, kTimeBound);
  if (!columns.ok) {
    EXPECT_EQ(columns.error_code, "too_many_paragraphs");
  }
}

}  // namespace
}  // namespace xxgknb
