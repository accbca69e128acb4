// Test support: checks a batch dataset against its own report_json (dataset_check.h). The
// expected rows are read off the JSON here, independently of the writer's code.
#include "support/dataset_check.h"

#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <sstream>

namespace xxgknb::testing {
namespace {

using Json = nlohmann::ordered_json;

class Db {
 public:
  explicit Db(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      problem_ = "cannot open " + path;
    }
  }
  ~Db() { sqlite3_close(db_); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  const std::string& problem() const { return problem_; }

  // Every row of `sql` (bound to `id` when it has a parameter), columns as text ("NULL" for
  // a null).
  std::vector<std::vector<std::string>> rows(const std::string& sql, long long id = 0) {
    std::vector<std::vector<std::string>> out;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      problem_ = "cannot run " + sql + ": " + sqlite3_errmsg(db_);
      return out;
    }
    if (sqlite3_bind_parameter_count(stmt) > 0) sqlite3_bind_int64(stmt, 1, id);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
        row.push_back(text == nullptr ? "NULL"
                                      : std::string(text, static_cast<std::size_t>(
                                                              sqlite3_column_bytes(stmt, i))));
      }
      out.push_back(std::move(row));
    }
    sqlite3_finalize(stmt);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
  std::string problem_;
};

std::string text_or_null(const Json& j) {
  if (j.is_null()) return "NULL";
  return j.is_string() ? j.get<std::string>() : j.dump();
}

// SQLite prints a REAL 2.0 as "2.0"; the JSON has 2.
std::string number_text(const Json& j) {
  if (j.is_null()) return "NULL";
  std::ostringstream out;
  out << j.get<double>();
  return out.str();
}

std::string real_text(const std::string& sqlite_text) {
  if (sqlite_text == "NULL") return sqlite_text;
  std::ostringstream out;
  out << std::stod(sqlite_text);
  return out.str();
}

// The problems of one documents row, appended to `out`.
void check_document(Db& db, const std::vector<std::string>& doc, std::ostringstream& out) {
  const long long id = std::stoll(doc[0]);
  const std::string& where = doc[1];
  const Json j = Json::parse(doc[5], nullptr, false);
  if (!j.is_object()) {
    out << where << ": report_json is not a JSON object\n";
    return;
  }
  const bool is_error = j.contains("error");
  const std::string status =
      is_error ? "error" : (j["review"]["needs_review"].get<bool>() ? "review" : "ok");
  if (doc[2] != status) out << where << ": status " << doc[2] << ", report_json says " << status << "\n";
  if (doc[3] != (is_error ? text_or_null(j["error"]["code"]) : "NULL")) {
    out << where << ": error_code " << doc[3] << " is not report_json's\n";
  }
  if (!is_error && doc[4] != text_or_null(j["meta"]["agency"])) {
    out << where << ": agency " << doc[4] << " is not report_json's\n";
  }
  // WITHOUT ROWID tables have no insertion order: compare as a map by key.
  std::map<std::string, std::vector<std::string>> by_key;
  for (const auto& row : db.rows("SELECT key, kind, raw, value, exact FROM fields WHERE document_id = ?1", id)) {
    by_key[row[0]] = row;
  }
  const Json no_members = Json::object();
  const Json& want_fields = is_error ? no_members : j["fields"];
  if (by_key.size() != want_fields.size()) {
    out << where << ": " << by_key.size() << " fields rows, report_json has " << want_fields.size() << "\n";
  }
  for (const auto& [key, f] : want_fields.items()) {
    const auto it = by_key.find(key);
    if (it == by_key.end()) {
      out << where << ": no fields row for " << key << "\n";
      continue;
    }
    const std::vector<std::string>& row = it->second;
    const std::string exact = f.contains("exact") ? f["exact"].get<std::string>() : "NULL";
    if (row[1] != f["kind"].get<std::string>() || row[2] != text_or_null(f["raw"]) ||
        real_text(row[3]) != number_text(f["value"]) || row[4] != exact) {
      out << where << ": fields row " << key << " is not report_json's\n";
    }
  }
  const auto count = [&](const char* table) {
    return std::stoul(db.rows(std::string("SELECT count(*) FROM ") + table + " WHERE document_id = ?1", id)[0][0]);
  };
  for (const char* member : {"checks", "flags", "sections"}) {
    const std::size_t want = is_error ? 0 : j[member].size();
    if (count(member) != want) {
      out << where << ": " << count(member) << " " << member << " rows, report_json has " << want << "\n";
    }
  }
  if (!is_error) {
    const auto checks = db.rows("SELECT id, status FROM checks WHERE document_id = ?1 ORDER BY seq", id);
    for (std::size_t i = 0; i < checks.size() && i < j["checks"].size(); ++i) {
      if (checks[i][0] != j["checks"][i]["id"].get<std::string>() ||
          checks[i][1] != j["checks"][i]["status"].get<std::string>()) {
        out << where << ": checks row " << i << " is not report_json's\n";
      }
    }
    const auto sections = db.rows("SELECT key, text FROM sections WHERE document_id = ?1 ORDER BY seq", id);
    for (std::size_t i = 0; i < sections.size() && i < j["sections"].size(); ++i) {
      if (sections[i][0] != j["sections"][i]["key"].get<std::string>() ||
          sections[i][1] != j["sections"][i]["text"].get<std::string>()) {
        out << where << ": sections row " << i << " is not report_json's\n";
      }
    }
  }
}

}  // namespace

std::string dataset_problems(const std::string& db_path) {
  Db db(db_path);
  if (!db.problem().empty()) return db.problem();
  std::ostringstream out;
  const auto integrity = db.rows("PRAGMA integrity_check");
  if (integrity.size() != 1 || integrity[0][0] != "ok") out << "integrity_check is not ok\n";
  for (const auto& doc :
       db.rows("SELECT id, path, status, error_code, agency, report_json FROM documents")) {
    check_document(db, doc, out);
    if (out.tellp() > 4000) break;
  }
  if (!db.problem().empty()) out << db.problem() << "\n";
  return out.str();
}

std::map<std::string, std::string> dataset_documents(const std::string& db_path) {
  Db db(db_path);
  std::map<std::string, std::string> out;
  for (const auto& row : db.rows("SELECT sha256, path FROM documents")) out[row[0]] = row[1];
  return out;
}

}  // namespace xxgknb::testing
