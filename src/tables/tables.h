// Stage 4, tables: lays the normalized document out as one stream of cells in reading
// order (table grids row by row, loose text lines as cells of their own), the form in which
// the template mapper reads .docx grids, rebuilt text tables and flattened text alike.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "util/deadline.h"
#include "xxgknb/document.h"
#include "xxgknb/report.h"

namespace xxgknb {

// A cell of the stream refers to the Document's text, never copies it: the Document must
// outlive the Layout and stay unchanged while it is read.
struct StreamCell {
  std::string_view raw;       // as read
  int raw_prefix = 0;         // bytes at the start of raw that are not in the input (numbering)
  std::string_view folded;    // normalize::fold
  std::string_view key;       // normalize::label_key
  SourceSpan source;
  int block = -1;             // index into Document::blocks
  int row_id = -1;            // cells with the same row_id share a row (grid row or line)
  int grid_row = -1;          // grid coordinates when in_table
  int grid_col = -1;
  int col_span = 1;
  bool in_table = false;      // from a table grid rather than a loose line of text
  bool continuation = false;  // a merged position (carries the owner's text, not a value)
};

struct Layout {
  std::vector<StreamCell> cells;
  // Raw texts the Document holds in two pieces (numbering + paragraph text), joined once;
  // a deque, so that the cells' views stay valid as it grows.
  std::deque<std::string> joined;
  std::vector<int> block_first_cell;  // for each block: index of its first cell
  std::vector<Flag> flags;
};

// Stops early once `deadline` has expired (the pipeline then refuses the input).
Layout lay_out(const Document& document, const Deadline& deadline = Deadline::none());

}  // namespace xxgknb
