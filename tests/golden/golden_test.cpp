// Golden corpus: every corpus/<group>/<case>/ folder runs through the whole pipeline, its JSON
// is validated against the project's schema and compared field by field with truth.json,
// which tools/make_corpus.py writes from the case's own truth (never from this tool's output).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "support/schema.h"
#include "xxgknb/xxgknb.h"

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

struct GoldenCase {
  std::string group;  // "v2021-docx", "messy", …
  std::string name;   // the case folder
  fs::path dir;
};

// Failure messages name the case instead of dumping the struct's bytes.
void PrintTo(const GoldenCase& c, std::ostream* out) { *out << c.group << '/' << c.name; }

fs::path corpus_root() { return fs::path(XXGKNB_SOURCE_DIR) / "corpus"; }

std::vector<GoldenCase> find_cases() {
  std::vector<GoldenCase> cases;
  std::error_code ec;
  for (const auto& group : fs::directory_iterator(corpus_root(), ec)) {
    if (!group.is_directory()) continue;
    for (const auto& item : fs::directory_iterator(group.path(), ec)) {
      if (item.is_directory() && fs::exists(item.path() / "truth.json")) {
        cases.push_back({group.path().filename().string(), item.path().filename().string(),
                         item.path()});
      }
    }
  }
  std::sort(cases.begin(), cases.end(), [](const GoldenCase& a, const GoldenCase& b) {
    return std::tie(a.group, a.name) < std::tie(b.group, b.name);
  });
  return cases;
}

// "v2021-docx" + "split_table3" → "v2021_docx_split_table3" (GoogleTest allows [A-Za-z0-9_]).
std::string case_name(const ::testing::TestParamInfo<GoldenCase>& info) {
  std::string name = info.param.group + "_" + info.param.name;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

fs::path input_path(const fs::path& dir) {
  for (const char* name : {"input.docx", "input.txt"}) {
    if (fs::exists(dir / name)) return dir / name;
  }
  return {};
}

// Numbers compare exactly: integers as integers, decimals by the double both texts parse to.
bool same_value(const Json& expected, const Json& actual) {
  if (expected.is_null() || actual.is_null()) return expected.is_null() && actual.is_null();
  if (!expected.is_number() || !actual.is_number()) return false;
  if (expected.is_number_integer() && actual.is_number_integer()) {
    return expected.get<std::int64_t>() == actual.get<std::int64_t>();
  }
  return expected.get<double>() == actual.get<double>();
}

std::string describe_field(const Json& field) {
  if (!field.is_object()) return "(absent)";
  std::ostringstream s;
  s << "value=" << field.value("value", Json()).dump() << " kind=" << field.value("kind", Json()).dump()
    << " raw=" << field.value("raw", Json()).dump() << " flags=" << field.value("flags", Json()).dump()
    << " source=" << field.value("source", Json()).dump();
  return s.str();
}

// Every way `actual` (our JSON) departs from `expected` (truth.json), one line each.
std::vector<std::string> compare_report(const Json& expected, const Json& actual) {
  std::vector<std::string> diffs;
  auto diff = [&diffs](const std::string& what, const Json& want, const std::string& got) {
    diffs.push_back(what + ": expected " + want.dump() + ", actual " + got);
  };

  const Json meta = actual.value("meta", Json::object());
  const Json want_meta = expected.value("meta", Json::object());
  for (const char* key : {"template", "year", "agency", "title"}) {
    if (!want_meta.contains(key)) continue;
    const Json got = meta.value(key, Json());
    if (got != want_meta[key]) diff(std::string("meta.") + key, want_meta[key], got.dump());
  }

  std::set<std::string> found;
  for (const Json& section : actual.value("sections", Json::array())) {
    found.insert(section.value("key", ""));
  }
  for (const Json& key : expected.value("sections", Json::array())) {
    if (!found.count(key.get<std::string>())) diff("section " + key.get<std::string>(), "found", "not found");
  }
  for (const Json& key : expected.value("sections_absent", Json::array())) {
    if (found.count(key.get<std::string>())) diff("section " + key.get<std::string>(), "absent", "found");
  }

  const Json fields = actual.value("fields", Json::object());
  const Json want_fields = expected.value("fields", Json::object());
  for (const auto& [key, want] : want_fields.items()) {
    if (!fields.contains(key)) {
      diff("field " + key, want, "(absent)");
      continue;
    }
    const Json& got = fields[key];
    bool ok = same_value(want.value("value", Json()), got.value("value", Json())) &&
              want.value("kind", Json()) == got.value("kind", Json());
    for (const Json& flag : want.value("flags", Json::array())) {
      const Json got_flags = got.value("flags", Json::array());
      ok = ok && std::find(got_flags.begin(), got_flags.end(), flag) != got_flags.end();
    }
    if (!ok) diff("field " + key, want, describe_field(got));
  }

  // Checks are keyed "id:column"; a null column is "".
  std::map<std::string, Json> checks;
  for (const Json& check : actual.value("checks", Json::array())) {
    const Json column = check.value("column", Json());
    std::string id = check.value("id", "") + ":" + (column.is_string() ? column.get<std::string>() : "");
    checks.emplace(id, check);
  }
  const Json want_checks = expected.value("checks", Json::object());
  for (const auto& [id, status] : want_checks.items()) {
    auto it = checks.find(id);
    if (it == checks.end()) {
      diff("check " + id, status, "(absent)");
    } else if (it->second.value("status", Json()) != status) {
      diff("check " + id, status,
           it->second.value("status", Json()).dump() + " lhs=" + it->second.value("lhs", Json()).dump() +
               " rhs=" + it->second.value("rhs", Json()).dump() + " message=" +
               it->second.value("message", Json()).dump());
    }
  }
  return diffs;
}

// Next to the test binary, for review: <build>/tests/golden-actual/<group>_<case>.json.
fs::path write_actual(const std::string& name, const std::string& json_text) {
  std::error_code ec;
  fs::path dir = fs::read_symlink("/proc/self/exe", ec).parent_path() / "golden-actual";
  if (ec) dir = fs::current_path(ec) / "golden-actual";
  fs::create_directories(dir, ec);
  fs::path path = dir / (name + ".json");
  const Json parsed = Json::parse(json_text, nullptr, false);
  std::ofstream(path, std::ios::binary) << (parsed.is_discarded() ? json_text : parsed.dump(1)) << '\n';
  return path;
}

class Golden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, MatchesTruth) {
  const GoldenCase& c = GetParam();
  const std::string name = c.group + "_" + c.name;
  Json expected = Json::parse(read_file(c.dir / "truth.json"), nullptr, false);
  ASSERT_FALSE(expected.is_discarded()) << c.dir / "truth.json" << " is not JSON";
  const fs::path input = input_path(c.dir);
  ASSERT_FALSE(input.empty()) << c.dir << " has no input.docx or input.txt";

