// Dataset: the corrections layer (docs/review.md) — corrections exported from the review
// pages merged into a dataset beside the extracted fields, never over them, and the checks
// run again on the corrected values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace xxgknb::dataset {

inline constexpr const char* kCorrectionsSchemaId = "xxgknb.corrections/1";

// A document whose checks were run again on its corrected values.
struct Rechecked {
  std::int64_t document_id = 0;
  std::string path;
  std::vector<std::string> failing_before;   // ids of the extracted report's failing checks
  std::vector<std::string> failing_after;    // … and of the corrected one's
};

struct ApplyResult {
  std::string error;                  // the file or the dataset failed: nothing was applied
  int applied = 0;                    // new correction rows
  int already = 0;                    // the same correction was in the dataset already
  std::vector<std::string> refused;   // corrections not applied, each with why
  std::vector<Rechecked> rechecked;
};

// Merges a corrections file ({"schema": "xxgknb.corrections/1", "reports": [{"sha256",
// "path", "corrections": [{"key", "extracted", "corrected", "note", "who", "when"}]}]})
// into `db` in one transaction, recording `applied_at`. A correction is refused (and said)
// when its report or key is not in the dataset, when the value it says was extracted is not
// the dataset's (the report was read again since), or when its value is no number; the
// others are applied. Then every document with corrections has its template checks run on
// the corrected values (corrected_checks). The extracted rows are never changed.
ApplyResult apply_corrections(sqlite3* db, std::string_view json, const std::string& applied_at);

// Whether the dataset has the corrections layer (schema version 2 or a later one).
bool has_corrections(sqlite3* db);

// A correction in force (the latest of its document and key), as a review page shows it.
struct AppliedCorrection {
  std::string key;
  std::optional<std::string> extracted;   // the value the auditor's page showed
  std::optional<std::string> corrected;   // none: a blank cell
  std::string note, who, corrected_at, applied_at;
};

// The corrections in force for one document, by key; empty for a dataset without the
// corrections layer. "" or why not.
std::string corrections_in_force(sqlite3* db, std::int64_t document_id,
                                 std::vector<AppliedCorrection>& out);

// `report_json` with each corrected field replaced by the auditor's value (a number read with
// certainty and flag "corrected", or a blank cell): what the checks run on again.
std::string corrected_report_json(std::string_view report_json,
                                  const std::vector<AppliedCorrection>& corrections);

// The checks run again on one document's corrected values, as a JSON array in the shape of a
// report's "checks" (id, severity, status, column, expr, lhs, rhs, fields, message, blame);
// "" when none were run (no correction, or no corrections layer). "" or why not in `error`.
std::string corrected_checks_json(sqlite3* db, std::int64_t document_id, std::string& error);

}  // namespace xxgknb::dataset
