// Stage 1, ingest: GridBuilder turns rows of cells with spans into a Table's logical grid.
//
// Cells are collected as they are read (add_cell) and placed on the grid in build(): a cell
// goes to the next free grid column of its row, after any skipped columns (w:gridBefore) and
// past positions reserved by an HTML rowspan from a row above. Every position of the result
// holds a Cell: the owner of a merge at its top-left corner with row_span/col_span, covered
// positions as continuations pointing back (with empty text), the rest as empty cells.
#include "ingest/grid_builder.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "util/limit_error.h"

namespace xxgknb {
namespace {

// What each grid position holds while building.
enum class Slot : std::uint8_t { Empty, Owner, Covered };

// Grid columns are ints in Cell; wider rows are refused whatever max_cells says.
constexpr std::int64_t kMaxColumns = 1 << 30;

}  // namespace

void GridBuilder::begin_row() {
  if (overflow_) return;
  rows_.emplace_back();
  next_col_.push_back(0);
  // A row holds at least one position once padded (unless the whole grid is empty), so
  // more rows than max_cells can only be refused.
  if (rows_.size() > max_cells_) overflow_ = true;
}

void GridBuilder::skip_columns(int n) {
  if (overflow_ || n <= 0) return;
  if (rows_.empty()) begin_row();
  if (overflow_) return;
  // The row cursor (next_col_) counts every claimed position: a skip before a cell shows as
  // a gap before its Pending::col, a trailing skip (w:gridAfter) as the difference between
  // the cursor and the last cell's end.
  std::int64_t cursor = static_cast<std::int64_t>(next_col_.back()) + n;
  if (static_cast<std::uint64_t>(cursor) > max_cells_ || cursor > kMaxColumns) {
    overflow_ = true;
    return;
  }
  next_col_.back() = static_cast<int>(cursor);
  cells_ += static_cast<std::uint64_t>(n);
  if (cells_ > max_cells_) overflow_ = true;
}

void GridBuilder::add_cell(std::string text, int col_span, VMerge vmerge, SourceSpan source,
                           int row_span) {
  if (overflow_) return;
  if (rows_.empty()) begin_row();
  if (overflow_) return;
  if (col_span < 1) col_span = 1;
  if (row_span < 1) row_span = 1;

  // Lower bounds of the final grid, checked before anything grows: this row's width times
  // the rows so far, and the positions claimed by all cells.
  const std::int64_t start = next_col_.back();
  const std::int64_t cursor = start + col_span;
  cells_ += static_cast<std::uint64_t>(col_span);
  if (cells_ > max_cells_ || cursor > kMaxColumns ||
      static_cast<std::uint64_t>(cursor) * rows_.size() > max_cells_) {
    overflow_ = true;
    return;
  }
  next_col_.back() = static_cast<int>(cursor);

  Pending p;
  p.text = std::move(text);
  // The column this cell would take without rowspans from above; the gap to the previous
  // cell's end is the number of columns skipped before it.
  p.col = static_cast<int>(start);
  p.col_span = col_span;
  p.row_span = row_span;
  p.vmerge = vmerge;
  p.source = source;
  rows_.back().push_back(std::move(p));
}

bool GridBuilder::build(Table& out) {
  if (overflow_) return false;
  const std::uint64_t row_count = rows_.size();
  if (row_count == 0) {
    out.columns = 0;
    out.rows.clear();
    return true;
  }

  // Pass 1: place every cell on a grid column. `reserved[c]` is the first row no longer
  // covered by an HTML rowspan at column c.
  struct Placed {
    int row;
    int col;
    const Pending* cell;
  };
  std::vector<Placed> placed;
  std::vector<int> reserved;
  std::uint64_t width = 0;
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    std::int64_t cursor = 0;
    std::int64_t naive_end = 0;  // where the previous cell ended without rowspans
    for (const Pending& p : rows_[r]) {
      cursor += p.col - naive_end;
      naive_end = static_cast<std::int64_t>(p.col) + p.col_span;
      while (cursor < static_cast<std::int64_t>(reserved.size()) &&
             reserved[static_cast<std::size_t>(cursor)] > static_cast<int>(r)) {
        ++cursor;
      }
      const std::int64_t end = cursor + p.col_span;
      if (end > kMaxColumns || static_cast<std::uint64_t>(end) * row_count > max_cells_) {
        return false;
      }
      placed.push_back({static_cast<int>(r), static_cast<int>(cursor), &p});
      if (p.row_span > 1) {
        // HTML truncates a rowspan at the end of the table.
        const int until = static_cast<int>(
            std::min<std::uint64_t>(r + static_cast<std::uint64_t>(p.row_span), row_count));
        if (reserved.size() < static_cast<std::size_t>(end)) {
          reserved.resize(static_cast<std::size_t>(end), 0);
        }
        for (std::int64_t c = cursor; c < end; ++c) {
          int& slot = reserved[static_cast<std::size_t>(c)];
          slot = std::max(slot, until);
        }
      }
      cursor = end;
    }
    // Trailing skipped columns (w:gridAfter) widen the row.
    cursor += next_col_[r] - naive_end;
    width = std::max(width, static_cast<std::uint64_t>(cursor));
  }
  width = std::max<std::uint64_t>(width, reserved.size());
  if (width * row_count > max_cells_) return false;

