// Test support: reads a batch dataset back and says where its tables disagree with the
// report_json of their documents (docs/dataset.md), or that SQLite finds it damaged.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace xxgknb::testing {

// "" when `pragma integrity_check` says ok and every documents row is complete: its status,
// error code and meta columns are those of its report_json, and its fields, checks, flags and
// sections rows are exactly the members of that object (same count, keys, kinds, raw texts,
// values, order). Otherwise the first problems found, one per line.
std::string dataset_problems(const std::string& db_path);

// documents.sha256 → documents.path, for every row.
std::map<std::string, std::string> dataset_documents(const std::string& db_path);

}  // namespace xxgknb::testing
