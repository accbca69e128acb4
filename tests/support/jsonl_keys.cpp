// Test support: the dataset keys of a JSON Lines file's lines (jsonl_keys.h).
#include "support/jsonl_keys.h"

#include <nlohmann/json.hpp>

#include "support/temp_dir.h"

namespace xxgknb::testing {

std::multiset<std::string> jsonl_keys(const std::string& path) {
  std::multiset<std::string> keys;
  const std::string text = read_file(path);
  std::size_t start = 0;
  for (std::size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
    const nlohmann::json j = nlohmann::json::parse(text.substr(start, end - start), nullptr, false);
    start = end + 1;
    if (!j.is_object() || !j.contains("source") || !j["source"].is_object()) {
      keys.insert("not JSON");
      continue;
    }
    const nlohmann::json& source = j["source"];
    const std::string sha256 = source.value("sha256", std::string());
    keys.insert(!sha256.empty() ? sha256 : "unread:" + source.value("path", std::string()));
  }
  if (start != text.size()) keys.insert("a line without its newline");
  return keys;
}

}  // namespace xxgknb::testing
