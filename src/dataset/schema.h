// Dataset: the SQLite schema of a batch dataset (docs/dataset.md), in one place. The batch
// writer, the exports, the cross-report checks and `check --db` all read and write these
// tables; a later release that changes them bumps kSchemaVersion and migrates old datasets.
#pragma once

#include <string_view>

struct sqlite3;

namespace xxgknb::dataset {

inline constexpr int kSchemaVersion = 1;

// The whole schema as SQL, every statement idempotent (CREATE … IF NOT EXISTS).
extern const std::string_view kSchemaSql;

// Creates the tables and indexes when missing and records kSchemaVersion in a new dataset.
// Returns an empty string on success, or a message naming what failed; a dataset written by
// a newer schema version than this build knows is refused with such a message.
std::string create_schema(sqlite3* db);

}  // namespace xxgknb::dataset
