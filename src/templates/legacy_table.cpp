// Stage 5, template mapping: the one 统计表 of a pre-2019 report ("指标名称 | 计量单位 | 本年度 |
// 历年累计", sometimes without 历年累计, sometimes with 序号 first) read row by row into
// legacy.* fields by the rows of legacy_table() in the template spec; 历年累计 as .cumulative,
// fees in 万元 converted to yuan exactly.
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "normalize/normalize.h"
#include "templates/glued_run.h"
#include "templates/legacy_table.h"
#include "templates/map_parts.h"

namespace xxgknb::mapping {
namespace {

// Where a grid holds the unit and the two value columns, told by its header row.
struct ColumnPlaces {
  int unit = -1;        // "计量单位"
  int this_year = -1;   // "本年度", "2012年度", "本年"
  int cumulative = -1;  // "历年累计"
};

// "计量单位" → unit; "本年度", "2012年度", "本年数" → this year; "历年累计", "累计" → cumulative.
enum class HeaderKind { None, Unit, ThisYear, Cumulative };

HeaderKind header_kind(std::string_view key) {
  static const RE2 this_year(R"(^(?:本年度?(?:数)?|(?:19|20)[0-9]{2}年度?(?:数)?)$)");
  if (key == "计量单位" || key == "单位") return HeaderKind::Unit;
  if (key == "历年累计" || key == "累计" || key == "历年累计数") return HeaderKind::Cumulative;
  if (RE2::FullMatch(re2::StringPiece(key.data(), key.size()), this_year)) return HeaderKind::ThisYear;
  return HeaderKind::None;
}

// A loose line naming the columns is short: "序号 指标名称 计量单位 2012年度 历年累计" (15
// characters), not a sentence that mentions 历年累计.
constexpr std::size_t kMaxLooseHeaderBytes = 90;

// The units a row of the old table is counted in, as its 计量单位 cell or a loose line prints
// them after the label: "主动公开政府信息数 条 2026 3542".
constexpr std::string_view kUnits[] = {"万元", "人次", "元", "条", "件", "个", "次", "份", "项"};

bool is_unit(std::string_view key) {
  for (std::string_view u : kUnits) {
    if (key == u) return true;
  }
  return false;
}

// "其中:1网站公开" → "1网站公开": the "其中：" that opens a sub-row is no part of its label.
LabelParts without_of_which(const LabelParts& label) {
  std::string_view core = label.core;
  if (!label.enumerator.empty() || !core.starts_with("其中")) return label;
  core.remove_prefix(std::string_view("其中").size());
  if (core.starts_with(":")) core.remove_prefix(1);
  return split_enumerator(core);
}

// "主动公开政府信息数条" (a loose line's unit run into its label) → the label and "条".
std::string_view trailing_unit(LabelParts& label) {
  for (std::string_view u : kUnits) {
    if (label.core.size() > u.size() && std::string_view(label.core).ends_with(u)) {
      label.core.resize(label.core.size() - u.size());
      return u;
    }
  }
  return {};
}

bool is_generic(const LabelParts& label) { return label.core == "其他" || label.core == "其它"; }

// A bare "其他" row belongs to the block of the row read just before it ("replies": "3.否决公开
// 答复数" then "其他"); with no such row it is no row at all.
RowMatch match_generic(const PreparedTable& table, const std::string& block) {
  if (block.empty()) return {};
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const PreparedRow& row = table.rows[r];
    if (block != row.spec->group) continue;
    for (const LabelParts& pattern : row.labels) {
      if (is_generic(pattern)) return RowMatch{static_cast<int>(r), LabelMatch::Exact};
    }
  }
  return {};
}

// A unit printed in a label's note: "依申请公开信息收取的费用（万元）".
std::string_view unit_in_label(std::string_view key) {
  if (key.find("(万元)") != std::string_view::npos) return "万元";
  if (key.find("(元)") != std::string_view::npos) return "元";
  return {};
}

struct RowValues {
  const Token* this_year = nullptr;
  const Token* cumulative = nullptr;
  std::string unit;           // as printed for the row: "条", "万元"; empty when none
  bool count_mismatch = false;
};

Field legacy_field(const RowSpec& row, const ColumnSpec& column, const Token& token,
                   ReadMode mode, LabelMatch quality, std::string_view label_raw,
                   const std::string& row_unit) {
  Field f = make_field(legacy_field_key(row, column));
  const CellValue& v = token.value;
  f.raw = std::string(token.raw);
  f.source = token.source;
  f.kind = v.kind;
  f.value = v.value;
  f.label = std::string(label_raw);
  f.confidence = mode == ReadMode::Grid       ? kConfidenceGrid
                 : mode == ReadMode::TextGrid ? kConfidenceTextGrid
                                              : kConfidenceLoose;
  if (quality == LabelMatch::Fuzzy) {
    f.confidence *= kFactorFuzzyLabel;
    add_flag(f, "label_fuzzy");
  }
  switch (v.kind) {
    case Kind::Blank: add_flag(f, "blank"); break;
    case Kind::Dash: add_flag(f, "dash"); break;
    case Kind::TextZero: add_flag(f, "text_zero"); break;
    case Kind::Text:
      add_flag(f, "not_a_number");
      f.confidence = std::min(f.confidence, kConfidenceText);
      break;
    case Kind::Number:
    case Kind::Missing: break;
  }
  if (v.kind == Kind::Number && !v.unit.empty()) add_flag(f, "unit_stripped");
  if (column.rule != ValueRule::Amount && v.decimal) add_flag(f, "decimal_not_allowed");
  if (v.negative || v.signed_explicitly) add_flag(f, "sign_not_allowed");
  // Fees: the value in yuan; `unit` says what the report printed it in.
  const bool in_wan_yuan = std::string_view(column.unit) == "万元";
  if (in_wan_yuan && f.value) {
    std::string printed = !v.unit.empty() ? v.unit : row_unit;
    if (printed.empty()) {
      printed = column.unit;  // the old template's own unit for the row
      add_flag(f, "unit_from_template");
    }
    f.unit = printed;
    if (printed == "万元") {
      f.value = wan_to_yuan(*f.value);
      add_flag(f, "converted_from_wan_yuan");
    } else if (printed != "元") {
      add_flag(f, "unit_mismatch");
      f.confidence *= kFactorUnitMismatch;
      f.value.reset();
      f.kind = Kind::Text;
    }
  }
  return f;
}

}  // namespace

