// Stage 1, ingest (paginated input): rebuilds a Document — paragraphs and tables as logical
// grids — from the positioned text boxes of each page, as a PDF's text layer gives them. It
// knows nothing of PDF itself (src/pdf/ reads the boxes with poppler), so it is tested with
// boxes written by hand.
//
//   rows     from y: a line holding values ("95   0   0 … 95") anchors a row; the lines of a
//            label wrapped beside it ("（二）部分公开（区分处理的，只计这一情" / "计其他情形）") and
//            group labels centred over several rows ("（三）不予公开") join the nearest row.
//   columns  from x: value columns by the x of the values over the whole table (a blank cell
//            leaves its column empty, never shifts the next value left); label cells by
//            boxes touching each other.
//   vertical "三" / "、本" / "年" / "度办" … printed one character per line: joined into one box.
//   pages    a table continued on the next page is one table; page numbers ("-4-", "— 4 —",
//            "第 4 页"), running headers and a table header repeated on the next page are
//            set aside here and counted, never read as text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/deadline.h"
#include "xxgknb/document.h"
#include "xxgknb/options.h"
#include "xxgknb/report.h"
#include "xxgknb/result.h"

namespace xxgknb {

// One run of text on a page, in points, y growing downwards from the page's top edge.
struct TextBox {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  std::string text;      // UTF-8
  bool vertical = false; // written top to bottom (a vertical writing mode font)
  bool space_after = true; // the text has a space after this box (words end at font changes too)
};

struct PageBoxes {
  int number = 1;        // 1-based
  double width = 0;
  double height = 0;
  std::vector<TextBox> boxes;
};

// The document read from the pages, format "pdf". Every paragraph and cell carries its page
// and box. Refused with pdf_too_many_boxes, too_many_paragraphs, table_too_large or
// too_many_cells past Limits::max_pdf_boxes_per_page, max_paragraphs or the table cell
// limits, and with time_limit past the deadline.
Result<Document, Error> lay_out_pages(const std::vector<PageBoxes>& pages, const Limits& limits,
                                      const Deadline& deadline);

// The code points of UTF-8 text as the PDF library gives it (no validation: it is poppler's
// own output).
std::vector<std::uint32_t> utf8_code_points(std::string_view s);

// A compact dump for stage tests: one line per block, "P <text>" or "T <origin>" followed by
// one line per grid row, cells separated by " | ".
std::string dump_blocks(const Document& document);

}  // namespace xxgknb
