// Stage 5, template mapping: rows of a rebuilt text table whose label a PDF converter moved
// away, placed by the template's row order between the rows read by their labels.
//
// A converter that keeps only the centre line of each table row in a pipe row leaves the
// lines of a two- or three-line label as loose text, often a row or two away from its values
// ("5.属于三类内部事务信" / "息" / "1.本机关不掌握相关政" / "府信息" / "| 1 | 0 | 0 | 0 | 0 | 0 | 1 |").
// The template fixes the order of the rows, so between two rows read by the label in their
// own grid row ("| 4.保护第三方合法权益 | 0 | …" and "| 6.属于四类过程性信息 | 1 | …"), value rows
// without a label of their own are the template's rows between those two, in order — when,
// and only when, there are exactly as many of them as the template has rows there and each
// has the row's number of values. A loose label that took one of those value rows out of
// order gives it up. Nothing is placed where the count does not settle it.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "templates/map_parts.h"

namespace xxgknb::mapping {
namespace {

// A grid row of values with no label of the template in it: "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
// "| 行政机关不再处理其政府信息公 | 40 | 1 | 0 | 0 | 2 | 0 | 43 |" (the middle line of a label).
struct ValueRow {
  std::size_t at = 0;             // stream index of its first cell
  int row_id = -1;
  std::string_view label_raw;     // the label fragment printed in the row, if any
  SourceSpan label_source;
  std::vector<Token> tokens;      // the values, blank colspan residue at either end dropped
};

// The grid row at stream cells [begin, end) as a value row, or nothing when it holds a label
// the template knows, a label after its values, or no number.
std::optional<ValueRow> value_row(const Context& ctx, const PreparedTable& table, std::size_t begin,
                                  std::size_t end) {
  const auto& cells = ctx.layout.cells;
  ValueRow out;
  out.at = begin;
  out.row_id = cells[begin].row_id;
  bool values_started = false;
  for (std::size_t k = begin; k < end; ++k) {
    if (cells[k].continuation) continue;
    const CellView& view = ctx.views[k];
    if (!view.value_only) {
      if (values_started) return std::nullopt;  // "| 0 | 纠正 |": a header, not values
      if (match_row(table, view.label).row >= 0) return std::nullopt;
      if (out.label_raw.empty()) {
        out.label_raw = view.label_raw;
        out.label_source = cells[k].source;
      }
      continue;
    }
    values_started = true;
    out.tokens.push_back(grid_token(ctx, k));
  }
  auto blank = [](const Token& t) { return t.value.kind == Kind::Blank; };
  while (!out.tokens.empty() && blank(out.tokens.back())) out.tokens.pop_back();
  const auto first = std::find_if_not(out.tokens.begin(), out.tokens.end(), blank);
  out.tokens.erase(out.tokens.begin(), first);
  const bool has_number = std::any_of(out.tokens.begin(), out.tokens.end(), [](const Token& t) {
    return t.value.kind == Kind::Number;
  });
  if (!has_number) return std::nullopt;
  return out;
}

}  // namespace

void place_rows_by_order(const Context& ctx, const PreparedTable& table, std::size_t begin,
                         std::size_t end, std::vector<std::optional<RowReading>>& readings,
                         TableResult& result) {
  const auto& cells = ctx.layout.cells;
  // The rows read by a label in their own grid row anchor the order; their grid rows are theirs.
  std::vector<std::size_t> anchors;
  std::vector<int> anchored_rows;
  for (std::size_t r = 0; r < readings.size(); ++r) {
    if (!readings[r] || !readings[r]->label_in_grid) continue;
    anchors.push_back(r);
    anchored_rows.push_back(readings[r]->label_row_id);
    anchored_rows.push_back(readings[r]->values_row_id);
  }
  if (anchors.size() < 2) return;
  std::sort(anchored_rows.begin(), anchored_rows.end());

  std::vector<ValueRow> value_rows;
  for (std::size_t i = begin; i < end;) {
    if (ctx.deadline.expired_at(i)) return;
    std::size_t k = i + 1;
    while (k < end && cells[k].in_table && cells[k].row_id == cells[i].row_id) ++k;
    const bool text_grid = cells[i].in_table && is_text_grid(ctx.document, cells[i]);
    if (text_grid && !std::binary_search(anchored_rows.begin(), anchored_rows.end(), cells[i].row_id)) {
      if (std::optional<ValueRow> row = value_row(ctx, table, i, k)) value_rows.push_back(std::move(*row));
    }
    i = k;
  }
  if (value_rows.empty()) return;

  const std::vector<std::size_t> first_field = first_field_of_rows(*table.spec);
  std::map<int, std::size_t> placed;  // value row_id → the template row it was placed in
  std::vector<const ValueRow*> placed_rows;
  std::string placed_names;
  for (std::size_t a = 0; a + 1 < anchors.size(); ++a) {
    const std::size_t lo = anchors[a], hi = anchors[a + 1];
    const std::size_t lo_at = readings[lo]->label_at, hi_at = readings[hi]->label_at;
    if (hi - lo < 2 || hi_at <= lo_at) continue;
    std::vector<const ValueRow*> between;
    for (const ValueRow& v : value_rows) {
      if (v.at > lo_at && v.at < hi_at) between.push_back(&v);
    }
    // Exactly the template's rows between the anchors, each with its number of values.
    const bool count_settles = between.size() == hi - lo - 1;
    bool widths_agree = count_settles;
    for (std::size_t m = 0; widths_agree && m < between.size(); ++m) {
      widths_agree = between[m]->tokens.size() == table.rows[lo + 1 + m].spec->columns.size();
    }
    if (!widths_agree) continue;
    for (std::size_t m = 0; m < between.size(); ++m) {
      const std::size_t r = lo + 1 + m;
      const ValueRow& v = *between[m];
      placed[v.row_id] = r;
      // A loose label that took this very row agrees with the order: its reading stands.
      if (readings[r] && readings[r]->values_row_id == v.row_id) continue;
      const RowSpec& row = *table.rows[r].spec;
      for (std::size_t k = 0; k < row.columns.size(); ++k) {
        Field& f = result.fields[first_field[r] + k];
        f = make_field(f.key);
      }
      Gathered g;
      g.tokens = v.tokens;
      g.mode = ReadMode::TextGrid;
      assign_row(row, g, LabelMatch::Exact, v.label_raw, result.fields, first_field[r]);
      for (std::size_t k = 0; k < row.columns.size(); ++k) {
        Field& f = result.fields[first_field[r] + k];
        add_flag(f, "row_by_order");
        f.confidence = std::min(f.confidence, kConfidenceInferred);
      }
      readings[r] = RowReading{v.at, false, v.row_id, v.row_id};
      placed_rows.push_back(&v);
      if (!placed_names.empty()) placed_names += "、";
      placed_names += row.short_label[0] != '\0' ? row.short_label : row.key;
      ++result.rows_found;
    }
  }
  if (placed_rows.empty()) return;

  // A loose label that had taken a value row now placed elsewhere read it out of order.
  for (std::size_t r = 0; r < readings.size(); ++r) {
    if (!readings[r] || readings[r]->label_in_grid) continue;
    const auto it = placed.find(readings[r]->values_row_id);
    if (it == placed.end() || it->second == r) continue;
    const RowSpec& row = *table.rows[r].spec;
    for (std::size_t k = 0; k < row.columns.size(); ++k) {
      Field& f = result.fields[first_field[r] + k];
      f = make_field(f.key);
    }
    readings[r].reset();
  }
  // A label fragment printed in a placed row is no extra row of the report.
  std::erase_if(result.extra_rows, [&](const ExtraRow& e) {
    return std::any_of(placed_rows.begin(), placed_rows.end(), [&](const ValueRow* v) {
      return !v->label_raw.empty() && e.source.table == v->label_source.table &&
             e.source.row == v->label_source.row;
    });
  });
  result.flags.push_back(Flag{"row_by_order", "warning", table.spec->name,
                              std::to_string(placed_rows.size()) + " rows of " +
                                  table.spec->caption +
                                  " printed without their label were placed by the template's "
                                  "order between rows read by their labels: " +
                                  placed_names});
}

}  // namespace xxgknb::mapping
