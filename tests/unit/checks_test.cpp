// Stage 6 tests, checks: E1–E7 and W4 over reports built by hand, and the review verdict.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "checks/checks.h"
#include "prose/prose.h"

namespace xxgknb {
namespace {

const std::vector<std::string> kT3RowsCommon = {
    "new_received",
    "carried_over",
    "results.granted",
    "results.partial",
    "results.denied.state_secret",
    "results.denied.law_prohibited",
    "results.denied.security_stability",
    "results.denied.third_party",
    "results.denied.internal_affairs",
    "results.denied.process_info",
    "results.denied.enforcement_file",
    "results.denied.admin_query",
    "results.unable.not_held",
    "results.unable.needs_creation",
    "results.unable.unclear",
    "results.not_processed.petition",
    "results.not_processed.repeated",
    "results.not_processed.publication",
    "results.not_processed.excessive",
    "results.not_processed.confirm_reissue",
};
const std::vector<std::string> kT3OtherV2021 = {"results.other.no_correction",
                                                "results.other.fee_unpaid", "results.other.other"};
const std::vector<std::string> kT3Columns = {"natural_person", "commercial",    "research",
                                             "public_welfare", "legal_service", "other_org"};
const std::vector<std::string> kSectionKeys = {"s1_overview", "s2_proactive",
                                               "s3_requests", "s4_review_litigation",
                                               "s5_problems", "s6_other"};

void add_field(Report& report, const std::string& key, const std::string& value) {
  Field f;
  f.key = key;
  f.value = Decimal::parse(value);
  f.raw = value;
  f.kind = Kind::Number;
  f.confidence = 0.99;
  report.fields.push_back(std::move(f));
}

std::vector<std::string> t3_rows(bool v2019) {
  std::vector<std::string> rows = kT3RowsCommon;
  if (v2019) {
    rows.push_back("results.other.total");
  } else {
    rows.insert(rows.end(), kT3OtherV2021.begin(), kT3OtherV2021.end());
  }
  rows.push_back("results.total");
  rows.push_back("carried_forward");
  return rows;
}

// Table 三 value of `row` in applicant column j (0…5): every rule holds.
// new_received j+3, carried_over 1, granted j+1, partial 1, not_held 1, other 1 → total j+4.
int t3_value(const std::string& row, int j) {
  if (row == "new_received") return j + 3;
  if (row == "results.granted") return j + 1;
  if (row == "results.total") return j + 4;
  if (row == "carried_over" || row == "results.partial" || row == "results.unable.not_held" ||
      row == "results.other.other" || row == "results.other.total") {
    return 1;
  }
  return 0;
}

// Every key of the template with values for which all of E1–E7 pass.
Report balanced_report(const std::string& version = "v2021") {
  const bool v2019 = version == "v2019";
  Report report;
  report.meta.template_version = version;
  report.meta.year = v2019 ? 2020 : 2022;
  for (const std::string& key : kSectionKeys) {
    Section s;
    s.key = key;
    report.sections.push_back(s);
  }
  if (v2019) {
    for (const char* row : {"regulations", "normative_docs"}) {
      for (const char* col : {"new_made", "new_published", "total_published"}) {
        add_field(report, std::string("t2v19.") + row + "." + col, "2");
      }
    }
    for (const char* row : {"licensing", "other_services", "penalty", "coercion"}) {
      add_field(report, std::string("t2v19.") + row + ".prev_items", "10");
      add_field(report, std::string("t2v19.") + row + ".change", "-2");
      add_field(report, std::string("t2v19.") + row + ".decisions", "7");
    }
    add_field(report, "t2v19.admin_fees.prev_items", "1");
    add_field(report, "t2v19.admin_fees.change", "+1");
    add_field(report, "t2v19.procurement.projects", "3");
    add_field(report, "t2v19.procurement.total_amount", "11.876");
  } else {
    for (const char* row : {"regulations", "normative_docs"}) {
      for (const char* col : {"issued", "repealed", "in_force"}) {
        add_field(report, std::string("t2.") + row + "." + col, "4");
      }
    }
    add_field(report, "t2.licensing.decisions", "120");
    add_field(report, "t2.penalty.decisions", "8");
    add_field(report, "t2.coercion.decisions", "0");
    add_field(report, "t2.admin_fees.amount_wan_yuan", "1.25");
  }
  for (const std::string& row : t3_rows(v2019)) {
    int total = 0;
    for (int j = 0; j < 6; ++j) {
      add_field(report, "t3." + row + "." + kT3Columns[static_cast<std::size_t>(j)],
                std::to_string(t3_value(row, j)));
      total += t3_value(row, j);
    }
    add_field(report, "t3." + row + ".total", std::to_string(total));
  }
  const char* parts[] = {"upheld", "corrected", "other", "pending", "total"};
  const char* review[] = {"1", "1", "0", "0", "2"};
  const char* direct[] = {"1", "0", "0", "1", "2"};
  for (int i = 0; i < 5; ++i) {
    add_field(report, std::string("t4.review.") + parts[i], review[i]);
  }
  for (int i = 0; i < 5; ++i) {
    add_field(report, std::string("t4.litigation.direct.") + parts[i], direct[i]);
  }
  for (int i = 0; i < 5; ++i) {
    add_field(report, std::string("t4.litigation.after_review.") + parts[i], "0");
  }
  return report;
}

void set_value(Report& report, const std::string& key, const std::string& value) {
  Field* f = report.field(key);
  ASSERT_NE(f, nullptr) << key;
  f->value = Decimal::parse(value);
  f->raw = value;
  f->kind = Kind::Number;
}

void set_kind(Report& report, const std::string& key, Kind kind) {
  Field* f = report.field(key);
  ASSERT_NE(f, nullptr) << key;
  f->kind = kind;
  f->value.reset();
}

void set_table_kind(Report& report, const std::string& prefix, Kind kind, double confidence) {
  for (Field& f : report.fields) {
    if (f.key.rfind(prefix, 0) == 0) {
      f.kind = kind;
      f.value.reset();
      f.confidence = confidence;
    }
  }
}

void set_overview(Report& report, const std::string& text) { report.sections[0].text = text; }

const Check* find_check(const Report& report, const std::string& id, const std::string& column) {
  for (const Check& c : report.checks) {
    if (c.id == id && c.column == column) return &c;
  }
  return nullptr;
}

// The check `id`/`column`, expected to fail with `blame`; null (and a test failure) if absent.
const Check* failed_check(const Report& report, const std::string& id, const std::string& column,
                          const std::string& blame) {
  const Check* c = find_check(report, id, column);
  if (c == nullptr) {
    ADD_FAILURE() << "no check " << id << " " << column;
    return nullptr;
  }
  EXPECT_EQ(c->status, CheckStatus::Fail) << id << " " << column << ": " << c->message;
  EXPECT_EQ(blame_name(c->blame), blame) << id << " " << column << ": " << c->message;
  return c;
}

std::vector<const Check*> checks_with_id(const Report& report, const std::string& id) {
  std::vector<const Check*> out;
  for (const Check& c : report.checks) {
    if (c.id == id) out.push_back(&c);
  }
  return out;
}

std::vector<const Check*> failing(const Report& report) {
  std::vector<const Check*> out;
  for (const Check& c : report.checks) {
    if (c.status == CheckStatus::Fail) out.push_back(&c);
  }
  return out;
}

bool has_flag(const Report& report, const std::string& key, const std::string& flag) {
  const Field* f = report.field(key);
  return f != nullptr && std::find(f->flags.begin(), f->flags.end(), flag) != f->flags.end();
}

bool any_reason_contains(const Report& report, const std::string& needle) {
  return std::any_of(report.review.reasons.begin(), report.review.reasons.end(),
                     [&](const std::string& r) { return r.find(needle) != std::string::npos; });
}

Report checked(Report report) {
  report.prose = find_prose(report.sections, Limits{}).facts;
  run_checks(report, Document{});
  assess_review(report, Options{});
  return report;
}

TEST(Checks, BalancedReportPassesEverything) {
  const Report report = checked(balanced_report());
  EXPECT_EQ(checks_with_id(report, "E1").size(), 7u);
  EXPECT_EQ(checks_with_id(report, "E2").size(), 7u);
  EXPECT_EQ(checks_with_id(report, "E3").size(), 25u);
  EXPECT_EQ(checks_with_id(report, "E4").size(), 3u);
  EXPECT_EQ(checks_with_id(report, "E5").size(), 3u);
  EXPECT_EQ(checks_with_id(report, "E6").size(), 1u);
  EXPECT_EQ(checks_with_id(report, "E7").size(), 9u);
  EXPECT_TRUE(checks_with_id(report, "W4").empty());
  for (const Check& c : report.checks) {
    EXPECT_EQ(c.status, CheckStatus::Pass) << c.id << " " << c.column << ": " << c.message;
  }
  EXPECT_FALSE(report.review.needs_review);
  EXPECT_DOUBLE_EQ(report.review.confidence, 1.0);
  EXPECT_TRUE(report.review.reasons.empty());
}

TEST(Checks, OrderIsRuleThenColumnInTemplateOrder) {
  const Report report = checked(balanced_report());
  ASSERT_GE(report.checks.size(), 9u);
  EXPECT_EQ(report.checks[0].id, "E1");
  EXPECT_EQ(report.checks[0].column, "natural_person");
  EXPECT_EQ(report.checks[6].column, "total");
  EXPECT_EQ(report.checks[7].id, "E2");
  const Check* e3 = find_check(report, "E3", "new_received");
  ASSERT_NE(e3, nullptr);
  EXPECT_EQ(e3 + 1, find_check(report, "E3", "carried_over"));
  EXPECT_EQ(report.checks.back().id, "E7");
  EXPECT_EQ(report.checks.back().column, "t4");
}

TEST(Checks, BalancedV2019ReportPassesWithItsOwnRows) {
  const Report report = checked(balanced_report("v2019"));
  EXPECT_TRUE(failing(report).empty());
  EXPECT_EQ(checks_with_id(report, "E3").size(), 23u);
  EXPECT_NE(find_check(report, "E5", "t2v19"), nullptr);
  EXPECT_EQ(find_check(report, "E5", "t2"), nullptr);
  EXPECT_EQ(find_check(report, "E7", "t2")->status, CheckStatus::Pass);
}

TEST(Checks, E1FailsForTheUnbalancedColumnBlamingTheReport) {
  Report report = balanced_report();
  // 上年结转 自然人 2 instead of 1 (and its row total follows, so E3 still holds).
  set_value(report, "t3.carried_over.natural_person", "2");
  set_value(report, "t3.carried_over.total", "7");
  report = checked(std::move(report));

  const Check* e1 = failed_check(report, "E1", "natural_person", "report");
  ASSERT_NE(e1, nullptr);
  EXPECT_EQ(e1->lhs, Decimal::parse("5"));
  EXPECT_EQ(e1->rhs, Decimal::parse("4"));
  const std::vector<std::string> inputs = {
      "t3.new_received.natural_person", "t3.carried_over.natural_person",
      "t3.results.total.natural_person", "t3.carried_forward.natural_person"};
  EXPECT_EQ(e1->fields, inputs);
  EXPECT_NE(e1->message.find("自然人"), std::string::npos);
  EXPECT_NE(e1->message.find("新收 3 + 上年结转 2 = 5"), std::string::npos);
  EXPECT_EQ(find_check(report, "E1", "commercial")->status, CheckStatus::Pass);
  EXPECT_EQ(find_check(report, "E1", "total")->status, CheckStatus::Fail);
  EXPECT_EQ(find_check(report, "E3", "carried_over")->status, CheckStatus::Pass);

  // The value is what the report says: flagged, not doubted.
  EXPECT_TRUE(has_flag(report, "t3.carried_over.natural_person", "check_failed"));
  EXPECT_DOUBLE_EQ(report.field("t3.carried_over.natural_person")->confidence, 0.99);
  EXPECT_FALSE(has_flag(report, "t3.carried_over.commercial", "check_failed"));
  EXPECT_TRUE(report.review.needs_review);
  EXPECT_TRUE(any_reason_contains(report, "E1 natural_person"));
}

TEST(Checks, E1BlamesExtractionWhenAnInputIsDoubtfulAndLowersItsConfidence) {
  Report report = balanced_report();
  set_value(report, "t3.carried_over.natural_person", "2");
  set_value(report, "t3.carried_over.total", "7");
  report.field("t3.results.total.natural_person")->flags.push_back("label_fuzzy");
  report = checked(std::move(report));

  const Check* e1 = failed_check(report, "E1", "natural_person", "extraction");
  ASSERT_NE(e1, nullptr);
  EXPECT_NE(e1->message.find("t3.results.total.natural_person"), std::string::npos);
  EXPECT_DOUBLE_EQ(report.field("t3.carried_over.natural_person")->confidence, 0.99 * 0.6);
  EXPECT_DOUBLE_EQ(report.field("t3.results.total.natural_person")->confidence, 0.99 * 0.6);
  // The total column fails too, but over clean fields: the report's arithmetic.
  EXPECT_EQ(find_check(report, "E1", "total")->blame, Blame::Report);
  EXPECT_DOUBLE_EQ(report.field("t3.carried_over.total")->confidence, 0.99);
  EXPECT_DOUBLE_EQ(report.field("t3.new_received.commercial")->confidence, 0.99);
  EXPECT_LE(report.review.confidence, 0.5);
  EXPECT_TRUE(any_reason_contains(report, "置信度低于 0.9"));
}

TEST(Checks, ConfidenceIsLoweredOnceWhateverTheNumberOfFailures) {
  Report report = balanced_report();
  set_value(report, "t3.carried_over.natural_person", "2");   // row total left at 6
  report.field("t3.carried_over.natural_person")->flags.push_back("count_mismatch");
  report = checked(std::move(report));
  EXPECT_EQ(find_check(report, "E1", "natural_person")->blame, Blame::Extraction);
  EXPECT_EQ(find_check(report, "E3", "carried_over")->blame, Blame::Extraction);
  EXPECT_DOUBLE_EQ(report.field("t3.carried_over.natural_person")->confidence, 0.99 * 0.6);
  const auto& flags = report.field("t3.carried_over.natural_person")->flags;
  EXPECT_EQ(std::count(flags.begin(), flags.end(), "check_failed"), 1);
}

TEST(Checks, E1LowConfidenceInputMeansExtractionBlame) {
  Report report = balanced_report();
  set_value(report, "t3.carried_forward.research", "1");
  set_value(report, "t3.carried_forward.total", "1");
  report.field("t3.carried_forward.research")->confidence = 0.7;
  report = checked(std::move(report));
  EXPECT_EQ(find_check(report, "E1", "research")->status, CheckStatus::Fail);
  EXPECT_EQ(find_check(report, "E1", "research")->blame, Blame::Extraction);
}

TEST(Checks, E2FailsWhenAResultRowDoesNotAddUp) {
  Report report = balanced_report();
  set_value(report, "t3.results.denied.third_party.research", "1");
  set_value(report, "t3.results.denied.third_party.total", "1");
  report = checked(std::move(report));

  const Check* e2 = failed_check(report, "E2", "research", "report");
  ASSERT_NE(e2, nullptr);
  EXPECT_EQ(e2->lhs, Decimal::parse("6"));
  EXPECT_EQ(e2->rhs, Decimal::parse("7"));
  EXPECT_EQ(e2->fields.size(), 22u);   // （七）总计 + 2 + 8 + 3 + 5 + 3
  EXPECT_EQ(e2->fields.front(), "t3.results.total.research");
  EXPECT_NE(e2->message.find("不予公开 1"), std::string::npos);
  EXPECT_EQ(find_check(report, "E2", "natural_person")->status, CheckStatus::Pass);
  EXPECT_EQ(find_check(report, "E2", "total")->status, CheckStatus::Fail);
  EXPECT_EQ(find_check(report, "E1", "research")->status, CheckStatus::Pass);
  EXPECT_EQ(find_check(report, "E3", "results.denied.third_party")->status, CheckStatus::Pass);
}

TEST(Checks, E2InV2019UsesTheSingleOtherRow) {
  Report report = balanced_report("v2019");
  set_value(report, "t3.results.other.total.legal_service", "0");
  set_value(report, "t3.results.other.total.total", "5");
  report = checked(std::move(report));

  const Check* e2 = failed_check(report, "E2", "legal_service", "report");
  ASSERT_NE(e2, nullptr);
  EXPECT_EQ(e2->fields.size(), 20u);   // （七）总计 + 2 + 8 + 3 + 5 + 1
  EXPECT_NE(std::find(e2->fields.begin(), e2->fields.end(), "t3.results.other.total.legal_service"),
            e2->fields.end());
  EXPECT_EQ(std::find(e2->fields.begin(), e2->fields.end(), "t3.results.other.other.legal_service"),
            e2->fields.end());
  EXPECT_NE(e2->expr.find("results.other.total"), std::string::npos);
}

TEST(Checks, E3FailsForTheRowWhoseTotalIsWrong) {
  Report report = balanced_report();
  set_value(report, "t3.results.granted.total", "22");
  report = checked(std::move(report));

  const Check* e3 = failed_check(report, "E3", "results.granted", "report");
  ASSERT_NE(e3, nullptr);
  EXPECT_EQ(e3->lhs, Decimal::parse("22"));
  EXPECT_EQ(e3->rhs, Decimal::parse("21"));
  EXPECT_EQ(e3->fields.size(), 7u);
  EXPECT_EQ(e3->fields.front(), "t3.results.granted.total");
  EXPECT_NE(e3->message.find("予以公开"), std::string::npos);
  EXPECT_EQ(find_check(report, "E3", "results.partial")->status, CheckStatus::Pass);
}

TEST(Checks, E4FailsForTheGroupThatDoesNotAddUp) {
  Report report = balanced_report();
  set_value(report, "t4.litigation.direct.total", "3");
  report.field("t4.litigation.direct.total")->flags.push_back("inferred");
  report = checked(std::move(report));

  const Check* e4 = failed_check(report, "E4", "litigation.direct", "extraction");
  ASSERT_NE(e4, nullptr);
  EXPECT_EQ(e4->fields.size(), 5u);
  EXPECT_EQ(e4->fields.front(), "t4.litigation.direct.total");
  EXPECT_EQ(find_check(report, "E4", "review")->status, CheckStatus::Pass);
  EXPECT_EQ(find_check(report, "E4", "litigation.after_review")->status, CheckStatus::Pass);
}

TEST(Checks, BlankCellMakesTheSumNotAssessable) {
  Report report = balanced_report();
  set_kind(report, "t3.carried_over.research", Kind::Blank);
  report = checked(std::move(report));

  const Check* e1 = find_check(report, "E1", "research");
  ASSERT_NE(e1, nullptr);
  EXPECT_EQ(e1->status, CheckStatus::NotAssessable);
  EXPECT_FALSE(e1->lhs.has_value());
  EXPECT_FALSE(e1->rhs.has_value());
  EXPECT_NE(e1->message.find("t3.carried_over.research (blank)"), std::string::npos);
  EXPECT_EQ(find_check(report, "E3", "carried_over")->status, CheckStatus::NotAssessable);
  EXPECT_EQ(find_check(report, "E1", "commercial")->status, CheckStatus::Pass);
  EXPECT_FALSE(has_flag(report, "t3.carried_over.research", "check_failed"));
}

TEST(Checks, DashAndMissingCellsAreNotAssessableEither) {
  Report report = balanced_report();
  set_kind(report, "t4.review.pending", Kind::Dash);
  set_kind(report, "t4.litigation.direct.pending", Kind::Missing);
  report = checked(std::move(report));
  EXPECT_EQ(find_check(report, "E4", "review")->status, CheckStatus::NotAssessable);
  EXPECT_EQ(find_check(report, "E4", "litigation.direct")->status, CheckStatus::NotAssessable);
}

TEST(Checks, TextZeroCountsAsZero) {
  Report report = balanced_report();
  set_kind(report, "t3.results.denied.state_secret.natural_person", Kind::TextZero);
  report = checked(std::move(report));
  EXPECT_EQ(find_check(report, "E2", "natural_person")->status, CheckStatus::Pass);
  EXPECT_EQ(find_check(report, "E3", "results.denied.state_secret")->status, CheckStatus::Pass);
}

TEST(Checks, E5RejectsASignOutsideChange) {
  Report report = balanced_report();
  set_value(report, "t2.penalty.decisions", "-3");
  report = checked(std::move(report));
  const Check* e5 = failed_check(report, "E5", "t2", "report");
  ASSERT_NE(e5, nullptr);
  EXPECT_EQ(e5->fields, std::vector<std::string>{"t2.penalty.decisions"});
  EXPECT_NE(e5->message.find("-3"), std::string::npos);
  EXPECT_EQ(find_check(report, "E5", "t3")->status, CheckStatus::Pass);
}

TEST(Checks, E5HonoursTheMappingsSignFlag) {
  Report report = balanced_report();
  // "+8" printed in the cell: the mapping keeps "8" and says so in a flag.
  report.field("t2.penalty.decisions")->flags.push_back("sign_not_allowed");
  report = checked(std::move(report));
  const Check* e5 = failed_check(report, "E5", "t2", "report");
  ASSERT_NE(e5, nullptr);
  EXPECT_EQ(e5->fields, std::vector<std::string>{"t2.penalty.decisions"});
}

TEST(Checks, E5RejectsADecimalOutsideTheFeeCell) {
  Report report = balanced_report();
  set_value(report, "t2.licensing.decisions", "2.5");
  report = checked(std::move(report));
  const Check* e5 = failed_check(report, "E5", "t2", "report");
  ASSERT_NE(e5, nullptr);
  EXPECT_EQ(e5->fields, std::vector<std::string>{"t2.licensing.decisions"});
}

TEST(Checks, E5AcceptsSignedChangesAndDecimalAmountsInV2019) {
  Report report = balanced_report("v2019");
  // The balanced v2019 report already holds "-2", "+1" in .change and "11.876" as amount.
  report = checked(std::move(report));
  EXPECT_EQ(find_check(report, "E5", "t2v19")->status, CheckStatus::Pass);

  Report bad = balanced_report("v2019");
  set_value(bad, "t2v19.admin_fees.prev_items", "1.5");
  set_value(bad, "t2v19.procurement.projects", "+3");
  // The mapping reads "+3" as 3 and says the sign was printed.
  bad.field("t2v19.procurement.projects")->flags.push_back("sign_not_allowed");
  bad = checked(std::move(bad));
  const Check* e5 = failed_check(bad, "E5", "t2v19", "report");
  ASSERT_NE(e5, nullptr);
  EXPECT_EQ(e5->fields, (std::vector<std::string>{"t2v19.admin_fees.prev_items",
                                                  "t2v19.procurement.projects"}));
}

TEST(Checks, E5RejectsANegativeCountInTableThree) {
  Report report = balanced_report();
  set_value(report, "t3.results.denied.admin_query.other_org", "-1");
  set_value(report, "t3.results.denied.admin_query.total", "-1");
  report = checked(std::move(report));
  EXPECT_EQ(find_check(report, "E5", "t3")->status, CheckStatus::Fail);
  EXPECT_EQ(find_check(report, "E5", "t3")->fields.size(), 2u);
}

TEST(Checks, E6FailsForMixedTemplates) {
  Report report = balanced_report();
  report.meta.template_version = "mixed";
  report = checked(std::move(report));
  EXPECT_EQ(find_check(report, "E6", "")->status, CheckStatus::Fail);
}

TEST(Checks, E6FailsForTheV2019LayoutInA2022Report) {
  Report report = balanced_report("v2019");
  report.meta.year = 2022;
  report = checked(std::move(report));
  const Check* e6 = failed_check(report, "E6", "", "report");
  ASSERT_NE(e6, nullptr);
  EXPECT_NE(e6->message.find("2022"), std::string::npos);
}

TEST(Checks, E6AcceptsTheV2021LayoutFor2020ButNotFor2019) {
  Report report = balanced_report();
  report.meta.year = 2020;
  EXPECT_EQ(find_check(checked(report), "E6", "")->status, CheckStatus::Pass);
  report.meta.year = 2019;
  EXPECT_EQ(find_check(checked(report), "E6", "")->status, CheckStatus::Fail);
  report.meta.year.reset();
  EXPECT_EQ(find_check(checked(report), "E6", "")->status, CheckStatus::NotAssessable);
}

TEST(Checks, E6IsNotAssessableForLegacyAndUnknown) {
  Report report = balanced_report();
  report.meta.template_version = "legacy";
  EXPECT_EQ(find_check(checked(report), "E6", "")->status, CheckStatus::NotAssessable);
  report.meta.template_version = "unknown";
  EXPECT_EQ(find_check(checked(report), "E6", "")->status, CheckStatus::NotAssessable);
}

TEST(Checks, E7FailsForAMissingSection) {
  Report report = balanced_report();
  report.sections.erase(report.sections.begin() + 4);   // 五
  report = checked(std::move(report));
  const Check* e7 = failed_check(report, "E7", "s5_problems", "report");
  ASSERT_NE(e7, nullptr);
  EXPECT_NE(e7->message.find("五、"), std::string::npos);
  EXPECT_EQ(find_check(report, "E7", "s4_review_litigation")->status, CheckStatus::Pass);
  EXPECT_TRUE(any_reason_contains(report, "E7 s5_problems"));
}

TEST(Checks, E7FailsForAWhollyMissingTable) {
  Report report = balanced_report();
  set_table_kind(report, "t4.", Kind::Missing, 0.0);
  report = checked(std::move(report));
  const Check* e7 = failed_check(report, "E7", "t4", "extraction");
  ASSERT_NE(e7, nullptr);
  EXPECT_EQ(e7->fields.size(), 15u);
  EXPECT_EQ(find_check(report, "E4", "review")->status, CheckStatus::NotAssessable);
  EXPECT_EQ(find_check(report, "E5", "t4")->status, CheckStatus::NotAssessable);
  EXPECT_EQ(find_check(report, "E7", "t3")->status, CheckStatus::Pass);
}

TEST(Checks, E7PassesAnUnfilledTableAndFlagsIt) {
  Report report = balanced_report();
  set_table_kind(report, "t4.", Kind::Blank, 0.95);
  report = checked(std::move(report));
  EXPECT_EQ(find_check(report, "E7", "t4")->status, CheckStatus::Pass);
  const auto unfilled = std::count_if(report.flags.begin(), report.flags.end(), [](const Flag& f) {
    return f.code == "table_unfilled" && f.field == "t4";
  });
  EXPECT_EQ(unfilled, 1);

  // Said once only when the mapping said it already.
  Report flagged = balanced_report("v2019");
  set_table_kind(flagged, "t2v19.", Kind::Blank, 0.95);
  flagged.flags.push_back({"table_unfilled", "warning", "t2v19", "表二 blank"});
  flagged = checked(std::move(flagged));
  EXPECT_EQ(std::count_if(flagged.flags.begin(), flagged.flags.end(),
                          [](const Flag& f) { return f.code == "table_unfilled"; }),
            1);
}

TEST(Checks, W4ComparesStatedCountsWithTheTables) {
  Report report = balanced_report();
  // Table 三: 新收 33, 上年结转 6, 办理总计 39. Table 四: 复议 2, 诉讼 2 + 0.
  set_overview(report,
               "（二）依申请公开\n2022年，本机关共收到政府信息公开申请39件（含上年结转6件），"
               "办结39件。被申请行政复议2件，行政诉讼3起。主动公开规范性文件4件。");
  report = checked(std::move(report));

  const auto w4 = checks_with_id(report, "W4");
  ASSERT_EQ(w4.size(), 6u);
  const Check* received = find_check(report, "W4", "t3.new_received.total+t3.carried_over.total");
  ASSERT_NE(received, nullptr);
  EXPECT_EQ(received->status, CheckStatus::Pass);
  EXPECT_EQ(received->lhs, Decimal::parse("39"));
  EXPECT_NE(received->message.find("共收到政府信息公开申请39件"), std::string::npos);
  EXPECT_EQ(find_check(report, "W4", "t3.carried_over.total")->status, CheckStatus::Pass);
  EXPECT_EQ(find_check(report, "W4", "t3.results.total.total")->status, CheckStatus::Pass);
  EXPECT_EQ(find_check(report, "W4", "t4.review.total")->status, CheckStatus::Pass);
  EXPECT_EQ(find_check(report, "W4", "t2.normative_docs.issued")->status, CheckStatus::Pass);

  const Check* litigation = failed_check(
      report, "W4", "t4.litigation.direct.total+t4.litigation.after_review.total", "report");
  ASSERT_NE(litigation, nullptr);
  EXPECT_EQ(litigation->severity, Severity::Warning);
  EXPECT_EQ(litigation->lhs, Decimal::parse("3"));
  EXPECT_EQ(litigation->rhs, Decimal::parse("2"));
  EXPECT_NE(litigation->message.find("行政诉讼3起"), std::string::npos);
  EXPECT_TRUE(has_flag(report, "t4.litigation.direct.total", "check_failed"));
  // A warning neither lowers confidence nor calls for review by itself.
  EXPECT_DOUBLE_EQ(report.field("t4.litigation.direct.total")->confidence, 0.99);
  EXPECT_FALSE(report.review.needs_review);
}

std::vector<std::pair<std::string, std::string>> w4_entries_of(const std::string& overview) {
  Report report = balanced_report();
  set_overview(report, overview);
  report = checked(std::move(report));
  std::vector<std::pair<std::string, std::string>> out;
  for (const Check* c : checks_with_id(report, "W4")) {
    out.emplace_back(c->column, c->lhs ? c->lhs->to_string() : "");
  }
  return out;
}

TEST(Checks, W4ReadsPlainReceivedCountsChineseNumeralsAndNone) {
  Report report = balanced_report();
  set_overview(report, "本年新收政府信息公开申请三十三件。");
  report = checked(std::move(report));
  const Check* w4 = find_check(report, "W4", "t3.new_received.total");
  ASSERT_NE(w4, nullptr);
  EXPECT_EQ(w4->lhs, Decimal::parse("33"));
  EXPECT_EQ(w4->status, CheckStatus::Pass);

  Report none = balanced_report();
  set_overview(none, "2022年度，本机关未收到政府信息公开申请。");
  none = checked(std::move(none));
  const Check* zero = find_check(none, "W4", "t3.new_received.total");
  ASSERT_NE(zero, nullptr);
  EXPECT_EQ(zero->lhs, Decimal::parse("0"));
  EXPECT_EQ(zero->status, CheckStatus::Fail);
}

TEST(Checks, W4ReadsNoneStatedInWords) {
  // The seed report: "一年来，我镇无申请事件，无行政复议和行政诉讼。"
  const std::string lit = "t4.litigation.direct.total+t4.litigation.after_review.total";
  const auto entries = w4_entries_of("一年来，我镇无申请事件，无行政复议和行政诉讼。");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"t3.new_received.total", "0"}, {"t4.review.total", "0"}, {lit, "0"}};
  EXPECT_EQ(entries, expected);
  // Look-alikes: outcomes, not counts.
  EXPECT_TRUE(w4_entries_of("未发生行政复议被纠错的情况。").empty());
  EXPECT_TRUE(w4_entries_of("无正当理由大量反复申请的情形。").empty());
}

