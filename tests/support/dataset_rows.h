// Test support: a batch dataset built in a test — a temporary SQLite file with the schema of
// src/dataset/schema.cpp, and reports (or error objects) written into it by the batch's own
// writer (src/dataset/writer.h), every row taken from the report's JSON.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "xxgknb/report.h"

struct sqlite3;

namespace xxgknb::dataset {
class Writer;
}

namespace xxgknb::testing {

class TestDataset {
 public:
  // Creates the file `path` with the dataset's schema; ok() says whether that worked.
  explicit TestDataset(const std::string& path);
  ~TestDataset();
  TestDataset(const TestDataset&) = delete;
  TestDataset& operator=(const TestDataset&) = delete;

  bool ok() const { return db_ != nullptr && error_.empty(); }
  const std::string& error() const { return error_; }
  // A connection of the test's own, beside the writer's, for queries and checks.
  sqlite3* db() const { return db_; }

  // Writes a report (its JSON as report_json and every row derived from it) in one
  // transaction, keyed by its source.sha256; returns the document id, or -1 with error() set.
  std::int64_t add(const Report& report);
  std::int64_t add(const Error& error);

 private:
  std::int64_t add_json(const std::string& json);
  std::unique_ptr<dataset::Writer> writer_;
  sqlite3* db_ = nullptr;
  std::string error_;
};

}  // namespace xxgknb::testing
