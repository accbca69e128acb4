// Stage tests of the page layout (ingest, paginated input): boxes written by hand, placed as
// a PDF's text layer places them, against the dump of the paragraphs and grids rebuilt.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/page_layout.h"

namespace xxgknb {
namespace {

TextBox box(double x0, double y0, double x1, double y1, std::string text) {
  return TextBox{x0, y0, x1, y1, std::move(text), false, true};
}

// A value box of a statistics cell, 14 points high, centred on (cx, cy).
TextBox value(double cx, double cy, std::string text) {
  const double half = 3.5 * static_cast<double>(text.size() > 1 ? 2 : 1);
  return box(cx - half, cy - 7, cx + half, cy + 7, std::move(text));
}

std::vector<PageBoxes> two_pages_of_table_three() {
  PageBoxes one{1, 595, 842, {}};
  auto& a = one.boxes;
  a.push_back(box(250, 30, 330, 40, "洪泽区人民政府"));                 // running header
  a.push_back(box(100, 100, 380, 116, "三、收到和处理政府信息公开申请情况"));
  a.push_back(box(77, 200, 238, 210, "一、本年新收政府信息公开申请数量"));
  a.push_back(value(325, 205, "95"));
  a.push_back(value(355, 205, "0"));
  a.push_back(value(500, 205, "95"));
  // A label wrapped over two lines, its values centred between them.
  a.push_back(box(104, 225, 275, 234, "（二）部分公开（区分处理的，只计这一情"));
  a.push_back(box(104, 238, 158, 247, "计其他情形）"));
  a.push_back(value(325, 236, "9"));
  a.push_back(box(349, 229, 361, 243, "—"));
  a.push_back(value(500, 236, "9"));
  // A blank cell: no box at x 355.
  a.push_back(box(180, 262, 242, 271, "1.属于国家秘密"));
  a.push_back(value(325, 266.5, "0"));
  a.push_back(value(500, 266.5, "0"));
  // A group label printed one or two characters per line.
  a.push_back(box(90, 258, 100, 268, "三"));
  a.push_back(box(90, 268.2, 100, 288, "、本"));
  a.push_back(box(90, 288.2, 100, 298, "年"));
  a.push_back(box(180, 282, 290, 291, "2.其他法律行政法规禁止公开"));
  a.push_back(value(325, 286.5, "1"));
  a.push_back(value(355, 286.5, "0"));
  a.push_back(value(500, 286.5, "1"));
  a.push_back(box(290, 800, 306, 812, "-1-"));                           // page number

  PageBoxes two{2, 595, 842, {}};
  auto& b = two.boxes;
  b.push_back(box(250, 30, 330, 40, "洪泽区人民政府"));
  // The table goes on at the top of the next page.
  b.push_back(box(180, 82, 278, 91, "3.危及“三安全一稳定”"));
  b.push_back(value(325, 86.5, "0"));
  b.push_back(value(355, 86.5, "0"));
  b.push_back(value(500, 86.5, "0"));
  b.push_back(box(104, 300, 408, 316, "四、政府信息公开行政复议、行政诉讼情况"));
  // Look-alike: a number inside a sentence is no table cell (and the space beside it is
  // typesetting: "费0元").
  b.push_back(box(74, 400, 300, 416, "全年收取政府信息公开信息处理费"));
  b.push_back(box(304, 400, 311, 416, "0"));
  b.push_back(box(315, 400, 331, 416, "元"));
  b.push_back(box(280, 800, 316, 812, "— 2 —"));
  return {one, two};
}

TEST(PageLayout, RebuildsTableThreeAcrossPages) {
  auto doc = lay_out_pages(two_pages_of_table_three(), Limits{}, Deadline::none());
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(dump_blocks(doc.value()),
            "P 三、收到和处理政府信息公开申请情况\n"
            "T pdf_boxes\n"
            "  一、本年新收政府信息公开申请数量 | < | 95 | 0 | 95\n"
            "  （二）部分公开（区分处理的，只计这一情计其他情形） | < | 9 | — | 9\n"
            "  1.属于国家秘密 | < | 0 |  | 0\n"
            "  三、本年 | 2.其他法律行政法规禁止公开 | 1 | 0 | 1\n"
            "  3.危及“三安全一稳定” | < | 0 | 0 | 0\n"
            "P 四、政府信息公开行政复议、行政诉讼情况\n"
            "P 全年收取政府信息公开信息处理费0元\n");
  ASSERT_EQ(doc->diagnostics.size(), 1u);
  EXPECT_EQ(doc->diagnostics[0].code, "pdf_page_furniture");
  EXPECT_NE(doc->diagnostics[0].message.find("4 page numbers, running headers or footers"), std::string::npos);
}

TEST(PageLayout, EveryCellKnowsItsPageAndBox) {
  auto doc = lay_out_pages(two_pages_of_table_three(), Limits{}, Deadline::none());
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ(doc->tables.size(), 1u);
  const Table& t = doc->tables[0];
  // "9" of the wrapped row: page 1, its own box.
  const Cell& nine = t.rows[1][2];
  EXPECT_EQ(nine.text, "9");
  EXPECT_EQ(nine.source.page, 1);
  ASSERT_TRUE(nine.source.box.has_value());
  EXPECT_DOUBLE_EQ((*nine.source.box)[1], 229);
  // The wrapped label's box covers both its lines.
  const Cell& label = t.rows[1][0];
  ASSERT_TRUE(label.source.box.has_value());
  EXPECT_DOUBLE_EQ((*label.source.box)[1], 225);
  EXPECT_DOUBLE_EQ((*label.source.box)[3], 247);
  // The row continued on page 2.
  EXPECT_EQ(t.rows[4][2].source.page, 2);
  EXPECT_EQ(t.rows[4][2].source.row, 4);
  EXPECT_EQ(doc->paragraphs[0].source.page, 1);
}

TEST(PageLayout, HeaderRepeatedOnTheNextPageIsSetAside) {
  std::vector<PageBoxes> pages = {{1, 595, 842, {}}, {2, 595, 842, {}}};
  for (PageBoxes& p : pages) {
    // "信息内容 本年处理决定数量" heads the table on both pages.
    p.boxes.push_back(box(129, 400, 177, 412, "信息内容"));
    p.boxes.push_back(box(326, 400, 422, 412, "本年处理决定数量"));
  }
  pages[0].boxes.push_back(box(81, 450, 129, 462, "行政处罚"));
  pages[0].boxes.push_back(value(374, 456, "2776"));
  pages[1].boxes.push_back(box(81, 450, 129, 462, "行政强制"));
  pages[1].boxes.push_back(value(374, 456, "84"));
  auto doc = lay_out_pages(pages, Limits{}, Deadline::none());
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(dump_blocks(doc.value()),
            "P 信息内容 本年处理决定数量\n"
            "T pdf_boxes\n"
            "  行政处罚 | 2776\n"
            "  行政强制 | 84\n");
}

// A header over three value columns, the middle one blank in every row ("法人或其他组织" left
// blank, as 沭阳 2023 does): `total` splits its 总计 into two boxes when true.
std::vector<PageBoxes> table_with_a_blank_column(bool total_in_two_boxes) {
  PageBoxes page{1, 595, 842, {}};
  auto& a = page.boxes;
  a.push_back(box(330, 380, 420, 392, "申请人情况"));               // spans the three below
  a.push_back(box(300, 400, 336, 412, "自然人"));
  a.push_back(box(350, 400, 398, 412, "商业企业"));
  if (total_in_two_boxes) {
    a.push_back(box(410, 400, 422, 412, "总"));
    a.push_back(box(428, 400, 440, 412, "计"));
  } else {
    a.push_back(box(410, 400, 434, 412, "总计"));
  }
  a.push_back(box(77, 450, 238, 462, "一、本年新收政府信息公开申请数量"));
  a.push_back(value(318, 456, "5"));
  a.push_back(value(424, 456, "5"));
  a.push_back(box(77, 480, 238, 492, "二、上年结转政府信息公开申请数量"));
  a.push_back(value(318, 486, "1"));
  a.push_back(value(424, 486, "1"));
  return {page};
}

TEST(PageLayout, AColumnBlankInEveryRowKeepsItsPlaceUnderItsHeader) {
  auto doc = lay_out_pages(table_with_a_blank_column(false), Limits{}, Deadline::none());
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(dump_blocks(doc.value()),
            "P 申请人情况\n"
            "P 自然人 商业企业总计\n"
            "T pdf_boxes\n"
            "  一、本年新收政府信息公开申请数量 | 5 |  | 5\n"
            "  二、上年结转政府信息公开申请数量 | 1 |  | 1\n");
}

TEST(PageLayout, AHeaderNoValueStandsUnderLeavesTheValuesColumns) {
  // "总" | "计": the centre of the total's values falls in neither box, so the header does not
  // account for the values and the values' own columns stand (the blank one is not seen).
  auto doc = lay_out_pages(table_with_a_blank_column(true), Limits{}, Deadline::none());
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ(doc->tables.size(), 1u);
  EXPECT_EQ(doc->tables[0].columns, 3);
}

TEST(PageLayout, TooManyBoxesOnAPageIsALimit) {
  Limits limits;
  limits.max_pdf_boxes_per_page = 3;
  auto doc = lay_out_pages(two_pages_of_table_three(), limits, Deadline::none());
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "pdf_too_many_boxes");
}

}  // namespace
}  // namespace xxgknb
