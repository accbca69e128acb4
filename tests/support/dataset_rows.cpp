// Test support: writes reports into a dataset (dataset_rows.h) the way docs/dataset.md says
// the batch does — every row taken from the report's JSON, so report_json and rows agree.
#include "support/dataset_rows.h"

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "dataset/schema.h"
#include "dataset/sqlite_util.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb::testing {
namespace {

using Json = nlohmann::ordered_json;
using dataset::Statement;

std::optional<std::string> text_or_null(const Json& j) {
  if (j.is_null()) return std::nullopt;
  return j.is_string() ? j.get<std::string>() : j.dump();
}

std::string dumped(const Json& j) { return j.dump(); }

}  // namespace

TestDataset::TestDataset(const std::string& path) {
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
    error_ = sqlite3_errmsg(db_);
    return;
  }
  // A test's dataset need not survive a power cut: no sync per statement.
  error_ = dataset::exec(db_, "PRAGMA synchronous = OFF; PRAGMA journal_mode = MEMORY");
  if (error_.empty()) error_ = dataset::create_schema(db_);
}

TestDataset::~TestDataset() { sqlite3_close(db_); }

std::int64_t TestDataset::add(const Report& report) { return add_json(to_json(report)); }
std::int64_t TestDataset::add(const Error& error) { return add_json(to_json(error)); }

std::int64_t TestDataset::add_json(const std::string& json) {
  // One transaction per report, as the batch writes it.
  if (std::string e = dataset::exec(db_, "BEGIN"); !e.empty()) {
    error_ = e;
    return -1;
  }
  const std::int64_t id = add_rows(json);
  if (std::string e = dataset::exec(db_, id > 0 ? "COMMIT" : "ROLLBACK"); !e.empty()) {
    error_ = e;
    return -1;
  }
  return id;
}

std::int64_t TestDataset::add_rows(const std::string& json) {
  const Json j = Json::parse(json);
  const bool is_error = j.contains("error");
  const Json& source = j["source"];
  Statement doc(db_,
                "INSERT INTO documents (path, sha256, bytes, format, encoding, title, agency, "
                "year, template, status, confidence, error_code, error_message, millis, "
                "tool_version, extracted_at, report_json) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, '2026-01-01T00:00:00Z', ?)");
  if (!doc.ok()) {
    error_ = doc.error();
    return -1;
  }
  doc.bind(1, source["path"].get<std::string>());
  doc.bind(2, source["sha256"].is_string() ? source["sha256"].get<std::string>()
                                           : std::string("none:") + source["path"].get<std::string>());
  doc.bind(3, source["bytes"].get<std::int64_t>());
  doc.bind(4, text_or_null(source["format"]));
  doc.bind(5, text_or_null(source["encoding"]));
  if (is_error) {
    doc.bind(10, std::string_view("error"));
    doc.bind(12, j["error"]["code"].get<std::string>());
    doc.bind(13, j["error"]["message"].get<std::string>());
  } else {
    const Json& meta = j["meta"];
    doc.bind(6, text_or_null(meta["title"]));
    doc.bind(7, text_or_null(meta["agency"]));
    if (meta["year"].is_number_integer()) doc.bind(8, meta["year"].get<std::int64_t>());
    doc.bind(9, text_or_null(meta["template"]));
    doc.bind(10, std::string_view(j["review"]["needs_review"].get<bool>() ? "review" : "ok"));
    doc.bind(11, j["review"]["confidence"].get<double>());
  }
  doc.bind(14, std::string_view(version()));
  doc.bind(15, std::string_view(json));
  if (doc.step() != SQLITE_DONE) {
    error_ = doc.error();
    return -1;
  }
  const std::int64_t id = sqlite3_last_insert_rowid(db_);
  if (is_error) return id;

  Statement field(db_, "INSERT INTO fields (document_id, key, value, exact, raw, kind, confidence, "
                       "flags, source, label) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const auto& [key, f] : j["fields"].items()) {
    field.reset();
    field.bind(1, id);
    field.bind(2, std::string_view(key));
    if (f["value"].is_number()) field.bind(3, f["value"].get<double>());
    if (f.contains("exact")) field.bind(4, f["exact"].get<std::string>());
    field.bind(5, text_or_null(f["raw"]));
    field.bind(6, f["kind"].get<std::string>());
    field.bind(7, f["confidence"].get<double>());
    field.bind(8, dumped(f["flags"]));
    field.bind(9, dumped(f["source"]));
    if (f.contains("label")) field.bind(10, f["label"].get<std::string>());
    if (field.step() != SQLITE_DONE) {
      error_ = field.error();
      return -1;
    }
  }
  Statement check(db_, "INSERT INTO checks (document_id, seq, id, severity, status, column_key, "
                       "expr, lhs, rhs, fields, message, blame) VALUES "
                       "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  std::int64_t seq = 0;
  for (const Json& c : j["checks"]) {
    check.reset();
    check.bind(1, id);
    check.bind(2, seq++);
    check.bind(3, c["id"].get<std::string>());
    check.bind(4, c["severity"].get<std::string>());
    check.bind(5, c["status"].get<std::string>());
    check.bind(6, text_or_null(c["column"]));
    check.bind(7, c["expr"].get<std::string>());
    check.bind(8, text_or_null(c.contains("lhs_exact") ? c["lhs_exact"] : c["lhs"]));
    check.bind(9, text_or_null(c.contains("rhs_exact") ? c["rhs_exact"] : c["rhs"]));
    check.bind(10, dumped(c["fields"]));
    check.bind(11, c["message"].get<std::string>());
    check.bind(12, text_or_null(c["blame"]));
    if (check.step() != SQLITE_DONE) {
      error_ = check.error();
      return -1;
    }
  }
  Statement flag(db_, "INSERT INTO flags (document_id, seq, code, severity, field, message) "
                      "VALUES (?, ?, ?, ?, ?, ?)");
  seq = 0;
  for (const Json& f : j["flags"]) {
    flag.reset();
    flag.bind(1, id);
    flag.bind(2, seq++);
    flag.bind(3, f["code"].get<std::string>());
    flag.bind(4, f["severity"].get<std::string>());
    flag.bind(5, text_or_null(f["field"]));
    flag.bind(6, f["message"].get<std::string>());
    if (flag.step() != SQLITE_DONE) {
      error_ = flag.error();
      return -1;
    }
  }
  Statement section(db_, "INSERT INTO sections (document_id, seq, key, number, heading, text, "
                         "source) VALUES (?, ?, ?, ?, ?, ?, ?)");
  seq = 0;
  for (const Json& s : j["sections"]) {
    section.reset();
    section.bind(1, id);
    section.bind(2, seq++);
    section.bind(3, s["key"].get<std::string>());
    section.bind(4, text_or_null(s["number"]));
    section.bind(5, text_or_null(s["heading"]));
    section.bind(6, s["text"].get<std::string>());
    section.bind(7, dumped(s["source"]));
    if (section.step() != SQLITE_DONE) {
      error_ = section.error();
      return -1;
    }
  }
  return id;
}

}  // namespace xxgknb::testing