TEST(Checks, W4ReviewApplicationIsNoInformationRequest) {
  Report report = balanced_report();
  set_overview(report, "全年受理行政复议申请2件。");
  report = checked(std::move(report));
  const auto w4 = checks_with_id(report, "W4");
  ASSERT_EQ(w4.size(), 1u);
  EXPECT_EQ(w4[0]->column, "t4.review.total");
}

TEST(Checks, W4IgnoresLookAlikes) {
  Report report = balanced_report();
  set_overview(report,
               "2020年，主动公开政府信息835条，答复网民留言56件，办理人大代表建议12件，"
               "无正当理由大量反复申请的情形未发生，行政复议和行政诉讼一起纳入考核，"
               "受理信访申请5件。");
  report = checked(std::move(report));
  for (const Check* c : checks_with_id(report, "W4")) {
    ADD_FAILURE() << "unexpected W4 " << c->column << ": " << c->message;
  }
}

// Sentences of the kind real section 一 texts hold, and the W4 entries (column, stated value)
// they must give, in check order.
struct W4Case {
  const char* text;
  std::vector<std::pair<std::string, std::string>> expected;
};



TEST(Checks, W4ReadsTheFormsRealReportsUse) {
  const std::string lit = "t4.litigation.direct.total+t4.litigation.after_review.total";
  const std::vector<W4Case> cases = {
      {"本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。",
       {{"t3.new_received.total", "70"},
        {"t3.results.total.total", "69"},
        {"t3.carried_forward.total", "1"}}},
      {"2023年全区接收通过邮寄、网络提交的各类政府信息公开申请共计81件，涉及自然人80件、"
       "商业企业1件。办结依申请公开81件，其中：予以公开及部分公开42件。",
       {{"t3.new_received.total", "81"},
        {"t3.results.granted.total+t3.results.partial.total", "42"},
        {"t3.results.total.total", "81"}}},
      {"全县全年共受理政府信息公开申请 749 件，其中自然人申请 741 件，法人或其他组织申请\n 8 "
       "件；共办理 718 件，结转下一年 31 件。",
       {{"t3.new_received.total", "749"},
        {"t3.results.total.total", "718"},
        {"t3.carried_forward.total", "31"}}},
      {"全年收到政府信息公开申请 34 件，上年结转政府信息公开\n申请 2 件，所有申请均已按要求办理完成。",
       {{"t3.new_received.total", "34"}, {"t3.carried_over.total", "2"}}},
      {"2025年，全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件。"
       "全年办理因政府信息公开申请引发的行政复议36起，",
       {{"t3.new_received.total", "154"},
        {"t3.results.total.total", "148"},
        {"t3.carried_forward.total", "6"},
        {"t4.review.total", "36"}}},
      {"因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。",
       {{"t4.review.total", "2"}, {lit, "7"}}},
      {"动态更新本年度制发的规范性文件77件。", {{"t2.normative_docs.issued", "77"}}},
      // Look-alikes: licences, petitions, rates.
      {"今年我局共受理审批事项117件，办结171件，办结率100%。", {}},
      {"收到群众诉求348件，现场解决162件，跟进解决186件，办结率100%。", {}},
  };
  for (const W4Case& c : cases) EXPECT_EQ(w4_entries_of(c.text), c.expected) << c.text;
}

