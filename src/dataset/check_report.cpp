// Dataset: `xxgknb check` (check_report.h) — a report read back from JSON, its template
// checks rerun, the previous year's report found in a dataset, and the verdict as JSON.
#include "dataset/check_report.h"

#include <sqlite3.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "checks/checks.h"
#include "dataset/sqlite_util.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb::dataset {
namespace {

using Json = nlohmann::ordered_json;

Json decimal_json(const std::optional<Decimal>& d) {
  if (!d) return nullptr;
  if (d->scale() == 0) {
    if (const std::optional<std::int64_t> n = d->to_int64()) return *n;
  }
  return d->exact_in_double() ? Json(d->to_double()) : Json(d->to_string());
}

// The dataset's reports of the same agency for the year before, each with its pairing.
std::string previous_year(sqlite3* db, const Report& report, CheckedReport& out) {
  if (!report.meta.year || report.meta.agency.empty()) return {};
  Statement q(db, "SELECT id, report_json FROM documents WHERE year = ? AND status != 'error' "
                  "ORDER BY id");
  if (!q.ok()) return q.error();
  q.bind(1, static_cast<std::int64_t>(*report.meta.year - 1));
  std::vector<std::pair<std::int64_t, Report>> candidates;
  int rc;
  while ((rc = q.step()) == SQLITE_ROW) {
    Result<Report, JsonReadError> earlier = report_from_json(q.text(1));
    if (!earlier) {
      return "document " + std::to_string(q.integer(0)) + ": report_json: " + earlier.error().message;
    }
    if (normalised_agency(earlier->meta.agency) == normalised_agency(report.meta.agency)) {
      candidates.emplace_back(q.integer(0), std::move(earlier).value());
    }
  }
  if (rc != SQLITE_DONE) return q.error();
  for (const auto& [id, earlier] : candidates) {
    const std::optional<Pairing> pairing =
        pair_consecutive(report, earlier, static_cast<int>(candidates.size()));
    if (!pairing) continue;
    for (CrossCheck& c : consecutive_year_checks(report, earlier, *pairing)) {
      out.cross_checks.push_back(std::move(c));
      out.earlier_ids.push_back(id);
    }
  }
  return {};
}

}  // namespace

Result<CheckedReport, JsonReadError> check_report(std::string_view json, sqlite3* db) {
  Result<Report, JsonReadError> read = report_from_json(json);
  if (!read) return std::move(read).error();
  CheckedReport out;
  out.report = std::move(read).value();
  Report& report = out.report;
  report.checks.clear();
  run_checks(report, Document{});
  assess_review(report, Options{});
  if (db != nullptr) {
    if (std::string e = previous_year(db, report, out); !e.empty()) {
      JsonReadError error;
      error.message = "cannot read the dataset: " + e;
      return error;
    }
  }
  for (const Check& c : report.checks) {
    if (c.status != CheckStatus::Fail) continue;
    (c.severity == Severity::Error ? out.error_failed : out.warning_failed) = true;
  }
  for (const CrossCheck& c : out.cross_checks) {
    if (c.check.status == CheckStatus::Fail) out.warning_failed = true;
  }
  return out;
}

std::string checked_report_json(const CheckedReport& checked, bool pretty) {
  // The checks, flags and review exactly as `extract` prints them.
  const Json report = Json::parse(to_json(checked.report), nullptr, false);
  Json j = Json::object();
  j["schema"] = "xxgknb.check/1";
  j["meta"] = Json::object();
  j["meta"]["agency"] = checked.report.meta.agency;
  j["meta"]["year"] = checked.report.meta.year ? Json(*checked.report.meta.year) : Json(nullptr);
  j["meta"]["template"] = checked.report.meta.template_version;
  j["passed"] = !checked.error_failed;
  j["checks"] = report.is_object() ? report["checks"] : Json::array();
  j["cross_checks"] = Json::array();
  for (std::size_t i = 0; i < checked.cross_checks.size(); ++i) {
    const CrossCheck& c = checked.cross_checks[i];
    Json x = Json::object();
    x["id"] = c.check.id;
    x["severity"] = severity_name(c.check.severity);
    x["status"] = status_name(c.check.status);
    x["column"] = c.check.column.empty() ? Json(nullptr) : Json(c.check.column);
    x["expr"] = c.check.expr;
    x["lhs"] = decimal_json(c.check.lhs);
    x["rhs"] = decimal_json(c.check.rhs);
    x["fields"] = Json::parse(cross_check_fields(c, std::nullopt, checked.earlier_ids[i]));
    x["message"] = c.check.message;
    const std::string blame = blame_name(c.check.blame);
    x["blame"] = blame.empty() ? Json(nullptr) : Json(blame);
    x["other_document_id"] = checked.earlier_ids[i];
    x["pairing"] = c.pairing.how;
    x["pairing_confidence"] = c.pairing.confidence;
    j["cross_checks"].push_back(std::move(x));
  }
  j["flags"] = report.is_object() ? report["flags"] : Json::array();
  j["review"] = report.is_object() ? report["review"] : Json::object();
  return j.dump(pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace xxgknb::dataset
