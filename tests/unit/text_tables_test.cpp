// Stage 1, ingest (text) tests: read_text turns lines into paragraphs and rebuilds the tables
// text extractors flattened (tika_text, pipe_text, tab_text) and the tables browsers and
// converters drew (drawn_text); checked against a compact dump.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/text_tables.h"

namespace xxgknb {
namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '\n' ? std::string("\\n") : std::string(1, c);
  return out;
}

// "P text" per paragraph; "T origin" then "  a|b|c" per row for a table.
std::string dump(const Document& doc) {
  std::string out;
  for (const Block& b : doc.blocks) {
    if (b.kind == Block::Kind::Paragraph) {
      out += "P " + escape(doc.paragraphs[static_cast<std::size_t>(b.index)].text) + "\n";
      continue;
    }
    const Table& t = doc.tables[static_cast<std::size_t>(b.index)];
    out += "T " + t.origin + "\n";
    for (const auto& row : t.rows) {
      out += " ";
      for (std::size_t c = 0; c < row.size(); ++c) {
        out += (c == 0 ? " " : "|") + escape(row[c].text);
      }
      out += "\n";
    }
  }
  return out;
}

Document read(const std::string& text, const Limits& limits = Limits{}) {
  const auto doc = read_text(text, limits, Deadline(limits.max_milliseconds));
  EXPECT_TRUE(doc.ok()) << doc.error().code << ": " << doc.error().message;
  return doc.ok() ? doc.value() : Document{};
}

struct Case {
  const char* name;
  std::string input;
  std::string expected;
};

const std::string kLongSentence =
    "本年度，我镇认真贯彻落实上级关于政府信息公开工作的各项部署，围绕中心工作，"
    "及时公开财政预决算、重大建设项目、民生实事等信息，切实保障人民群众的知情权。";

