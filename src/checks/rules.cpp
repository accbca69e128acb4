// Stage 6, checks: the shared pieces of the rules — exact counts, blame, and one equation
// assessed into a Check with a message an auditor can act on.
#include "checks/rules.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstring>

namespace xxgknb::checks {
namespace {

// How one input of an equation reads; `problem` is empty when `value` is usable. A blank or
// a dash is the report's choice; anything else unusable is a gap in our reading.
struct Reading {
  std::optional<Decimal> value;
  std::string problem;
  bool report_choice = false;
};

Reading read_value(const Report& report, const std::string& key) {
  const Field* f = report.field(key);
  if (f == nullptr) return {std::nullopt, "absent", false};
  switch (f->kind) {
    case Kind::TextZero: return {Decimal::from_int(0), "", false};   // "无" means none
    case Kind::Number:
      if (!f->value) return {std::nullopt, "no value", false};
      return {f->value, "", false};
    // Left blank or "—" by the report, unless our reading of the cell is itself in doubt
    // (a blank that may be the residue of a row we misaligned).
    case Kind::Blank:
    case Kind::Dash: return {std::nullopt, kind_name(f->kind), read_cleanly_as_printed(*f)};
    case Kind::Text:
    case Kind::Missing: return {std::nullopt, kind_name(f->kind), false};
  }
  return {std::nullopt, "missing", false};
}

std::string describe_side(const std::vector<Term>& terms, const std::vector<Decimal>& sums,
                          const Decimal& total) {
  std::string out;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (i > 0) out += " + ";
    out += terms[i].label + " " + sums[i].to_string();
  }
  if (terms.size() > 1) out += " = " + total.to_string();
  return out;
}

// Up to five keys, then "… (N more)".
std::string list_keys(const std::vector<std::string>& keys) {
  constexpr std::size_t kShown = 5;
  std::string out;
  for (std::size_t i = 0; i < keys.size() && i < kShown; ++i) {
    if (i > 0) out += ", ";
    out += keys[i];
  }
  if (keys.size() > kShown) out += ", … (" + std::to_string(keys.size() - kShown) + " more)";
  return out;
}

}  // namespace

const TemplateSpec& t3_template(const Report& report) {
  if (const TemplateSpec* named = template_of(report.meta.template_version)) return *named;
  const bool has_v2019_row = report.field("t3.results.other.total.total") != nullptr;
  const bool has_v2021_rows = report.field("t3.results.other.other.total") != nullptr;
  return has_v2019_row && !has_v2021_rows ? template_v2019() : template_v2021();
}

std::optional<std::int64_t> parse_count(const Decimal& value) {
  constexpr std::int64_t kMaxCount = 999'999'999'999'999;   // 15 digits, as for text
  const std::optional<std::int64_t> n = value.is_integer() ? value.to_int64() : std::nullopt;
  if (!n || *n > kMaxCount || *n < -kMaxCount) return std::nullopt;
  return n;
}

std::optional<std::int64_t> parse_count(std::string_view text) {
  // "12", "+3", "-2"; not "1.5", "12件", "1,200" (the mapping strips separators and units).
  static const RE2 kCount("([+-]?)([0-9]{1,15})");
  std::string sign, digits;
  if (!RE2::FullMatch(text, kCount, &sign, &digits)) return std::nullopt;
  std::int64_t value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return sign == "-" ? -value : value;
}

bool read_cleanly_as_printed(const Field& field) {
  if (field.confidence < kCleanConfidence) return false;
  for (const char* doubt : kDoubtFlags) {
    if (std::find(field.flags.begin(), field.flags.end(), doubt) != field.flags.end()) return false;
  }
  return true;
}

bool read_cleanly(const Field& field) {
  return field.kind == Kind::Number && !field.derived && read_cleanly_as_printed(field);
}

Blame blame_for(const Report& report, const std::vector<std::string>& keys) {
  for (const std::string& key : keys) {
    const Field* f = report.field(key);
    if (f != nullptr && !read_cleanly(*f)) return Blame::Extraction;
  }
  return Blame::Report;
}

Check assess_equation(const Report& report, const Equation& equation) {
  Check check;
  check.id = equation.id;
  check.severity = equation.severity;
  check.column = equation.column;
  check.expr = equation.expr;
  for (const auto* side : {&equation.lhs, &equation.rhs}) {
    for (const Term& term : *side) {
      for (const std::string& key : term.keys) check.fields.push_back(key);
    }
  }

  std::vector<std::string> unusable;
  bool our_gap = false;
  bool overflow = false;
  auto sum_side = [&](const std::vector<Term>& terms, std::vector<Decimal>& sums) {
    Decimal total;
    for (const Term& term : terms) {
      Decimal sum = term.literal ? Decimal::from_int(*term.literal) : Decimal();
      for (const std::string& key : term.keys) {
        Reading r = read_value(report, key);
        if (!r.value) {
          unusable.push_back(key + " (" + r.problem + ")");
          our_gap = our_gap || !r.report_choice;
          continue;
        }
        std::optional<Decimal> next = sum.plus(*r.value);
        overflow = overflow || !next;
        if (next) sum = *next;
      }
      sums.push_back(sum);
      std::optional<Decimal> next = total.plus(sum);
      overflow = overflow || !next;
      if (next) total = *next;
    }
    return total;
  };
  std::vector<Decimal> lhs_sums, rhs_sums;
  const Decimal lhs = sum_side(equation.lhs, lhs_sums);
  const Decimal rhs = sum_side(equation.rhs, rhs_sums);

  if (!unusable.empty() || overflow) {
    check.status = CheckStatus::NotAssessable;
    // Whose gap: a cell the report left blank or marked "—" is its own choice; a cell we
    // could not find or read (several values, text) is ours.
    check.blame = our_gap || overflow ? Blame::Extraction : Blame::Report;
    check.message = equation.scope + ": not assessable (" +
                    (our_gap || overflow ? "未能读取 / an input we could not read"
                                         : "报告留空或填“—” / the report left an input blank") +
                    "): " + (overflow ? std::string("sum out of range") : list_keys(unusable));
    return check;
  }
  check.lhs = lhs;
  check.rhs = rhs;
  if (lhs == rhs) {
    check.status = CheckStatus::Pass;
    check.message = equation.scope + ": " + describe_side(equation.lhs, lhs_sums, lhs) + " = " +
                    describe_side(equation.rhs, rhs_sums, rhs);
    return check;
  }
  check.status = CheckStatus::Fail;
  check.blame = blame_for(report, check.fields);
  check.message = equation.scope + ": " + describe_side(equation.lhs, lhs_sums, lhs) + ", 但 " +
                  describe_side(equation.rhs, rhs_sums, rhs);
  if (check.blame == Blame::Report) {
    check.message += " (" + equation.report_note + ")";
  } else {
    std::vector<std::string> doubtful;
    for (const std::string& key : check.fields) {
      const Field* f = report.field(key);
      if (f != nullptr && !read_cleanly(*f)) doubtful.push_back(key);
    }
    check.message += " (读取存疑 / check our reading of: " + list_keys(doubtful) + ")";
  }
  return check;
}

}  // namespace xxgknb::checks
