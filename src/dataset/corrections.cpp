// Dataset: the corrections layer (corrections.h) — validating a corrections file against
// the dataset, recording each correction beside its field, and the checks run again on a
// report whose corrected values replace the extracted ones.
#include "dataset/corrections.h"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "dataset/check_report.h"
#include "dataset/cross_checks.h"
#include "dataset/sqlite_util.h"
#include "xxgknb/decimal.h"

namespace xxgknb::dataset {
namespace {

using Json = nlohmann::ordered_json;

std::string string_member(const Json& j, const char* name) {
  const auto it = j.find(name);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The dataset's value of a field as exact text: `exact` when stored, else the REAL in its
// shortest round-trip form (what the report's JSON printed); nullopt for NULL.
std::optional<std::string> stored_value(const Statement& q, int value, int exact) {
  if (!q.is_null(exact)) return q.text(exact);
  if (q.is_null(value)) return std::nullopt;
  char buffer[64];
  const auto done = std::to_chars(buffer, buffer + sizeof buffer, q.real(value));
  return std::string(buffer, done.ptr);
}

// Whether the value a page showed is the dataset's: numerically equal ("5" and "5.0"), or
// both none.
bool same_value(const std::optional<std::string>& page, const std::optional<std::string>& stored) {
  if (!page || !stored) return !page && !stored;
  const auto a = Decimal::parse(*page);
  const auto b = Decimal::parse(*stored);
  return a && b ? *a == *b : *page == *stored;
}

std::vector<std::string> failing_ids(const Json& checks) {
  std::vector<std::string> out;
  for (const Json& c : checks) {
    const std::string id = string_member(c, "id");
    if (string_member(c, "status") == "fail" && std::find(out.begin(), out.end(), id) == out.end()) {
      out.push_back(id);
    }
  }
  return out;
}

std::string recheck(sqlite3* db, std::int64_t id, Rechecked& out) {
  Statement doc(db, "SELECT path, report_json FROM documents WHERE id = ?");
  if (!doc.ok()) return doc.error();
  doc.bind(1, id);
  if (doc.step() != SQLITE_ROW) return "document " + std::to_string(id) + " vanished";
  out.document_id = id;
  out.path = doc.text(0);
  const Json report = Json::parse(doc.text(1), nullptr, false);
  if (!report.is_object()) return "document " + std::to_string(id) + ": report_json is no JSON object";
  out.failing_before = failing_ids(report.value("checks", Json::array()));

  std::vector<AppliedCorrection> in_force;
  if (std::string e = corrections_in_force(db, id, in_force); !e.empty()) return e;
  auto checked = check_report(corrected_report_json(doc.text(1), in_force), nullptr);
  if (!checked) {
    return "document " + std::to_string(id) + ": the corrected report cannot be checked: " +
           checked.error().message;
  }
  if (std::string e = exec(db, ("DELETE FROM corrected_checks WHERE document_id = " + std::to_string(id)).c_str());
      !e.empty()) {
    return e;
  }
  Statement insert(db,
                   "INSERT INTO corrected_checks (document_id, seq, id, severity, status, "
                   "column_key, expr, lhs, rhs, fields, message, blame) VALUES "
                   "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  if (!insert.ok()) return insert.error();
  std::int64_t seq = 0;
  for (const Check& c : checked.value().report.checks) {
    insert.reset();
    insert.bind(1, id);
    insert.bind(2, seq++);
    insert.bind(3, c.id);
    insert.bind(4, severity_name(c.severity));
    insert.bind(5, status_name(c.status));
    insert.bind(6, c.column.empty() ? std::optional<std::string>() : c.column);
    insert.bind(7, c.expr);
    insert.bind(8, c.lhs ? std::optional<std::string>(c.lhs->to_string()) : std::nullopt);
    insert.bind(9, c.rhs ? std::optional<std::string>(c.rhs->to_string()) : std::nullopt);
    insert.bind(10, Json(c.fields).dump());
    insert.bind(11, c.message);
    const std::string blame = blame_name(c.blame);
    insert.bind(12, blame.empty() ? std::optional<std::string>() : blame);
    if (insert.step() != SQLITE_DONE) return insert.error();
    if (c.status == CheckStatus::Fail &&
        std::find(out.failing_after.begin(), out.failing_after.end(), c.id) == out.failing_after.end()) {
      out.failing_after.push_back(c.id);
    }
  }
  return {};
}

}  // namespace

std::string corrections_in_force(sqlite3* db, std::int64_t document_id,
                                 std::vector<AppliedCorrection>& out) {
  out.clear();
  if (!has_corrections(db)) return {};
  Statement latest(db,
                   "SELECT key, extracted, corrected, note, who, corrected_at, applied_at FROM "
                   "corrections c WHERE document_id = ?1 AND id = (SELECT max(id) FROM "
                   "corrections WHERE document_id = ?1 AND key = c.key) ORDER BY key");
  if (!latest.ok()) return latest.error();
  latest.bind(1, document_id);
  int rc;
  while ((rc = latest.step()) == SQLITE_ROW) {
    out.push_back({latest.text(0), latest.optional_text(1), latest.optional_text(2),
                   latest.text(3), latest.text(4), latest.text(5), latest.text(6)});
  }
  return rc == SQLITE_DONE ? std::string() : latest.error();
}

std::string corrected_report_json(std::string_view report_json,
                                  const std::vector<AppliedCorrection>& corrections) {
  Json report = Json::parse(report_json, nullptr, false);
  if (!report.is_object() || !report.contains("fields") || !report["fields"].is_object()) {
    return std::string(report_json);
  }
  Json& fields = report["fields"];
  for (const AppliedCorrection& c : corrections) {
    Json field = fields.contains(c.key) && fields[c.key].is_object() ? fields[c.key] : Json::object();
    field["confidence"] = 1.0;
    field["flags"] = Json::array({"corrected"});
    if (c.corrected) {
      const auto d = Decimal::parse(*c.corrected);
      field["value"] = d && d->exact_in_double() ? Json(d->to_double()) : Json(*c.corrected);
      field["exact"] = *c.corrected;
      field["raw"] = *c.corrected;
      field["kind"] = "number";
    } else {
      field["value"] = nullptr;
      field.erase("exact");
      field["raw"] = "";
      field["kind"] = "blank";
    }
    fields[c.key] = field;
  }
  return report.dump();
}

std::string corrected_checks_json(sqlite3* db, std::int64_t document_id, std::string& error) {
  error.clear();
  if (!has_corrections(db)) return {};
  Statement q(db,
              "SELECT id, severity, status, column_key, expr, lhs, rhs, fields, message, blame "
              "FROM corrected_checks WHERE document_id = ?1 ORDER BY seq");
  if (!q.ok()) {
    error = q.error();
    return {};
  }
  q.bind(1, document_id);
  Json checks = Json::array();
  int rc;
  while ((rc = q.step()) == SQLITE_ROW) {
    Json c = {{"id", q.text(0)}, {"severity", q.text(1)}, {"status", q.text(2)}};
    c["column"] = q.is_null(3) ? Json() : Json(q.text(3));
    c["expr"] = q.text(4);
    c["lhs"] = q.is_null(5) ? Json() : Json(q.text(5));
    c["rhs"] = q.is_null(6) ? Json() : Json(q.text(6));
    c["fields"] = Json::parse(q.text(7), nullptr, false);
    if (!c["fields"].is_array()) {
      error = "corrected_checks of document " + std::to_string(document_id) + ": fields is no JSON array";
      return {};
    }
    c["message"] = q.text(8);
    c["blame"] = q.is_null(9) ? Json() : Json(q.text(9));
    checks.push_back(std::move(c));
  }
  if (rc != SQLITE_DONE) {
    error = q.error();
    return {};
  }
  return checks.empty() ? std::string() : checks.dump();
}

bool has_corrections(sqlite3* db) {
  Statement q(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'corrections'");
  return q.ok() && q.step() == SQLITE_ROW;
}

ApplyResult apply_corrections(sqlite3* db, std::string_view json, const std::string& applied_at) {
  ApplyResult result;
  const Json file = Json::parse(json, nullptr, false);
  if (!file.is_object() || string_member(file, "schema") != kCorrectionsSchemaId ||
      !file.contains("reports") || !file["reports"].is_array()) {
    result.error = std::string("not a corrections file (a JSON object with \"schema\": \"") +
                   kCorrectionsSchemaId + "\" and \"reports\", as the review pages export)";
    return result;
  }
  if (std::string e = exec(db, "BEGIN IMMEDIATE"); !e.empty()) {
    result.error = "cannot write the dataset: " + e;
    return result;
  }
  auto fail = [&](const std::string& why) {
    exec(db, "ROLLBACK");
    ApplyResult failed;
    failed.error = why;
    return failed;
  };
  Statement document(db, "SELECT id FROM documents WHERE sha256 = ?");
  Statement field(db, "SELECT value, exact FROM fields WHERE document_id = ? AND key = ?");
  Statement insert(db,
                   "INSERT OR IGNORE INTO corrections (document_id, key, extracted, corrected, "
                   "note, who, corrected_at, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  for (const Statement* s : {&document, &field, &insert}) {
    if (!s->ok()) return fail("cannot read the dataset: " + s->error());
  }
  std::vector<std::int64_t> touched;
  for (const Json& report : file["reports"]) {
    const std::string sha = string_member(report, "sha256");
    const std::string where = string_member(report, "path") + " (" + sha.substr(0, 12) + ")";
    document.reset();
    document.bind(1, sha);
    if (sha.empty() || document.step() != SQLITE_ROW) {
      result.refused.push_back(where + ": no document with this sha256 in the dataset");
      continue;
    }
    const std::int64_t id = document.integer(0);
    const Json corrections = report.value("corrections", Json::array());
    for (const Json& c : corrections) {
      const std::string key = string_member(c, "key");
      const std::string at = where + " " + key;
      field.reset();
      field.bind(1, id);
      field.bind(2, key);
      if (key.empty() || field.step() != SQLITE_ROW) {
        result.refused.push_back(at + ": the report has no such field");
        continue;
      }
      const std::optional<std::string> stored = stored_value(field, 0, 1);
      const auto member_text = [&](const char* name) -> std::optional<std::string> {
        const auto it = c.find(name);
        if (it == c.end() || it->is_null()) return std::nullopt;
        return it->is_string() ? it->get<std::string>() : it->dump();
      };
      const std::optional<std::string> extracted = member_text("extracted");
      const std::optional<std::string> corrected = member_text("corrected");
      const std::string note = string_member(c, "note");
      const std::string who = string_member(c, "who");
      const std::string when = string_member(c, "when");
      if (!same_value(extracted, stored)) {
        result.refused.push_back(at + ": the page showed " + extracted.value_or("no value") +
                                 " but the dataset holds " + stored.value_or("no value") +
                                 " (read again since the page was made?)");
        continue;
      }
      if (corrected && !Decimal::parse(*corrected)) {
        result.refused.push_back(at + ": the corrected value " + *corrected + " is no number");
        continue;
      }
      if (who.empty() || when.empty() || note.empty()) {
        result.refused.push_back(at + ": a correction needs who, when and a note");
        continue;
      }
      insert.reset();
      insert.bind(1, id);
      insert.bind(2, key);
      insert.bind(3, extracted);
      insert.bind(4, corrected);
      insert.bind(5, note);
      insert.bind(6, who);
      insert.bind(7, when);
      insert.bind(8, applied_at);
      if (insert.step() != SQLITE_DONE) return fail("cannot record a correction: " + insert.error());
      if (sqlite3_changes(db) > 0) {
        ++result.applied;
      } else {
        ++result.already;
      }
      if (std::find(touched.begin(), touched.end(), id) == touched.end()) touched.push_back(id);
    }
  }
  for (const std::int64_t id : touched) {
    Rechecked r;
    if (std::string e = recheck(db, id, r); !e.empty()) return fail("cannot check again: " + e);
    result.rechecked.push_back(std::move(r));
  }
  // W1–W3 and W6 too: a correction of one report changes its pairs with its neighbours.
  if (!touched.empty()) {
    if (std::string e = replace_cross_checks(db); !e.empty()) return fail(e);
  }
  if (std::string e = exec(db, "COMMIT"); !e.empty()) return fail("cannot write the dataset: " + e);
  return result;
}

}  // namespace xxgknb::dataset
