// Stage 1, ingest (text): the shapes that PDF text extractors print, told by their form and
// not by a file name: page numbers between the rows of a table ("— 4 —", "-3-", "第 4 页"),
// and labels wrapped over several lines before the line of their values (`pdftotext -raw`
// and converter text: "1、申请人无正当理由逾期不补" / "正、" / … / "67 3 0 0 1 0 71").
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string_view>
#include <utility>

#include "xxgknb/document.h"
#include "xxgknb/report.h"

namespace xxgknb {

// "page_number" when the line (spaces around allowed) is a page number of PDF-made text:
// "-3-", "- 12 -", "— 4 —", "第 4 页", "第4页 共10页", "第 4 页/共 10 页"; "" otherwise. A bare
// number is never one: it may be a value.
std::string_view page_furniture(std::string_view line);

// Tags, among the paragraphs of a text read from a PDF extractor, what the pages printed
// besides the report, so that it stays out of the tables (Paragraph::furniture):
//   "running_header"   a line printed at a page break (next to a page number, or opening a
//                      page after pdftotext's "\f") at two page breaks or more, alike:
//                      "上海市人民政府办公厅" above "— 4 —" and above "— 5 —";
//   "repeated_header"  a table's header printed again after a table row or a page break,
//                      each time just before a table row: "## 表二：主动公开政府信息情况"
//                      over "| 规章 | 22 | 235 |" and again over "| 行政规范性文件 | 34 | 189 |".
// Page numbers are tagged as the paragraphs are read (page_furniture). Linear in the
// paragraphs, with at most kRepeatedHeaderReach looked back at for each.
void tag_page_furniture(Document& doc);

// A line of Document::text, without its '\n'.
struct TextLine {
  std::int64_t number = 0;  // 1-based
  std::string_view text;    // a view of Document::text
};

// Groups the plain lines of a text into paragraphs: each line is a paragraph of its own,
// except a label that PDF text extraction wrapped: the lines from one that opens with an
// enumerator ("1、", "2.", "（六）", "三、") to a line made only of values, each line short and
// without a value or a sentence end, are one paragraph. Prose is never joined (its lines are
// long or end a sentence), and a group holds at most kMaxWrappedLabelLines lines, so the
// lines kept waiting are bounded and the cost is linear.
class WrappedLabelJoiner {
 public:
  // Called with the first and last line of each paragraph, in order; an Error stops reading.
  using Emit = std::function<std::optional<Error>(const TextLine& first, const TextLine& last)>;

  explicit WrappedLabelJoiner(Emit emit) : emit_(std::move(emit)) {}

  std::optional<Error> push(const TextLine& line);
  // Emits the lines still waiting, one paragraph each (call at a blank line, a table, the end).
  std::optional<Error> flush();

 private:
  std::deque<TextLine> pending_;  // label fragments that may still be joined
  Emit emit_;
};

}  // namespace xxgknb
