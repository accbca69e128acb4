// Pathological web pages through the whole pipeline (extract_bytes): nesting far past the
// depth limit, gigantic attributes, a page near the input limit, a million cells, broken
// encodings — each yields a report or an error object within the limits, never a crash or a
// hang; and page shapes grown eightfold cost about eight times as much.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <string>

#include "xxgknb/xxgknb.h"

namespace {

std::string repeat(const std::string& unit, std::size_t bytes) {
  std::string out;
  out.reserve(bytes + unit.size());
  while (out.size() < bytes) out += unit;
  return out;
}

double seconds(const std::function<void()>& run) {
  const auto start = std::chrono::steady_clock::now();
  run();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(HtmlBadInput, HundredThousandDeepNestingIsRefusedQuickly) {
  const std::string page = "<html><body>" + repeat("<div>", 500000) + "一、总体情况";
  xxgknb::Result<xxgknb::Report, xxgknb::Error> r = xxgknb::Error{};
  const double s = seconds([&] { r = xxgknb::extract_bytes(page, "deep.html"); });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "xml_too_deep");
  EXPECT_LT(s, 5.0);
}

TEST(HtmlBadInput, DeepTablesAndInlineRunsAreRefused) {
  for (const std::string unit : {"<table><tr><td>", "<span>", "<font><p>", "<b><i>"}) {
    const std::string page = "<html><body>" + repeat(unit, 100000 * unit.size());
    auto r = xxgknb::extract_bytes(page, "deep.html");
    ASSERT_FALSE(r) << unit;
    EXPECT_EQ(r.error().code, "xml_too_deep") << unit;
  }
}

TEST(HtmlBadInput, GiganticAttributesAreRead) {
  const std::string page = "<html><body><div class=\"" + std::string(8 << 20, 'a') +
                           "\" title=\"" + std::string(8 << 20, 'b') +
                           "\"><p>一、总体情况</p><table><tr><td colspan=\"99999999999999\">1</td>"
                           "</tr></table></div></body></html>";
  auto r = xxgknb::extract_bytes(page, "attributes.html");
  // colspan past any grid is refused by the table-cell limit, not followed.
  if (!r) {
    EXPECT_EQ(r.error().code, "table_too_large") << r.error().message;
  } else {
    EXPECT_EQ(r->source.format, "html");
  }
}

// A page near the input limit is read as HTML, or stopped by a limit: never anything else.
void expect_read_or_limited(const xxgknb::Result<xxgknb::Report, xxgknb::Error>& r) {
  if (r) {
    EXPECT_EQ(r->source.format, "html");
  } else {
    EXPECT_FALSE(r.error().limit.empty()) << r.error().code << ": " << r.error().message;
  }
}

TEST(HtmlBadInput, SixtyMegabytePageStaysWithinLimits) {
  const std::string page = "<html><head><script>" + std::string(60 << 20, 'x') +
                           "</script></head><body><p>一、总体情况</p></body></html>";
  ASSERT_LT(page.size(), xxgknb::Limits{}.max_input_bytes);
  expect_read_or_limited(xxgknb::extract_bytes(page, "large.html"));
}

TEST(HtmlBadInput, MillionCellsAreRefusedByTheCellLimit) {
  const std::string page = "<html><body><table><tr>" + repeat("<td>1", 5000000) + "</table>";
  auto r = xxgknb::extract_bytes(page, "cells.html");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "table_too_large") << r.error().message;
}

TEST(HtmlBadInput, MillionCellsInSmallTablesAreRefusedByTheDocumentLimit) {
  // 4,100 tables of 250 cells: each within max_table_cells, together past max_document_cells.
  const std::string page = "<html><body>" +
                           repeat("<table><tr>" + repeat("<td>1</td>", 2500) + "</tr></table>",
                                  4100 * 2524) +
                           "</body></html>";
  auto r = xxgknb::extract_bytes(page, "tables.html");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "too_many_cells") << r.error().message;
}

// The UTF-16 bytes of ASCII `s`.
std::string utf16(const std::string& s, bool little_endian = true) {
  std::string out(2 * s.size(), '\0');
  for (std::size_t i = 0; i < s.size(); ++i) out[2 * i + (little_endian ? 0 : 1)] = s[i];
  return out;
}