TEST(Checks, W4NeedsATableCounterpart) {
  Report report = balanced_report();
  report.meta.template_version = "legacy";
  report.fields.clear();
  set_overview(report, "共收到政府信息公开申请21件，办结21件。");
  report = checked(std::move(report));
  EXPECT_TRUE(checks_with_id(report, "W4").empty());
}

TEST(Checks, W4OnAHugeOverviewStaysFastAndBounded) {
  // 4 MB of "办结1件" without a sentence stop, then "收到政府信息公开申请" statements.
  std::string text;
  for (int i = 0; i < 400000; ++i) text += "办结1件";
  for (int i = 0; i < 1000; ++i) text += "共收到政府信息公开申请39件，";
  Report report = balanced_report();
  set_overview(report, text);
  const auto start = std::chrono::steady_clock::now();
  report.prose = find_prose(report.sections, Limits{}).facts;
  run_checks(report, Document{});
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, std::chrono::seconds(10));
  EXPECT_LE(checks_with_id(report, "W4").size(), 64u);
  for (const Check* c : checks_with_id(report, "W4")) EXPECT_LE(c->message.size(), 600u);
}

TEST(Checks, W4WithoutOverviewFindsNothing) {
  Report report = balanced_report();
  report.sections.erase(report.sections.begin());
  report = checked(std::move(report));
  EXPECT_TRUE(checks_with_id(report, "W4").empty());
}

