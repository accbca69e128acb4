// Stage 1, ingest (.docx): read_docx on small packages built in memory, one test per thing the
// reader must do, checked against a compact dump of the Document:
//   a paragraph prints as   p <text>            ("[一、]" before it for numbering, "{h0}"
//                                                 for outline level 0; "\t" as →, "\n" as ⏎)
//   a body table prints as  t<index> <rows>x<columns> and one line per row, cells by '|',
//                           a merged owner with {rows x cols}, a continuation as ^r,c
//   nested tables follow    n<index> in t<parent> depth <nesting>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "ingest/docx_numbering.h"
#include "ingest/docx_package.h"
#include "ingest/ingest.h"
#include "support/zip_builder.h"
#include "util/deadline.h"

namespace xxgknb {
namespace {

using testing::DocxParts;
using testing::make_docx;
using testing::make_zip;
using testing::ZipEntry;

std::string visible(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '\t') out += "→";
    else if (c == '\n') out += "⏎";
    else out += c;
  }
  return out;
}

std::string dump_grid(const Table& t) {
  std::string out;
  for (const auto& row : t.rows) {
    out += "  ";
    for (std::size_t c = 0; c < row.size(); ++c) {
      const Cell& cell = row[c];
      if (c > 0) out += '|';
      if (cell.continuation) {
        out += '^' + std::to_string(cell.origin_row) + ',' + std::to_string(cell.origin_col);
      } else {
        out += visible(cell.text);
        if (cell.row_span != 1 || cell.col_span != 1) {
          out += '{' + std::to_string(cell.row_span) + 'x' + std::to_string(cell.col_span) + '}';
        }
      }
    }
    out += '\n';
  }
  return out;
}

std::string dump(const Document& doc) {
  std::string out;
  for (const Block& b : doc.blocks) {
    if (b.kind == Block::Kind::Paragraph) {
      const Paragraph& p = doc.paragraphs[static_cast<std::size_t>(b.index)];
      out += "p ";
      if (!p.numbering.empty()) out += "[" + visible(p.numbering) + "]";
      if (p.outline_level >= 0) out += "{h" + std::to_string(p.outline_level) + "}";
      out += visible(p.text) + "\n";
    } else {
      const Table& t = doc.tables[static_cast<std::size_t>(b.index)];
      out += "t" + std::to_string(t.index) + " " + std::to_string(t.rows.size()) + "x" +
             std::to_string(t.columns) + "\n" + dump_grid(t);
    }
  }
  for (const Table& t : doc.tables) {
    if (t.nesting == 0) continue;
    out += "n" + std::to_string(t.index) + " in t" + std::to_string(t.parent_table) + " depth " +
           std::to_string(t.nesting) + "\n" + dump_grid(t);
  }
  return out;
}

Result<Document, Error> read(const std::string& bytes, const Limits& limits = Limits{}) {
  return read_docx(bytes, limits, Deadline(10000));
}

// Reads a docx whose body is `body` and returns the dump (or the error code).
std::string body(std::string_view xml) {
  auto r = read(make_docx(xml));
  if (!r) return "error " + r.error().code + ": " + r.error().message;
  return dump(r.value());
}

std::string p(std::string_view runs) { return "<w:p>" + std::string(runs) + "</w:p>"; }
std::string r(std::string_view text) { return "<w:r><w:t>" + std::string(text) + "</w:t></w:r>"; }
std::string tc(std::string_view content, std::string_view props = "") {
  return "<w:tc>" + (props.empty() ? "" : "<w:tcPr>" + std::string(props) + "</w:tcPr>") +
         std::string(content) + "</w:tc>";
}
std::string cell(std::string_view text, std::string_view props = "") {
  return tc(p(r(text)), props);
}
std::string tbl(std::string_view rows) {
  return "<w:tbl><w:tblPr/><w:tblGrid/>" + std::string(rows) + "</w:tbl>";
}

// ---- body order, paragraphs, run content -------------------------------------------------

TEST(Docx, ParagraphsAndTablesInDocumentOrder) {
  EXPECT_EQ(body(p(r("标题")) + tbl("<w:tr>" + cell("a") + cell("b") + "</w:tr>") + p(r("正文")) +
                 "<w:sectPr><w:pgSz w:w=\"11906\"/></w:sectPr>"),
            "p 标题\nt0 1x2\n  a|b\np 正文\n");
}

TEST(Docx, FormatIsDocx) {
  auto result = read(make_docx(p(r("x"))));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->format, "docx");
  EXPECT_TRUE(result->diagnostics.empty());
}

