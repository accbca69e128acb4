// Stage 6, checks: the shared pieces of the rules — exact counts, blame, and one equation
// assessed into a Check with a message an auditor can act on.
#include "checks/rules.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstring>

namespace xxgknb::checks {
namespace {

// How one input of an equation reads; `problem` is empty when `count` is usable.
struct Reading {
  std::optional<std::int64_t> count;
  std::string problem;
};

Reading read_count(const Report& report, const std::string& key) {
  const Field* f = report.field(key);
  if (f == nullptr) return {std::nullopt, "absent"};
  switch (f->kind) {
    case Kind::TextZero: return {0, ""};   // "无" in a count cell means none
    case Kind::Number: {
      if (!f->value) return {std::nullopt, "no value"};
      std::optional<std::int64_t> n = parse_count(*f->value);
      if (!n) return {std::nullopt, "not a count: " + *f->value};
      return {n, ""};
    }
    case Kind::Blank:
    case Kind::Dash:
    case Kind::Text:
    case Kind::Missing: return {std::nullopt, kind_name(f->kind)};
  }
  return {std::nullopt, "missing"};
}

std::string describe_side(const std::vector<Term>& terms, const std::vector<std::int64_t>& sums,
                          std::int64_t total) {
  std::string out;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (i > 0) out += " + ";
    out += terms[i].label + " " + std::to_string(sums[i]);
  }
  if (terms.size() > 1) out += " = " + std::to_string(total);
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

bool t3_uses_v2019_rows(const Report& report) {
  if (report.meta.template_version == "v2019") return true;
  if (report.meta.template_version == "v2021") return false;
  const bool has_v2019_row = report.field("t3.results.other.total.total") != nullptr;
  const bool has_v2021_rows = report.field("t3.results.other.other.total") != nullptr;
  return has_v2019_row && !has_v2021_rows;
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

bool read_cleanly(const Field& field) {
  if (field.kind != Kind::Number || field.derived) return false;
  if (field.confidence < kCleanConfidence) return false;
  for (const char* doubt : kDoubtFlags) {
    if (std::find(field.flags.begin(), field.flags.end(), doubt) != field.flags.end()) {
      return false;
    }
  }
  return true;
}

std::string blame_for(const Report& report, const std::vector<std::string>& keys) {
  for (const std::string& key : keys) {
    const Field* f = report.field(key);
    if (f != nullptr && !read_cleanly(*f)) return "extraction";
  }
  return "report";
}

std::string clip_utf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  // Back off continuation bytes (10xxxxxx) so the cut falls on a character boundary.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "…";
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
  auto sum_side = [&](const std::vector<Term>& terms, std::vector<std::int64_t>& sums) {
    std::int64_t total = 0;
    for (const Term& term : terms) {
      std::int64_t sum = term.literal.value_or(0);
      for (const std::string& key : term.keys) {
        Reading r = read_count(report, key);
        if (r.count) {
          sum += *r.count;
        } else {
          unusable.push_back(key + " (" + r.problem + ")");
        }
      }
      sums.push_back(sum);
      total += sum;
    }
    return total;
  };
  std::vector<std::int64_t> lhs_sums, rhs_sums;
  const std::int64_t lhs = sum_side(equation.lhs, lhs_sums);
  const std::int64_t rhs = sum_side(equation.rhs, rhs_sums);

  if (!unusable.empty()) {
    check.status = "not_assessable";
    check.message = equation.scope +
                    ": not assessable (空白或缺失 / blank, dash, text or missing input): " +
                    list_keys(unusable);
    return check;
  }
  check.lhs = std::to_string(lhs);
  check.rhs = std::to_string(rhs);
  if (lhs == rhs) {
    check.status = "pass";
    check.message = equation.scope + ": " + describe_side(equation.lhs, lhs_sums, lhs) + " = " +
                    describe_side(equation.rhs, rhs_sums, rhs);
    return check;
  }
  check.status = "fail";
  check.blame = blame_for(report, check.fields);
  check.message = equation.scope + ": " + describe_side(equation.lhs, lhs_sums, lhs) + ", 但 " +
                  describe_side(equation.rhs, rhs_sums, rhs);
  if (check.blame == "report") {
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
