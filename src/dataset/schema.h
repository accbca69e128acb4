// Dataset: the SQLite schema of a batch dataset (docs/dataset.md), in one place. The batch
// writer, the exports, the cross-report checks and `check --db` all read and write these
// tables; a later release that changes them bumps kSchemaVersion and migrates old datasets.
#pragma once

#include <string_view>

struct sqlite3;

namespace xxgknb::dataset {

// 1: documents, fields, checks, flags, sections, cross_checks. 2: the corrections layer
// (corrections, corrected_checks), added beside them; a version 1 dataset opened for writing
// gains the two tables and is marked 2, its rows untouched. 3: the source text beside each
// report (source_text, pages) and the cross-report checks on corrected values
// (corrected_cross_checks); an older dataset gains the three tables, empty.
inline constexpr int kSchemaVersion = 3;

// The whole schema as SQL, every statement idempotent (CREATE … IF NOT EXISTS).
extern const std::string_view kSchemaSql;

// The tables of schema version 2, the corrections layer (docs/review.md): idempotent too.
extern const std::string_view kCorrectionsSql;

// The tables of schema version 3 (source_text.h, cross_checks.h): idempotent too.
extern const std::string_view kSourceTextSql;

// Creates the tables and indexes when missing and records kSchemaVersion in a new dataset;
// an older dataset is migrated one version step at a time.
// Returns an empty string on success, or a message naming what failed; a dataset written by
// a newer schema version than this build knows is refused with such a message.
std::string create_schema(sqlite3* db);

}  // namespace xxgknb::dataset
