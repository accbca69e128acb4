// Stage 5, template mapping: the confidence policy, and the tokens of one row written into its
// fields.
#include <algorithm>
#include <string>
#include <vector>

#include "templates/map_parts.h"

namespace xxgknb::mapping {

// Turning tokens into fields.
Field make_field(std::string key) {
  Field f;
  f.key = std::move(key);
  f.kind = Kind::Missing;
  f.confidence = 0.0;
  return f;
}

void add_flag(Field& f, const char* flag) {
  if (std::find(f.flags.begin(), f.flags.end(), flag) == f.flags.end()) f.flags.emplace_back(flag);
}

// The largest value a cell of the column can plausibly hold (ColumnSpec::max_digits).
bool within_bounds(const Decimal& value, const ColumnSpec& column) {
  return value.integer_digits() <= column.max_digits;
}

void fill_field(Field& f, const Token& token, const ColumnSpec& column, double base_confidence) {
  const CellValue& v = token.value;
  f.raw = std::string(token.raw);
  f.source = token.source;
  f.kind = v.kind;
  f.value = v.value;
  f.unit = v.unit;
  f.confidence = base_confidence;
  switch (v.kind) {
    case Kind::Blank: add_flag(f, "blank"); break;
    case Kind::Dash: add_flag(f, "dash"); break;
    case Kind::TextZero: add_flag(f, "text_zero"); break;
    case Kind::Text:
      // "24 1", "2" over "0": several values in one cell; "123456789012345678901234567890":
      // more digits than a cell can mean. Neither is read as a number.
      add_flag(f, v.multiple_values ? "multiple_values" : v.too_long ? "number_too_long" : "not_a_number");
      f.confidence = std::min(f.confidence, kConfidenceText);
      break;
    case Kind::Number:
    case Kind::Missing: break;
  }
  if (v.kind != Kind::Number) return;
  if (v.value && !within_bounds(*v.value, column)) {
    // A 20-digit count: exact, kept, but no count a report can mean; review must see it.
    add_flag(f, "out_of_range");
    f.confidence = std::min(f.confidence, kConfidenceText);
  }
  if (v.value && !v.value->exact_in_double()) add_flag(f, "beyond_double");
  if (!v.unit.empty()) add_flag(f, "unit_stripped");
  if (column.unit[0] != '\0' && !v.unit.empty() && v.unit != column.unit) {
    // "5000元" where the template asks for 万元: kept as printed, never converted silently.
    add_flag(f, "unit_mismatch");
    f.confidence *= kFactorUnitMismatch;
  }
  if (v.thousands_separator) add_flag(f, "thousands_separator");
  if (column.rule != ValueRule::SignedCount && (v.negative || v.signed_explicitly)) {
    add_flag(f, "sign_not_allowed");
  }
  if (column.rule != ValueRule::Amount && v.decimal) add_flag(f, "decimal_not_allowed");
}

double base_confidence(ReadMode mode, LabelMatch quality) {
  double c = mode == ReadMode::Grid ? kConfidenceGrid
             : mode == ReadMode::TextGrid ? kConfidenceTextGrid
                                          : kConfidenceLoose;
  if (quality == LabelMatch::Fuzzy) c *= kFactorFuzzyLabel;
  return c;
}


// Writes the tokens of one row into its fields.
void assign_row(const RowSpec& row, const Gathered& g, LabelMatch quality,
                std::string_view label_raw, std::vector<Field>& fields, std::size_t first_field) {
  const std::size_t wanted = row.columns.size();
  const double base = base_confidence(g.mode, quality);
  std::vector<const Token*> slots(wanted, nullptr);
  bool inferred = false;
  bool mismatch = g.tokens.size() != wanted;
  // Only 自然人 and 总计 printed, the five 法人或其他组织 cells left blank and lost in the text:
  // two equal values for a seven-column row of table 三 (§6.3).
  bool two_of_seven = false;
  if (wanted == 7 && g.tokens.size() == 2) {
    const CellValue& first = g.tokens[0].value;
    two_of_seven = first.kind == Kind::Number && first.value == g.tokens[1].value.value;
  }
  if (two_of_seven) {
    slots[0] = &g.tokens[0];
    slots[6] = &g.tokens[1];
    inferred = true;
    mismatch = false;
  } else {
    for (std::size_t k = 0; k < wanted && k < g.tokens.size(); ++k) slots[k] = &g.tokens[k];
  }
  const bool merged_cell = std::any_of(g.tokens.begin(), g.tokens.end(), [](const Token& t) {
    return t.value.multiple_values;
  });
  for (std::size_t k = 0; k < wanted; ++k) {
    Field& f = fields[first_field + k];
    f.label = label_raw;
    if (slots[k] != nullptr) {
      fill_field(f, *slots[k], row.columns[k], base);
    } else if (inferred) {
      f.kind = Kind::Blank;
      f.confidence = kConfidenceInferred;
      add_flag(f, "blank");
    } else {
      f.kind = Kind::Missing;
      f.confidence = 0.0;
    }
    if (inferred) {
      add_flag(f, "inferred");
      f.confidence = std::min(f.confidence, kConfidenceInferred);
    }
    if (mismatch) {
      add_flag(f, "count_mismatch");
      f.confidence = std::min(f.confidence, kConfidenceCountMismatch);
    }
    // "| 24 1 | 0 | …": where one cell holds two values, an extractor has likely run cells
    // together, and every position after it may be shifted: the whole row is in doubt.
    if (merged_cell) {
      add_flag(f, "multiple_values_in_row");
      f.confidence = std::min(f.confidence, kConfidenceCountMismatch);
    }
    if (g.values_over_lines) {
      add_flag(f, "values_over_lines");
      f.confidence = std::min(f.confidence, kConfidenceCountMismatch);
    }
    if (quality == LabelMatch::Fuzzy) add_flag(f, "label_fuzzy");
  }
}

std::vector<Field> blank_fields(const TableSpec& table) {
  std::vector<Field> fields;
  for (const RowSpec& row : table.rows) {
    for (const ColumnSpec& col : row.columns) fields.push_back(make_field(field_key(table, row, col)));
  }
  return fields;
}

std::vector<std::size_t> first_field_of_rows(const TableSpec& table) {
  std::vector<std::size_t> first;
  std::size_t n = 0;
  for (const RowSpec& row : table.rows) {
    first.push_back(n);
    n += row.columns.size();
  }
  return first;
}

}  // namespace xxgknb::mapping
