// Dataset, batch engine, last step: writes documents into the SQLite dataset (writer.h). The
// rows are read off the very object `xxgknb extract` prints, so the tables never say anything
// the document's report_json does not — but for the source text around its fields and its
// pages' sizes (source_text.h), which come from the document itself.
#include "dataset/writer.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

#include "dataset/cross_checks.h"
#include "dataset/schema.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb::dataset {
namespace {

using Json = nlohmann::ordered_json;

// How near a file must be to its size limit, or a file system to full, for a failed write to
// be put down to it: a few of SQLite's pages and a log frame.
constexpr std::uint64_t kWriteSlack = 1 << 16;

// Invalid UTF-8 becomes U+FFFD, as in the library's own JSON.
std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// One prepared statement, finalized when it goes out of scope.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) stmt_ = nullptr;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return stmt_ != nullptr; }
  sqlite3_stmt* get() const { return stmt_; }

  void text(int i, const std::string& value) {
    sqlite3_bind_text(stmt_, i, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  }
  void null(int i) { sqlite3_bind_null(stmt_, i); }
  void real(int i, double value) { sqlite3_bind_double(stmt_, i, value); }
  void integer(int i, sqlite3_int64 value) { sqlite3_bind_int64(stmt_, i, value); }
  // A JSON string as TEXT, null as NULL, anything else as its JSON text.
  void json_text(int i, const Json& value) {
    if (value.is_null()) return null(i);
    if (value.is_string()) return text(i, value.get<std::string>());
    text(i, dump(value));
  }
  void json_number(int i, const Json& value) {
    if (value.is_number()) return real(i, value.get<double>());
    null(i);
  }
  // Runs it to completion; false on an error (sqlite3_errmsg says which).
  bool run() {
    const int rc = sqlite3_step(stmt_);
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    return rc == SQLITE_DONE;
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

const Json& member(const Json& object, const char* key) {
  static const Json kNull;
  if (!object.is_object()) return kNull;
  const auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}


// A check's side as exact text: "lhs_exact" when present, else the number as printed.
void bind_side(Statement& s, int i, const Json& check, const char* side, const char* exact) {
  const Json& text = member(check, exact);
  if (text.is_string()) return s.text(i, text.get<std::string>());
  const Json& number = member(check, side);
  if (number.is_null()) return s.null(i);
  s.text(i, dump(number));
}

}  // namespace

std::string unread_key(const std::string& path) { return std::string(kUnreadPrefix) + path; }

// The lock goes last: closing any descriptor of the file would drop SQLite's POSIX locks on
// it, so the connection is closed first.
Writer::~Writer() {
  sqlite3_close(db_);
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

std::string Writer::run_cross_checks() {
  if (std::string why = dataset::run_cross_checks(db_); !why.empty()) {
    return "the cross-report checks failed: " + why;
  }
  return {};
}

std::string Writer::fail(const std::string& what) {
  if (db_ == nullptr) return what + ": out of memory";
  std::string why = sqlite3_errmsg(db_);
  const int code = sqlite3_extended_errcode(db_);
  if (code == SQLITE_IOERR_WRITE || code == SQLITE_FULL) {
    why += write_failure();
  } else if (const int system = sqlite3_system_errno(db_);
             system != 0 && ((code & 0xff) == SQLITE_IOERR || (code & 0xff) == SQLITE_CANTOPEN)) {
    why += " (" + std::error_code(system, std::generic_category()).message() + ")";
  }
  return what + ": " + why;
}

// SQLite says "disk I/O error" for a failed write (its errno is gone by then): the two usual
// causes are looked for — the file size limit of the process (ulimit -f) reached by the
// dataset or its log, or a file system with no room left.
std::string Writer::write_failure() const {
  rlimit limit{};
  if (::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    for (const std::string& file : {path_, path_ + "-wal"}) {
      struct stat info {};
      if (::stat(file.c_str(), &info) == 0 &&
          static_cast<std::uint64_t>(info.st_size) + kWriteSlack >= limit.rlim_cur) {
        return " (" + file + " reached the file size limit of " +
               std::to_string(limit.rlim_cur) + " bytes: File too large)";
      }
    }
  }
  const std::string folder = std::filesystem::path(path_).parent_path().string();
  struct statvfs room {};
  if (::statvfs(folder.empty() ? "." : folder.c_str(), &room) == 0 &&
      static_cast<std::uint64_t>(room.f_bavail) * room.f_frsize < kWriteSlack) {
    return " (" + (folder.empty() ? std::string(".") : folder) + ": No space left on device)";
  }
  return {};
}

std::string Writer::open(const std::string& path) {
  path_ = path;
  // One batch per dataset: a second one would extract every input again and interleave its
  // commits with the first's. An exclusive flock(2) on the dataset file itself, held until
  // the connection is closed and released by the kernel however the process ends (SIGKILL
  // included); flock does not touch the POSIX locks SQLite takes on the same file, and a
  // dataset in WAL mode lives on a local file system anyway (docs/dataset.md).
  lock_fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) {
    return "cannot open the dataset " + path + ": " +
           std::error_code(errno, std::generic_category()).message();
  }
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) {
      return "another xxgknb batch is writing this dataset; run this one when it has ended "
             "(or give another --db)";
    }
    return "cannot lock the dataset " + path + ": " +
           std::error_code(errno, std::generic_category()).message();
  }
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    return fail("cannot open the dataset " + path);
  }
  sqlite3_busy_timeout(db_, 10000);
  // WAL: a commit is one append to the log, readers never block the writer, and a process
  // killed at any moment leaves the last committed transaction intact. synchronous=NORMAL:
  // in WAL mode a kill loses nothing committed; only a power cut may lose the last few
  // commits, never corrupt the file (docs/dataset.md).
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                             "PRAGMA foreign_keys=ON"}) {
    char* message = nullptr;
    if (sqlite3_exec(db_, pragma, nullptr, nullptr, &message) != SQLITE_OK) {
      std::string why = message != nullptr ? message : sqlite3_errmsg(db_);
      sqlite3_free(message);
      return "cannot open the dataset " + path + " (" + pragma + "): " + why;
    }
  }
  if (std::string problem = create_schema(db_); !problem.empty()) return path + ": " + problem;
  return {};
}