TEST(Review, ErrorFlagCallsForReview) {
  Report report = balanced_report();
  report.flags.push_back({"tables_not_found", "error", "", "no statistics table was recognised"});
  report.flags.push_back({"version_from_year", "warning", "", "told by the year"});
  report = checked(std::move(report));
  EXPECT_TRUE(report.review.needs_review);
  EXPECT_TRUE(any_reason_contains(report, "tables_not_found"));
  EXPECT_FALSE(any_reason_contains(report, "version_from_year"));
  EXPECT_DOUBLE_EQ(report.review.confidence, 0.5);
}

TEST(Review, UnfilledTableCallsForReview) {
  Report report = balanced_report();
  report.flags.push_back({"table_unfilled", "warning", "t4", "every cell is blank"});
  report = checked(std::move(report));
  EXPECT_TRUE(report.review.needs_review);
  EXPECT_TRUE(any_reason_contains(report, "table_unfilled"));
  // Look-alike: another warning does not.
  Report other = balanced_report();
  other.flags.push_back({"encoding_guessed", "warning", "", "GB18030 by detection"});
  other = checked(std::move(other));
  EXPECT_FALSE(other.review.needs_review);
}

TEST(Review, LowConfidenceCellsAreOneReasonNamingTheFirstFive) {
  Report report = balanced_report();
  int lowered = 0;
  for (Field& f : report.fields) {
    if (f.key.rfind("t3.results.granted.", 0) == 0 || f.key.rfind("t3.results.partial.", 0) == 0) {
      if (lowered < 12) {
        f.confidence = 0.5;
        ++lowered;
      }
    }
  }
  report = checked(std::move(report));
  EXPECT_TRUE(report.review.needs_review);
  ASSERT_EQ(report.review.reasons.size(), 1u);
  const std::string& reason = report.review.reasons[0];
  EXPECT_EQ(reason.rfind("12 个单元格读取置信度低于 0.9", 0), 0u) << reason;
  EXPECT_NE(reason.find("t3.results.granted.natural_person"), std::string::npos);
  EXPECT_EQ(reason.find("t3.results.partial.commercial"), std::string::npos);   // 7th
  EXPECT_NEAR(report.review.confidence, 1.0 - 12.0 / 200.0, 1e-9);
}

