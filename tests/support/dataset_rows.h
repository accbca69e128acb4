// Test support: a batch dataset built in a test — a temporary SQLite file with the schema of
// src/dataset/schema.cpp, and a report (or an error object) written into it as the rows of
// documents, fields, checks, flags and sections, all taken from the report's own JSON.
#pragma once

#include <cstdint>
#include <string>

#include "xxgknb/report.h"

struct sqlite3;

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
  sqlite3* db() const { return db_; }

  // Writes a report (its JSON as report_json and every row derived from it); returns the
  // document id, or -1 with error() set.
  std::int64_t add(const Report& report);
  std::int64_t add(const Error& error);

 private:
  std::int64_t add_json(const std::string& json);
  std::int64_t add_rows(const std::string& json);
  sqlite3* db_ = nullptr;
  std::string error_;
};

}  // namespace xxgknb::testing