TEST(Docx, RunContent) {
  const struct {
    const char* xml;
    const char* expected;
  } cases[] = {
      {"<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t></w:r>", "p a→b\n"},
      {"<w:r><w:t>a</w:t><w:br/><w:t>b</w:t><w:cr/><w:t>c</w:t></w:r>", "p a⏎b⏎c\n"},
      {"<w:r><w:t xml:space=\"preserve\"> </w:t></w:r>", "p  \n"},
      {"<w:r><w:t xml:space=\"preserve\">  a  b </w:t></w:r>", "p   a  b \n"},
      {"<w:r><w:t>12</w:t><w:noBreakHyphen/><w:t>3</w:t><w:softHyphen/><w:t>4</w:t></w:r>",
       "p 12-34\n"},
      {"<w:r><w:sym w:font=\"Symbol\" w:char=\"00B1\"/></w:r>", "p ±\n"},
      // A Wingdings check mark stays the private-use character it is.
      {"<w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/></w:r>", "p \xEF\x83\xBC\n"},
      {"<w:r><w:sym w:char=\"zz\"/><w:sym w:char=\"D800\"/><w:sym/></w:r>", "p \n"},
      {"<w:r><w:t>a&amp;b&lt;c&#x4E00;</w:t></w:r>", "p a&b<c一\n"},
      {"<w:r><w:t><![CDATA[x<y]]></w:t></w:r>", "p x<y\n"},
      {"<w:r><w:delText>gone</w:delText><w:t>kept</w:t></w:r>", "p kept\n"},
      {"<w:r><w:ptab w:relativeTo=\"margin\" w:alignment=\"right\"/><w:t>x</w:t></w:r>", "p →x\n"},
      {"<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>zhong</w:t></w:r></w:rt>"
       "<w:rubyBase><w:r><w:t>中</w:t></w:r></w:rubyBase></w:ruby></w:r>",
       "p 中\n"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(body(p(c.xml)), c.expected) << c.xml;
  }
}

TEST(Docx, WrappersAroundRunsAreLookedThrough) {
  const struct {
    const char* xml;
    const char* expected;
  } cases[] = {
      {"<w:hyperlink r:id=\"rId9\"><w:r><w:t>link</w:t></w:r></w:hyperlink>", "p link\n"},
      {"<w:smartTag w:uri=\"u\" w:element=\"e\"><w:r><w:t>tag</w:t></w:r></w:smartTag>",
       "p tag\n"},
      {"<w:customXml w:element=\"x\"><w:r><w:t>cx</w:t></w:r></w:customXml>", "p cx\n"},
      {"<w:sdt><w:sdtPr><w:alias w:val=\"a\"/></w:sdtPr><w:sdtContent><w:r><w:t>sdt</w:t></w:r>"
       "</w:sdtContent></w:sdt>",
       "p sdt\n"},
      {"<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>7</w:t></w:r></w:fldSimple>", "p 7\n"},
      {"<w:ins w:id=\"1\" w:author=\"a\"><w:r><w:t>new</w:t></w:r></w:ins>", "p new\n"},
      {"<w:moveTo w:id=\"1\"><w:r><w:t>moved</w:t></w:r></w:moveTo>", "p moved\n"},
      {"<w:del w:id=\"1\"><w:r><w:delText>old</w:delText></w:r></w:del><w:r><w:t>x</w:t></w:r>",
       "p x\n"},
      {"<w:moveFrom w:id=\"1\"><w:r><w:t>away</w:t></w:r></w:moveFrom><w:r><w:t>y</w:t></w:r>",
       "p y\n"},
      {"<w:bdo w:val=\"rtl\"><w:r><w:t>b</w:t></w:r></w:bdo><w:dir w:val=\"ltr\"><w:r><w:t>d</w:t>"
       "</w:r></w:dir>",
       "p bd\n"},
      {"<w:hyperlink><w:ins><w:smartTag><w:r><w:t>deep</w:t></w:r></w:smartTag></w:ins>"
       "</w:hyperlink>",
       "p deep\n"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(body(p(c.xml)), c.expected) << c.xml;
  }
}

TEST(Docx, SdtAtBodyRowAndCellLevel) {
  const std::string xml =
      "<w:sdt><w:sdtContent>" + p(r("in body sdt")) + "</w:sdtContent></w:sdt>" +
      tbl("<w:sdt><w:sdtContent><w:tr>" + cell("r1") +
          "<w:sdt><w:sdtPr/><w:sdtContent>" + cell("c2") + "</w:sdtContent></w:sdt></w:tr>"
          "</w:sdtContent></w:sdt>" +
          "<w:customXml><w:tr>" + cell("x") + "<w:customXml>" + cell("y") + "</w:customXml>" +
          "</w:tr></w:customXml>");
  EXPECT_EQ(body(xml), "p in body sdt\nt0 2x2\n  r1|c2\n  x|y\n");
}

TEST(Docx, CommentsAndProcessingInstructionsAreSkipped) {
  EXPECT_EQ(body("<!-- note -->" + p("<!-- c --><w:r><?pi x?><w:t>a</w:t></w:r>") +
                 "<?mso-application progid=\"Word.Document\"?>" + p(r("b"))),
            "p a\np b\n");
}

TEST(Docx, UnknownElementsAreSkipped) {
  EXPECT_EQ(body("<w:bookmarkStart w:id=\"0\"/>" + p("<w:proofErr/>" + r("a") +
                                                   "<zz:thing><w:r><w:t>no</w:t></w:r></zz:thing>") +
                 "<w:bookmarkEnd w:id=\"0\"/>"),
            "p a\n");
}

// ---- fields ------------------------------------------------------------------------------

TEST(Docx, ComplexFieldKeepsResultNotCode) {
  const std::string field =
      "<w:r><w:t>第</w:t></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
      "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
      "<w:r><w:t>3</w:t></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
      "<w:r><w:t>页</w:t></w:r>";
  EXPECT_EQ(body(p(field)), "p 第3页\n");
}

TEST(Docx, NestedFields) {
  // IF { MERGEFIELD x } = "1" "yes" "no" → result "yes"; the nested field's result is part
  // of the outer code and is dropped too.
  const std::string field =
      "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
      "<w:r><w:instrText>IF </w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
      "<w:r><w:instrText>MERGEFIELD x</w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
      "<w:r><w:t>1</w:t></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
      "<w:r><w:instrText> = \"1\" \"yes\" \"no\"</w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
      "<w:r><w:t>yes</w:t></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
  EXPECT_EQ(body(p(field)), "p yes\n");
  // A field inside a result is kept (a hyperlink field in a TOC entry).
  const std::string in_result =
      "<w:r><w:fldChar w:fldCharType=\"begin\"/><w:instrText>TOC</w:instrText>"
      "<w:fldChar w:fldCharType=\"separate\"/></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"begin\"/><w:instrText>HYPERLINK</w:instrText>"
      "<w:fldChar w:fldCharType=\"separate\"/><w:t>一、总体情况</w:t>"
      "<w:fldChar w:fldCharType=\"end\"/></w:r>";
  EXPECT_EQ(body(p(in_result) + p(r("2") + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>") +
                 p(r("after"))),
            "p 一、总体情况\np 2\np after\n");
}

TEST(Docx, UnterminatedFieldCodeEndsWithItsParagraph) {
  EXPECT_EQ(body(p("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>" + r("code?")) +
                 p(r("visible"))),
            "p \np visible\n");
  // Stray separate/end without begin are ignored.
  EXPECT_EQ(body(p("<w:r><w:fldChar w:fldCharType=\"end\"/><w:fldChar "
                   "w:fldCharType=\"separate\"/></w:r>" + r("x"))),
            "p x\n");
}

// ---- text boxes --------------------------------------------------------------------------

std::string drawing_box(std::string_view text) {
  return "<w:drawing><wp:anchor><wp:docPr id=\"1\" name=\"t\"/><a:graphic><a:graphicData>"
         "<wps:wsp><wps:txbx><w:txbxContent>" + p(r(text)) +
         "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
         "</w:drawing>";
}
std::string vml_box(std::string_view text) {
  return "<w:pict><v:shape><v:textbox><w:txbxContent>" + p(r(text)) +
         "</w:txbxContent></v:textbox></v:shape></w:pict>";
}

TEST(Docx, TextBoxParagraphsFollowTheirAnchor) {
  EXPECT_EQ(body(p(r("before") + "<w:r>" + drawing_box("box") + "</w:r>" + r("after")) +
                 p(r("next"))),
            "p beforeafter\np box\np next\n");
  EXPECT_EQ(body(p("<w:r>" + vml_box("vml") + "</w:r>")), "p \np vml\n");
}

TEST(Docx, SeveralAndNestedTextBoxesKeepDocumentOrder) {
  EXPECT_EQ(body(p(r("anchor") + "<w:r>" + drawing_box("one") + vml_box("two") + "</w:r>") +
                 p(r("next"))),
            "p anchor\np one\np two\np next\n");
  const std::string inner = "<w:pict><v:shape><v:textbox><w:txbxContent>" +
                            p(r("outer") + "<w:r>" + vml_box("inner") + "</w:r>") +
                            p(r("outer 2")) + "</w:txbxContent></v:textbox></v:shape></w:pict>";
  EXPECT_EQ(body(p("<w:r>" + inner + "</w:r>") + p(r("next"))),
            "p \np outer\np inner\np outer 2\np next\n");
}

TEST(Docx, AlternateContentReadsOneBranch) {
  const std::string both = "<mc:AlternateContent><mc:Choice Requires=\"wps\">" +
                           drawing_box("choice") + "</mc:Choice><mc:Fallback>" +
                           vml_box("fallback") + "</mc:Fallback></mc:AlternateContent>";
  EXPECT_EQ(body(p("<w:r>" + both + "</w:r>")), "p \np choice\n");
  // A Choice that requires a namespace we do not know: the Fallback.
  const std::string unknown = "<mc:AlternateContent><mc:Choice Requires=\"zz\">" +
                              drawing_box("choice") + "</mc:Choice><mc:Fallback>" +
                              vml_box("fallback") + "</mc:Fallback></mc:AlternateContent>";
  EXPECT_EQ(body(p("<w:r>" + unknown + "</w:r>")), "p \np fallback\n");
  // An undeclared prefix is not understood either; with no Fallback nothing is read.
  const std::string none = "<mc:AlternateContent><mc:Choice Requires=\"nope\">" +
                           drawing_box("choice") + "</mc:Choice></mc:AlternateContent>";
  EXPECT_EQ(body(p("<w:r>" + none + "</w:r>")), "p \n");
  // A Choice declaring its own namespace, and AlternateContent at paragraph level.
  const std::string declared =
      "<mc:AlternateContent><mc:Choice Requires=\"wpg\" "
      "xmlns:wpg=\"http://schemas.microsoft.com/office/word/2010/wordprocessingGroup\">" +
      r("g") + "</mc:Choice><mc:Fallback>" + r("f") + "</mc:Fallback></mc:AlternateContent>";
  EXPECT_EQ(body(p(declared)), "p g\n");
}

TEST(Docx, TextBoxesInsideCellsStayInTheCell) {
  EXPECT_EQ(body(tbl("<w:tr>" + tc(p(r("a") + "<w:r>" + drawing_box("box") + "</w:r>") +
                                   p(r("b"))) +
                     "</w:tr>")),
            "t0 1x1\n  a⏎box⏎b\n");
}

// ---- tables ------------------------------------------------------------------------------

TEST(Docx, TableSpansAndMerges) {
  const std::string rows =
      "<w:tr>" + cell("A", "<w:vMerge w:val=\"restart\"/>") +
      cell("B", "<w:gridSpan w:val=\"2\"/>") + "</w:tr>"
      "<w:tr>" + cell("", "<w:vMerge/>") + cell("c") + cell("d") + "</w:tr>"
      "<w:tr>" + cell("", "<w:vMerge w:val=\"continue\"/>") + cell("e") + cell("f") + "</w:tr>";
  EXPECT_EQ(body(tbl(rows)), "t0 3x3\n  A{3x1}|B{1x2}|^0,1\n  ^0,0|c|d\n  ^0,0|e|f\n");
}

TEST(Docx, GridBeforeAndGridAfter) {
  const std::string rows =
      "<w:tr>" + cell("a") + cell("b") + cell("c") + "</w:tr>"
      "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/><w:gridAfter w:val=\"1\"/></w:trPr>" +
      cell("x") + "</w:tr>"
      "<w:tr><w:trPr><w:gridBefore w:val=\"2\"/></w:trPr>" + cell("y") + "</w:tr>";
  EXPECT_EQ(body(tbl(rows)), "t0 3x3\n  a|b|c\n  |x|\n  ||y\n");
}

TEST(Docx, CellTextJoinsParagraphs) {
  EXPECT_EQ(body(tbl("<w:tr>" + tc(p(r("一")) + p(r("二")) + p("")) + "</w:tr>")),
            "t0 1x1\n  一⏎二⏎\n");
}

TEST(Docx, DeletedRowsAreDropped) {
  EXPECT_EQ(body(tbl("<w:tr>" + cell("keep") + "</w:tr><w:tr><w:trPr><w:del w:id=\"1\"/>"
                     "</w:trPr>" + cell("gone") + "</w:tr>")),
            "t0 1x1\n  keep\n");
}

TEST(Docx, NestedTablesAreTablesOfTheirOwn) {
  const std::string inner = tbl("<w:tr>" + cell("i1") + cell("i2") + "</w:tr>");
  const std::string innermost = tbl("<w:tr>" + cell("deep") + "</w:tr>");
  const std::string middle = tbl("<w:tr>" + tc(p(r("m")) + innermost + p("")) + "</w:tr>");
  const std::string xml = tbl("<w:tr>" + tc(p(r("before")) + inner + p(r("after"))) +
                              cell("z") + "</w:tr><w:tr>" + tc(middle + p("")) + cell("w") +
                              "</w:tr>") +
                          p(r("end"));
  auto result = read(make_docx(xml));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(dump(result.value()),
            "t0 2x2\n  before⏎after|z\n  |w\n"
            "p end\n"
            "n1 in t0 depth 1\n  i1|i2\n"
            "n2 in t0 depth 1\n  m⏎\n"
            "n3 in t2 depth 2\n  deep\n");
  // Only the body table is a block.
  EXPECT_EQ(result->blocks.size(), 2u);
}

TEST(Docx, CellSourcesPointAtTheirTc) {
  const std::string xml = p(r("x")) + tbl("<w:tr>" + cell("a") + cell("b") + "</w:tr>");
  const std::string document = testing::document_xml(xml);
  DocxParts parts;
  parts.document = document;
  auto result = read(make_docx(parts));
  ASSERT_TRUE(result.ok());
  const Paragraph& para = result->paragraphs.at(0);
  ASSERT_GE(para.source.offset, 0);
  EXPECT_EQ(document.substr(static_cast<std::size_t>(para.source.offset), 5), "<w:p>");
  const Table& t = result->tables.at(0);
  EXPECT_EQ(document.substr(static_cast<std::size_t>(t.source.offset), 7), "<w:tbl>");
  EXPECT_EQ(t.origin, "docx");
  const Cell& b = t.rows.at(0).at(1);
  EXPECT_EQ(b.source.table, 0);
  EXPECT_EQ(b.source.row, 0);
  EXPECT_EQ(b.source.col, 1);
  EXPECT_EQ(document.substr(static_cast<std::size_t>(b.source.offset), 8), "<w:tc><w");
  EXPECT_EQ(document.find("<w:tc>", document.find("<w:tc>") + 1),
            static_cast<std::size_t>(b.source.offset));
}

// ---- numbering and outline levels -----------------------------------------------------------

const char* kNumbering =
    R"(<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">)"
    R"(<w:abstractNum w:abstractNumId="0">)"
    R"(<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>)"
    R"(<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>)"
    R"(<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3."/></w:lvl>)"
    R"(</w:abstractNum>)"
    R"(<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimalEnclosedParen"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum>)"
    R"(<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/>)"
    R"(<mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="01, 02, 03, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="ideographTraditional"/></mc:Fallback></mc:AlternateContent>)"
    R"(<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>)"
    R"(<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>)"
    R"(<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>)"
    R"(<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>)"
    R"(<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>)"
    R"(<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>)"
    R"(<w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>)"
    R"(<w:num w:numId="6"><w:abstractNumId w:val="0"/></w:num>)"
    R"(</w:numbering>)";