const PreparedTable& prepared_legacy() {
  static const PreparedTable table = prepare(legacy_table());
  return table;
}

TableResult map_legacy_table(const Context& ctx, const PreparedTable& table) {
  TableResult result;
  const auto& cells = ctx.layout.cells;
  // The header rows first: where each grid keeps its unit and value columns.
  std::map<int, ColumnPlaces> places;
  bool cumulative_header = false;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (ctx.deadline.expired_at(i)) return result;
    if (cells[i].continuation || ctx.views[i].value_only) continue;
    const HeaderKind kind = header_kind(cells[i].key);
    // A loose header line "指标名称  计量单位  本年度  历年累计" is one cell: its words are enough.
    const bool loose_header = !cells[i].in_table && cells[i].key.size() <= kMaxLooseHeaderBytes &&
                              cells[i].key.find("历年累计") != std::string_view::npos;
    if (kind == HeaderKind::Cumulative || loose_header) cumulative_header = true;
    if (!cells[i].in_table || kind == HeaderKind::None) continue;
    ColumnPlaces& p = places[cells[i].source.table];
    int& column = kind == HeaderKind::Unit       ? p.unit
                  : kind == HeaderKind::ThisYear ? p.this_year
                                                 : p.cumulative;
    if (column < 0) column = cells[i].grid_col;
  }

  std::vector<bool> found(table.rows.size(), false);
  std::string last_block;
  bool glued_said = false;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (ctx.deadline.expired_at(i)) break;
    const CellView& view = ctx.views[i];
    if (cells[i].continuation || view.value_only) continue;
    // "网站公开条17953304": a crawler glued 本年度 to 历年累计, and no sum of the old table
    // tells where one ends (1795|3304 or 17953|304). Such a table is not read.
    if (cells[i].in_table && is_glued(ctx.document, cells[i])) {
      if (!glued_said && match_row(table, without_of_which(view.label)).row >= 0) {
        glued_said = true;
        result.flags.push_back(Flag{"legacy_table_glued", "warning", "",
                                    "the 统计表 is printed with its cells glued together "
                                    "(\"" + std::string(view.label_raw) +
                                        "\"), where 本年度 and 历年累计 cannot be told apart; it "
                                        "is not read"});
      }
      continue;
    }
    const LabelParts printed = without_of_which(view.label);
    // A loose line "主动公开政府信息数    条    86": the unit is read off the label's end first.
    LabelParts label = printed;
    const std::string_view unit_after_label = cells[i].in_table ? std::string_view() : trailing_unit(label);
    auto match_of = [&](const LabelParts& l) {
      return is_generic(l) ? match_generic(table, last_block) : match_row(table, l);
    };
    RowMatch match = match_of(label);
    if (match.row < 0 && !unit_after_label.empty()) match = match_of(printed);
    if (match.row < 0) continue;
    const std::size_t r = static_cast<std::size_t>(match.row);
    const RowSpec& row = *table.rows[r].spec;

    // The row's values, unit and mode.
    std::vector<Token> tokens;
    RowValues values;
    ReadMode mode = ReadMode::Loose;
    if (cells[i].in_table) {
      mode = is_text_grid(ctx.document, cells[i]) ? ReadMode::TextGrid : ReadMode::Grid;
      const auto at = places.find(cells[i].source.table);
      const ColumnPlaces p = at == places.end() ? ColumnPlaces{} : at->second;
      std::vector<std::size_t> after;
      for (std::size_t j = i + 1; j < cells.size() && cells[j].row_id == cells[i].row_id; ++j) {
        if (!cells[j].continuation) after.push_back(j);
      }
      tokens.reserve(after.size());
      for (std::size_t j : after) tokens.push_back(grid_token(ctx, j));
      auto in_column = [&](std::size_t j, int column) {
        return column >= 0 && cells[j].grid_col <= column &&
               column < cells[j].grid_col + cells[j].col_span;
      };
      if (p.this_year >= 0) {
        // "| 主动公开信息数 | 条 | 2026 | 3542 |": each value in its header's column.
        for (std::size_t k = 0; k < after.size(); ++k) {
          if (in_column(after[k], p.unit)) values.unit = std::string(label_key(cells[after[k]].raw));
          if (in_column(after[k], p.this_year)) values.this_year = &tokens[k];
          if (in_column(after[k], p.cumulative)) values.cumulative = &tokens[k];
        }
      } else {
        // No header names the columns: a unit word, then the values in order.
        std::vector<const Token*> numbers;
        for (std::size_t k = 0; k < after.size(); ++k) {
          const std::string key = label_key(cells[after[k]].raw);
          if (!ctx.views[after[k]].value_only && is_unit(key) && values.unit.empty()) {
            values.unit = key;
          } else if (ctx.views[after[k]].value_only) {
            numbers.push_back(&tokens[k]);
          }
        }
        if (!numbers.empty()) values.this_year = numbers[0];
        if (numbers.size() > 1 && cumulative_header) values.cumulative = numbers[1];
        values.count_mismatch = numbers.size() > (cumulative_header ? 2u : 1u);
      }
    } else {
      append_loose_tokens(ctx, i, tokens);
      values.unit = std::string(unit_after_label);
      if (!tokens.empty()) values.this_year = &tokens[0];
      if (tokens.size() > 1 && cumulative_header) values.cumulative = &tokens[1];
      values.count_mismatch = tokens.size() > (cumulative_header ? 2u : 1u);
    }
    if (values.unit.empty()) values.unit = std::string(unit_in_label(cells[i].key));
    const bool has_value = values.this_year != nullptr && values.this_year->value.value_like();
    if (!has_value) continue;
    last_block = row.group;
    if (found[r]) {
      result.flags.push_back(Flag{"row_repeated", "warning", legacy_field_key(row, row.columns[0]),
                                  "the row \"" + std::string(view.label_raw) +
                                      "\" appears again with values; the first one is used"});
      continue;
    }
    found[r] = true;
    ++result.rows_found;
    const Token* slots[2] = {values.this_year, values.cumulative};
    for (std::size_t k = 0; k < row.columns.size() && k < 2; ++k) {
      if (slots[k] == nullptr) continue;
      Field f = legacy_field(row, row.columns[k], *slots[k], mode, match.quality, view.label_raw,
                             values.unit);
      if (values.count_mismatch) {
        add_flag(f, "count_mismatch");
        f.confidence = std::min(f.confidence, kConfidenceCountMismatch);
      }
      result.fields.push_back(std::move(f));
    }
  }
  return result;
}

}  // namespace xxgknb::mapping

namespace xxgknb {

std::optional<Decimal> wan_to_yuan(const Decimal& wan) {
  std::string text = wan.to_string();
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.erase(0, 1);
  const std::size_t point = text.find('.');
  std::string whole = point == std::string::npos ? text : text.substr(0, point);
  std::string fraction = point == std::string::npos ? "" : text.substr(point + 1);
  while (fraction.size() < 4) fraction += '0';
  whole += fraction.substr(0, 4);
  fraction.erase(0, 4);
  while (whole.size() > 1 && whole.front() == '0') whole.erase(0, 1);
  std::string out = (negative ? "-" : "") + whole;
  if (!fraction.empty()) out += "." + fraction;
  return Decimal::parse(out);
}

}  // namespace xxgknb