TEST(TextTables, ReadsShapesAndLookAlikes) {
  const std::vector<Case> cases = {
      // (a) Tika's text of a .docx: one cell per line after a tab, a blank line per row.
      {"tika rows of different lengths",
       "二、主动公开政府信息情况\n\t第二十条第（一）项\n\n\t信息内容\n\t本年制发件数\n\t本年废止件数\n\n"
       "\t规章\n\t0\n\t0\n\n三、收到和处理政府信息公开申请情况\n",
       "P 二、主动公开政府信息情况\nT tika_text\n  第二十条第（一）项||\n  信息内容|本年制发件数|本年废止件数\n"
       "  规章|0|0\nP 三、收到和处理政府信息公开申请情况\n"},
      {"tika cell of several paragraphs and empty cells",
       "\t行政复议\n\t行政诉讼\n\n\t结果维持\n\t结果\n纠正\n\t\n\t \n\n",
       "T tika_text\n  行政复议|行政诉讼||\n  结果维持|结果\\n纠正||\n"},
      {"tika bookmark marker dropped, text after it kept",
       "\t[bookmark: _GoBack]规章\n\t0\n\n\t规范性文件\n\t1\n\n[bookmark: _GoBack]按照规定收费。\n"
       "[bookmark: x]\n",
       "T tika_text\n  规章|0\n  规范性文件|1\nP 按照规定收费。\n"},
      {"tika tables apart: blank and no-break-space lines, then a heading",
       "\t规章\n\t0\n\n\t规范性文件\n\t1\n\n\n\xC2\xA0\n\n三、标题\n\xC2\xA0\n\t申请人情况\n\t自然人\n\n"
       "\t一、本年新收\n\t0\n\n",
       "T tika_text\n  规章|0\n  规范性文件|1\nP 三、标题\nT tika_text\n  申请人情况|自然人\n"
       "  一、本年新收|0\n"},
      {"tika cell text trimmed of spaces and no-break spaces", "\t 0\xC2\xA0\n\t0 \n\n\t1\n\t2\n\n",
       "T tika_text\n  0|0\n  1|2\n"},
      {"look-alike: prose indented with tabs", "\t" + kLongSentence + "\n\t" + kLongSentence +
       "\n\n\t" + kLongSentence + "\n",
       "P \t" + kLongSentence + "\nP \t" + kLongSentence + "\nP \t" + kLongSentence + "\n"},
      {"look-alike: one indented heading and its text", "\t一、总体情况\n正文第一段。\n",
       "P \t一、总体情况\nP 正文第一段。\n"},
      {"look-alike: one column of tab lines separated by blank lines",
       "\t第一段。\n\n\t第二段。\n\n", "P \t第一段。\nP \t第二段。\n"},

      // (b) Pipe rows.
      {"pipe rows with colspan residue and a markdown separator",
       "| 第二十条第(一)项 | |||\n|---|:--:|---|---|\n| 信息内容 | 本年处理决定数量 | ||\n"
       "| 规章 | 5 | 0 | 12 |\n",
       "T pipe_text\n  第二十条第(一)项|||\n  信息内容|本年处理决定数量||\n  规章|5|0|12\n"},
      {"pipe rows without edge pipes, separated by blank lines",
       "三、本年度办理结果 | (一)予以公开 | 2 | 1\n\n(三)不予公开 | 1.属于国家秘密 | 0 | 0\n",
       "T pipe_text\n  三、本年度办理结果|(一)予以公开|2|1\n  (三)不予公开|1.属于国家秘密|0|0\n"},
      {"pipe rows with a lone pipe on every other line (6.5.5)",
       "| 规章 | 5 |\n|\n| 规范性文件 | 0 |\n|\n正文\n",
       "T pipe_text\n  规章|5\n  规范性文件|0\nP 正文\n"},
      {"pipe row wrapped after its first pipe (6.5.6)",
       "| \n 第二十条第(一)项  | |||\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| \n"
       " 规章 | 0\n",
       "T pipe_text\n  第二十条第(一)项|||\n  信息内容|本年制发件数|本年废止件数|现行有效件数\n"
       "  规章|0||\n"},
      {"one boxed pipe row is a table", "| 规章 | 5 |\n", "T pipe_text\n  规章|5\n"},
      {"look-alike: a sentence with a pipe", "网址为 a|b，欢迎访问。\n",
       "P 网址为 a|b，欢迎访问。\n"},
      {"look-alike: one unboxed line with pipes", "选项甲|选项乙|选项丙均可。\n正文\n",
       "P 选项甲|选项乙|选项丙均可。\nP 正文\n"},
      {"look-alike: lone pipes and empty pipe rows only", "|\n| | |\n正文\n",
       "P |\nP | | |\nP 正文\n"},

      // (c) Tab-separated rows.
      {"tab rows", "信息内容\t本年制发件数\t本年废止件数\n规章\t0\t0\n规范性文件\t1\t\n正文\n",
       "T tab_text\n  信息内容|本年制发件数|本年废止件数\n  规章|0|0\n  规范性文件|1|\nP 正文\n"},
      {"look-alike: a paragraph with a tab", "一、总体情况\t（略）\n正文\n",
       "P 一、总体情况\t（略）\nP 正文\n"},
      {"look-alike: trailing tabs are not fields", "一、总体情况\t\t\n二、主动公开\t\n",
       "P 一、总体情况\nP 二、主动公开\n"},

      // (d) Everything else is a paragraph per line.
      {"one cell per line without separators", "规章\n0\n0\n", "P 规章\nP 0\nP 0\n"},
      {"space-aligned columns", "规章   0   0   0\n规范性文件   1   2   3\n",
       "P 规章   0   0   0\nP 规范性文件   1   2   3\n"},
      {"blank lines are not paragraphs", "\n  \n\xE3\x80\x80\n一\n\n二", "P 一\nP 二\n"},
      {"CRLF input", "一、总体情况\r\n\t规章\r\n\t0\r\n\r\n\t规范性文件\r\n\t1\r\n\r\n结束\r\n",
       "P 一、总体情况\nT tika_text\n  规章|0\n  规范性文件|1\nP 结束\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(dump(read(c.input)), c.expected);
  }
}

TEST(TextTables, ReadsDrawnTablesAndLookAlikes) {
  const std::vector<Case> cases = {
      // (e) w3m's box drawing: a cell spanning columns has no bar inside, one spanning rows
      // no rule under it; its lines join.
      {"box grid with a column span, a row span and a wrapped cell",
       "┌──────┬────┐\n│ 标题 │ 值 │\n├──────┴────┤\n│   合并    │\n├──────┬────┤\n"
       "│ 三、 │ 1  │\n│ 本年 ├────┤\n│      │ 2  │\n└──────┴────┘\n正文\n",
       "T drawn_text\n  标题|值\n  合并|\n  三、\\n本年|1\n  |2\nP 正文\n"},
      {"box grid indented, an empty cell stays empty",
       "   ┌──────┬────┐\n   │ 规章 │    │\n   └──────┴────┘\n",
       "T drawn_text\n  规章|\n"},
      // (f) ASCII grids (pandoc's grid tables): "+====+" is a rule like "+----+"; "| - |" is
      // a dash cell, not a piece of rule.
      {"ascii grid with a header rule and a dash cell",
       "+------+----+\n| 规章 | -  |\n+======+====+\n| 文件 | 1  |\n+------+----+\n",
       "T drawn_text\n  规章|-\n  文件|1\n"},
      // (g) pandoc's plain-text tables: columns by the dashed runs.
      {"pandoc simple table under a header line",
       "信息内容   件数\n---------- ------\n规章       2\n文件       1\n\n正文\n",
       "T drawn_text\n  信息内容|件数\n  规章|2\n  文件|1\nP 正文\n"},
      {"pandoc headerless table between column rules, a blank cell",
       "  ------ ---- ----\n  规章   2    \n  文件        3\n  ------ ---- ----\n",
       "T drawn_text\n  规章|2|\n  文件||3\n"},
      {"pandoc multi-line table between full rules",
       "  ----------------\n  信息   件数\n  内容\n  ------ ------\n  规章   2\n\n  规范性 1\n  文件\n"
       "  ----------------\n",
       "T drawn_text\n  信息\\n内容|件数\n  规章|2\n  规范性\\n文件|1\n"},
      {"look-alike: a rule of dashes under a paragraph", "正文\n----------\n下文\n",
       "P 正文\nP ----------\nP 下文\n"},
      {"look-alike: a box top rule with nothing under it", "┌──────┐\n正文\n",
       "P ┌──────┐\nP 正文\n"},
      {"look-alike: a column rule never closed", "---- ----\n规章 2\n\n\n正文\n",
       "P ---- ----\nP 规章 2\nP 正文\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(dump(read(c.input)), c.expected);
  }
}

TEST(TextTables, DocumentKeepsFormatEncodingAndText) {
  const Document doc = read("一\r\n二\r\n");
  EXPECT_EQ(doc.format, "text");
  EXPECT_EQ(doc.encoding, "UTF-8");
  EXPECT_EQ(doc.text, "一\n二\n");
  EXPECT_TRUE(doc.diagnostics.empty());
}

TEST(TextTables, ParagraphSourcesPointIntoText) {
  const Document doc = read("一、总体情况\n\n[bookmark: a]二、主动公开\n");
  ASSERT_EQ(doc.paragraphs.size(), 2u);
  const SourceSpan& second = doc.paragraphs[1].source;
  EXPECT_EQ(second.line, 3);
  EXPECT_EQ(second.offset, static_cast<std::int64_t>(std::string("一、总体情况\n\n").size()));
  EXPECT_EQ(doc.text.substr(static_cast<std::size_t>(second.offset),
                            static_cast<std::size_t>(second.length)),
            "[bookmark: a]二、主动公开");
  EXPECT_EQ(doc.paragraphs[1].text, "二、主动公开");
}

TEST(TextTables, CellSourcesPointIntoText) {
  const Document tika = read("标题\n\t结果\n纠正\n\t0\n\n\t其他\n\t1\n\n");
  ASSERT_EQ(tika.tables.size(), 1u);
  const Table& t = tika.tables[0];
  EXPECT_EQ(t.source.line, 2);
  const Cell& merged_text = t.rows[0][0];
  EXPECT_EQ(merged_text.source.line, 2);
  EXPECT_EQ(tika.text.substr(static_cast<std::size_t>(merged_text.source.offset),
                             static_cast<std::size_t>(merged_text.source.length)),
            "结果\n纠正");
  // The span is the cell's text, without the tab that opens a Tika cell.
  EXPECT_EQ(merged_text.text, "结果\n纠正");
  EXPECT_EQ(t.rows[1][1].source.line, 7);
  EXPECT_EQ(t.rows[1][1].source.table, 0);

  const Document pipe = read("x\n| 规章 | 5 |\n| 规范性文件 |  |\n");
  ASSERT_EQ(pipe.tables.size(), 1u);
  const Cell& five = pipe.tables[0].rows[0][1];
  EXPECT_EQ(five.source.line, 2);
  EXPECT_EQ(pipe.text.substr(static_cast<std::size_t>(five.source.offset),
                             static_cast<std::size_t>(five.source.length)),
            "5");
  EXPECT_EQ(pipe.tables[0].rows[1][1].source.length, 0);
}

TEST(TextTables, GuessedEncodingIsNotedAndTextIsUtf8) {
  // "一、总体情况\n规章\t0\n" in UTF-16LE without BOM.
  const std::string utf8 = "一、总体情况\n规章\t0\n规范性文件\t1\n";
  std::string utf16;
  const std::u16string units = u"一、总体情况\n规章\t0\n规范性文件\t1\n";
  for (char16_t u : units) {
    utf16 += static_cast<char>(u & 0xFF);
    utf16 += static_cast<char>(u >> 8);
  }
  const Document doc = read(utf16);
  EXPECT_EQ(doc.encoding, "UTF-16LE");
  EXPECT_EQ(doc.text, utf8);
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].code, "encoding_guessed");
  EXPECT_EQ(dump(doc), "P 一、总体情况\nT tab_text\n  规章|0\n  规范性文件|1\n");
}