const char* kStyles =
    R"(<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
    R"(<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="H2"><w:name w:val="标题 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="NumHeading"><w:name w:val="编号标题"/><w:basedOn w:val="1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="loop"/><w:basedOn w:val="Loop"/></w:style>)"
    R"(<w:style w:type="character" w:styleId="NumHeading2"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>)"
    R"(</w:styles>)";

std::string numbered(int num_id, int ilvl, std::string_view text) {
  return "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" + std::to_string(ilvl) +
         "\"/><w:numId w:val=\"" + std::to_string(num_id) + "\"/></w:numPr></w:pPr>" + r(text) +
         "</w:p>";
}
std::string styled(std::string_view style, std::string_view text, std::string_view more = "") {
  return "<w:p><w:pPr><w:pStyle w:val=\"" + std::string(style) + "\"/>" + std::string(more) +
         "</w:pPr>" + r(text) + "</w:p>";
}

std::string numbered_body(std::string_view xml) {
  DocxParts parts;
  parts.body = std::string(xml);
  parts.numbering = kNumbering;
  parts.styles = kStyles;
  auto result = read(make_docx(parts));
  if (!result) return "error " + result.error().code;
  EXPECT_TRUE(result->diagnostics.empty());
  return dump(result.value());
}

TEST(Docx, ChineseCountingNumbering) {
  EXPECT_EQ(numbered_body(numbered(1, 0, "总体情况") + numbered(1, 0, "主动公开") +
                          numbered(1, 1, "规章") + numbered(1, 1, "规范性文件") +
                          numbered(1, 0, "依申请公开") + numbered(1, 1, "收到申请") +
                          numbered(1, 2, "x")),
            "p [一、]总体情况\np [二、]主动公开\np [（一）]规章\np [（二）]规范性文件\n"
            "p [三、]依申请公开\np [（一）]收到申请\np [三.1.]x\n");
}

