// Stage 1, ingest (text) tests: the shapes of PDF-extracted text that text_layout tells apart
// — page numbers tagged as furniture, labels wrapped over lines joined before their values,
// -layout indentation left out of a paragraph — each with look-alikes, against a dump.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/text_layout.h"

namespace xxgknb {
namespace {

// "P text" per body paragraph, "F furniture text" per furniture, "T origin" per table; a line
// break inside a paragraph shows as "\n".
std::string dump(const Document& doc) {
  std::string out;
  for (const Block& b : doc.blocks) {
    if (b.kind == Block::Kind::Table) {
      out += "T " + doc.tables[static_cast<std::size_t>(b.index)].origin + "\n";
      continue;
    }
    const Paragraph& p = doc.paragraphs[static_cast<std::size_t>(b.index)];
    std::string text = p.text;
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 2)) {
      text.replace(at, 1, "\\n");
    }
    out += (p.furniture.empty() ? "P " : "F " + p.furniture + " ") + text + "\n";
  }
  return out;
}

Document read(const std::string& text) {
  const Limits limits;
  auto doc = read_text(text, limits, Deadline(limits.max_milliseconds));
  EXPECT_TRUE(doc.ok()) << doc.error().code << ": " << doc.error().message;
  return doc.ok() ? std::move(doc).value() : Document{};
}

struct Case {
  const char* name;
  std::string input;
  std::string expected;
};

TEST(TextLayout, TagsPageNumbersAndJoinsWrappedLabels) {
  const std::vector<Case> cases = {
      {"page numbers of PDF text", "-3-\n  — 4 —\n- 12 -\n第 5 页\n第6页 共10页\n",
       "F page_number -3-\nF page_number — 4 —\nF page_number - 12 -\nF page_number 第 5 页\n"
       "F page_number 第6页 共10页\n"},
      {"a bare number, a date and a range are no page numbers", "3\n2024-12-31\n1-2 项\n",
       "P 3\nP 2024-12-31\nP 1-2 项\n"},
      {"-raw: a label wrapped over lines before its values",
       "1、申请人无正当理由逾期不补\n正、\n行政机关不再处理其政府信\n息公开申请\n67 3 0 0 1 0 71\n",
       "P 1、申请人无正当理由逾期不补\\n正、\\n行政机关不再处理其政府信\\n息公开申请\nP 67 3 0 0 1 0 71\n"},
      {"the group label's fragments before the row's own stay apart",
       "（六）其\n他处理\n1、申请人无正当理由逾期不补\n正、\n67 3 0 0 1 0 71\n",
       "P （六）其\nP 他处理\nP 1、申请人无正当理由逾期不补\\n正、\nP 67 3 0 0 1 0 71\n"},
      {"-layout: a label wrapped in its column, indentation kept inside",
       "     5.要求行政机关确认或重 新出具\n         已获取信息\n                 0    0   0\n",
       "P 5.要求行政机关确认或重 新出具\\n         已获取信息\nP 0    0   0\n"},
      {"look-alike: a label alone on its line before its values is not joined",
       "（三）不予公开\n1.属于国家秘密\n0 0 0 0 0 0 0\n",
       "P （三）不予公开\nP 1.属于国家秘密\nP 0 0 0 0 0 0 0\n"},
      {"look-alike: a heading and a table header before values are not joined",
       "三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n0 0 0\n",
       "P 三、收到和处理政府信息公开申请情况\nP 申请人情况\nP 自然人\nP 0 0 0\n"},
      {"look-alike: prose is not joined, even before a line of figures",
       "（一）主动公开情况。全年主动公开信息\n1136 条，均已按时发布。\n2024\n",
       "P （一）主动公开情况。全年主动公开信息\nP 1136 条，均已按时发布。\nP 2024\n"},
      {"look-alike: a row with its values ends the label before it",
       "（二）部分公开（区分处理的\n只计这一情形）\n行政许可 447\n5\n",
       "P （二）部分公开（区分处理的\nP 只计这一情形）\nP 行政许可 447\nP 5\n"},
      {"look-alike: a page number between fragments ends the wrap",
       "1.本机关不掌握相关\n-3-\n政府信息\n31 0 0\n",
       "P 1.本机关不掌握相关\nF page_number -3-\nP 政府信息\nP 31 0 0\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(dump(read(c.input)), c.expected);
  }
}

TEST(TextLayout, IndentedLineIsReadWithoutItsSpacesAndPointsIntoText) {
  const std::string text = "                  （四）无法提供   1.本机关不掌握相关政府信息   31\n";
  const Document doc = read(text);
  ASSERT_EQ(doc.paragraphs.size(), 1u);
  const Paragraph& p = doc.paragraphs[0];
  EXPECT_EQ(p.text, "（四）无法提供   1.本机关不掌握相关政府信息   31");
  ASSERT_GE(p.source.offset, 0);
  EXPECT_EQ(text.substr(static_cast<std::size_t>(p.source.offset),
                        static_cast<std::size_t>(p.source.length)),
            p.text);
  EXPECT_EQ(p.source.line, 1);
}

TEST(TextLayout, JoinedLabelSpansItsLines) {
  const std::string text = "前言\n1、申请人无正当理由逾期不补\n正、\n67 3\n";
  const Document doc = read(text);
  ASSERT_EQ(doc.paragraphs.size(), 3u);
  const Paragraph& label = doc.paragraphs[1];
  EXPECT_EQ(label.source.line, 2);
  EXPECT_EQ(text.substr(static_cast<std::size_t>(label.source.offset),
                        static_cast<std::size_t>(label.source.length)),
            "1、申请人无正当理由逾期不补\n正、");
}

TEST(TextLayout, PageFurnitureNamesOnlyPageNumbers) {
  EXPECT_EQ(page_furniture("  — 12 —  "), "page_number");
  EXPECT_EQ(page_furniture("第 3 页/共 9 页"), "page_number");
  EXPECT_EQ(page_furniture("12"), "");
  EXPECT_EQ(page_furniture("— 表三 —"), "");
  EXPECT_EQ(page_furniture(std::string(100, '-')), "");
}

}  // namespace
}  // namespace xxgknb
