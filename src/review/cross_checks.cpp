// Review pages: what a dataset holds of a report's cross-report checks (W1–W3, W6; tables
// cross_checks and corrected_cross_checks, docs/dataset.md) read for its page, each with the
// earlier report it was paired with.
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "dataset/sqlite_util.h"
#include "review/review.h"

namespace xxgknb::review {
namespace {

// Whether the dataset has `table`; false with `error` set when that cannot be asked.
bool has_table(sqlite3* db, const char* table, std::string& error) {
  dataset::Statement q(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
  if (!q.ok()) {
    error = q.error();
    return false;
  }
  q.bind(1, std::string(table));
  const int rc = q.step();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) error = q.error();
  return rc == SQLITE_ROW;
}

}  // namespace

std::string cross_checks_json(sqlite3* db, std::int64_t document_id, bool corrected, std::string& error) {
  using Json = nlohmann::ordered_json;
  error.clear();
  const char* table = corrected ? "corrected_cross_checks" : "cross_checks";
  // A dataset made before version 3 has no corrected_cross_checks: nothing run again.
  if (!has_table(db, table, error)) return error.empty() ? "[]" : std::string();
  dataset::Statement q(db, std::string("SELECT x.id, x.status, x.column_key, x.expr, x.lhs, x.rhs, x.fields, "
                                       "x.message, x.blame, x.pairing, x.pairing_confidence, "
                                       "x.other_document_id, o.id, o.path, o.agency, o.year, o.title FROM ") +
                               table + " x LEFT JOIN documents o ON o.id = x.other_document_id "
                                       "WHERE x.document_id = ?1 ORDER BY x.rowid");
  if (!q.ok()) {
    error = q.error();
    return {};
  }
  q.bind(1, document_id);
  Json checks = Json::array();
  int rc;
  while ((rc = q.step()) == SQLITE_ROW) {
    Json c = {{"id", q.text(0)}, {"status", q.text(1)}};
    c["column"] = q.is_null(2) ? Json() : Json(q.text(2));
    c["expr"] = q.text(3);
    c["lhs"] = q.is_null(4) ? Json() : Json(q.text(4));
    c["rhs"] = q.is_null(5) ? Json() : Json(q.text(5));
    c["fields"] = Json::parse(q.text(6), nullptr, false);
    if (!c["fields"].is_array()) {
      error = std::string(table) + " of document " + std::to_string(document_id) + ": fields is no JSON array";
      return {};
    }
    c["message"] = q.text(7);
    c["blame"] = q.is_null(8) ? Json() : Json(q.text(8));
    c["pairing"] = q.text(9);
    c["pairing_confidence"] = q.real(10);
    Json other = {{"id", q.integer(11)}};
    if (!q.is_null(12)) {
      // Pages of a dataset are reports/<id>.html, side by side.
      other["href"] = std::to_string(q.integer(12)) + ".html";
      other["path"] = q.text(13);
      other["agency"] = q.is_null(14) ? Json() : Json(q.text(14));
      other["year"] = q.is_null(15) ? Json() : Json(q.integer(15));
      other["title"] = q.is_null(16) ? Json() : Json(q.text(16));
    }
    c["other"] = std::move(other);
    checks.push_back(std::move(c));
  }
  if (rc != SQLITE_DONE) {
    error = q.error();
    return {};
  }
  return checks.dump();
}

}  // namespace xxgknb::review
