// Stage 5, template mapping: the two national templates (2019 试行 and 2021) as constant
// tables — every data row with its labels, value columns and canonical keys.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace xxgknb {

// What a value cell may hold (templates.md §7 E5).
enum class ValueRule {
  Count,       // a non-negative integer
  SignedCount, // t2v19.*.change: "+3", "-2"
  Amount,      // a decimal amount (fees in 万元, procurement totals)
};

// Digits before the point a value may have and still be plausible: no body reports ten
// billion applications or decisions, nor fees of ten billion 万元. Beyond it: `out_of_range`.
inline constexpr int kMaxPlausibleDigits = 10;

struct ColumnSpec {
  const char* key;        // "natural_person", "issued", …
  ValueRule rule;
  const char* unit;       // the template's unit for the column ("万元"), or ""
  int max_digits = kMaxPlausibleDigits;
};

struct RowSpec {
  const char* key;                 // "new_received", "results.denied.state_secret", "regulations"
  std::vector<const char*> labels; // as printed, the template's own wording first; matched
                                   // after label_key(), a leading enumerator optional
  std::vector<ColumnSpec> columns;
  // Labels that are too generic to be recognised without their enumerator
  // ("3.其他" is a row, "其他" is a column header; "(七)总计" a row, "总计" a header).
  bool needs_enumerator = false;
  const char* enumerator = "";     // the enumerator that then must be present ("3", "七")
};

struct TableSpec {
  const char* name;                // "t2", "t2v19", "t3", "t4"
  const char* caption;             // human name for messages: "表二 主动公开政府信息情况"
  std::vector<RowSpec> rows;
  // Labels that belong to the table but are no data row: captions, headers, group labels.
  // A row whose label is none of these and no data row becomes an extra row.
  std::vector<const char*> known_labels;
};

struct TemplateSpec {
  const char* version;             // "v2021", "v2019"
  const TableSpec* t2;
  const TableSpec* t3;
  const TableSpec* t4;
};

const TemplateSpec& template_v2021();
const TemplateSpec& template_v2019();

// "t3.results.total.natural_person" for a table, row and column.
std::string field_key(const TableSpec& table, const RowSpec& row, const ColumnSpec& column);

}  // namespace xxgknb
