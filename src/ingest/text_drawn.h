// Stage 1, ingest (text): rebuilds the tables a browser or converter drew in text — w3m's box
// drawing ("┌──┬──┐", "│ 规章 │ 2 │"), ASCII grids ("+----+----+", "| 规章 | 2 |", "+====+"),
// and pandoc's plain-text tables (columns by position under a dashed rule "------ ------").
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "ingest/grid_builder.h"

namespace xxgknb {

// One line of a drawn table: its number and its text (a view of Document::text).
struct DrawnLine {
  std::int64_t number = 0;
  std::string_view text;
};

// "┌──┬──┐", "╔══╗", "+----+----+", "+====+==+": the top rule that opens a drawn grid.
bool is_grid_top_rule(std::string_view line);
// A line that can belong to a drawn grid once one is open: it starts (after spaces) with a
// box-drawing character, or with "|" or "+".
bool is_grid_line(std::string_view line);

// "  -------- ------ ----": pandoc's column rule, two dashed runs or more separated by spaces.
bool is_column_rule(std::string_view line);
// "  ------------------------": pandoc's full-width rule around a multi-line table.
bool is_full_rule(std::string_view line);

// What building a table from drawn lines gave.
enum class DrawnResult {
  Table,     // cells were added to the builder
  NotTable,  // the lines do not make a table (no cell between the rules)
  TooLarge,  // lines × columns would pass max_cells
};

// The lines of one drawn grid, top rule to bottom rule, into `builder`'s rows. Grid columns
// are the display columns (a CJK character is two wide) where a line has a vertical bar or a
// junction; rows are the runs of lines between rules. A cell with no bar between two columns
// spans them; one with no rule between two rows spans them ("三、本年度办理结果" printed down
// 20 rows). A cell's lines (a label w3m wrapped) join with "\n"; a blank cell stays "".
// Each line is held once per column while the grid is built, so lines × columns is counted
// against `max_cells`.
DrawnResult build_drawn_grid(const std::vector<DrawnLine>& lines, std::string_view text,
                             std::uint64_t max_cells, GridBuilder& builder);

// The lines of one pandoc table into `builder`'s rows: `rule` is the column rule whose dashed
// runs give the columns (a cell is what stands from its run's first column to the next run's);
// `rows` are the groups of lines of each row — one line each in a simple table, the lines
// between blank lines in a multi-line one, joined with "\n" per cell. Lines × columns is
// counted against `max_cells`, as for a grid.
DrawnResult build_column_table(std::string_view rule,
                               const std::vector<std::vector<DrawnLine>>& rows,
                               std::string_view text, std::uint64_t max_cells,
                               GridBuilder& builder);

}  // namespace xxgknb
