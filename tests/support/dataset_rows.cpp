// Test support: writes reports into a dataset (dataset_rows.h) with the batch's own writer,
// so a test's dataset holds exactly the rows a batch would write.
#include "support/dataset_rows.h"

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "dataset/sqlite_util.h"
#include "dataset/writer.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb::testing {

TestDataset::TestDataset(const std::string& path) : writer_(std::make_unique<dataset::Writer>()) {
  error_ = writer_->open(path);
  if (!error_.empty()) return;
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) error_ = sqlite3_errmsg(db_);
}

TestDataset::~TestDataset() { sqlite3_close(db_); }

std::int64_t TestDataset::add(const Report& report) { return add_json(to_json(report)); }
std::int64_t TestDataset::add(const Error& error) { return add_json(to_json(error)); }

std::int64_t TestDataset::add_json(const std::string& json) {
  dataset::DocumentRecord record;
  record.json = nlohmann::ordered_json::parse(json);
  record.text = json;
  const auto& source = record.json["source"];
  record.path = source["path"].get<std::string>();
  record.key = source["sha256"].is_string() ? source["sha256"].get<std::string>()
                                            : dataset::unread_key(record.path);
  if (error_ = writer_->write(record); !error_.empty()) return -1;
  dataset::Statement id(db_, "SELECT id FROM documents WHERE sha256 = ?");
  if (!id.ok()) {
    error_ = id.error();
    return -1;
  }
  id.bind(1, record.key);
  if (id.step() != SQLITE_ROW) {
    error_ = "the document just written is not in the dataset: " + record.key;
    return -1;
  }
  return id.integer(0);
}

}  // namespace xxgknb::testing
