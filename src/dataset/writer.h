// Dataset, batch engine, last step: the one SQLite connection of a batch. Opens (or creates)
// the dataset in WAL mode and writes each document — its documents row and its fields,
// checks, flags and sections rows — in one transaction of its own.
#pragma once

#include <sqlite3.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_set>

#include "dataset/source_text.h"

namespace xxgknb::dataset {

// A document ready for the dataset: the object `xxgknb extract` prints for it, as a value
// and as text, and what the batch measured.
struct DocumentRecord {
  std::string path;
  // The documents.sha256 of the row: the sha256 of the bytes read, or "unread:" + path for
  // an input none of whose bytes could be trusted (not opened, over the size limit, changed
  // while read), so that it is tried again by the next run.
  std::string key;
  nlohmann::ordered_json json;
  std::string text;
  double millis = 0;
  SourceText source;   // the text around each field and the pages' sizes (schema 3)
};

inline constexpr std::string_view kUnreadPrefix = "unread:";

// The key of a record whose input could not be read: kUnreadPrefix + path.
std::string unread_key(const std::string& path);

class Writer {
 public:
  Writer() = default;
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Opens or creates the dataset and takes it for this batch; "" on success, else why not.
  // While one Writer has a dataset open, another (in this process or another) is refused
  // ("another xxgknb batch is writing this dataset; …").
  std::string open(const std::string& path);

  // The sha256 of every document in the dataset whose bytes were read (unread ones are
  // tried again, so they are not listed).
  std::string read_keys(std::unordered_set<std::string>& keys);

  // Replaces any row of the same key (and, for a document read, the "unread:" row of the same
  // path) by this document, all in one transaction; "" on success, else why not (and nothing
  // of the document is written).
  std::string write(const DocumentRecord& record);

  // Rebuilds the cross_checks table over every document (cross_checks.h); "" or why not.
  std::string run_cross_checks();

  // Calls `each(key, report_json)` for every document `wanted(key)` accepts, in id order;
  // "" or why not. Only the report_json of those documents is read.
  std::string each_document(const std::function<bool(const std::string&)>& wanted,
                            const std::function<void(const std::string&, const std::string&)>& each);

 private:
  std::string fail(const std::string& what);
  std::string write_failure() const;
  std::string write_rows(const DocumentRecord& record);

  std::string path_;
  sqlite3* db_ = nullptr;
  int lock_fd_ = -1;   // the dataset file, flock'ed for the life of the Writer
};

// The time now, UTC, as the dataset records it: "2026-12-01T12:34:56Z".
std::string utc_now();

}  // namespace xxgknb::dataset