TEST(Docx, NumberingStartOverridesAndOtherFormats) {
  EXPECT_EQ(numbered_body(numbered(2, 0, "a") + numbered(2, 0, "b") + numbered(3, 0, "c") +
                          numbered(3, 0, "d") + numbered(4, 0, "e") + numbered(4, 0, "f") +
                          numbered(5, 0, "bullet") + numbered(0, 0, "numId 0 is none") +
                          numbered(99, 0, "undefined")),
            "p [⑶]a\np [⑷]b\np [五、]c\np [六、]d\np [甲.]e\np [乙.]f\np bullet\n"
            "p numId 0 is none\np undefined\n");
}

TEST(Docx, NumsSharingAnAbstractListCountTogether) {
  // WPS gives headings of one list different w:num instances of the same abstractNum.
  EXPECT_EQ(numbered_body(numbered(1, 0, "a") + p(r("body")) + numbered(6, 0, "b") +
                          numbered(1, 0, "c")),
            "p [一、]a\np body\np [二、]b\np [三、]c\n");
}

TEST(Docx, NumberingAndOutlineThroughStyles) {
  EXPECT_EQ(numbered_body(styled("NumHeading", "总体情况") + styled("NumHeading", "主动公开") +
                          styled("H2", "二级") + styled("1", "heading name") +
                          styled("Normal", "outline direct", "<w:outlineLvl w:val=\"2\"/>") +
                          styled("H2", "body text level", "<w:outlineLvl w:val=\"9\"/>") +
                          styled("Loop", "cyclic style") + styled("Missing", "unknown style") +
                          styled("NumHeading", "numId 0 overrides",
                                 "<w:numPr><w:numId w:val=\"0\"/></w:numPr>") +
                          styled("NumHeading", "ilvl from paragraph",
                                 "<w:numPr><w:ilvl w:val=\"1\"/></w:numPr>")),
            "p [一、]{h0}总体情况\np [二、]{h0}主动公开\np {h1}二级\np {h0}heading name\n"
            "p {h2}outline direct\np body text level\np cyclic style\np unknown style\n"
            "p {h0}numId 0 overrides\np [（一）]{h0}ilvl from paragraph\n");
}

