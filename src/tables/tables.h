// Stage 4, tables: lays the normalized document out as one stream of cells in reading
// order (table grids row by row, loose text lines as cells of their own), the form in which
// the template mapper reads .docx grids, rebuilt text tables and flattened text alike.
#pragma once

#include <string>
#include <vector>

#include "xxgknb/document.h"
#include "xxgknb/report.h"

namespace xxgknb {

struct StreamCell {
  std::string raw;            // as read
  int raw_prefix = 0;         // bytes at the start of raw that are not in the input (numbering)
  std::string folded;         // normalize::fold
  std::string key;            // normalize::label_key
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
  std::vector<int> block_first_cell;  // for each block: index of its first cell
  std::vector<Flag> flags;
};

Layout lay_out(const Document& document);

}  // namespace xxgknb
