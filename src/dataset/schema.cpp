// Dataset: creates the batch dataset's tables (schema.h) and checks its schema version.
#include "dataset/schema.h"

#include <sqlite3.h>

#include <string>

namespace xxgknb::dataset {

// One row per input document, whatever became of it. `status` is "ok" (read, no review
// needed), "review" (read, review.needs_review) or "error" (an error object; error_code and
// error_message say why). `report_json` is the object `xxgknb extract` prints for the
// document — the report, or the error object — so nothing the extraction said is lost.
// Empty is not zero: a field never read has no row in `fields`; a blank cell has a row with
// kind 'blank' and value NULL.
const std::string_view kSchemaSql = R"sql(
CREATE TABLE IF NOT EXISTS schema_version (
  version INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
  id            INTEGER PRIMARY KEY,
  path          TEXT NOT NULL,
  sha256        TEXT NOT NULL UNIQUE,
  bytes         INTEGER NOT NULL,
  format        TEXT,
  encoding      TEXT,
  title         TEXT,
  agency        TEXT,
  year          INTEGER,
  template      TEXT,
  status        TEXT NOT NULL CHECK (status IN ('ok', 'review', 'error')),
  confidence    REAL,
  error_code    TEXT,
  error_message TEXT,
  millis        REAL NOT NULL,
  tool_version  TEXT NOT NULL,
  extracted_at  TEXT NOT NULL,
  report_json   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_by_agency_year ON documents (agency, year);
CREATE INDEX IF NOT EXISTS documents_by_status ON documents (status);
CREATE INDEX IF NOT EXISTS documents_by_path ON documents (path);

CREATE TABLE IF NOT EXISTS fields (
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  key         TEXT NOT NULL,
  value       REAL,
  exact       TEXT,
  raw         TEXT,
  kind        TEXT NOT NULL,
  confidence  REAL NOT NULL,
  flags       TEXT NOT NULL,
  source      TEXT NOT NULL,
  label       TEXT,
  PRIMARY KEY (document_id, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS fields_by_key ON fields (key);

CREATE TABLE IF NOT EXISTS checks (
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  id          TEXT NOT NULL,
  severity    TEXT NOT NULL,
  status      TEXT NOT NULL,
  column_key  TEXT,
  expr        TEXT NOT NULL,
  lhs         TEXT,
  rhs         TEXT,
  fields      TEXT NOT NULL,
  message     TEXT NOT NULL,
  blame       TEXT,
  PRIMARY KEY (document_id, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS checks_by_id_status ON checks (id, status);

CREATE TABLE IF NOT EXISTS flags (
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  code        TEXT NOT NULL,
  severity    TEXT NOT NULL,
  field       TEXT,
  message     TEXT NOT NULL,
  PRIMARY KEY (document_id, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS flags_by_code ON flags (code);

CREATE TABLE IF NOT EXISTS sections (
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  key         TEXT NOT NULL,
  number      TEXT,
  heading     TEXT,
  text        TEXT NOT NULL,
  source      TEXT NOT NULL,
  PRIMARY KEY (document_id, seq)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS cross_checks (
  document_id       INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  other_document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  id                TEXT NOT NULL,
  status            TEXT NOT NULL,
  column_key        TEXT,
  expr              TEXT NOT NULL,
  lhs               TEXT,
  rhs               TEXT,
  fields            TEXT NOT NULL,
  message           TEXT NOT NULL,
  pairing           TEXT NOT NULL,
  pairing_confidence REAL NOT NULL,
  blame             TEXT
);
CREATE INDEX IF NOT EXISTS cross_checks_by_document ON cross_checks (document_id);
)sql";

// Corrections an auditor made on a review page, applied by `xxgknb apply-corrections`: a
// layer beside the extracted fields, which are never changed. One row per correction, the
// latest (highest id) for a document and key being the one in force; `extracted` is the
// exact value the page showed (NULL: none), `corrected` the auditor's (NULL: a blank cell).
// `corrected_checks` holds the checks run again on the corrected values of each document.
const std::string_view kCorrectionsSql = R"sql(
CREATE TABLE IF NOT EXISTS corrections (
  id            INTEGER PRIMARY KEY,
  document_id   INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  key           TEXT NOT NULL,
  extracted     TEXT,
  corrected     TEXT,
  note          TEXT NOT NULL,
  who           TEXT NOT NULL,
  corrected_at  TEXT NOT NULL,
  applied_at    TEXT NOT NULL,
  UNIQUE (document_id, key, corrected_at, who)
);
CREATE INDEX IF NOT EXISTS corrections_by_document_key ON corrections (document_id, key);

CREATE TABLE IF NOT EXISTS corrected_checks (
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  id          TEXT NOT NULL,
  severity    TEXT NOT NULL,
  status      TEXT NOT NULL,
  column_key  TEXT,
  expr        TEXT NOT NULL,
  lhs         TEXT,
  rhs         TEXT,
  fields      TEXT NOT NULL,
  message     TEXT NOT NULL,
  blame       TEXT,
  PRIMARY KEY (document_id, seq)
) WITHOUT ROWID;
)sql";

// The source text around each field of a report and its pages' sizes (source_text.h), kept
// so that review pages made from the dataset show what pages made from the file show; and
// the cross-report checks run again on corrected values, beside `cross_checks` (which stays
// the extracted values' own), with its columns.
const std::string_view kSourceTextSql = R"sql(
CREATE TABLE IF NOT EXISTS source_text (
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  key         TEXT NOT NULL,
  text_before TEXT NOT NULL,
  text_at     TEXT NOT NULL,
  text_after  TEXT NOT NULL,
  PRIMARY KEY (document_id, key)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS pages (
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  page        INTEGER NOT NULL,
  width       REAL NOT NULL,
  height      REAL NOT NULL,
  PRIMARY KEY (document_id, page)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS corrected_cross_checks (
  document_id       INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  other_document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  id                TEXT NOT NULL,
  status            TEXT NOT NULL,
  column_key        TEXT,
  expr              TEXT NOT NULL,
  lhs               TEXT,
  rhs               TEXT,
  fields            TEXT NOT NULL,
  message           TEXT NOT NULL,
  pairing           TEXT NOT NULL,
  pairing_confidence REAL NOT NULL,
  blame             TEXT
);
CREATE INDEX IF NOT EXISTS corrected_cross_checks_by_document ON corrected_cross_checks (document_id);
)sql";

namespace {

std::string run_sql(sqlite3* db, std::string_view sql) {
  char* message = nullptr;
  const std::string text(sql);
  if (sqlite3_exec(db, text.c_str(), nullptr, nullptr, &message) == SQLITE_OK) return {};
  std::string why = message != nullptr ? message : sqlite3_errmsg(db);
  sqlite3_free(message);
  return why;
}

// 2 → 3: the source text tables and corrected_cross_checks, empty; a document read before
// has no source text until it is read again (`batch --force`), and its page shows the place
// of a cell only.
std::string migrate_to_3(sqlite3* db) { return run_sql(db, kSourceTextSql); }

}  // namespace

std::string create_schema(sqlite3* db) {
  char* message = nullptr;
  const std::string sql = std::string(kSchemaSql) + std::string(kCorrectionsSql);
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string why = message != nullptr ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    return "cannot create the dataset's tables: " + why;
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT max(version) FROM schema_version", -1, &stmt, nullptr) !=
      SQLITE_OK) {
    return std::string("cannot read the dataset's schema version: ") + sqlite3_errmsg(db);
  }
  const bool has_row = sqlite3_step(stmt) == SQLITE_ROW;
  const bool empty = !has_row || sqlite3_column_type(stmt, 0) == SQLITE_NULL;
  const int version = empty ? 0 : sqlite3_column_int(stmt, 0);
  sqlite3_finalize(stmt);
  if (version > kSchemaVersion) {
    return "the dataset was written with schema version " + std::to_string(version) +
           "; this build knows version " + std::to_string(kSchemaVersion) + " and older";
  }
  // 1 → 2: the corrections tables, created above; nothing else changes.
  if (version < 3) {
    if (std::string why = migrate_to_3(db); !why.empty()) {
      return "cannot migrate the dataset to schema version 3: " + why;
    }
  }
  if (!empty && version < kSchemaVersion) {
    const std::string update =
        "UPDATE schema_version SET version = " + std::to_string(kSchemaVersion);
    if (sqlite3_exec(db, update.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string why = message != nullptr ? message : sqlite3_errmsg(db);
      sqlite3_free(message);
      return "cannot migrate the dataset to schema version " + std::to_string(kSchemaVersion) +
             ": " + why;
    }
  }
  if (empty) {
    const std::string insert =
        "INSERT INTO schema_version (version) VALUES (" + std::to_string(kSchemaVersion) + ")";
    if (sqlite3_exec(db, insert.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string why = message != nullptr ? message : sqlite3_errmsg(db);
      sqlite3_free(message);
      return "cannot record the dataset's schema version: " + why;
    }
  }
  return {};
}

}  // namespace xxgknb::dataset