TEST(Docx, NumberingInsideCellsPrefixesTheText) {
  EXPECT_EQ(numbered_body(tbl("<w:tr>" + tc(numbered(1, 0, "甲") + numbered(1, 0, "乙")) +
                              "</w:tr>") +
                          numbered(1, 0, "after")),
            "t0 1x1\n  一、甲⏎二、乙\np [三、]after\n");
}

TEST(Docx, FormatNumber) {
  const struct {
    int n;
    const char* fmt;
    const char* expected;
  } cases[] = {
      {1, "chineseCounting", "一"},        {10, "chineseCounting", "十"},
      {11, "chineseCounting", "十一"},     {20, "chineseCounting", "二十"},
      {21, "chineseCounting", "二十一"},   {100, "chineseCounting", "一百"},
      {101, "chineseCounting", "一百零一"}, {110, "chineseCountingThousand", "一百一十"},
      {1010, "chineseCountingThousand", "一千零一十"},
      {3, "chineseLegalSimplified", "叁"}, {12, "chineseLegalSimplified", "拾贰"},
      {105, "ideographDigital", "一〇五"}, {2, "ideographTraditional", "乙"},
      {11, "ideographTraditional", "11"},  {1, "decimalEnclosedCircle", "①"},
      {20, "decimalEnclosedCircleChinese", "⑳"}, {21, "decimalEnclosedCircle", "21"},
      {2, "decimalEnclosedParen", "⑵"},    {3, "decimalEnclosedFullstop", "⒊"},
      {12, "decimalFullWidth", "１２"},    {7, "decimalZero", "07"},
      {28, "upperLetter", "BB"},           {3, "lowerLetter", "c"},
      {14, "upperRoman", "XIV"},           {4, "lowerRoman", "iv"},
      {5, "decimal", "5"},                 {5, "somethingNew", "5"},
      {5, "none", ""},                     {0, "chineseCounting", "0"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(docx::format_number(c.n, c.fmt), c.expected) << c.n << " " << c.fmt;
  }
}

// ---- namespaces ---------------------------------------------------------------------------

TEST(Docx, StrictOoxmlWithAnotherPrefix) {
  const std::string document =
      R"(<?xml version="1.0" encoding="UTF-8"?><x:document xmlns:x="http://purl.oclc.org/ooxml/wordprocessingml/main"><x:body>)"
      R"(<x:p><x:r><x:t>严格</x:t><x:tab/></x:r></x:p>)"
      R"(<x:tbl><x:tr><x:tc><x:tcPr><x:gridSpan x:val="2"/></x:tcPr><x:p><x:r><x:t>宽</x:t></x:r></x:p></x:tc></x:tr>)"
      R"(<x:tr><x:tc><x:p/></x:tc><x:tc><x:p><x:r><x:t>b</x:t></x:r></x:p></x:tc></x:tr></x:tbl>)"
      R"(<w:p xmlns:w="http://example.com/not-word"><w:r><w:t>not word</w:t></w:r></w:p>)"
      R"(</x:body></x:document>)";
  DocxParts parts;
  parts.document = document;
  parts.package_rels =
      R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="word/document.xml"/></Relationships>)";
  auto result = read(make_docx(parts));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(dump(result.value()), "p 严格→\nt0 2x2\n  宽{1x2}|^0,0\n  |b\n");
}