TEST(Review, DerivedCellsDoNotCount) {
  Report report = balanced_report();
  Field derived;
  derived.key = "t3.results.denied.subtotal.total";
  derived.kind = Kind::Number;
  derived.value = Decimal::from_int(0);
  derived.derived = true;
  derived.confidence = 0.3;
  report.fields.push_back(derived);
  report = checked(std::move(report));
  EXPECT_FALSE(report.review.needs_review);
}

TEST(Review, MissingCellOfAPresentTableIsAReason) {
  Report report = balanced_report();
  set_kind(report, "t2.coercion.decisions", Kind::Missing);
  report.field("t2.coercion.decisions")->confidence = 0.0;
  report = checked(std::move(report));
  EXPECT_TRUE(report.review.needs_review);
  EXPECT_TRUE(any_reason_contains(report, "1 个单元格未找到 (cells not found): t2.coercion.decisions"));
}

TEST(Review, WhollyMissingTableIsOneReason) {
  Report report = balanced_report();
  set_table_kind(report, "t3.", Kind::Missing, 0.0);
  report.flags.push_back({"table_missing", "error", "t3", "表三 not found"});
  report = checked(std::move(report));
  EXPECT_TRUE(report.review.needs_review);
  ASSERT_EQ(report.review.reasons.size(), 1u) << report.review.reasons[1];
  EXPECT_EQ(report.review.reasons[0].rfind("E7 t3", 0), 0u);
  EXPECT_LE(report.review.confidence, 0.5);
}