  // Pass 2: fill the grid. Positions not claimed by any cell stay empty cells.
  const int columns = static_cast<int>(width);
  const int table_index = out.index;
  std::vector<std::vector<Cell>> grid(row_count, std::vector<Cell>(width));
  std::vector<std::vector<Slot>> slots(row_count, std::vector<Slot>(width, Slot::Empty));
  for (std::size_t r = 0; r < row_count; ++r) {
    for (int c = 0; c < columns; ++c) {
      Cell& cell = grid[r][static_cast<std::size_t>(c)];
      cell.row = static_cast<int>(r);
      cell.col = c;
      cell.source.table = table_index;
      cell.source.row = static_cast<int>(r);
      cell.source.col = c;
    }
  }

  auto cover = [&](int r, int c, int origin_row, int origin_col, const SourceSpan& source) {
    Cell& cell = grid[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
    cell.text.clear();
    cell.row_span = 1;
    cell.col_span = 1;
    cell.continuation = true;
    cell.origin_row = origin_row;
    cell.origin_col = origin_col;
    cell.source.offset = source.offset;
    cell.source.length = source.length;
    cell.source.line = source.line;
    slots[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)] = Slot::Covered;
  };

  for (const Placed& pl : placed) {
    const Pending& p = *pl.cell;
    const std::size_t r = static_cast<std::size_t>(pl.row);

    // A vMerge continuation extends whatever owns the position above it.
    if (p.vmerge == VMerge::Continue && r > 0) {
      const Slot above = slots[r - 1][static_cast<std::size_t>(pl.col)];
      if (above != Slot::Empty) {
        const Cell& up = grid[r - 1][static_cast<std::size_t>(pl.col)];
        const int origin_row = above == Slot::Owner ? up.row : up.origin_row;
        const int origin_col = above == Slot::Owner ? up.col : up.origin_col;
        Cell& owner =
            grid[static_cast<std::size_t>(origin_row)][static_cast<std::size_t>(origin_col)];
        owner.row_span = std::max(owner.row_span, pl.row - origin_row + 1);
        for (int c = pl.col; c < pl.col + p.col_span; ++c) {
          cover(pl.row, c, origin_row, origin_col, p.source);
        }
        continue;
      }
      // Nothing above to continue: an ordinary cell.
    }

    Cell& owner = grid[r][static_cast<std::size_t>(pl.col)];
    owner.text = p.text;
    owner.col_span = p.col_span;
    owner.source.offset = p.source.offset;
    owner.source.length = p.source.length;
    owner.source.line = p.source.line;
    slots[r][static_cast<std::size_t>(pl.col)] = Slot::Owner;
    const int rows_covered =
        static_cast<int>(std::min<std::uint64_t>(static_cast<std::uint64_t>(p.row_span),
                                                 row_count - r));
    owner.row_span = rows_covered;
    for (int dr = 0; dr < rows_covered; ++dr) {
      for (int c = pl.col; c < pl.col + p.col_span; ++c) {
        if (dr == 0 && c == pl.col) continue;
        cover(pl.row + dr, c, pl.row, pl.col, p.source);
      }
    }
  }

  out.columns = columns;
  out.rows = std::move(grid);
  return true;
}

std::optional<Error> finish_table(GridBuilder& builder, Table& table, const Limits& limits,
                                  std::uint64_t& document_cells) {
  if (!builder.build(table)) {
    return limit_error("max_table_cells", "table " + std::to_string(table.index + 1) + " (near byte " +
                                       std::to_string(table.source.offset) + ") has more than " +
                                       std::to_string(limits.max_table_cells) +
                                       " cells (rows × grid columns)");
  }
  document_cells += static_cast<std::uint64_t>(table.rows.size()) *
                    static_cast<std::uint64_t>(table.columns);
  if (document_cells > limits.max_document_cells) {
    return limit_error("max_document_cells", "the document's tables have more than " +
                                       std::to_string(limits.max_document_cells) +
                                       " cells together");
  }
  return std::nullopt;
}

}  // namespace xxgknb
