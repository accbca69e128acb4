// Stage 1, ingest: turns rows of cells with spans (as .docx, HTML and text renderings state
// them) into a Table's logical grid, where every position holds a cell or a continuation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "xxgknb/document.h"
#include "xxgknb/options.h"
#include "xxgknb/report.h"

namespace xxgknb {

class GridBuilder {
 public:
  enum class VMerge { None, Restart, Continue };

  explicit GridBuilder(std::uint64_t max_cells) : max_cells_(max_cells) {}

  void begin_row();
  // Skips `n` grid columns at the start or end of a row (w:gridBefore / w:gridAfter).
  void skip_columns(int n);
  // Adds a cell at the next free grid column of the current row. `vmerge` Continue extends
  // the cell above in the same grid column (a bare <w:vMerge/>); `row_span` > 1 is the HTML
  // way of saying the same thing up front.
  void add_cell(std::string text, int col_span, VMerge vmerge, SourceSpan source,
                int row_span = 1);
  // Builds the grid: pads short rows, resolves merges, sets every Cell's row/col/spans.
  // Returns false (and leaves `out` untouched) when the grid would exceed max_cells.
  bool build(Table& out);

 private:
  struct Pending {
    std::string text;
    int col = 0;
    int col_span = 1;
    int row_span = 1;
    VMerge vmerge = VMerge::None;
    SourceSpan source;
  };
  std::vector<std::vector<Pending>> rows_;
  std::vector<int> next_col_;
  std::uint64_t max_cells_;
  std::uint64_t cells_ = 0;
  bool overflow_ = false;
};

// Builds `table` (index and source already set) and adds its grid to `document_cells`; the
// error that stops reading when the table passes limits.max_table_cells ("table_too_large")
// or the document's tables together pass limits.max_document_cells ("too_many_cells"). Both readers end a
// table with it.
std::optional<Error> finish_table(GridBuilder& builder, Table& table, const Limits& limits,
                                  std::uint64_t& document_cells);

}  // namespace xxgknb