TEST(Docx, DefaultNamespaceWithoutPrefix) {
  DocxParts parts;
  parts.document =
      R"(<document xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><body><p><r><t>无前缀</t></r></p></body></document>)";
  auto result = read(make_docx(parts));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(dump(result.value()), "p 无前缀\n");
}

// ---- package and relationships ---------------------------------------------------------------

TEST(Docx, MainPartFoundThroughRelationships) {
  DocxParts parts;
  parts.main_part = "content/main.xml";
  parts.body = p(r("elsewhere"));
  auto result = read(make_docx(parts));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(dump(result.value()), "p elsewhere\n");

  // An absolute target.
  parts.package_rels =
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/content/main.xml"/></Relationships>)";
  result = read(make_docx(parts));
  ASSERT_TRUE(result.ok()) << result.error().message;
}

TEST(Docx, DanglingRelationshipsFallBackToWordDocumentXml) {
  // WPS Office: Target="NULL" next to the real relationship, or instead of it.
  DocxParts parts;
  parts.body = p(r("ok"));
  parts.package_rels =
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="NULL"/>)"
      R"(<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="../../escape.xml"/>)"
      R"(<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="missing.xml"/>)"
      R"(</Relationships>)";
  auto result = read(make_docx(parts));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(dump(result.value()), "p ok\n");
  // No .rels at all.
  result = read(make_zip({{"word/document.xml", testing::document_xml(p(r("bare")))}}));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(dump(result.value()), "p bare\n");
}

TEST(Docx, ResolveTarget) {
  EXPECT_EQ(docx::resolve_target("", "word/document.xml"), "word/document.xml");
  EXPECT_EQ(docx::resolve_target("", "/word/document.xml"), "word/document.xml");
  EXPECT_EQ(docx::resolve_target("word/document.xml", "styles.xml"), "word/styles.xml");
  EXPECT_EQ(docx::resolve_target("word/document.xml", "../customXml/item1.xml"),
            "customXml/item1.xml");
  EXPECT_EQ(docx::resolve_target("word/document.xml", "./media/a%20b.png"), "word/media/a b.png");
  EXPECT_EQ(docx::resolve_target("word/document.xml", "NULL"), std::nullopt);
  EXPECT_EQ(docx::resolve_target("", "../x.xml"), std::nullopt);
  EXPECT_EQ(docx::resolve_target("", "http://example.com/"), std::nullopt);
  EXPECT_EQ(docx::resolve_target("", "  "), std::nullopt);
  EXPECT_EQ(docx::rels_part_for("word/document.xml"), "word/_rels/document.xml.rels");
}

TEST(Docx, BrokenOptionalPartsAreWarnings) {
  DocxParts parts;
  parts.body = numbered(1, 0, "still read");
  parts.numbering = "<w:numbering xmlns:w=\"x\"><unclosed>";
  parts.styles = "<w:styles";
  auto result = read(make_docx(parts));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(dump(result.value()), "p still read\n");
  ASSERT_EQ(result->diagnostics.size(), 2u);
  for (const Diagnostic& d : result->diagnostics) {
    EXPECT_EQ(d.code, "docx_part_unreadable");
    EXPECT_EQ(d.severity, Diagnostic::Severity::Warning);
  }
  EXPECT_NE(result->diagnostics[0].message.find("word/styles.xml"), std::string::npos);
  EXPECT_NE(result->diagnostics[1].message.find("word/numbering.xml"), std::string::npos);
}

TEST(Docx, EncryptedOptionalPartIsAWarning) {
  DocxParts parts;
  parts.body = p(r("x"));
  parts.extra.push_back({"word/numbering.xml", kNumbering, false, true});
  auto result = read(make_docx(parts));
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->diagnostics.size(), 1u);
  EXPECT_NE(result->diagnostics[0].message.find("encrypted"), std::string::npos);
}

// ---- errors -------------------------------------------------------------------------------

std::string error_code(const std::string& bytes, const Limits& limits = Limits{}) {
  auto result = read(bytes, limits);
  if (result) return "ok";
  EXPECT_FALSE(result.error().message.empty());
  return result.error().code;
}

