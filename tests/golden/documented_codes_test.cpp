// Every flag code and error code the tool writes for the golden corpus (and the shared real
// material, when present) is documented in docs/flags.md or docs/output-format.md.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void collect_codes(const nlohmann::json& j, std::set<std::string>& codes) {
  if (j.contains("error")) codes.insert(j["error"]["code"].get<std::string>());
  if (j.contains("meta")) {
    for (const auto& f : j["meta"]["flags"]) codes.insert(f.get<std::string>());
  }
  if (j.contains("fields")) {
    for (const auto& [key, field] : j["fields"].items()) {
      for (const auto& f : field["flags"]) codes.insert(f.get<std::string>());
    }
  }
  if (j.contains("flags")) {
    for (const auto& f : j["flags"]) codes.insert(f["code"].get<std::string>());
  }
  if (j.contains("sections")) {
    for (const auto& s : j["sections"]) {
      for (const auto& f : s["flags"]) codes.insert(f.get<std::string>());
    }
  }
}

void collect_from_tree(const fs::path& root, std::set<std::string>& codes) {
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const std::string name = entry.path().filename().string();
    if (name == "expected.json" || name == "truth.json" || name == "NOTES.md" || name == "SOURCES.md" ||
        name == "README.md") {
      continue;
    }
    auto result = extract_file(entry.path().string());
    const std::string json = result ? to_json(result.value()) : to_json(result.error());
    collect_codes(nlohmann::json::parse(json), codes);
  }
}

TEST(DocumentedCodes, EveryCodeWrittenIsDocumented) {
  const fs::path source = XXGKNB_SOURCE_DIR;
  std::set<std::string> codes;
  collect_from_tree(source / "corpus", codes);
  const fs::path shared = XXGKNB_SHARED_CORPUS;
  if (fs::exists(shared)) collect_from_tree(shared, codes);
  ASSERT_FALSE(codes.empty());
  const std::string docs =
      read_all(source / "docs" / "flags.md") + read_all(source / "docs" / "output-format.md");
  for (const std::string& code : codes) {
    EXPECT_NE(docs.find("`" + code + "`"), std::string::npos)
        << "code " << code << " is written but not documented in docs/flags.md";
  }
}

}  // namespace
}  // namespace xxgknb