TEST(Review, ReasonsAreCappedAndDeduplicated) {
  Report report = balanced_report();
  // Every t3 row total off by one: 25 E3 failures, plus E1/E2 on the total column.
  for (Field& f : report.fields) {
    if (f.key.rfind("t3.", 0) == 0 && f.key.size() > 6 &&
        f.key.compare(f.key.size() - 6, 6, ".total") == 0) {
      f.value = f.value->plus(Decimal::from_int(1));
    }
  }
  report.flags.push_back({"tables_not_found", "error", "", "same"});
  report.flags.push_back({"tables_not_found", "error", "", "same"});
  report = checked(std::move(report));
  ASSERT_EQ(report.review.reasons.size(), 20u);
  EXPECT_EQ(report.review.reasons.back().rfind("… 另有", 0), 0u);
  std::vector<std::string> sorted = report.review.reasons;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end());
}

TEST(Review, EmptyReportHasZeroConfidence) {
  Report report;
  report.meta.template_version = "unknown";
  report = checked(std::move(report));
  EXPECT_TRUE(report.review.needs_review);
  EXPECT_DOUBLE_EQ(report.review.confidence, 0.0);
  // Nothing found at all: our reading is the first suspect.
  EXPECT_NE(failed_check(report, "E7", "s1_overview", "extraction"), nullptr);
  EXPECT_NE(failed_check(report, "E7", "t3", "extraction"), nullptr);
  EXPECT_EQ(find_check(report, "E1", "total")->status, CheckStatus::NotAssessable);
  EXPECT_TRUE(checks_with_id(report, "E6").size() == 1 &&
              find_check(report, "E6", "")->status == CheckStatus::NotAssessable);
}

TEST(Checks, E7IsNotAssessableForAPre2019Report) {
  Report report;
  report.meta.template_version = "legacy";
  report = checked(std::move(report));
  for (const Check* c : checks_with_id(report, "E7")) {
    EXPECT_EQ(c->status, CheckStatus::NotAssessable) << c->column;
  }
}

}  // namespace
}  // namespace xxgknb
