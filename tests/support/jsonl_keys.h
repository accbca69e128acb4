// Test support: reads a batch's JSON Lines file back as the dataset keys of its lines, so a
// test can say that each document of the dataset has exactly one line.
#pragma once

#include <set>
#include <string>

namespace xxgknb::testing {

// One element per line: the line's documents.sha256 (docs/dataset.md) — its source.sha256,
// or "unread:" + source.path when it has none — "not JSON" for a line that is not an object,
// and "a line without its newline" for a last line cut short.
std::multiset<std::string> jsonl_keys(const std::string& path);

}  // namespace xxgknb::testing