TEST(TextTables, LimitsRefuseCleanly) {
  Limits paragraphs;
  paragraphs.max_paragraphs = 2;
  Limits table_cells;
  table_cells.max_table_cells = 3;
  Limits document_cells;
  document_cells.max_document_cells = 5;
  const std::string two_tables = "| a | b |\n| c | d |\n正文\n| e | f |\n| g | h |\n";
  struct LimitCase {
    Limits limits;
    std::string text;
    std::string code;
  };
  const std::vector<LimitCase> cases = {
      {paragraphs, "一\n二\n三\n", "too_many_paragraphs"},
      {table_cells, "| a | b |\n| c | d |\n", "table_too_large"},
      {table_cells, "\ta\n\tb\n\n\tc\n\td\n\n", "table_too_large"},
      {table_cells, "a\tb\nc\td\n", "table_too_large"},
      {document_cells, two_tables, "too_many_cells"},
  };
  for (const LimitCase& c : cases) {
    SCOPED_TRACE(c.text);
    const auto doc = read_text(c.text, c.limits, Deadline(c.limits.max_milliseconds));
    ASSERT_FALSE(doc.ok());
    EXPECT_EQ(doc.error().code, c.code);
    EXPECT_FALSE(doc.error().limit.empty());
  }
  // Look-alike: exactly at the limits is fine.
  Limits exact;
  exact.max_paragraphs = 1;
  exact.max_table_cells = 4;
  exact.max_document_cells = 8;
  EXPECT_TRUE(read_text(two_tables, exact, Deadline(1000)).ok());
}