std::string Writer::read_keys(std::unordered_set<std::string>& keys) {
  Statement s(db_, "SELECT sha256 FROM documents WHERE substr(sha256, 1, 7) <> 'unread:'");
  if (!s.ok()) return fail("cannot read the dataset's documents");
  int rc = 0;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
    keys.emplace(reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 0)));
  }
  if (rc != SQLITE_DONE) return fail("cannot read the dataset's documents");
  return {};
}

std::string Writer::each_document(
    const std::function<bool(const std::string&)>& wanted,
    const std::function<void(const std::string&, const std::string&)>& each) {
  Statement keys(db_, "SELECT id, sha256 FROM documents ORDER BY id");
  Statement json(db_, "SELECT report_json FROM documents WHERE id = ?1");
  if (!keys.ok() || !json.ok()) return fail("cannot read the dataset's documents");
  int rc = 0;
  while ((rc = sqlite3_step(keys.get())) == SQLITE_ROW) {
    const std::string key = reinterpret_cast<const char*>(sqlite3_column_text(keys.get(), 1));
    if (!wanted(key)) continue;
    json.integer(1, sqlite3_column_int64(keys.get(), 0));
    if (sqlite3_step(json.get()) != SQLITE_ROW) return fail("cannot read the dataset's documents");
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(json.get(), 0));
    each(key, std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(json.get(), 0))));
    sqlite3_reset(json.get());
  }
  if (rc != SQLITE_DONE) return fail("cannot read the dataset's documents");
  return {};
}

std::string Writer::write(const DocumentRecord& record) {
  if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return fail("cannot begin a transaction");
  }
  std::string problem = write_rows(record);
  if (problem.empty() && sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    problem = fail("cannot commit " + record.path);
  }
  if (!problem.empty()) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  return problem;
}