TEST(Docx, Errors) {
  const std::string good = make_docx(p(r("x")));
  EXPECT_EQ(error_code(good.substr(0, good.size() / 2)), "zip_corrupt");
  EXPECT_EQ(error_code("PK\x03\x04garbage"), "zip_corrupt");
  EXPECT_EQ(error_code(make_zip({{"readme.txt", "hello"}})), "not_docx");
  // An .xlsx: the officeDocument relationship leads to a workbook.
  EXPECT_EQ(error_code(make_zip(
                {{"_rels/.rels",
                  R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)"},
                 {"xl/workbook.xml",
                  R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>)"}})),
            "not_docx");
  DocxParts bad;
  bad.document = testing::document_xml("<w:p><w:r><w:t>x</w:r></w:p>");
  auto malformed = read(make_docx(bad));
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.error().code, "xml_malformed");
  EXPECT_NE(malformed.error().message.find("at byte"), std::string::npos)
      << malformed.error().message;
  EXPECT_EQ(error_code(make_zip({{"word/document.xml", ""}})), "xml_malformed");
  EXPECT_EQ(error_code(make_docx(p(r("x"))),
                       [] {
                         Limits l;
                         l.max_input_bytes = 100;
                         return l;
                       }()),
            "input_too_large");
}

// The zip's bytes with every occurrence of `placeholder` (an entry name, stored uncompressed
// in the local and central headers) replaced by `name` of the same length: libzip will not
// write two entries of one name, but a zip may hold them.
std::string renamed(std::string zip, std::string_view placeholder, std::string_view name) {
  EXPECT_EQ(placeholder.size(), name.size());
  int replaced = 0;
  for (std::size_t at = zip.find(placeholder); at != std::string::npos;
       at = zip.find(placeholder, at + name.size())) {
    zip.replace(at, placeholder.size(), name);
    ++replaced;
  }
  EXPECT_EQ(replaced, 2) << placeholder;  // local header and central directory
  return zip;
}

TEST(Docx, DuplicatedPartsAreRefusedNotReadSilently) {
  // Each part the reader reads, stored twice: the first copy used to be read silently.
  struct Case {
    const char* name;
    const char* placeholder;
    std::string second_copy;
  };
  const std::string other_rels =
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>)";
  const std::vector<Case> cases = {
      {"word/document.xml", "word/documenX.xml", testing::document_xml(p(r("second")))},
      {"word/styles.xml", "word/styleX.xml", kStyles},
      {"word/numbering.xml", "word/numberinX.xml", kNumbering},
      {"word/_rels/document.xml.rels", "word/_rels/document.xml.relX", other_rels},
      {"_rels/.rels", "_rels/.relX", other_rels},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    DocxParts parts;
    parts.body = numbered(1, 0, "first");
    parts.numbering = kNumbering;
    parts.styles = kStyles;
    parts.extra.push_back({c.placeholder, c.second_copy, true});
    const std::string good = make_docx(parts);
    ASSERT_TRUE(read(good).ok());
    auto result = read(renamed(good, c.placeholder, c.name));
    ASSERT_FALSE(result.ok()) << dump(result.value());
    EXPECT_EQ(result.error().code, "zip_corrupt");
    EXPECT_NE(result.error().message.find(std::string("more than one entry named ") + c.name),
              std::string::npos)
        << result.error().message;
  }
  // Names that differ only in case answer to the same part.
  DocxParts parts;
  parts.body = p(r("first"));
  parts.extra.push_back({"Word/Document.xml", testing::document_xml(p(r("second")))});
  auto result = read(make_docx(parts));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "zip_corrupt");
  // Look-alike: a duplicated entry the reader never reads (an image) is no reason to refuse.
  parts.extra = {{"word/media/image1.pnX", "png bytes", true},
                 {"word/media/image1.png", "other bytes", true}};
  result = read(renamed(make_docx(parts), "word/media/image1.pnX", "word/media/image1.png"));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(dump(result.value()), "p first\n");
}

TEST(Docx, EncryptedMainPart) {
  EXPECT_EQ(error_code(make_zip({{"word/document.xml", testing::document_xml(p(r("x"))), false,
                                  true}})),
            "zip_encrypted");
}

TEST(Docx, TooDeep) {
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "<w:sdt><w:sdtContent>";
  deep += p(r("x"));
  for (int i = 0; i < 300; ++i) deep += "</w:sdtContent></w:sdt>";
  EXPECT_EQ(error_code(make_docx(deep)), "xml_too_deep");
  Limits roomy;
  roomy.max_xml_depth = 1000;
  EXPECT_EQ(error_code(make_docx(deep), roomy), "ok");
}

TEST(Docx, LimitsOnCellsAndParagraphs) {
  std::string rows;
  for (int i = 0; i < 10; ++i) rows += "<w:tr>" + cell("a") + cell("b") + "</w:tr>";
  const std::string doc = make_docx(tbl(rows) + tbl(rows));
  Limits table_cells;
  table_cells.max_table_cells = 19;
  EXPECT_EQ(error_code(doc, table_cells), "table_too_large");
  table_cells.max_table_cells = 20;
  EXPECT_EQ(error_code(doc, table_cells), "ok");
  Limits document_cells;
  document_cells.max_document_cells = 39;
  EXPECT_EQ(error_code(doc, document_cells), "too_many_cells");
  Limits paragraphs;
  paragraphs.max_paragraphs = 39;
  EXPECT_EQ(error_code(doc, paragraphs), "too_many_paragraphs");
}

TEST(Docx, TimeLimit) {
  std::string many;
  for (int i = 0; i < 5000; ++i) many += p(r("x"));
  auto result = read_docx(make_docx(many), Limits{}, Deadline(0));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "time_limit");
}