TEST(TextTables, PassedDeadlineStopsWithTimeLimit) {
  Document doc;
  for (int i = 0; i < 5000; ++i) doc.text += "一行\n";
  const auto error = read_text_blocks(doc, Limits{}, Deadline(0));
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code, "time_limit");
  EXPECT_EQ(read_text("一行\n", Limits{}, Deadline(0)).error().code, "time_limit");
}

// The real seed: Apache Tika's text of a 2020 report's .docx.
TEST(TextTables, SeedFromSharedCorpus) {
  const std::filesystem::path path =
      std::filesystem::path(XXGKNB_SHARED_CORPUS) / "seed" / "000_f7fab5510749a469.txt";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no shared corpus at " << path;
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  const Document doc = read(bytes.str());

  ASSERT_EQ(doc.tables.size(), 3u);
  for (const Table& t : doc.tables) EXPECT_EQ(t.origin, "tika_text");
  EXPECT_EQ(doc.tables[0].rows[0][0].text, "第二十条第（一）项");
  EXPECT_TRUE(doc.tables[1].rows[0][0].text.starts_with("（本列数据"));
  EXPECT_EQ(doc.tables[2].rows[0][0].text, "行政复议");
  EXPECT_EQ(doc.tables[0].rows.size(), 14u);
  EXPECT_EQ(doc.tables[1].rows.size(), 28u);
  EXPECT_EQ(doc.tables[2].rows.size(), 4u);
  // "\t结果" + "纠正" in table 四's header is one cell.
  EXPECT_EQ(doc.tables[2].rows[1][1].text, "结果\n纠正");

  std::vector<std::string> texts;
  for (const Paragraph& p : doc.paragraphs) texts.push_back(p.text);
  for (const char* heading :
       {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项"}) {
    EXPECT_NE(std::find(texts.begin(), texts.end(), heading), texts.end()) << heading;
  }
  // "[bookmark: _GoBack]按照…" keeps its text.
  EXPECT_TRUE(texts.back().starts_with("按照")) << texts.back();
  // Tables sit between their headings in the block order.
  std::string order;
  for (const Block& b : doc.blocks) order += b.kind == Block::Kind::Table ? 'T' : 'P';
  EXPECT_EQ(order, "PPPPPPPPPTPTPTPPPP");
}

}  // namespace
}  // namespace xxgknb