std::string Writer::write_rows(const DocumentRecord& record) {
  const Json& j = record.json;
  const Json& source = member(j, "source");
  const Json& meta = member(j, "meta");
  const Json& error = member(j, "error");
  const Json& review = member(j, "review");

  Statement drop(db_, "DELETE FROM documents WHERE sha256 = ?1");
  if (!drop.ok()) return fail("cannot prepare a statement");
  drop.text(1, record.key);
  if (!drop.run()) return fail("cannot replace the old row of " + record.path);
  if (record.key.rfind(kUnreadPrefix, 0) != 0) {
    drop.text(1, unread_key(record.path));
    if (!drop.run()) return fail("cannot replace the old row of " + record.path);
  }

  Statement doc(db_,
                "INSERT INTO documents (path, sha256, bytes, format, encoding, title, agency, "
                "year, template, status, confidence, error_code, error_message, millis, "
                "tool_version, extracted_at, report_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
  if (!doc.ok()) return fail("cannot prepare a statement");
  doc.text(1, record.path);
  doc.text(2, record.key);
  const Json& bytes = member(source, "bytes");
  doc.integer(3, bytes.is_number_integer() ? bytes.get<sqlite3_int64>() : 0);
  doc.json_text(4, member(source, "format"));
  doc.json_text(5, member(source, "encoding"));
  if (error.is_null()) {
    doc.json_text(6, member(meta, "title"));
    doc.json_text(7, member(meta, "agency"));
    const Json& year = member(meta, "year");
    if (year.is_number_integer()) {
      doc.integer(8, year.get<sqlite3_int64>());
    } else {
      doc.null(8);
    }
    doc.json_text(9, member(meta, "template"));
    doc.text(10, member(review, "needs_review").is_boolean() &&
                         member(review, "needs_review").get<bool>()
                     ? "review"
                     : "ok");
    doc.json_number(11, member(review, "confidence"));
    doc.null(12);
    doc.null(13);
  } else {
    for (int i = 6; i <= 9; ++i) doc.null(i);
    doc.text(10, "error");
    doc.null(11);
    doc.json_text(12, member(error, "code"));
    doc.json_text(13, member(error, "message"));
  }
  doc.real(14, record.millis);
  doc.text(15, xxgknb::version());
  doc.text(16, utc_now());
  doc.text(17, record.text);
  if (!doc.run()) return fail("cannot insert the documents row of " + record.path);
  if (!error.is_null()) return {};
  const sqlite3_int64 id = sqlite3_last_insert_rowid(db_);

  Statement field(db_,
                  "INSERT INTO fields (document_id, key, value, exact, raw, kind, confidence, "
                  "flags, source, label) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!field.ok()) return fail("cannot prepare a statement");
  for (const auto& [key, f] : member(j, "fields").items()) {
    field.integer(1, id);
    field.text(2, key);
    field.json_number(3, member(f, "value"));
    field.json_text(4, member(f, "exact"));
    field.json_text(5, member(f, "raw"));
    field.json_text(6, member(f, "kind"));
    field.json_number(7, member(f, "confidence"));
    field.text(8, dump(member(f, "flags")));
    field.text(9, dump(member(f, "source")));
    field.json_text(10, member(f, "label"));
    if (!field.run()) return fail("cannot insert field " + key + " of " + record.path);
  }

  Statement check(db_,
                  "INSERT INTO checks (document_id, seq, id, severity, status, column_key, expr, "
                  "lhs, rhs, fields, message, blame) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                  "?10, ?11, ?12)");
  if (!check.ok()) return fail("cannot prepare a statement");
  sqlite3_int64 seq = 0;
  for (const Json& c : member(j, "checks")) {
    check.integer(1, id);
    check.integer(2, seq++);
    check.json_text(3, member(c, "id"));
    check.json_text(4, member(c, "severity"));
    check.json_text(5, member(c, "status"));
    check.json_text(6, member(c, "column"));
    check.json_text(7, member(c, "expr"));
    bind_side(check, 8, c, "lhs", "lhs_exact");
    bind_side(check, 9, c, "rhs", "rhs_exact");
    check.text(10, dump(member(c, "fields")));
    check.json_text(11, member(c, "message"));
    check.json_text(12, member(c, "blame"));
    if (!check.run()) return fail("cannot insert a check of " + record.path);
  }

  Statement flag(db_,
                 "INSERT INTO flags (document_id, seq, code, severity, field, message) VALUES "
                 "(?1, ?2, ?3, ?4, ?5, ?6)");
  if (!flag.ok()) return fail("cannot prepare a statement");
  seq = 0;
  for (const Json& f : member(j, "flags")) {
    flag.integer(1, id);
    flag.integer(2, seq++);
    flag.json_text(3, member(f, "code"));
    flag.json_text(4, member(f, "severity"));
    flag.json_text(5, member(f, "field"));
    flag.json_text(6, member(f, "message"));
    if (!flag.run()) return fail("cannot insert a flag of " + record.path);
  }

  Statement section(db_,
                    "INSERT INTO sections (document_id, seq, key, number, heading, text, source) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!section.ok()) return fail("cannot prepare a statement");
  seq = 0;
  for (const Json& s : member(j, "sections")) {
    section.integer(1, id);
    section.integer(2, seq++);
    section.json_text(3, member(s, "key"));
    section.json_text(4, member(s, "number"));
    section.json_text(5, member(s, "heading"));
    section.json_text(6, member(s, "text"));
    section.text(7, dump(member(s, "source")));
    if (!section.run()) return fail("cannot insert a section of " + record.path);
  }
  if (std::string why = write_source_text(db_, id, record.source); !why.empty()) {
    return "cannot insert the source text of " + record.path + ": " + why;
  }
  return {};
}

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

}  // namespace xxgknb::dataset
