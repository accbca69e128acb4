// Stage 5, template mapping: table 四: fifteen values after the header, with no row labels.
#include <algorithm>
#include <string>
#include <vector>

#include "normalize/normalize.h"
#include "templates/glued_run.h"
#include "templates/map_parts.h"

namespace xxgknb::mapping {

// Every label of the cells [begin, end) is one of table 四's own (header words, group names).
bool row_has_only_known_labels(const Context& ctx, const PreparedTable& table, std::size_t begin,
                               std::size_t end) {
  for (std::size_t k = begin; k < end; ++k) {
    const CellView& view = ctx.views[k];
    if (view.value_only || ctx.layout.cells[k].continuation) continue;
    static const std::string kDirect = label_key("未经复议直接起诉");
    static const std::string kAfterReview = label_key("复议后起诉");
    const bool group = match_row(table, view.label).row >= 0 ||
                       view.label.core.find(kDirect) != std::string::npos ||
                       view.label.core.find(kAfterReview) != std::string::npos;
    if (!group && !is_known_label(table, view.label)) return false;
  }
  return true;
}

// Table 四: no row labels; 15 values in one row after the header "行政复议 | 行政诉讼" (§2.4), or
// 15 values in a row after the keyword in flattened text (§6.4 fallback).
TableResult map_review_table(const Context& ctx, const PreparedTable& table, std::size_t begin,
                             std::size_t end) {
  TableResult result;
  result.fields = blank_fields(*table.spec);
  const auto& cells = ctx.layout.cells;
  static const LabelParts anchor = split_enumerator(label_key("行政复议"));
  std::size_t at = end;
  for (std::size_t i = begin; i < end; ++i) {
    const CellView& view = ctx.views[i];
    if (view.value_only || cells[i].continuation) continue;
    // "行政复议" alone, or the flattened "行政复议行政诉讼".
    // "行政复议行政诉讼结果维持…总计" glued to its fifteen values by a crawler.
    const bool glued_header = is_glued(ctx.document, cells[i]) && view.label.core.starts_with(anchor.core);
    if (view.label.core == anchor.core || view.label.core == "行政复议行政诉讼" || glued_header) {
      at = i;
      break;
    }
  }
  if (at == end) return result;

  constexpr std::size_t kWanted = 15;
  std::vector<Token> tokens;
  ReadMode mode = ReadMode::Loose;
  std::size_t i = at + 1;
  while (i < end && tokens.size() < kWanted) {
    // One row (grid row or line) at a time.
    const int row_id = cells[i].row_id;
    const std::size_t i_row_begin = i;
    std::vector<Token> row_tokens;
    bool has_label = false;
    bool in_table = cells[i].in_table;
    std::size_t j = i;
    for (; j < end && cells[j].row_id == row_id; ++j) {
      if (cells[j].continuation) continue;
      const CellView& view = ctx.views[j];
      if (!view.value_only) has_label = true;
      if (cells[j].in_table) {
        if (view.value_only) row_tokens.push_back(grid_token(ctx, j));
      } else {
        append_loose_tokens(ctx, j, row_tokens);
      }
    }
    i = j;
    if (has_label) {
      // Each group as a table of its own ("### 行政诉讼（未经复议直接起诉）", then its header
      // "结果维持 | …" and its five values): read on after whole groups of five.
      const bool between_groups = !tokens.empty() && tokens.size() % 5 == 0 &&
                                  row_has_only_known_labels(ctx, table, i_row_begin, j);
      // A header row, or text after the table: stop once values have started.
      if (!tokens.empty() && !between_groups) break;
      if (between_groups) continue;
      // A loose label line carrying the values ("行政复议 0 0 0 …") is taken, too.
      if (in_table || row_tokens.empty()) continue;
    }
    if (!in_table && row_tokens.empty()) continue;  // blank line
    if (in_table) {
      mode = is_text_grid(ctx.document, cells[j - 1]) ? ReadMode::TextGrid : ReadMode::Grid;
      while (row_tokens.size() > kWanted &&
             row_tokens.back().value.kind == Kind::Blank) {
        row_tokens.pop_back();
      }
    }
    for (Token& t : row_tokens) tokens.push_back(std::move(t));
  }
  if (tokens.empty()) return result;
  // "25380363300630003": the fifteen values glued into one run.
  if (tokens.size() == 1 && is_glued(ctx.document, cells[at])) {
    // Fewer digits than cells: no table 四 but words of it ("…行政复议…00" in the statistics
    // of a report before 2019).
    const auto digits = std::count_if(tokens[0].raw.begin(), tokens[0].raw.end(),
                                      [](char c) { return c >= '0' && c <= '9'; });
    if (static_cast<std::size_t>(digits) < kWanted) return result;
    const std::vector<GluedRun> runs = {
        GluedRun{0, kWanted, tokens[0].raw, tokens[0].source, ""}};
    resolve_glued_runs(*table.spec, runs, ctx.max_glued_readings, result);
    result.rows_found = 1;
    return result;
  }

  std::size_t field = 0;
  for (const RowSpec& row : table.spec->rows) {
    Gathered part;
    part.mode = mode;
    for (std::size_t k = 0; k < row.columns.size(); ++k) {
      if (field + k < tokens.size()) part.tokens.push_back(tokens[field + k]);
    }
    assign_row(row, part, LabelMatch::Exact, "", result.fields, field);
    // A short group is a count mismatch of the whole row of 15, not of the group alone.
    if (tokens.size() != kWanted) {
      for (std::size_t k = 0; k < row.columns.size(); ++k) {
        add_flag(result.fields[field + k], "count_mismatch");
        result.fields[field + k].confidence =
            std::min(result.fields[field + k].confidence, kConfidenceCountMismatch);
      }
    }
    field += row.columns.size();
  }
  result.rows_found = 1;
  return result;
}

}  // namespace xxgknb::mapping
