// Stage tests of the HTML reader (ingest): each quirk of real pages as a small page, read
// into a Document and compared with what the markup says — the article found among the
// chrome, spans expanded into the logical grid, runs joined, blanks kept blank, the page's
// own fields, and the charset found or contradicted.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "ingest/html_charset.h"
#include "ingest/ingest.h"
#include "util/deadline.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

Result<Document, Error> read(const std::string& html, const Limits& limits = {}) {
  const Deadline deadline(limits.max_milliseconds);
  return ingest(html, limits, deadline);
}

std::vector<std::string> paragraphs(const Document& doc) {
  std::vector<std::string> out;
  for (const Paragraph& p : doc.paragraphs) out.push_back(p.text);
  return out;
}

// The grid as rows of texts; a continuation shows as "^".
std::vector<std::vector<std::string>> grid(const Table& t) {
  std::vector<std::vector<std::string>> out;
  for (const auto& row : t.rows) {
    out.emplace_back();
    for (const Cell& c : row) out.back().push_back(c.continuation ? "^" : c.text);
  }
  return out;
}

const PageField* field(const Document& doc, const std::string& key) {
  for (const PageField& f : doc.page_fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

TEST(HtmlSniff, ToldByContentNotByName) {
  EXPECT_TRUE(looks_like_html("<!DOCTYPE html><html><body><p>一、总体情况</p></body></html>"));
  EXPECT_TRUE(looks_like_html("\xEF\xBB\xBF\n  <html><p>x</p></html>"));
  EXPECT_TRUE(looks_like_html("<table><tr><td>1</td></tr></table>"));
  // Look-alikes: text that mentions a tag, and markup that is not HTML.
  EXPECT_FALSE(looks_like_html("一、总体情况 <p> 是段落标签"));
  EXPECT_FALSE(looks_like_html("<pre-formatted note>"));
  EXPECT_FALSE(looks_like_html(""));
}

TEST(HtmlRead, FormatIsHtmlAndTheTextIsKeptForOffsets) {
  const std::string page = "<html><body><p>一、总体情况</p><p>本年度……</p></body></html>";
  auto doc = read(page);
  ASSERT_TRUE(doc) << doc.error().message;
  EXPECT_EQ(doc->format, "html");
  EXPECT_EQ(doc->encoding, "UTF-8");
  EXPECT_EQ(paragraphs(doc.value()), (std::vector<std::string>{"一、总体情况", "本年度……"}));
  EXPECT_EQ(doc->text, page);
  // The offset points at the paragraph's text in the decoded page.
  EXPECT_EQ(doc->text.substr(static_cast<std::size_t>(doc->paragraphs[0].source.offset), 6),
            "一、");
}

TEST(HtmlRead, ArticleFoundAmongChrome) {
  const std::string page =
      "<html><head><title>x</title><script>var a='一、总体情况';</script></head><body>"
      "<div class=\"header\"><ul><li><a href=/>首页</a></li><li><a href=/a>政务公开</a></li>"
      "<li><a href=/b>信息公开年报</a></li></ul></div>"
      "<div class=\"breadcrumb\"><span>当前位置：</span><a href=/>首页</a> > <a href=/x>年报</a></div>"
      "<div class=\"main\"><div class=\"location\">您现在的位置：首页 > 年报</div>"
      "<div class=\"article\"><p>一、总体情况</p><p>本机关认真贯彻落实《中华人民共和国政府信息公开条例》，"
      "扎实推进政府信息公开工作，全年主动公开政府信息一百余条，办理依申请公开十件。</p>"
      "<p>二、主动公开政府信息情况</p><p style=\"display:none\">隐藏的文字</p></div>"
      "<div class=\"share_box\">分享到：微信 微博 QQ空间</div>"
      "<div class=\"xglj\">相关链接：<a href=1>甲</a><a href=2>乙</a><a href=3>丙</a></div></div>"
      "<div class=\"footer\">主办：某某人民政府办公室 版权所有 地址：某某路1号 电话：0000</div>"
      "</body></html>";
  auto doc = read(page);
  ASSERT_TRUE(doc) << doc.error().message;
  const std::vector<std::string> p = paragraphs(doc.value());
  // <title>x</title> names no report, so nothing is read before the article.
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p.front(), "一、总体情况");
  EXPECT_EQ(p.back(), "二、主动公开政府信息情况");
  for (const std::string& text : p) {
    EXPECT_EQ(text.find("当前位置"), std::string::npos) << text;
    EXPECT_EQ(text.find("您现在的位置"), std::string::npos) << text;
    EXPECT_EQ(text.find("首页"), std::string::npos) << text;
    EXPECT_EQ(text.find("分享"), std::string::npos) << text;
    EXPECT_EQ(text.find("版权所有"), std::string::npos) << text;
    EXPECT_EQ(text.find("隐藏"), std::string::npos) << text;
    EXPECT_EQ(text.find("var a"), std::string::npos) << text;
  }
}

TEST(HtmlRead, TitleFromThePageWhenTheArticleLacksIt) {
  const std::string page =
      "<html><head><meta name=\"ArticleTitle\" content=\"某县人民政府2023年政府信息公开工作年度报告\">"
      "<title>某县人民政府2023年政府信息公开工作年度报告-某县人民政府</title></head><body>"
      "<div class=\"article_content\"><p>一、总体情况</p><p>正文一段，说明本年度政府信息公开工作的总体情况和主要做法。</p></div>"
      "</body></html>";
  auto doc = read(page);
  ASSERT_TRUE(doc) << doc.error().message;
  ASSERT_FALSE(doc->paragraphs.empty());
  EXPECT_EQ(doc->paragraphs[0].text, "某县人民政府2023年政府信息公开工作年度报告");
  const PageField* title = field(doc.value(), "article_title");
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(title->source, "<meta name=\"articletitle\">");
  // The offset is just after the <meta> that states it.
  EXPECT_EQ(doc->text.rfind("<meta", static_cast<std::size_t>(title->where.offset)),
            doc->text.find("<meta name=\"ArticleTitle\""));
}

TEST(HtmlRead, PageFieldsFromLabelCellsAndLabelRuns) {
  // The 沭阳 shape: a metadata table of label cells and value cells above the article; the
  // 平潭 shape: "来源：…" in one run.
  const std::string page =
      "<html><body><table class=\"table_content\"><tr><td>索引号</td><td>014314799/2024-00002</td>"
      "<td>分类</td><td>信息公开年报</td></tr><tr><td>发布机构</td><td>沭阳县发展和改革局</td>"
      "<td>公开日期</td><td>2024-01-17</td></tr><tr><td>文号</td><td></td><td>成文日期</td>"
      "<td>2024-01-16</td></tr></table>"
      "<div><span class=\"article_source\">来源：平潭综合实验区管委会办公室</span></div>"
      "<div id=\"zoomcon\"><p>一、总体情况</p><p>正文一段，说明本年度政府信息公开工作的总体情况，共计一百多个汉字的正文内容用于测试正文的识别。</p></div>"
      "</body></html>";
  auto doc = read(page);
  ASSERT_TRUE(doc) << doc.error().message;
  ASSERT_NE(field(doc.value(), "index_number"), nullptr);
  EXPECT_EQ(field(doc.value(), "index_number")->value, "014314799/2024-00002");
  EXPECT_EQ(field(doc.value(), "index_number")->source, "label 索引号");
  ASSERT_NE(field(doc.value(), "publisher"), nullptr);
  EXPECT_EQ(field(doc.value(), "publisher")->value, "沭阳县发展和改革局");
  ASSERT_NE(field(doc.value(), "written_date"), nullptr);
  EXPECT_EQ(field(doc.value(), "written_date")->value, "2024-01-16");
  ASSERT_NE(field(doc.value(), "published_date"), nullptr);
  EXPECT_EQ(field(doc.value(), "published_date")->value, "2024-01-17");
  ASSERT_NE(field(doc.value(), "content_source"), nullptr);
  EXPECT_EQ(field(doc.value(), "content_source")->value, "平潭综合实验区管委会办公室");
  // An empty 文号 cell gives no document number (the next label is not its value).
  EXPECT_EQ(field(doc.value(), "document_number"), nullptr);
  // The metadata table is not read as a report table.
  EXPECT_TRUE(doc->tables.empty());
}

TEST(HtmlRead, SpansExpandIntoTheLogicalGrid) {
  const std::string page =
      "<html><body><p>表</p><table border=1>"
      "<tr><td rowspan=2 colspan=2>申请人情况</td><td colspan=2>法人</td><td rowspan=2>总计</td></tr>"
      "<tr><td>商业企业</td><td>科研机构</td></tr>"
      "<tr><td colspan=2>一、本年新收</td><td>1</td><td>2</td><td>3</td></tr>"
      "</table></body></html>";
  auto doc = read(page);
  ASSERT_TRUE(doc) << doc.error().message;
  ASSERT_EQ(doc->tables.size(), 1u);
  const Table& t = doc->tables[0];
  EXPECT_EQ(t.origin, "html");
  EXPECT_EQ(grid(t), (std::vector<std::vector<std::string>>{
                         {"申请人情况", "^", "法人", "^", "总计"},
                         {"^", "^", "商业企业", "科研机构", "^"},
                         {"一、本年新收", "^", "1", "2", "3"}}));
  EXPECT_EQ(t.rows[0][0].row_span, 2);
  EXPECT_EQ(t.rows[0][0].col_span, 2);
  // A cell's source: its table, row and column, and an offset into the decoded page.
  const Cell& one = t.rows[2][2];
  EXPECT_EQ(one.source.table, 0);
  EXPECT_EQ(one.source.row, 2);
  EXPECT_EQ(one.source.col, 2);
  EXPECT_EQ(doc->text.substr(static_cast<std::size_t>(one.source.offset), 1), "1");
}

TEST(HtmlRead, RunsJoinAndBlanksStayBlank) {
  // Word's HTML: a number split over runs, "<o:p> </o:p>" and "&nbsp;" in empty cells,
  // conditional comments and downlevel-revealed markers.
  const std::string page =
      "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><body>"
      "<!--[if gte mso 9]><xml><o:DocumentProperties>隐藏</o:DocumentProperties></xml><![endif]-->"
      "<table class=MsoTableGrid border=1>"
      "<tr><td><p class=MsoNormal><span lang=EN-US>规</span><span>章</span></p></td>"
      "<td><p class=MsoNormal><span lang=EN-US>20</span><span lang=EN-US>23<o:p></o:p></span></p></td>"
      "<td><p class=MsoNormal><span><o:p>&nbsp;</o:p></span></p></td>"
      "<td><p class=MsoNormal><o:p> </o:p></p></td>"
      "<td></td>"
      "<td><p><![if !supportLists]><span>1.</span><![endif]>5</p></td></tr>"
      "</table></body></html>";
  auto doc = read(page);
  ASSERT_TRUE(doc) << doc.error().message;
  ASSERT_EQ(doc->tables.size(), 1u);
  EXPECT_EQ(grid(doc->tables[0]),
            (std::vector<std::vector<std::string>>{{"规章", "2023", "", "", "", "1.5"}}));
  for (const std::string& text : paragraphs(doc.value())) {
    EXPECT_EQ(text.find("隐藏"), std::string::npos);
  }
}

TEST(HtmlRead, CellParagraphsJoinWithLineBreaks) {
  auto doc = read("<html><body><table border=1><tr><td><p>（一）</p><p>予以公开</p></td>"
                  "<td>1<br>2</td></tr></table></body></html>");
  ASSERT_TRUE(doc) << doc.error().message;
  ASSERT_EQ(doc->tables.size(), 1u);
  EXPECT_EQ(grid(doc->tables[0]),
            (std::vector<std::vector<std::string>>{{"（一）\n予以公开", "1\n2"}}));
}

TEST(HtmlRead, TablesInLayoutTablesAreBodyTables) {
  // A layout table (one holding another table) is read as a container: its data table
  // becomes a body-level table, its prose paragraphs.
  const std::string page =
      "<html><body><table width=100%><tr><td width=20%><a href=/1>栏目一</a></td><td>"
      "<p>一、总体情况</p><p>正文一段。</p>"
      "<table border=1><tr><td>规章</td><td>0</td></tr></table>"
      "<p>二、主动公开政府信息情况</p></td></tr></table></body></html>";
  auto doc = read(page);
  ASSERT_TRUE(doc) << doc.error().message;
  ASSERT_EQ(doc->tables.size(), 1u);
  EXPECT_EQ(doc->tables[0].nesting, 0);
  EXPECT_EQ(grid(doc->tables[0]), (std::vector<std::vector<std::string>>{{"规章", "0"}}));
  bool table_block = false;
  for (const Block& b : doc->blocks) table_block = table_block || b.kind == Block::Kind::Table;
  EXPECT_TRUE(table_block);
  const std::vector<std::string> p = paragraphs(doc.value());
  EXPECT_NE(std::find(p.begin(), p.end(), "二、主动公开政府信息情况"), p.end());
}

TEST(HtmlRead, DataTableInADataCellIsNested) {
  auto doc = read("<html><body><table border=1><tr><td>甲</td><td>"
                  "<table border=1><tr><td>1</td><td>2</td></tr></table></td></tr>"
                  "<tr><td>乙</td><td>3</td></tr></table></body></html>");
  ASSERT_TRUE(doc) << doc.error().message;
  // The outer table holds another table: read as layout, so the inner one is a body table.
  ASSERT_EQ(doc->tables.size(), 1u);
  EXPECT_EQ(grid(doc->tables[0]), (std::vector<std::vector<std::string>>{{"1", "2"}}));
}

TEST(HtmlCharset, DeclaredGbkIsDecoded) {
  // "一、总体情况" in GBK.
  const std::string gbk = "\xD2\xBB\xA1\xA2\xD7\xDC\xCC\xE5\xC7\xE9\xBF\xF6";
  const std::string page = "<html><head><meta http-equiv=\"Content-Type\" "
                           "content=\"text/html; charset=gb2312\"></head><body><p>" +
                           gbk + "</p></body></html>";
  auto doc = read(page);
  ASSERT_TRUE(doc) << doc.error().message;
  EXPECT_EQ(doc->encoding, "GB18030");
  EXPECT_EQ(paragraphs(doc.value()), (std::vector<std::string>{"一、总体情况"}));
  for (const Diagnostic& d : doc->diagnostics) EXPECT_NE(d.code, "charset_mismatch");
}

TEST(HtmlCharset, DeclaredOneWrittenInAnotherIsFlagged) {
  const std::string gbk = "\xD2\xBB\xA1\xA2\xD7\xDC\xCC\xE5\xC7\xE9\xBF\xF6";
  // Declares UTF-8, written in GBK.
  auto doc = read("<html><head><meta charset=\"utf-8\"></head><body><p>" + gbk +
                  "</p></body></html>");
  ASSERT_TRUE(doc) << doc.error().message;
  EXPECT_EQ(doc->encoding, "GB18030");
  EXPECT_EQ(paragraphs(doc.value()), (std::vector<std::string>{"一、总体情况"}));
  bool flagged = false;
  for (const Diagnostic& d : doc->diagnostics) flagged = flagged || d.code == "charset_mismatch";
  EXPECT_TRUE(flagged);
  // Declares GBK, written in UTF-8: UTF-8 Chinese is also valid GBK, so the bytes decide.
  auto utf8 = read("<html><head><meta charset=gbk></head><body><p>一、总体情况</p></body></html>");
  ASSERT_TRUE(utf8) << utf8.error().message;
  EXPECT_EQ(utf8->encoding, "UTF-8");
  EXPECT_EQ(paragraphs(utf8.value()), (std::vector<std::string>{"一、总体情况"}));
  flagged = false;
  for (const Diagnostic& d : utf8->diagnostics) flagged = flagged || d.code == "charset_mismatch";
  EXPECT_TRUE(flagged);
}

// The UTF-16 bytes of UTF-8 `s`, little- or big-endian (BMP characters only).
std::string utf16(const std::string& s, bool little_endian) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp = c;
    std::size_t n = 1;
    if (c >= 0xE0) {
      cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      n = 3;
    } else if (c >= 0xC0) {
      cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      n = 2;
    }
    const char hi = static_cast<char>(cp >> 8);
    const char lo = static_cast<char>(cp & 0xFF);
    out += little_endian ? std::string{lo, hi} : std::string{hi, lo};
    i += n;
  }
  return out;
}

