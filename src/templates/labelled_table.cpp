// Stage 5, template mapping: tables 二 and 三, every value under its row label.
#include <algorithm>
#include <string>
#include <vector>

#include "templates/glued_run.h"
#include "templates/map_parts.h"

namespace xxgknb::mapping {

// Tables 二 and 三: every label in the region that names a data row.
TableResult map_labelled_table(const Context& ctx, const PreparedTable& table, std::size_t begin,
                               std::size_t end) {
  TableResult result;
  result.fields = blank_fields(*table.spec);
  const std::vector<std::size_t> first_field = first_field_of_rows(*table.spec);
  std::vector<bool> found(table.rows.size(), false);
  std::vector<bool> repeat_flagged(table.rows.size(), false);
  const auto& cells = ctx.layout.cells;
  std::string pending_enumerator;  // "(七)" on a line of its own before "总计"
  int extra_row_id = -1;
  std::vector<int> tables_with_rows;  // extra rows count only in grids this table was read from
  std::vector<GluedRun> glued_runs;
  std::vector<std::optional<RowReading>> readings(table.rows.size());

  for (std::size_t i = begin; i < end; ++i) {
    if (ctx.deadline.expired_at(i)) break;
    const CellView& view = ctx.views[i];
    if (cells[i].continuation || view.value_only) continue;
    if (std::optional<std::string> enumerator = lone_enumerator(view)) {
      pending_enumerator = std::move(*enumerator);
      continue;
    }
    LabelParts label = view.label;
    if (label.enumerator.empty() && !pending_enumerator.empty()) label.enumerator = pending_enumerator;
    pending_enumerator.clear();

    RowMatch match = match_row(table, label);
    // "…现行有效件数规章" + "000": a crawler glued the header to the row's label.
    const bool glued = cells[i].in_table && is_glued(ctx.document, cells[i]);
    std::string_view label_raw = view.label_raw;
    if (glued && match.quality < LabelMatch::Exact) {
      const GluedLabelMatch m = match_glued_label(table, view.label_raw);
      if (m.match.row >= 0) {
        match = m.match;
        label_raw = view.label_raw.substr(m.label_begin);
        while (label_raw.starts_with(' ')) label_raw.remove_prefix(1);  // "… （一）予以公开"
      }
    }
    // "三、本年度办理结果  （一）予以公开  37 …": a merged group label printed before the row's own.
    // "（四）无 1.本机关不掌握相关政府信息 746 …": a fragment of a group label before the row's own.
    if (match.quality < LabelMatch::Annotated && !cells[i].in_table) {
      const RowMatch after_group = match_row_after_group(table, view.label_raw);
      if (after_group.quality > match.quality) match = after_group;
    }
    if (match.row < 0) {
      // An unknown label with numbers after it in a grid row: keep it as an extra row (§6.4).
      if (cells[i].in_table && cells[i].row_id != extra_row_id && !is_known_label(table, label)) {
        ExtraRow extra;
        extra.table = table.spec->name;
        extra.label = std::string(view.label_raw);
        extra.source = cells[i].source;
        bool has_number = false;
        for (std::size_t j = i + 1; j < end && cells[j].row_id == cells[i].row_id; ++j) {
          if (cells[j].continuation) continue;
          if (!ctx.views[j].value_only) {
            has_number = false;
            break;
          }
          if (ctx.views[j].cell.kind == Kind::Number) has_number = true;
          extra.cells.emplace_back(cells[j].raw);
        }
        if (has_number) {
          result.extra_rows.push_back(std::move(extra));
          extra_row_id = cells[i].row_id;
        }
      }
      continue;
    }
    const std::size_t r = static_cast<std::size_t>(match.row);
    const RowSpec& row = *table.rows[r].spec;
    // A row printed again and again is said once, and not read again each time.
    if (repeat_flagged[r]) continue;
    Gathered g = gather_values(ctx, i, end, row.columns.size());
    // A label with no value after it (a heading "### 一、本年新收…" over its table, a header
    // "| 项目 | 予以公开 | 部分公开 | …") is no reading of the row: look on for the row itself.
    // "15130000154", "2648-18538": the row's cells glued into one run, split by the sums
    // once all rows are in.
    const bool glued_run = glued && row.columns.size() > 1 && g.tokens.size() == 1;
    const bool has_values = glued_run || std::any_of(g.tokens.begin(), g.tokens.end(), [](const Token& t) {
      return t.value.value_like();
    });
    if (!has_values) continue;
    if (found[r]) {
      repeat_flagged[r] = true;
      result.flags.push_back(Flag{"row_repeated", "warning",
                                  std::string(table.spec->name) + "." + row.key,
                                  "the row \"" + std::string(view.label_raw) +
                                      "\" appears again with values; the first one is used"});
      continue;
    }
    if (glued_run) {
      glued_runs.push_back(GluedRun{first_field[r], row.columns.size(), g.tokens[0].raw,
                                    g.tokens[0].source, std::string(label_raw)});
      found[r] = true;
      ++result.rows_found;
      continue;
    }
    assign_row(row, g, match.quality, label_raw, result.fields, first_field[r]);
    readings[r] = RowReading{i, cells[i].in_table, cells[i].row_id,
                             g.mode == ReadMode::Loose ? -1 : cells[g.end - 1].row_id};
    found[r] = true;
    ++result.rows_found;
    if (cells[i].in_table) tables_with_rows.push_back(cells[i].source.table);
    if (!cells[i].in_table && g.end > i + 1) i = g.end - 1;
  }
  resolve_glued_runs(*table.spec, glued_runs, ctx.max_glued_readings, result);
  place_rows_by_order(ctx, table, begin, end, readings, result);
  std::erase_if(result.extra_rows, [&](const ExtraRow& e) {
    return std::find(tables_with_rows.begin(), tables_with_rows.end(), e.source.table) ==
           tables_with_rows.end();
  });
  return result;
}

}  // namespace xxgknb::mapping
