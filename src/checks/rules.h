// Stage 6, checks: what the rule files share — the rows and columns of tables 三 and 四 with
// their printed labels, reading a field as an exact count, and assessing one equation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "templates/spec.h"
#include "util/utf8.h"
#include "xxgknb/report.h"

namespace xxgknb::checks {

// A field was "read cleanly" when it is a number, its confidence is at least this, and no
// flag casts doubt on it: a failing rule over clean fields is the report's own arithmetic.
inline constexpr double kCleanConfidence = 0.9;
// Flags that cast doubt on a reading, whatever its confidence.
inline constexpr const char* kDoubtFlags[] = {
    "label_fuzzy",     "count_mismatch",         "inferred",    "multiple_values",
    "number_too_long", "multiple_values_in_row", "out_of_range"};
// Applied once to a field in a failing error rule blamed on the extraction, so that the
// review (threshold 0.9 by default) takes it up.
inline constexpr double kDoubtFactor = 0.6;

// The template table 三 was read with: the 2019 one (a single （六）其他处理 row) when the
// version says so or, for "mixed"/"unknown", when the mapping produced its keys.
const TemplateSpec& t3_template(const Report& report);

// "12", "+3", "-2" → the integer; at most 15 digits, so that sums of a few dozen cannot
// overflow. Anything else (decimals, units, text) → nullopt.
std::optional<std::int64_t> parse_count(std::string_view text);
// The same for a value read from a cell: an integer of at most 15 digits.
std::optional<std::int64_t> parse_count(const Decimal& value);

// True when no doubt lies on how `field` was read, whatever it holds: its confidence is at
// least kCleanConfidence and no kDoubtFlags flag is on it (a blank or "—" read so is the
// report's own choice).
bool read_cleanly_as_printed(const Field& field);
// True when `field` is a number read cleanly (see kCleanConfidence), not derived.
bool read_cleanly(const Field& field);

// Blame::Report when every field named (and present) was read cleanly, else Extraction.
Blame blame_for(const Report& report, const std::vector<std::string>& keys);

// One side of an equation: the sum of some fields, or a number stated elsewhere (W4).
struct Term {
  std::string label;                     // "新收", "不予公开", …
  std::vector<std::string> keys;         // fields summed; empty for a literal
  std::optional<std::int64_t> literal;   // a stated number
};

struct Equation {
  std::string id;          // "E1"
  Severity severity = Severity::Error;
  std::string column;
  std::string expr;
  std::string scope;       // message prefix naming where to look: "表三 自然人列"
  std::vector<Term> lhs, rhs;
  // What a failure over clean fields means, said in the message.
  std::string report_note = "报告本身的算术 / the report's own arithmetic";
};

// pass/fail with lhs and rhs when every input is a number ("无" counts as 0), summed exactly;
// else not_assessable naming the inputs that are blank, a dash, text or missing, with blame
// "report" when every such input is one the report left blank or marked "—", and
// "extraction" when one is a cell we could not find or read.
Check assess_equation(const Report& report, const Equation& equation);

// Cuts `text` to at most `max_bytes` bytes without splitting a UTF-8 sequence (util/utf8.h).
using ::xxgknb::clip_utf8;

// W4: the numbers section 一 states (the prose facts of s1_overview in report.prose) that have
// a table counterpart, one check each.
std::vector<Check> check_narrative_numbers(const Report& report);

}  // namespace xxgknb::checks