bool has_diagnostic(const Document& doc, const std::string& code) {
  for (const Diagnostic& d : doc.diagnostics) {
    if (d.code == code) return true;
  }
  return false;
}

TEST(HtmlCharset, Utf16PagesAreReadAsHtml) {
  const std::string page = "<html><head><meta charset=\"utf-16\"></head><body><p>一、总体情况</p>"
                           "<table><tr><td>规章</td><td>3</td></tr></table></body></html>";
  // With a BOM.
  auto bom = read("\xFF\xFE" + utf16(page, true));
  ASSERT_TRUE(bom) << bom.error().message;
  EXPECT_EQ(bom->format, "html");
  EXPECT_EQ(bom->encoding, "UTF-16LE");
  EXPECT_EQ(paragraphs(bom.value()), (std::vector<std::string>{"一、总体情况"}));
  ASSERT_EQ(bom->tables.size(), 1u);
  EXPECT_EQ(grid(bom->tables[0]), (std::vector<std::vector<std::string>>{{"规章", "3"}}));
  // Without a BOM, declared: the declaration confirms what the zero bytes say.
  auto declared = read(utf16(page, false));
  ASSERT_TRUE(declared) << declared.error().message;
  EXPECT_EQ(declared->format, "html");
  EXPECT_EQ(declared->encoding, "UTF-16BE");
  EXPECT_EQ(paragraphs(declared.value()), (std::vector<std::string>{"一、总体情况"}));
  EXPECT_FALSE(has_diagnostic(declared.value(), "encoding_guessed"));
  EXPECT_FALSE(has_diagnostic(declared.value(), "charset_mismatch"));
  // Without a BOM or a declaration: told by the zero bytes, and flagged as a guess.
  auto guessed = read(utf16("<html><body><p>一、总体情况</p></body></html>", true));
  ASSERT_TRUE(guessed) << guessed.error().message;
  EXPECT_EQ(guessed->encoding, "UTF-16LE");
  EXPECT_EQ(paragraphs(guessed.value()), (std::vector<std::string>{"一、总体情况"}));
  EXPECT_TRUE(has_diagnostic(guessed.value(), "encoding_guessed"));
  // Declaring another charset in UTF-16 bytes is a mismatch, at the <meta>'s offset in the
  // decoded page.
  auto other = read(utf16("<html><head><meta charset=\"gb2312\"></head><body><p>一、总体情况</p>"
                          "</body></html>", true));
  ASSERT_TRUE(other) << other.error().message;
  EXPECT_EQ(other->encoding, "UTF-16LE");
  EXPECT_TRUE(has_diagnostic(other.value(), "charset_mismatch"));
  // Look-alike: a UTF-16 text report (no markup) stays text.
  auto text = read("\xFF\xFE" + utf16("一、总体情况\n本年度无申请。\n", true));
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_EQ(text->format, "text");
  EXPECT_EQ(text->encoding, "UTF-16LE");
  EXPECT_EQ(html::utf16_order(utf16("<html><p>x</p></html>", false)), "UTF-16BE");
  EXPECT_EQ(html::utf16_order("<html><p>x</p></html>"), "");
}