// ---- format sniffing and dispatch -------------------------------------------------------------

TEST(Ingest, SniffFormat) {
  EXPECT_EQ(sniff_format(""), InputFormat::Empty);
  EXPECT_EQ(sniff_format(std::string_view("PK\x03\x04rest", 8)), InputFormat::Zip);
  EXPECT_EQ(sniff_format(std::string_view("PK\x05\x06", 4)), InputFormat::Zip);
  EXPECT_EQ(sniff_format("\xEF\xBB\xBF一、"), InputFormat::Text);
  EXPECT_EQ(sniff_format(std::string_view("\xFF\xFE\x00\x4E", 4)), InputFormat::Text);
  EXPECT_EQ(sniff_format("一、总体情况\n"), InputFormat::Text);
  EXPECT_EQ(sniff_format("\xD2\xBB\xA1\xA2\xD7\xDC\xCC\xE5"), InputFormat::Text);  // GBK 一、总体
  EXPECT_EQ(sniff_format(std::string_view("a\0b\0c\0d\0e\0", 10)), InputFormat::Text);  // UTF-16LE
  EXPECT_EQ(sniff_format(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", 12)),
            InputFormat::Binary);
  EXPECT_EQ(sniff_format(std::string_view("\x7F" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", 16)),
            InputFormat::Binary);
}

TEST(Ingest, Dispatch) {
  const Limits limits;
  const Deadline deadline(10000);
  auto empty = ingest("", limits, deadline);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, "empty_input");
  auto ole = ingest(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", 12), limits,
                    deadline);
  ASSERT_FALSE(ole.ok());
  // An OLE2 file with no Word stream in its directory: no converter is run.
  EXPECT_EQ(ole.error().code, "not_a_report_file");
  EXPECT_NE(ole.error().message.find("OLE2"), std::string::npos);
  auto docx = ingest(make_docx(p(r("x"))), limits, deadline);
  ASSERT_TRUE(docx.ok());
  EXPECT_EQ(docx->format, "docx");
}

// ---- the official 2021 template (written by WPS) -------------------------------------------------

TEST(Docx, OfficialTemplate2021) {
  const std::filesystem::path path = std::filesystem::path(XXGKNB_SHARED_CORPUS) / "peers" /
                                     "zxj6827111-blip__govnianbao" / "政务公开年报模版.docx";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "not present: " << path;
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto result = read(bytes);
  ASSERT_TRUE(result.ok()) << result.error().code << ": " << result.error().message;
  const Document& doc = result.value();

  ASSERT_EQ(doc.tables.size(), 3u);
  EXPECT_EQ(doc.tables[0].columns, 4);
  EXPECT_EQ(doc.tables[1].columns, 10);
  EXPECT_EQ(doc.tables[2].columns, 15);
  for (const Table& t : doc.tables) {
    EXPECT_EQ(t.nesting, 0);
    for (const auto& row : t.rows) EXPECT_EQ(row.size(), static_cast<std::size_t>(t.columns));
  }

  // Table 三: 28 rows; "三、本年度办理结果" spans rows 5–26 in column 0.
  const Table& t3 = doc.tables[1];
  ASSERT_EQ(t3.rows.size(), 28u);
  const Cell& results = t3.rows[5][0];
  EXPECT_EQ(results.text, "三、本年度办理结果");
  EXPECT_EQ(results.row_span, 22);
  EXPECT_EQ(results.col_span, 1);
  for (int row = 6; row <= 26; ++row) {
    const Cell& c = t3.rows[static_cast<std::size_t>(row)][0];
    EXPECT_TRUE(c.continuation) << row;
    EXPECT_EQ(c.origin_row, 5) << row;
    EXPECT_EQ(c.origin_col, 0) << row;
  }
  EXPECT_FALSE(t3.rows[27][0].continuation);
  EXPECT_EQ(t3.rows[0][0].row_span, 3);  // the header's first cell
  EXPECT_EQ(t3.rows[0][0].col_span, 3);
  EXPECT_EQ(t3.rows[7][1].text, "（三）不予公开");
  EXPECT_EQ(t3.rows[7][1].row_span, 8);
  EXPECT_EQ(t3.rows[7][2].text, "1.属于国家秘密");
  EXPECT_EQ(t3.rows[26][1].text, "（七）总计");
  EXPECT_EQ(t3.rows[26][1].col_span, 2);

  const Table& t4 = doc.tables[2];
  ASSERT_EQ(t4.rows.size(), 4u);
  EXPECT_EQ(t4.rows[0][0].text, "行政复议");
  EXPECT_EQ(t4.rows[0][0].col_span, 5);
  EXPECT_EQ(t4.rows[0][5].text, "行政诉讼");
  EXPECT_EQ(t4.rows[0][5].col_span, 10);
  EXPECT_EQ(t4.rows[1][0].row_span, 2);

  // Headings 一 … 六, in order, with the tables between them.
  std::vector<std::string> headings;
  for (const Paragraph& para : doc.paragraphs) {
    for (const char* h : {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                          "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                          "六、其他需要报告的事项"}) {
      if (para.numbering + para.text == h) headings.push_back(h);
    }
  }
  EXPECT_EQ(headings.size(), 6u);
  int tables_seen = 0;
  for (const Block& b : doc.blocks) {
    if (b.kind == Block::Kind::Table) {
      EXPECT_EQ(b.index, tables_seen++);
    }
  }
  EXPECT_EQ(tables_seen, 3);
}

}  // namespace
}  // namespace xxgknb