  auto result = xxgknb::extract_file(input.string());
  const std::string json_text = result ? xxgknb::to_json(result.value()) : xxgknb::to_json(result.error());
  for (const std::string& e : xxgknb::testing::schema_errors(json_text)) {
    ADD_FAILURE() << "schema: " << e;
  }

  const Json error = expected.value("error", Json());
  if (!error.is_null()) {
    const std::string want = error.value("code", "");
    ASSERT_FALSE(result.ok()) << "expected error " << want << ", got a report; actual JSON in "
                              << write_actual(name, json_text);
    EXPECT_EQ(result.error().code, want) << result.error().message;
    return;
  }
  ASSERT_TRUE(result.ok()) << "refused: " << result.error().code << ": " << result.error().message;

  const Json actual = Json::parse(json_text, nullptr, false);
  ASSERT_FALSE(actual.is_discarded()) << "our output is not JSON; written to " << write_actual(name, json_text);
  const std::vector<std::string> diffs = compare_report(expected, actual);
  if (!diffs.empty()) {
    std::ostringstream all;
    for (const std::string& d : diffs) all << "  " << d << '\n';
    ADD_FAILURE() << diffs.size() << " difference(s) from " << c.dir / "truth.json" << ":\n"
                  << all.str() << "actual JSON written to " << write_actual(name, json_text);
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, Golden, ::testing::ValuesIn(find_cases()), case_name);

// The corpus is part of the project: an empty list means the test would silently pass.
TEST(GoldenCorpus, HasCasesInEveryGroup) {
  std::set<std::string> groups;
  for (const GoldenCase& c : find_cases()) groups.insert(c.group);
  for (const char* group : {"v2021-docx", "v2021-text", "v2019-docx", "v2019-text", "messy"}) {
    EXPECT_TRUE(groups.count(group)) << "no cases under " << corpus_root() / group;
  }
}

// The comparison itself: a look-alike value or a missing check must be reported.
TEST(GoldenCorpus, CompareReportsEveryDifference) {
  const Json expected = Json::parse(R"({"meta": {"template": "v2021", "year": 2021, "title": "甲县2021年报告"},
    "sections": ["s1_overview"], "sections_absent": ["s5_problems"],
    "fields": {"t2.admin_fees.amount_wan_yuan": {"value": 0.5, "kind": "number", "flags": ["unit_stripped"]},
               "t3.new_received.total": {"value": 3, "kind": "number"}},
    "checks": {"E1:total": "pass", "E6:": "pass"}, "error": null})");
  Json actual = Json::parse(R"({"meta": {"template": "v2021", "year": 2021, "title": "甲县2021年报告"},
    "sections": [{"key": "s1_overview"}],
    "fields": {"t2.admin_fees.amount_wan_yuan": {"value": 0.5, "kind": "number", "flags": ["unit_stripped"]},
               "t3.new_received.total": {"value": 3, "kind": "number"}},
    "checks": [{"id": "E1", "column": "total", "status": "pass"},
               {"id": "E6", "column": null, "status": "pass"}]})");
  EXPECT_TRUE(compare_report(expected, actual).empty());

  actual["fields"]["t3.new_received.total"]["value"] = 3.5;
  actual["fields"]["t2.admin_fees.amount_wan_yuan"]["flags"] = Json::array();
  actual["checks"][0]["status"] = "fail";
  actual["sections"].push_back({{"key", "s5_problems"}});
  actual["meta"]["year"] = 2020;
  actual["meta"]["title"] = "甲县2020年报告";
  EXPECT_EQ(compare_report(expected, actual).size(), 6u);
}

}  // namespace

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Golden);
