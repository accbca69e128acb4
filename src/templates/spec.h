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
  const char* label = ""; // as printed in the header ("自然人"), for messages
  bool is_total = false;  // the row's 总计: the sum of the row's other columns (E3, E4)
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
  // The （一）…（六） block of 三、本年度办理结果 the row belongs to ("denied"), summed into
  // （七）总计 by E2; empty outside the results.
  const char* group = "";
  const char* short_label = "";    // for messages: "（三）1.属于国家秘密"
};

// A block of result rows of table 三, in the order E2 adds them: "denied", "不予公开".
struct RowGroup {
  const char* key;
  const char* label;
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
  // Report years the layout is for: the 2019 试行 template for 2019 and 2020; the 2021
  // template (published 2021-09-29) for 2021 on, and already used by some reports on 2020.
  int first_year;
  int last_year;
  std::vector<RowGroup> result_groups;   // table 三's blocks, in E2's order
};

// One side of a sum the template states, as data: the terms added, each a label for
// messages and the canonical keys summed in it.
struct SumTerm {
  std::string label;
  std::vector<std::string> keys;
};

// E1–E4 of templates.md §7, one entry per column (E1, E2), row (E3) or group (E4).
struct SumRule {
  const char* id;
  std::string column;        // the t3 column, t3 row or t4 group the entry is about
  std::string expr;
  std::string scope;         // "表三 自然人列", for messages
  std::vector<SumTerm> lhs, rhs;
};

// The sums of a template, derived from its tables: E1 from the four rows that balance,
// E2 from the rows' groups, E3 and E4 from each row's total column.
std::vector<SumRule> sum_rules(const TemplateSpec& spec);

// Rows of table 三 in one result block ("denied"), in template order.
std::vector<const RowSpec*> rows_in_group(const TableSpec& t3, std::string_view group);

// The template of a version name, or nullptr for "legacy", "mixed", "unknown".
const TemplateSpec* template_of(std::string_view version);

const TemplateSpec& template_v2021();
const TemplateSpec& template_v2019();

// --- The national sections (2019 and 2021 templates) ---------------------------------------
// The six numbered parts 一…六 every report since 2019 has: segment cuts by them, E7 requires
// them (templates.md §2.1, §3.1, §6.1).

// A section of the national list. Its number says which it is; its words (matched in the
// heading's label key: folded, no spaces or separators) confirm it, so that
// "四、政府信息公开行政复议、行政诉讼情况" and "四、因政府信息公开工作被申请行政复议提起行政诉讼情况"
// both carry "复议".
struct NationalSectionSpec {
  const char* key;       // "s1_overview"
  const char* number;    // "一"
  const char* keywords;  // RE2 alternation, matched in the heading's label key
  const char* heading;   // the template's wording, for messages: "一、总体情况"
};

// The six sections in template order, 一 first: the index is the section's ordinal.
const std::vector<NationalSectionSpec>& national_sections();

// --- Pre-2019 reports (the 2007 条例, 第三十一条) ------------------------------------------
// Their sections and their one 统计表 (指标名称 | 计量单位 | 本年度 | 历年累计) are template
// knowledge like the national tables: segment reads the section list, the mapper the rows.

// A section of a pre-2019 report. The old list had no fixed numbers ("四、" is 收费及减免 in
// one report, 复议诉讼 in the next), so a heading is told by its words, never its number.
struct LegacySectionSpec {
  const char* key;       // "legacy_fees"
  const char* keywords;  // RE2 alternation, matched in the heading's label key
  const char* heading;   // the 条例's wording, for messages and docs
};

// The section keys in the order a heading's words are tried (the most specific first:
// "因政府信息公开申请行政复议" names 申请 but is 复议诉讼).
const std::vector<LegacySectionSpec>& legacy_sections();

// The 统计表 of a pre-2019 report as one table "legacy": rows keyed "requests.total", two
// value columns, "" (本年度) and "cumulative" (历年累计); a fee row's unit is 万元.
const TableSpec& legacy_table();

// "legacy.requests.total", "legacy.requests.total.cumulative".
std::string legacy_field_key(const RowSpec& row, const ColumnSpec& column);

// A key of the legacy namespace the spec defines ("legacy.fees.charged_yuan.cumulative").
bool is_legacy_key(std::string_view key);

// "t3.results.total.natural_person" for a table, row and column.
std::string field_key(const TableSpec& table, const RowSpec& row, const ColumnSpec& column);

}  // namespace xxgknb