TEST(HtmlBadInput, Utf16PagesKeepTheLimits) {
  // Nesting past the depth limit, in UTF-16 with a BOM and without one.
  const std::string deep = utf16("<html><body>" + repeat("<div>", 500000));
  for (const std::string& page : {"\xFF\xFE" + deep, deep}) {
    auto r = xxgknb::extract_bytes(page, "deep16.html");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "xml_too_deep") << r.error().message;
  }
  // A 60 MiB page in UTF-16 (30 MiB once decoded).
  const std::string large = "\xFF\xFE" + utf16("<html><head><script>" +
                                                   std::string(30 << 20, 'x') +
                                                   "</script></head><body><p>x</p></body></html>");
  ASSERT_LT(large.size(), xxgknb::Limits{}.max_input_bytes);
  expect_read_or_limited(xxgknb::extract_bytes(large, "large16.html"));
}

TEST(HtmlBadInput, BrokenEncodingsAreAValueNotACrash) {
  const std::vector<std::string> pages = {
      // Declares UTF-8, then a lone continuation byte and a cut GBK pair.
      "<html><head><meta charset=utf-8></head><body><p>\x80\xD2</p></body></html>",
      // Declares GBK, bytes of no charset.
      "<html><head><meta charset=gbk></head><body><p>\xFF\xFF\xFF\x81</p></body></html>",
      // A UTF-8 BOM before GBK bytes.
      "\xEF\xBB\xBF<html><body><p>\xD2\xBB\xA1\xA2</p></body></html>",
      // A charset ICU does not know.
      "<html><head><meta charset=x-no-such-charset></head><body><p>\xD2\xBB</p></body></html>",
      // UTF-16LE with a BOM and a lone high surrogate ("\x00\xD8"), then markup.
      "\xFF\xFE" + utf16("<html><p>") + std::string("\x00\xD8", 2) + utf16("</p></html>"),
      // UTF-16BE told by its zero bytes, cut in the middle of a code unit.
      utf16("<html><body><p>", false) + std::string("\x4E\x00\x4E", 3),
  };
  for (const std::string& page : pages) {
    auto r = xxgknb::extract_bytes(page, "broken.html");
    if (!r) {
      EXPECT_TRUE(r.error().code == "encoding_invalid" || r.error().code == "not_a_report_file")
          << r.error().code << ": " << r.error().message;
    } else {
      EXPECT_EQ(r->source.format, "html");
    }
  }
}

struct Shape {
  const char* name;
  std::function<std::string(std::size_t)> make;
};

double best_of_two(const std::string& input) {
  double best = 1e9;
  for (int run = 0; run < 2; ++run) {
    best = std::min(best, seconds([&] {
                      auto r = xxgknb::extract_bytes(input, "shape.html");
                      EXPECT_TRUE(r.ok() || r.error().code != "time_limit");
                    }));
  }
  return best;
}

const Shape kShapes[] = {
    {"TableRows",
     [](std::size_t n) {
       return "<html><body><table>" + repeat("<tr><td>规章</td><td>1</td><td>2</td></tr>", n) +
              "</table></body></html>";
     }},
    {"SplitRuns",
     [](std::size_t n) {
       return "<html><body><p>" + repeat("<span>2</span><span>0</span><o:p></o:p>", n) +
              "</p></body></html>";
     }},
    {"Paragraphs",
     [](std::size_t n) { return "<html><body>" + repeat("<p>一、总体情况&nbsp;</p>", n); }},
    {"ChromeDivs",
     [](std::size_t n) {
       return "<html><body>" + repeat("<div class=nav><a href=1>首页</a></div><div>正文</div>", n);
     }},
    {"UnclosedCells",
     [](std::size_t n) { return "<html><body><table>" + repeat("<tr><td>1<td>2", n); }},
};

class HtmlLinearCost : public ::testing::TestWithParam<Shape> {};

TEST_P(HtmlLinearCost, EightTimesThePageCostsAboutEightTimesAsMuch) {
  const Shape& shape = GetParam();
  constexpr std::size_t kSmall = 96 << 10;
  const double small = best_of_two(shape.make(kSmall));
  const double large = best_of_two(shape.make(kSmall * 8));
  EXPECT_LE(large, 24.0 * small + 0.25) << shape.name << ": " << small << " s for 96 KiB, "
                                        << large << " s for 768 KiB";
}

INSTANTIATE_TEST_SUITE_P(Shapes, HtmlLinearCost, ::testing::ValuesIn(kShapes),
                         [](const ::testing::TestParamInfo<Shape>& param) {
                           return std::string(param.param.name);
                         });

}  // namespace