TEST(HtmlCharset, ConverterNames) {
  EXPECT_EQ(html::converter_for("gb2312"), "GB18030");
  EXPECT_EQ(html::converter_for("gbk"), "GB18030");
  EXPECT_EQ(html::converter_for("big5"), "Big5");
  EXPECT_EQ(html::converter_for("utf-8"), "UTF-8");
  EXPECT_EQ(html::converter_for("iso-8859-1"), "");
  EXPECT_EQ(html::declared_charset("<meta charset='GBK'>"), "gbk");
  EXPECT_EQ(html::declared_charset("<META HTTP-EQUIV=Content-Type CONTENT=\"text/html; charset=GB2312\">"),
            "gb2312");
  EXPECT_EQ(html::declared_charset("<p>charset=gbk</p>"), "");
}

TEST(HtmlLimits, DepthPastTheLimitIsRefused) {
  Limits limits;
  limits.max_xml_depth = 64;
  std::string page = "<html><body>";
  for (int i = 0; i < 100; ++i) page += "<div>";
  page += "一、总体情况";
  auto doc = read(page, limits);
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().code, "xml_too_deep");
}

TEST(HtmlLimits, NodesPastTheLimitAreRefused) {
  Limits limits;
  limits.max_html_nodes = 1000;
  std::string page = "<html><body><table>";
  for (int i = 0; i < 2000; ++i) page += "<tr><td>1</td></tr>";
  auto doc = read(page, limits);
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().code, "html_too_large");
  EXPECT_EQ(doc.error().limit, "max_html_nodes");
  EXPECT_NE(doc.error().message.find("max_html_nodes"), std::string::npos);
}

}  // namespace
}  // namespace xxgknb
