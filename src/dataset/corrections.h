// Dataset: the corrections layer (docs/review.md) — corrections exported from the review
// pages merged into a dataset beside the extracted fields, never over them, and the checks
// run again on the corrected values.
#pragma once

#include <cstdint>
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

}  // namespace xxgknb::dataset
