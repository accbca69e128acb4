// Dataset: the cross-report checks W1–W3 and W6 (cross_checks.h) — pairing reports of the
// same agency in consecutive years, near-duplicates by text and tables, and the rows of
// `cross_checks`.
#include "dataset/cross_checks.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

#include "checks/rules.h"
#include "dataset/corrections.h"
#include "dataset/schema.h"
#include "dataset/sqlite_util.h"
#include "emit/read_json.h"
#include "normalize/normalize.h"
#include "templates/spec.h"

namespace xxgknb::dataset {
namespace {

// Fields of the earlier report inside the combined report an equation is assessed on.
constexpr std::string_view kEarlier = "earlier:";

// W6 by text: how alike two reports' section texts must be (character trigrams, digits and
// the agency's name left out) to count as the same text; CASS found reports "与去年的重复率
// 竟达90%". Texts shorter than kMinComparableChars characters are not compared.
constexpr double kSameTextSimilarity = 0.9;
constexpr std::size_t kMinComparableChars = 200;
// W6 by tables: identical only counts with at least this many numbers, this many of them
// non-zero (two small bodies both reporting all zeros are not copying each other).
constexpr std::size_t kMinTableNumbers = 10;
constexpr std::size_t kMinNonZeroNumbers = 3;

// Pairing confidence when the agencies are equal only once normalised.
constexpr double kNormalisedAgencyConfidence = 0.9;

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool has_table(const Report& report, std::string_view prefix) {
  return std::any_of(report.fields.begin(), report.fields.end(),
                     [&](const Field& f) { return starts_with(f.key, prefix); });
}

std::string year_text(const Report& report) {
  return report.meta.year ? std::to_string(*report.meta.year) : std::string("?");
}

// The later report's fields as they are and the earlier's under kEarlier, in one report.
Report combined(const Report& later, const Report& earlier) {
  Report both;
  both.fields = later.fields;
  for (const Field& f : earlier.fields) {
    Field copy = f;
    copy.key = std::string(kEarlier) + f.key;
    both.fields.push_back(std::move(copy));
  }
  both.index_fields();
  return both;
}

std::string earlier_key(const std::string& key) { return std::string(kEarlier) + key; }

CrossCheck assess(const Report& both, checks::Equation equation, const Pairing& pairing,
                  const std::string& earlier_year) {
  equation.severity = Severity::Warning;
  equation.report_note = "两份报告的数字不衔接 / the two reports' figures do not agree";
  CrossCheck out;
  out.check = checks::assess_equation(both, equation);
  out.pairing = pairing;
  for (const std::string& key : out.check.fields) {
    if (starts_with(key, kEarlier)) {
      out.earlier_fields.push_back(key.substr(kEarlier.size()));
    } else {
      out.later_fields.push_back(key);
    }
  }
  // The message names keys as the reports do, not as the combined report held them.
  std::string& message = out.check.message;
  for (std::size_t at = message.find(kEarlier); at != std::string::npos;
       at = message.find(kEarlier, at)) {
    message.replace(at, kEarlier.size(), earlier_year + "年 ");
  }
  out.check.fields = out.later_fields;
  for (const std::string& key : out.earlier_fields) out.check.fields.push_back(key);
  return out;
}

const ColumnSpec* column_of(const RowSpec& row, std::string_view key) {
  for (const ColumnSpec& column : row.columns) {
    if (key == column.key) return &column;
  }
  return nullptr;
}

std::string cell(const TableSpec& table, const RowSpec& row, const ColumnSpec& column) {
  return field_key(table, row, column);
}

}  // namespace

std::string normalised_agency(const std::string& agency) { return label_key(agency); }

std::optional<Pairing> pair_consecutive(const Report& later, const Report& earlier,
                                        int candidates) {
  const bool consecutive = later.meta.year && earlier.meta.year &&
                           *later.meta.year == *earlier.meta.year + 1;
  if (!consecutive || later.meta.agency.empty() || earlier.meta.agency.empty()) return std::nullopt;
  Pairing pairing;
  if (later.meta.agency == earlier.meta.agency) {
    pairing = {"agency_exact", 1.0};
  } else if (normalised_agency(later.meta.agency) == normalised_agency(earlier.meta.agency)) {
    pairing = {"agency_normalised", kNormalisedAgencyConfidence};
  } else {
    return std::nullopt;
  }
  if (candidates > kMaxPairCandidates) return std::nullopt;
  if (candidates > 1) {
    pairing.how += ", one of " + std::to_string(candidates) + " reports for " + year_text(earlier);
    pairing.confidence /= candidates;
  }
  return pairing;
}

std::vector<CrossCheck> consecutive_year_checks(const Report& later, const Report& earlier,
                                                const Pairing& pairing) {
  std::vector<CrossCheck> out;
  const Report both = combined(later, earlier);
  const std::string y = year_text(later), y0 = year_text(earlier);

  // W1, per column of table 三: "二、上年结转" of Y equals "四、结转下年度继续办理" of Y−1.
  const TemplateSpec& t3_later = checks::t3_template(later);
  const TableSpec& t3 = *t3_later.t3;
  const RowSpec* carried_over = nullptr;
  const RowSpec* carried_forward = nullptr;
  for (const RowSpec& row : t3.rows) {
    if (std::string_view(row.key) == "carried_over") carried_over = &row;
    if (std::string_view(row.key) == "carried_forward") carried_forward = &row;
  }
  if (carried_over != nullptr && carried_forward != nullptr) {
    for (const ColumnSpec& column : carried_over->columns) {
      checks::Equation eq;
      eq.id = "W1";
      eq.column = column.key;
      eq.expr = "carried_over(Y) == carried_forward(Y-1)";
      eq.scope = std::string("表三 ") + column.label + "列 (" + y + " / " + y0 + ")";
      eq.lhs = {{y + "年 " + carried_over->short_label, {cell(t3, *carried_over, column)}, {}}};
      eq.rhs = {{y0 + "年 " + carried_forward->short_label,
                 {earlier_key(cell(t3, *carried_forward, column))}, {}}};
      out.push_back(assess(both, std::move(eq), pairing, y0));
    }
  }

  // W2, per row of the 2021 table 二 with 现行有效: in_force(Y) == in_force(Y−1) + issued(Y)
  // − repealed(Y), assessed as in_force(Y) + repealed(Y) == in_force(Y−1) + issued(Y).
  const TableSpec& t2 = *template_v2021().t2;
  if (has_table(later, "t2.") && has_table(earlier, "t2.")) {
    for (const RowSpec& row : t2.rows) {
      const ColumnSpec* in_force = column_of(row, "in_force");
      const ColumnSpec* issued = column_of(row, "issued");
      const ColumnSpec* repealed = column_of(row, "repealed");
      if (in_force == nullptr || issued == nullptr || repealed == nullptr) continue;
      checks::Equation eq;
      eq.id = "W2";
      eq.column = row.key;
      eq.expr = "in_force(Y) == in_force(Y-1) + issued(Y) - repealed(Y)";
      eq.scope = std::string("表二 ") + row.labels.front() + " (" + y + " / " + y0 + ")";
      eq.lhs = {{y + "年 " + in_force->label, {cell(t2, row, *in_force)}, {}},
                {y + "年 " + repealed->label, {cell(t2, row, *repealed)}, {}}};
      eq.rhs = {{y0 + "年 " + in_force->label, {earlier_key(cell(t2, row, *in_force))}, {}},
                {y + "年 " + issued->label, {cell(t2, row, *issued)}, {}}};
      out.push_back(assess(both, std::move(eq), pairing, y0));
    }
  }

  // W3, per row of the 2019 table 二 with 上一年项目数量 and 本年增/减:
  // prev_items(Y) == prev_items(Y−1) + change(Y−1).
  const TableSpec& t2v19 = *template_v2019().t2;
  if (has_table(later, "t2v19.") && has_table(earlier, "t2v19.")) {
    for (const RowSpec& row : t2v19.rows) {
      const ColumnSpec* prev_items = column_of(row, "prev_items");
      const ColumnSpec* change = column_of(row, "change");
      if (prev_items == nullptr || change == nullptr) continue;
      checks::Equation eq;
      eq.id = "W3";
      eq.column = row.key;
      eq.expr = "prev_items(Y) == prev_items(Y-1) + change(Y-1)";
      eq.scope = std::string("表二 ") + row.labels.front() + " (" + y + " / " + y0 + ")";
      eq.lhs = {{y + "年 " + prev_items->label, {cell(t2v19, row, *prev_items)}, {}}};
      eq.rhs = {{y0 + "年 " + prev_items->label, {earlier_key(cell(t2v19, row, *prev_items))}, {}},
                {y0 + "年 " + change->label, {earlier_key(cell(t2v19, row, *change))}, {}}};
      out.push_back(assess(both, std::move(eq), pairing, y0));
    }
  }
  return out;
}

namespace {

// What W6 compares of one report, kept for every report of the dataset at once.
struct Summary {
  std::int64_t id = 0;
  std::string agency;                      // as read
  std::string agency_key;                  // normalised_agency()
  std::optional<int> year;
  std::string table_signature;             // every number read, "key=value\n" in template order
  bool tables_comparable = false;          // kMinTableNumbers and kMinNonZeroNumbers reached
  std::string text;                        // normalised section text (comparable_text)
};

// Section text as W6 compares it: folded, without whitespace, digits or the agency's name
// (a copied report changes those first).
std::string comparable_text(const Report& report) {
  std::string joined;
  for (const Section& section : report.sections) joined += section.text;
  std::string folded = label_key(joined);
  const std::string agency = normalised_agency(report.meta.agency);
  if (!agency.empty()) {
    for (std::size_t at = folded.find(agency); at != std::string::npos; at = folded.find(agency, at)) {
      folded.erase(at, agency.size());
    }
  }
  folded.erase(std::remove_if(folded.begin(), folded.end(),
                              [](char c) { return c >= '0' && c <= '9'; }),
               folded.end());
  return folded;
}

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// The set of character trigrams of a text, as sorted 64-bit FNV-1a hashes.
std::vector<std::uint64_t> trigrams(std::string_view text) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  starts.push_back(text.size());
  std::vector<std::uint64_t> out;
  for (std::size_t i = 0; i + 3 < starts.size(); ++i) {
    std::uint64_t h = 1469598103934665603ull;
    for (std::size_t b = starts[i]; b < starts[i + 3]; ++b) {
      h = (h ^ static_cast<unsigned char>(text[b])) * 1099511628211ull;
    }
    out.push_back(h);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Jaccard similarity of two texts' trigram sets.
double similarity(std::string_view a, std::string_view b) {
  const std::vector<std::uint64_t> x = trigrams(a), y = trigrams(b);
  std::size_t common = 0;
  for (std::size_t i = 0, j = 0; i < x.size() && j < y.size();) {
    if (x[i] == y[j]) {
      ++common, ++i, ++j;
    } else if (x[i] < y[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  const std::size_t all = x.size() + y.size() - common;
  return all == 0 ? 0.0 : static_cast<double>(common) / static_cast<double>(all);
}

Summary summarise(std::int64_t id, const Report& report) {
  Summary s;
  s.id = id;
  s.agency = report.meta.agency;
  s.agency_key = normalised_agency(report.meta.agency);
  s.year = report.meta.year;
  std::size_t numbers = 0, non_zero = 0;
  for (const Field& f : report.fields) {
    if (f.derived || f.kind != Kind::Number || !f.value) continue;
    ++numbers;
    if (!f.value->is_zero()) ++non_zero;
    s.table_signature += f.key + "=" + f.value->to_string() + "\n";
  }
  s.tables_comparable = numbers >= kMinTableNumbers && non_zero >= kMinNonZeroNumbers;
  s.text = comparable_text(report);
  if (code_points(s.text) < kMinComparableChars) s.text.clear();
  return s;
}

// Two decimals of a share, exactly as printed: 0.934 → "0.93".
Decimal two_decimals(double share) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.2f", std::floor(share * 100.0) / 100.0);
  return Decimal::parse(buffer).value_or(Decimal());
}

CrossCheck w6(const char* column, std::string expr, CheckStatus status, std::string message,
              Pairing pairing) {
  CrossCheck out;
  out.check.id = "W6";
  out.check.severity = Severity::Warning;
  out.check.status = status;
  out.check.column = column;
  out.check.expr = std::move(expr);
  out.check.message = std::move(message);
  // A copy is the report's doing; there is no reading of ours in doubt.
  if (status == CheckStatus::Fail) out.check.blame = Blame::Report;
  out.pairing = std::move(pairing);
  return out;
}

constexpr const char* kTextExpr =
    "text similarity < 0.9 (character trigrams; whitespace, digits and the agency's name left out)";
constexpr const char* kTablesExpr = "tables differ (every number of tables 二, 三 and 四 equal)";

std::string who(const Summary& s) {
  return s.agency + " " + (s.year ? std::to_string(*s.year) : std::string("?")) +
         " (document " + std::to_string(s.id) + ")";
}

// W6 against the previous year's report of the same agency: a pass or a failure each for
// text and tables, when they can be compared.
std::vector<CrossCheck> previous_year_w6(const Summary& later, const Summary& earlier,
                                         const Pairing& pairing) {
  std::vector<CrossCheck> out;
  if (!later.text.empty() && !earlier.text.empty()) {
    const double share = similarity(later.text, earlier.text);
    const bool same = share >= kSameTextSimilarity;
    const int percent = static_cast<int>(std::floor(share * 100.0));
    CrossCheck c = w6("text", kTextExpr, same ? CheckStatus::Fail : CheckStatus::Pass,
                      "正文与上年报告相似度 " + std::to_string(percent) + "% (the text is " +
                          std::to_string(percent) + "% the same as that of " + who(earlier) + ")",
                      pairing);
    c.check.lhs = two_decimals(share);
    c.check.rhs = Decimal::parse("0.9");
    out.push_back(std::move(c));
  }
  if (later.tables_comparable && earlier.tables_comparable) {
    const bool same = later.table_signature == earlier.table_signature;
    out.push_back(w6("tables", kTablesExpr, same ? CheckStatus::Fail : CheckStatus::Pass,
                     same ? "表格数据与上年报告完全相同 (every number equals that of " + who(earlier) + ")"
                          : "表格数据与上年报告不同 (the tables differ from those of " + who(earlier) + ")",
                     pairing));
  }
  return out;
}

struct Stored {
  std::int64_t later = 0, earlier = 0;
  CrossCheck check;
};

std::optional<std::string> decimal_text(const std::optional<Decimal>& d) {
  if (!d) return std::nullopt;
  return d->to_string();
}

// Which values the checks are run on: the extracted ones (`cross_checks`), or those with the
// corrections in force in their place (`corrected_cross_checks`).
enum class Values { Extracted, Corrected };

std::string load_report(sqlite3* db, std::int64_t id, Values values, Report& report) {
  Statement q(db, "SELECT report_json FROM documents WHERE id = ?");
  if (!q.ok()) return q.error();
  q.bind(1, id);
  if (q.step() != SQLITE_ROW) return "document " + std::to_string(id) + " is gone";
  std::string text = q.text(0);
  if (values == Values::Corrected) {
    std::vector<AppliedCorrection> corrections;
    if (std::string e = corrections_in_force(db, id, corrections); !e.empty()) return e;
    if (!corrections.empty()) text = corrected_report_json(text, corrections);
  }
  Result<Report, JsonReadError> r = report_from_json(text);
  if (!r) return "document " + std::to_string(id) + ": report_json: " + r.error().message;
  report = std::move(r).value();
  return {};
}

std::string write_rows(sqlite3* db, const char* table, const std::vector<Stored>& rows) {
  Statement insert(db,
                   std::string("INSERT INTO ") + table + " (document_id, other_document_id, id, status, "
                   "column_key, expr, lhs, rhs, fields, message, pairing, pairing_confidence, "
                   "blame) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!insert.ok()) return insert.error();
  for (const Stored& s : rows) {
    const Check& c = s.check.check;
    insert.reset();
    insert.bind(1, s.later);
    insert.bind(2, s.earlier);
    insert.bind(3, std::string_view(c.id));
    insert.bind(4, std::string_view(status_name(c.status)));
    insert.bind(5, c.column.empty() ? std::nullopt : std::optional<std::string>(c.column));
    insert.bind(6, std::string_view(c.expr));
    insert.bind(7, decimal_text(c.lhs));
    insert.bind(8, decimal_text(c.rhs));
    insert.bind(9, std::string_view(cross_check_fields(s.check, s.later, s.earlier)));
    insert.bind(10, std::string_view(c.message));
    insert.bind(11, std::string_view(s.check.pairing.how));
    insert.bind(12, s.check.pairing.confidence);
    const std::string blame = blame_name(c.blame);
    insert.bind(13, blame.empty() ? std::nullopt : std::optional<std::string>(blame));
    if (insert.step() != SQLITE_DONE) return insert.error();
  }
  return {};
}

std::string compute(sqlite3* db, Values values, std::vector<Stored>& rows) {
  std::vector<Summary> all;
  {
    Statement q(db, "SELECT id FROM documents WHERE status != 'error' ORDER BY id");
    if (!q.ok()) return q.error();
    std::vector<std::int64_t> ids;
    int rc;
    while ((rc = q.step()) == SQLITE_ROW) ids.push_back(q.integer(0));
    if (rc != SQLITE_DONE) return q.error();
    for (const std::int64_t id : ids) {
      Report report;
      if (std::string e = load_report(db, id, values, report); !e.empty()) return e;
      all.push_back(summarise(id, report));
    }
  }
  // The same agency in consecutive years: W1–W3 and W6 against the previous year.
  std::map<std::pair<std::string, int>, std::vector<const Summary*>> by_agency_year;
  for (const Summary& s : all) {
    if (!s.agency_key.empty() && s.year) by_agency_year[{s.agency_key, *s.year}].push_back(&s);
  }
  for (const Summary& later : all) {
    if (later.agency_key.empty() || !later.year) continue;
    const auto found = by_agency_year.find({later.agency_key, *later.year - 1});
    if (found == by_agency_year.end()) continue;
    if (found->second.size() > static_cast<std::size_t>(kMaxPairCandidates)) continue;
    Report later_report;
    if (std::string e = load_report(db, later.id, values, later_report); !e.empty()) return e;
    const int candidates = static_cast<int>(found->second.size());
    for (const Summary* earlier : found->second) {
      Report earlier_report;
      if (std::string e = load_report(db, earlier->id, values, earlier_report); !e.empty()) return e;
      const std::optional<Pairing> pairing =
          pair_consecutive(later_report, earlier_report, candidates);
      if (!pairing) continue;
      for (CrossCheck& c : consecutive_year_checks(later_report, earlier_report, *pairing)) {
        rows.push_back({later.id, earlier->id, std::move(c)});
      }
      for (CrossCheck& c : previous_year_w6(later, *earlier, *pairing)) {
        rows.push_back({later.id, earlier->id, std::move(c)});
      }
    }
  }
  // W6 across the dataset: the same text or the same tables as an earlier report (by year,
  // then id) of another agency, or of the same agency in another year than the previous.
  auto same_group = [&](auto signature, const char* column, const char* expr, const char* how,
                        const char* what) {
    std::map<std::string, std::vector<const Summary*>> groups;
    for (const Summary& s : all) {
      const std::string& sig = signature(s);
      if (!sig.empty()) groups[sig].push_back(&s);
    }
    for (auto& [sig, members] : groups) {
      if (members.size() < 2) continue;
      std::sort(members.begin(), members.end(), [](const Summary* a, const Summary* b) {
        return std::make_pair(a->year.value_or(0), a->id) < std::make_pair(b->year.value_or(0), b->id);
      });
      const Summary& first = *members.front();
      for (std::size_t i = 1; i < members.size(); ++i) {
        const Summary& m = *members[i];
        const bool previous_year = m.agency_key == first.agency_key && m.year && first.year &&
                                   *m.year == *first.year + 1;
        if (previous_year) continue;   // said by the consecutive-year W6 above
        rows.push_back({m.id, first.id,
                        w6(column, expr, CheckStatus::Fail,
                           std::string(what) + " " + who(first), {how, 1.0})});
      }
    }
  };
  same_group([](const Summary& s) -> const std::string& { return s.text; }, "text", kTextExpr,
             "identical_text", "正文与另一份报告相同 (the same text, once digits and agency names are "
             "left out, as)");
  static const std::string kNone;
  same_group([](const Summary& s) -> const std::string& {
               return s.tables_comparable ? s.table_signature : kNone;
             },
             "tables", kTablesExpr, "identical_tables",
             "表格数据与另一份报告完全相同 (every number equals that of)");
  return {};
}

}  // namespace

std::string cross_check_fields(const CrossCheck& check, std::optional<std::int64_t> later_id,
                               std::int64_t earlier_id) {
  nlohmann::ordered_json array = nlohmann::ordered_json::array();
  const nlohmann::ordered_json later = later_id ? nlohmann::ordered_json(*later_id) : nullptr;
  for (const std::string& key : check.later_fields) {
    array.push_back({{"document_id", later}, {"key", key}});
  }
  for (const std::string& key : check.earlier_fields) {
    array.push_back({{"document_id", earlier_id}, {"key", key}});
  }
  return array.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string replace_cross_checks(sqlite3* db) {
  std::vector<Stored> rows;
  if (std::string e = compute(db, Values::Extracted, rows); !e.empty()) return "cross-report checks: " + e;
  // On the corrected values only when some are: otherwise the rows would be the same.
  std::vector<Stored> corrected;
  bool any_correction = false;
  if (has_corrections(db)) {
    Statement q(db, "SELECT 1 FROM corrections LIMIT 1");
    if (!q.ok()) return "cross-report checks: " + q.error();
    any_correction = q.step() == SQLITE_ROW;
  }
  if (any_correction) {
    if (std::string e = compute(db, Values::Corrected, corrected); !e.empty()) {
      return "cross-report checks on corrected values: " + e;
    }
  }
  std::string e = exec(db, "DELETE FROM cross_checks");
  if (e.empty()) e = write_rows(db, "cross_checks", rows);
  if (e.empty()) e = exec(db, "DELETE FROM corrected_cross_checks");
  if (e.empty()) e = write_rows(db, "corrected_cross_checks", corrected);
  return e.empty() ? e : "cross-report checks: cannot store the results: " + e;
}

std::string run_cross_checks(sqlite3* db) {
  // A dataset of an older schema gains corrected_cross_checks (and the rest) first.
  if (std::string e = create_schema(db); !e.empty()) return "cross-report checks: " + e;
  if (std::string e = exec(db, "BEGIN IMMEDIATE"); !e.empty()) return "cross-report checks: " + e;
  std::string e = replace_cross_checks(db);
  if (e.empty()) {
    if (std::string c = exec(db, "COMMIT"); !c.empty()) e = "cross-report checks: " + c;
  }
  if (!e.empty()) {
    const std::string rollback = exec(db, "ROLLBACK");
    return e + (rollback.empty() ? "" : " (and the rollback failed: " + rollback + ")");
  }
  return {};
}

}  // namespace xxgknb::dataset
