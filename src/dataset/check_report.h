// Dataset: `xxgknb check` as a library call — a report in our JSON shape, filled in by hand
// or produced by another tool, run through the same checks as an extracted one (E1–E7, W4)
// and, against a dataset, W1–W3 with the previous year's report of the same agency.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dataset/cross_checks.h"
#include "emit/read_json.h"
#include "xxgknb/report.h"
#include "xxgknb/result.h"

struct sqlite3;

namespace xxgknb::dataset {

struct CheckedReport {
  Report report;   // checks, check_failed flags and review recomputed
  // W1–W3 against `earlier_ids[i]`, the dataset's report the pairing found.
  std::vector<CrossCheck> cross_checks;
  std::vector<std::int64_t> earlier_ids;
  // Whether an error rule failed, and whether a warning rule (W1–W4) did.
  bool error_failed = false;
  bool warning_failed = false;
};

// Reads `json` (report_from_json: what is required and what defaults) and runs the checks;
// with `db` (may be null), the cross-report checks too. A dataset that cannot be read is an
// error whose message says so, like a JSON text that is not a report.
Result<CheckedReport, JsonReadError> check_report(std::string_view json, sqlite3* db);

// The result as one JSON object (docs/cli.md, "check"): schema "xxgknb.check/1", meta,
// passed, checks, cross_checks, flags, review.
std::string checked_report_json(const CheckedReport& checked, bool pretty);

}  // namespace xxgknb::dataset
