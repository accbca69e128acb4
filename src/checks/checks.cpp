// Stage 6, checks: runs the template's own rules E1–E7 (templates.md §7) and W4 over the
// mapped fields, and marks the fields of failing rules.
#include "checks/checks.h"


#include <algorithm>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "checks/rules.h"
#include "templates/spec.h"

namespace xxgknb {
namespace {

using checks::Equation;
using checks::Term;

Check error_check(const char* id, std::string column, std::string expr) {
  Check check;
  check.id = id;
  check.severity = Severity::Error;
  check.column = std::move(column);
  check.expr = std::move(expr);
  return check;
}

// E1–E4, as the template spec states them: one equation per column, row or group.
std::vector<Equation> sum_equations(const TemplateSpec& spec) {
  std::vector<Equation> out;
  for (const SumRule& rule : sum_rules(spec)) {
    Equation eq{rule.id, Severity::Error, rule.column, rule.expr, rule.scope, {}, {}};
    for (const SumTerm& t : rule.lhs) eq.lhs.push_back({t.label, t.keys, {}});
    for (const SumTerm& t : rule.rhs) eq.rhs.push_back({t.label, t.keys, {}});
    out.push_back(std::move(eq));
  }
  return out;
}

void check_sums(Report& report) {
  const TemplateSpec& spec = checks::t3_template(report);
  // A pre-2019 report has none of the national tables these sums are of: each is listed as
  // not assessable, as E7 lists its sections, with nobody to blame — not as a gap in our
  // reading, which would send every such report to review.
  const bool is_legacy = report.meta.template_version == "legacy";
  auto assess_all = [&](const std::vector<Equation>& equations) {
    for (const Equation& eq : equations) {
      Check check = checks::assess_equation(report, eq);
      if (is_legacy) {
        check.status = CheckStatus::NotAssessable;
        check.blame = Blame::None;
        check.lhs.reset();
        check.rhs.reset();
        check.message = "pre-2019 report: no national table applies";
      }
      report.checks.push_back(std::move(check));
    }
  };
  // The two templates are constants: their equations are built once, not per report.
  if (&spec == &template_v2021()) {
    static const std::vector<Equation> v2021 = sum_equations(spec);
    assess_all(v2021);
  } else if (&spec == &template_v2019()) {
    static const std::vector<Equation> v2019 = sum_equations(spec);
    assess_all(v2019);
  } else {
    assess_all(sum_equations(spec));
  }
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// What E5 allows in a cell: a sign only in "本年增/减", a decimal only in the two amounts.
bool sign_allowed(std::string_view key) {
  return starts_with(key, "t2v19.") && key.size() >= 7 && key.substr(key.size() - 7) == ".change";
}
bool decimal_allowed(std::string_view key) {
  return key == "t2.admin_fees.amount_wan_yuan" || key == "t2v19.procurement.total_amount";
}

bool field_has_flag(const Field& f, std::string_view flag) {
  return std::find(f.flags.begin(), f.flags.end(), flag) != f.flags.end();
}

// The problem E5 sees in one value, or "" when it is well-formed. The mapping may already
// have dropped a "+" or a unit and said so in a flag; the flag counts like the text.
std::string number_shape_problem(const Field& field) {
  const std::string_view key = field.key;
  const Decimal& value = *field.value;
  const bool is_negative = value.negative();
  const bool has_fraction = value.scale() > 0;
  if (is_negative && !sign_allowed(key)) return "negative, but a count cannot be";
  if (has_fraction && !decimal_allowed(key)) return "a decimal, but this cell is a count";
  if (field_has_flag(field, "sign_not_allowed") && !sign_allowed(key)) {
    return "signed in the document, but only 本年增/减 may be";
  }
  if (field_has_flag(field, "decimal_not_allowed") && !decimal_allowed(key)) {
    return "a decimal in the document, but this cell is a count";
  }
  return "";
}

// E5, per table: every number read is well-formed for its cell.
void check_e5(Report& report) {
  auto has_prefix = [&](std::string_view prefix) {
    return std::any_of(report.fields.begin(), report.fields.end(),
                       [&](const Field& f) { return starts_with(f.key, prefix); });
  };
  // Table 二 of the 2019 template: said by the version, or only its keys were mapped.
  const bool v2019_t2 = report.meta.template_version == "v2019" ||
                        (!has_prefix("t2.") && has_prefix("t2v19."));
  const std::string tables[] = {v2019_t2 ? "t2v19" : "t2", "t3", "t4"};
  for (const std::string& table : tables) {
    Check check = error_check(
        "E5", table,
        "every value is a non-negative integer; a sign only in t2v19.*.change; a decimal only "
        "in t2.admin_fees.amount_wan_yuan and t2v19.procurement.total_amount");
    int numbers = 0;
    std::vector<std::string> problems;
    for (const Field& f : report.fields) {
      if (!starts_with(f.key, table + ".") || f.kind != Kind::Number || !f.value) continue;
      ++numbers;
      const std::string problem = number_shape_problem(f);
      if (problem.empty()) continue;
      check.fields.push_back(f.key);
      problems.push_back(f.key + " = " + f.value->to_string() + ": " + problem);
    }
    if (!problems.empty()) {
      check.status = CheckStatus::Fail;
      check.blame = checks::blame_for(report, check.fields);
      std::string listed;
      for (std::size_t i = 0; i < problems.size() && i < 5; ++i) {
        listed += (i > 0 ? "; " : "") + problems[i];
      }
      if (problems.size() > 5) listed += "; … (" + std::to_string(problems.size() - 5) + " more)";
      check.message = table + ": " + std::to_string(problems.size()) + " 个数值格式不符 (malformed): " +
                      listed;
    } else if (numbers == 0) {
      check.status = CheckStatus::NotAssessable;
      check.message = table + ": no number was read in this table";
    } else {
      check.status = CheckStatus::Pass;
      check.message = table + ": all " + std::to_string(numbers) + " numbers are well-formed";
    }
    report.checks.push_back(std::move(check));
  }
}

// E6: the layout fits the report year. The 2021 template (published 2021-09-29) was
// already used for reports on 2020, so v2021 fails only for years up to 2019.
void check_e6(Report& report) {
  Check check = error_check(
      "E6", "", "template is not mixed; v2019 only for years ≤ 2020; v2021 only for years ≥ 2020");
  const std::string& version = report.meta.template_version;
  const std::optional<int> year = report.meta.year;
  const bool is_mixed = version == "mixed";
  const bool is_national = version == "v2019" || version == "v2021";
  const TemplateSpec* spec = template_of(version);
  const bool outside_years =
      spec != nullptr && year && (*year < spec->first_year || *year > spec->last_year);
  if (is_mixed) {
    check.status = CheckStatus::Fail;
    // The fields of a mixed report are mapped against a template it only partly follows.
    check.blame = Blame::Extraction;
    check.message = "tables carry labels of both the 2019 and the 2021 template: check which "
                    "template each table follows";
  } else if (!is_national) {
    check.status = CheckStatus::NotAssessable;
    check.message = "template is " + (version.empty() ? std::string("unknown") : version) +
                    ": no national layout to check against the year";
  } else if (!year) {
    check.status = CheckStatus::NotAssessable;
    check.message = "template " + version + ", but the report year was not found";
  } else if (outside_years) {
    check.status = CheckStatus::Fail;
    check.blame = Blame::Report;
    check.message = std::to_string(*year) + "年度报告使用了 " + version + " 表格 (the " + version +
                    " layout does not fit a report for " + std::to_string(*year) + ")";
  } else {
    check.status = CheckStatus::Pass;
    check.message = version + " layout fits the report year " + std::to_string(*year);
  }
  report.checks.push_back(std::move(check));
}

struct RequiredTable {
  const char* column;
  const char* label;
  std::vector<const char*> prefixes;
};

bool has_flag(const Report& report, const std::string& code, const std::string& field) {
  return std::any_of(report.flags.begin(), report.flags.end(), [&](const Flag& f) {
    return f.code == code && f.field == field;
  });
}

// E7: sections 一…六 found; tables 二/三/四 found and not wholly missing. A table read but
// entirely blank passes here and is flagged `table_unfilled` instead.
void check_e7(Report& report) {
  const bool is_legacy = report.meta.template_version == "legacy";
  for (const NationalSectionSpec& required : national_sections()) {
    Check check = error_check("E7", required.key, "section present");
    const bool found = std::any_of(report.sections.begin(), report.sections.end(),
                                   [&](const Section& s) { return s.key == required.key; });
    if (is_legacy) {
      check.status = CheckStatus::NotAssessable;
      check.message = "pre-2019 report: no national section list applies";
    } else if (found) {
      check.status = CheckStatus::Pass;
      check.message = std::string("section ") + required.heading + " found";
    } else {
      check.status = CheckStatus::Fail;
      // With no section found at all, our segmentation is the likelier culprit.
      check.blame = report.sections.empty() ? Blame::Extraction : Blame::Report;
      check.message = std::string("未找到 \"") + required.heading +
                      "\" (section missing: look for its heading in the document)";
    }
    report.checks.push_back(std::move(check));
  }

  const RequiredTable tables[] = {
      {"t2", "表二", {"t2.", "t2v19."}}, {"t3", "表三", {"t3."}}, {"t4", "表四", {"t4."}}};
  for (const RequiredTable& table : tables) {
    Check check = error_check("E7", table.column, "table present and not entirely missing");
    int total = 0, missing = 0, blank = 0;
    for (const Field& f : report.fields) {
      const bool in_table = std::any_of(table.prefixes.begin(), table.prefixes.end(),
                                        [&](const char* p) { return starts_with(f.key, p); });
      if (!in_table) continue;
      ++total;
      check.fields.push_back(f.key);
      if (f.kind == Kind::Missing) ++missing;
      if (f.kind == Kind::Blank) ++blank;
    }
    const bool wholly_missing = missing == total;
    const bool unfilled = !wholly_missing && missing + blank == total;
    if (is_legacy) {
      check.status = CheckStatus::NotAssessable;
      check.message = "pre-2019 report: no national table applies";
    } else if (wholly_missing) {
      check.status = CheckStatus::Fail;
      // Nothing of it was read: whether it is absent or unreadable, look at our reading first.
      check.blame = Blame::Extraction;
      check.message = std::string(table.label) + " 未读到 (table " + table.column + " missing: " +
                      (total == 0 ? std::string("not found")
                                  : "none of its " + std::to_string(total) + " cells was found") +
                      "; it may be an image or an attachment)";
    } else {
      check.status = CheckStatus::Pass;
      check.message = std::string(table.label) + " found: " + std::to_string(total - missing) +
                      " of " + std::to_string(total) + " cells read";
      if (unfilled) {
        check.message += ", all blank (unfilled)";
        // The mapping may have said so already, under "t2" or "t2v19".
        const bool already_flagged =
            std::any_of(table.prefixes.begin(), table.prefixes.end(), [&](const char* p) {
              const std::string_view prefix(p);
              return has_flag(report, "table_unfilled",
                              std::string(prefix.substr(0, prefix.size() - 1)));
            });
        if (!already_flagged) {
          report.flags.push_back({"table_unfilled", "warning", table.column,
                                  std::string(table.label) +
                                      " is present but every cell is blank"});
        }
      }
    }
    report.checks.push_back(std::move(check));
  }
}

// Marks the fields of failing checks; an error blamed on our reading lowers each involved
// field's confidence once, so that the review takes it up. A warning rule is a heuristic and
// does not by itself lower anything.
void mark_failures(Report& report) {
  std::set<std::string> lowered;
  for (const Check& check : report.checks) {
    if (check.status != CheckStatus::Fail) continue;
    const bool lower = check.severity == Severity::Error && check.blame == Blame::Extraction;
    for (const std::string& key : check.fields) {
      Field* f = report.field(key);
      if (f == nullptr) continue;
      if (!field_has_flag(*f, "check_failed")) {
        f->flags.push_back("check_failed");
      }
      if (lower && lowered.insert(key).second) f->confidence *= checks::kDoubtFactor;
    }
  }
}

}  // namespace

void run_checks(Report& report, const Document& /*document*/) {
  check_sums(report);
  check_e5(report);
  check_e6(report);
  check_e7(report);
  for (Check& check : checks::check_narrative_numbers(report)) {
    report.checks.push_back(std::move(check));
  }
  mark_failures(report);
}

}  // namespace xxgknb
