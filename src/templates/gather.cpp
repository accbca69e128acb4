// Stage 5, template mapping: the values of one row after its label, from a grid row or the
// lines that follow.
#include <algorithm>
#include <string>
#include <vector>

#include "templates/map_parts.h"

namespace xxgknb::mapping {

// Values gathered for one row.


bool is_text_grid(const Document& document, const StreamCell& cell) {
  if (cell.source.table < 0 || cell.source.table >= static_cast<int>(document.tables.size())) {
    return false;
  }
  const std::string& origin = document.tables[static_cast<std::size_t>(cell.source.table)].origin;
  return origin != "docx" && origin != "html" && !origin.empty();
}


// The values that end the loose line at stream index i, each with its own bytes and span.
void append_loose_tokens(const Context& ctx, std::size_t i, std::vector<Token>& out) {
  if (ctx.views[i].value_count == 0) return;
  const StreamCell& cell = ctx.layout.cells[i];
  LineSplit split = split_line(cell.raw);
  for (LineValue& v : split.values) {
    Token t;
    t.raw = cell.raw.substr(v.begin, v.end - v.begin);
    t.source = span_within(cell, v.begin, v.end);
    t.value = std::move(v.value);
    out.push_back(std::move(t));
  }
}

// A grid cell as a token: the whole printed cell, its value read once in view_cell.
Token grid_token(const Context& ctx, std::size_t i) {
  const StreamCell& cell = ctx.layout.cells[i];
  return Token{cell.raw, ctx.views[i].cell, cell.source};
}

// Stream cells looked at for one row's values: a row of the template has at most 15, and the
// values of a flattened row stand on the next few lines. Bounds the work of each label.
constexpr std::size_t kMaxGatherCells = 64;

// Reads up to `wanted` values after the label at stream index `at`, within [at, end).
Gathered gather_values(const Context& ctx, std::size_t at, std::size_t end, std::size_t wanted) {
  const auto& cells = ctx.layout.cells;
  Gathered g;
  const StreamCell& label_cell = cells[at];
  if (label_cell.in_table) {
    g.mode = is_text_grid(ctx.document, label_cell) ? ReadMode::TextGrid : ReadMode::Grid;
    std::size_t j = at + 1;
    for (; j < end && cells[j].row_id == label_cell.row_id; ++j) {
      if (cells[j].continuation) continue;
      // A row longer than any of the template's is a count mismatch whatever follows.
      if (g.tokens.size() >= kMaxGatherCells) break;
      g.tokens.push_back(grid_token(ctx, j));
    }
    g.end = j;
    // Nothing after the label in its row: the values may stand in the next row on their own.
    if (g.tokens.empty() && j < end && cells[j].in_table) {
      const int next_row = cells[j].row_id;
      std::vector<Token> next;
      bool all_values = true;
      std::size_t k = j;
      for (; k < end && cells[k].row_id == next_row; ++k) {
        if (cells[k].continuation) continue;
        if (!ctx.views[k].value_only) all_values = false;
        next.push_back(grid_token(ctx, k));
      }
      if (all_values && !next.empty()) {
        g.tokens = std::move(next);
        g.end = k;
      }
    }
    // Colspan residue of pipe renderings: blank cells between the label and the first value
    // ("| 一、本年新收政府信息公开申请数量 ||| 127 | …") and after the last one ("| 行政许可 | 5 |||").
    auto blank = [](const Token& t) { return t.value.kind == Kind::Blank; };
    std::size_t leading = 0;
    while (g.tokens.size() - leading > wanted && blank(g.tokens[leading])) ++leading;
    g.tokens.erase(g.tokens.begin(), g.tokens.begin() + static_cast<std::ptrdiff_t>(leading));
    while (g.tokens.size() > wanted && blank(g.tokens.back())) g.tokens.pop_back();
    // "| 规章 | 121 || 0 || 190 ||": every value followed by the residue of its span. When the
    // cells that are not blank are exactly the values wanted, the blanks were residue.
    if (g.tokens.size() > wanted &&
        static_cast<std::size_t>(std::count_if(g.tokens.begin(), g.tokens.end(),
                                               [&](const Token& t) { return !blank(t); })) == wanted) {
      std::erase_if(g.tokens, blank);
    }
    return g;
  }

  g.mode = ReadMode::Loose;
  append_loose_tokens(ctx, at, g.tokens);
  std::size_t j = at + 1;
  int label_continuations = 0;
  // How many values each line gave: "11" / "8" / "5 1 1 0 3" is a narrow cell's number wrapped
  // over lines (118), not three cells; one value a line throughout is a shape of its own.
  std::vector<std::size_t> per_line;
  if (!g.tokens.empty()) per_line.push_back(g.tokens.size());
  const auto take_line = [&](std::size_t k) {
    const std::size_t before = g.tokens.size();
    append_loose_tokens(ctx, k, g.tokens);
    if (g.tokens.size() > before) per_line.push_back(g.tokens.size() - before);
  };
  for (; j < end && j < at + kMaxGatherCells && g.tokens.size() < wanted; ++j) {
    const StreamCell& cell = cells[j];
    const CellView& view = ctx.views[j];
    if (cell.in_table) {
      // A label line whose values a converter put into a table row of their own:
      // "（二）部分公开（区分处理的，只计这一情" … "| 2 | 0 | 0 | 0 | 0 | 0 | 2 |".
      if (!g.tokens.empty()) break;
      std::vector<Token> row;
      bool all_values = true;
      std::size_t k = j;
      for (; k < end && cells[k].row_id == cell.row_id; ++k) {
        if (cells[k].continuation) continue;
        if (!ctx.views[k].value_only) all_values = false;
        row.push_back(grid_token(ctx, k));
      }
      if (all_values) {
        g.mode = is_text_grid(ctx.document, cell) ? ReadMode::TextGrid : ReadMode::Grid;
        g.tokens = std::move(row);
        j = k;
      }
      break;
    }
    if (cell.folded.empty() || view.page_marker) continue;  // no values: separators, page numbers
    if (view.value_only) {
      take_line(j);
      continue;
    }
    // "（二）部分公开（区分处理的，只计这一情形，" / "不计其他情形）": the label goes on (its label
    // part measured, not the values after it: "理   纳费用、行政机关不再处理其政府 0 0 0 0 1 0 1").
    if (g.tokens.empty() && label_continuations < 2 && view.label_raw.size() <= 60) {
      ++label_continuations;
      take_line(j);
      continue;
    }
    break;
  }
  g.end = j;
  g.values_over_lines = per_line.size() >= 2 &&
                        std::any_of(per_line.begin(), per_line.end(), [](std::size_t n) { return n > 1; });
  return g;
}

}  // namespace xxgknb::mapping
