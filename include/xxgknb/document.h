// Public API: the document model every input format is read into (.docx, text, later HTML
// and PDF), and that every later stage reads. Pieces in document order, each knowing where
// it came from.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace xxgknb {

// Where a piece of the input came from. -1 means "not known / not applicable".
struct SourceSpan {
  int table = -1;             // index of the table in Document::tables
  int row = -1;               // row in that table's logical grid (0-based)
  int col = -1;               // column in that logical grid (0-based)
  std::int64_t line = -1;     // 1-based line in the decoded text input
  std::int64_t offset = -1;   // byte offset in the decoded (UTF-8) text, or in document.xml
  std::int64_t length = -1;   // byte length of the piece at offset
  int page = -1;              // 1-based page of a paginated input (PDF)
  // x0, y0, x1, y1 of the piece on its page, in points; present for paginated inputs only.
  std::optional<std::array<double, 4>> box;
};

// A machine-readable note about the input, with a stable snake_case code.
struct Diagnostic {
  enum class Severity { Info, Warning, Error };
  std::string code;
  Severity severity = Severity::Info;
  std::string message;
  SourceSpan where;
};

// One cell of a table's logical grid. A merged cell is stored once, at its top-left
// position, with its spans; the positions it covers hold a continuation that points back.
struct Cell {
  std::string text;           // raw text, paragraphs joined with '\n'
  std::string folded;         // filled by normalize: NFKC, simplified, spacing collapsed
  std::string key;            // filled by normalize: folded without any whitespace
  int row = 0;                // logical grid position of the top-left corner
  int col = 0;
  int row_span = 1;
  int col_span = 1;
  bool continuation = false;  // true at positions covered by a merge started elsewhere
  int origin_row = -1;        // for a continuation: the grid position of the owning cell
  int origin_col = -1;
  SourceSpan source;
};

struct Table {
  int index = 0;                           // position in Document::tables
  int columns = 0;                         // logical grid width
  std::vector<std::vector<Cell>> rows;     // every row has exactly `columns` cells
  int nesting = 0;                         // 0 for a body table, 1+ inside a cell
  int parent_table = -1;                   // for a nested table: the table it sits in
  // How the grid was recovered: "docx", "tika_text" (one cell per line after a tab),
  // "pipe_text" ("| a | b |"), "tab_text", "space_text", "drawn_text" ("┌─┬─┐", "+---+",
  // pandoc's "---- ----") … ; stage tests read it.
  std::string origin;
  SourceSpan source;
};

struct Paragraph {
  std::string text;           // raw text (line breaks inside the paragraph kept as '\n')
  std::string folded;         // filled by normalize
  std::string key;            // filled by normalize
  // Text that automatic numbering puts before the paragraph ("一、" from w:numPr with
  // chineseCounting); empty when none. Matching reads numbering + text.
  std::string numbering;
  int outline_level = -1;     // heading level from the style or w:outlineLvl, -1 if none
  SourceSpan source;
  // What the paragraph is when it is no part of the body: "page_number" for a page number of
  // PDF-made text ("— 4 —", "-3-", "第 4 页"); empty for body text.
  std::string furniture;
};

// The body in document order: a paragraph, or a reference to a body-level table.
struct Block {
  enum class Kind { Paragraph, Table };
  Kind kind = Kind::Paragraph;
  int index = 0;              // into Document::paragraphs or Document::tables
};

// What a web page states about itself, beside the report's text: <meta name="ArticleTitle">,
// "索引号", "发布机构", "成文日期", … (HTML inputs only).
struct PageField {
  std::string key;            // "article_title", "index_number", "publisher",
                              // "document_number", "written_date", "published_date",
                              // "content_source"
  std::string value;          // as printed, whitespace collapsed
  std::string source;         // where: "<meta name=\"articletitle\">", "label 发布机构", "<h1>"
  SourceSpan where;           // offset into Document::text
};

// What an input says about itself outside its body: the lines of a crawler's header
// ("发布机构: 平潭综合实验区管委会办公室", "发布时间: 2026-03-10 12:56").
struct Property {
  std::string name;           // as printed: "发布机构", "发布时间", "文号", …
  std::string value;          // trimmed; may be empty ("文号: ")
  SourceSpan source;          // where the value is
};

// A page of a paginated input (PDF): its size in points, as the PDF reader measured it (the
// page's crop box, which is its media box unless a crop box is set), the frame every box of
// that page is in (x from the left, y from the top).
struct PageSize {
  int number = 0;             // 1-based
  double width = 0;
  double height = 0;
};

struct Document {
  std::string format;         // "docx", "text", later "html", "pdf"
  std::string encoding;       // "UTF-8", "GB18030", "UTF-16LE", … (text inputs)
  std::vector<Paragraph> paragraphs;
  std::vector<Table> tables;  // body tables and nested ones (see Table::nesting)
  std::vector<Block> blocks;  // body order; nested tables are reached via their parent
  std::vector<Diagnostic> diagnostics;
  std::string text;           // the decoded input text (text and HTML inputs), for offsets
  std::vector<PageField> page_fields;  // HTML: the page's own fields, in a fixed key order
  std::vector<Property> properties;  // a crawler header's lines, in input order
  std::vector<PageSize> pages;  // PDF: every page's size, in page order; empty otherwise
};

}  // namespace xxgknb
