// Golden corpus: every corpus/<group>/<case>/ folder runs through the whole pipeline, its JSON
// is validated against the project's schema, compared with truth.json (what
// tools/make_corpus.py knows the input says, never this tool's output) and compared whole with
// expected.json (the complete output last accepted, a regression lock that
// XXGKNB_UPDATE_GOLDEN=1 rewrites).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "golden/case_files.h"
#include "support/schema.h"
#include "xxgknb/xxgknb.h"

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

struct CorpusCase {
  std::string group;  // "v2021-docx", "messy", …
  std::string name;   // the case folder
  fs::path dir;
};

// Failure messages name the case instead of dumping the struct's bytes.
void PrintTo(const CorpusCase& c, std::ostream* out) { *out << c.group << '/' << c.name; }

fs::path corpus_root() { return fs::path(XXGKNB_SOURCE_DIR) / "corpus"; }

std::vector<CorpusCase> find_cases() {
  std::vector<CorpusCase> cases;
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
  std::sort(cases.begin(), cases.end(), [](const CorpusCase& a, const CorpusCase& b) {
    return std::tie(a.group, a.name) < std::tie(b.group, b.name);
  });
  return cases;
}

// "v2021-docx" + "split_table3" → "v2021_docx_split_table3".
std::string case_name(const ::testing::TestParamInfo<CorpusCase>& info) {
  return xxgknb::testing::parameter_name(info.param.group + "_" + info.param.name);
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
std::vector<std::string> compare_truth(const Json& expected, const Json& actual) {
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

// The whole-output comparison reads both sides in the order emit writes them, so differences
// are listed in document order.
using OrderedJson = nlohmann::ordered_json;

// A count written 3.0 is not the count 3: numbers differ by type as well as by value.
std::string type_of(const OrderedJson& j) {
  if (j.is_number_integer()) return "integer";
  if (j.is_number_float()) return "decimal";
  return j.type_name();
}

// A value as one line, cut (on a UTF-8 boundary) so a whole missing table stays readable.
std::string shown(const OrderedJson& j) {
  constexpr std::size_t kShownBytes = 160;
  std::string text = j.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
  if (text.size() <= kShownBytes) return text;
  std::size_t cut = kShownBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

// Equal in value and in type at every level (nlohmann's == holds 3 equal to 3.0).
bool identical(const OrderedJson& a, const OrderedJson& b) {
  if (type_of(a) != type_of(b)) return false;
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (const auto& [key, value] : a.items()) {
      if (!b.contains(key) || !identical(value, b.at(key))) return false;
    }
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!identical(a[i], b[i])) return false;
    }
    return true;
  }
  return a == b;
}

// Index pairs (expected, actual) of a longest common subsequence of identical elements.
std::vector<std::pair<std::size_t, std::size_t>> aligned(const OrderedJson& expected, const OrderedJson& actual) {
  const std::size_t n = expected.size();
  const std::size_t m = actual.size();
  std::vector<std::vector<std::size_t>> length(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      length[i][j] = identical(expected[i], actual[j]) ? length[i + 1][j + 1] + 1
                                                      : std::max(length[i + 1][j], length[i][j + 1]);
    }
  }
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t i = 0, j = 0; i < n && j < m;) {
    if (identical(expected[i], actual[j])) {
      pairs.emplace_back(i++, j++);
    } else if (length[i + 1][j] >= length[i][j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
  return pairs;
}

void diff_json(const OrderedJson& expected, const OrderedJson& actual, const OrderedJson::json_pointer& at,
               std::vector<std::string>& out);

// Arrays align on their longest run of identical elements, so one check left out is one line,
// not a shift of every check after it. Between two aligned elements the rest pair up in order
// and compare member by member (named by the index in expected.json); the unpaired are absent
// on one side (named by their index on the side that has them).
void diff_array(const OrderedJson& expected, const OrderedJson& actual, const OrderedJson::json_pointer& at,
                std::vector<std::string>& out) {
  std::vector<std::pair<std::size_t, std::size_t>> anchors = aligned(expected, actual);
  anchors.emplace_back(expected.size(), actual.size());
  std::size_t i = 0;
  std::size_t j = 0;
  for (const auto& [next_i, next_j] : anchors) {
    for (; i < next_i && j < next_j; ++i, ++j) diff_json(expected[i], actual[j], at / i, out);
    for (; i < next_i; ++i) {
      out.push_back((at / i).to_string() + ": expected " + shown(expected[i]) + ", actual (absent)");
    }
    for (; j < next_j; ++j) {
      out.push_back((at / j).to_string() + ": expected (absent), actual " + shown(actual[j]));
    }
    ++i;
    ++j;
  }
}

// Every place where `actual` departs from `expected`, one line each, named by its JSON
// Pointer: "/fields/t3.new_received.total/confidence: expected 0.99, actual 0.97". Objects
// compare by key, arrays element by element (so flag order counts), everything else exactly.
void diff_json(const OrderedJson& expected, const OrderedJson& actual, const OrderedJson::json_pointer& at,
               std::vector<std::string>& out) {
  const std::string where = at.empty() ? "/" : at.to_string();
  if (type_of(expected) != type_of(actual)) {
    out.push_back(where + ": expected " + shown(expected) + ", actual " + shown(actual));
    return;
  }
  if (expected.is_object()) {
    for (const auto& [key, want] : expected.items()) {
      if (!actual.contains(key)) {
        out.push_back((at / key).to_string() + ": expected " + shown(want) + ", actual (absent)");
      } else {
        diff_json(want, actual.at(key), at / key, out);
      }
    }
    for (const auto& [key, got] : actual.items()) {
      if (!expected.contains(key)) {
        out.push_back((at / key).to_string() + ": expected (absent), actual " + shown(got));
      }
    }
    return;
  }
  if (expected.is_array()) {
    diff_array(expected, actual, at, out);
    return;
  }
  if (expected != actual) out.push_back(where + ": expected " + shown(expected) + ", actual " + shown(actual));
}

std::vector<std::string> diff_json(const OrderedJson& expected, const OrderedJson& actual) {
  std::vector<std::string> out;
  diff_json(expected, actual, OrderedJson::json_pointer(), out);
  return out;
}

// The first kMaxListed differences, indented, then how many more there are.
std::string listed(const std::vector<std::string>& diffs) {
  constexpr std::size_t kMaxListed = 40;
  std::ostringstream all;
  for (std::size_t i = 0; i < diffs.size() && i < kMaxListed; ++i) all << "  " << diffs[i] << '\n';
  if (diffs.size() > kMaxListed) all << "  … and " << diffs.size() - kMaxListed << " more\n";
  return all.str();
}

// XXGKNB_UPDATE_GOLDEN=1: rewrite every expected.json from the current output.
bool updating_golden() {
  const char* value = std::getenv("XXGKNB_UPDATE_GOLDEN");
  return value != nullptr && std::string(value) == "1";
}

// What `xxgknb extract --pretty corpus/<group>/<case>/input.*` prints from the repository
// root, wherever the test runs: source.path is the repository-relative path, not the absolute one
// the file is read from.
std::string case_output(const CorpusCase& c, const fs::path& input, bool* refused, std::string* error_code) {
  const std::string path = (fs::path("corpus") / c.group / c.name / input.filename()).generic_string();
  auto result = xxgknb::extract_file(input.string());
  *refused = !result.ok();
  if (result) {
    result.value().source.path = path;
    return xxgknb::to_json(result.value(), xxgknb::JsonStyle{.pretty = true});
  }
  xxgknb::Error error = std::move(result).error();
  error.source.path = path;
  *error_code = error.code;
  return xxgknb::to_json(error, xxgknb::JsonStyle{.pretty = true});
}

// Next to the test binary, for review: <build>/tests/golden-actual/<group>_<case>.json, in the
// same form as expected.json so the two can be compared with diff.
fs::path write_actual(const std::string& name, const std::string& json_text) {
  std::error_code ec;
  fs::path dir = fs::read_symlink("/proc/self/exe", ec).parent_path() / "golden-actual";
  if (ec) dir = fs::current_path(ec) / "golden-actual";
  fs::create_directories(dir, ec);
  fs::path path = dir / (name + ".json");
  std::ofstream(path, std::ios::binary) << json_text << '\n';
  return path;
}

class GoldenCase : public ::testing::TestWithParam<CorpusCase> {};

// Against the independent truth: values, kinds, listed flags, meta, sections, check statuses.
TEST_P(GoldenCase, MatchesTruth) {
  const CorpusCase& c = GetParam();
  const std::string name = c.group + "_" + c.name;
  Json expected = Json::parse(xxgknb::testing::read_bytes(c.dir / "truth.json"), nullptr, false);
  ASSERT_FALSE(expected.is_discarded()) << c.dir / "truth.json" << " is not JSON";
  const fs::path input = xxgknb::testing::case_input(c.dir);
  ASSERT_FALSE(input.empty()) << c.dir << " has no input.docx or input.txt";

  bool refused = false;
  std::string error_code;
  const std::string json_text = case_output(c, input, &refused, &error_code);
  if (refused && error_code == "unsupported_format" && input.extension() == ".pdf") {
    GTEST_SKIP() << "this build has no PDF input (XXGKNB_PDF off)";
  }
  for (const std::string& e : xxgknb::testing::schema_errors(json_text)) {
    ADD_FAILURE() << "schema: " << e;
  }

  const Json error = expected.value("error", Json());
  if (!error.is_null()) {
    const std::string want = error.value("code", "");
    ASSERT_TRUE(refused) << "expected error " << want << ", got a report; actual JSON in "
                         << write_actual(name, json_text);
    EXPECT_EQ(error_code, want) << json_text;
    return;
  }
  ASSERT_FALSE(refused) << "refused: " << json_text;

  const Json actual = Json::parse(json_text, nullptr, false);
  ASSERT_FALSE(actual.is_discarded()) << "our output is not JSON; written to " << write_actual(name, json_text);
  const std::vector<std::string> diffs = compare_truth(expected, actual);
  if (!diffs.empty()) {
    std::ostringstream all;
    for (const std::string& d : diffs) all << "  " << d << '\n';
    ADD_FAILURE() << diffs.size() << " difference(s) from " << c.dir / "truth.json" << ":\n"
                  << all.str() << "actual JSON written to " << write_actual(name, json_text);
  }
}

// Against the lock: the complete output, every key, as last reviewed.
TEST_P(GoldenCase, MatchesExpected) {
  const CorpusCase& c = GetParam();
  const std::string name = c.group + "_" + c.name;
  const fs::path input = xxgknb::testing::case_input(c.dir);
  ASSERT_FALSE(input.empty()) << c.dir << " has no input.docx or input.txt";
  bool refused = false;
  std::string error_code;
  const std::string json_text = case_output(c, input, &refused, &error_code);
  if (refused && error_code == "unsupported_format" && input.extension() == ".pdf") {
    GTEST_SKIP() << "this build has no PDF input (XXGKNB_PDF off)";
  }
  const fs::path lock = c.dir / "expected.json";

  if (updating_golden()) {
    std::ofstream out(lock, std::ios::binary);
    out << json_text << '\n';
    out.close();
    ASSERT_TRUE(out) << "could not write " << lock;
    std::cout << "[ golden   ] XXGKNB_UPDATE_GOLDEN=1: rewrote " << lock.string() << " from the current output\n";
    return;
  }
  ASSERT_TRUE(fs::exists(lock)) << lock << " is missing; XXGKNB_UPDATE_GOLDEN=1 writes it from the current "
                                << "output, to be reviewed before it is committed";
  const OrderedJson expected = OrderedJson::parse(xxgknb::testing::read_bytes(lock), nullptr, false);
  ASSERT_FALSE(expected.is_discarded()) << lock << " is not JSON";
  const OrderedJson actual = OrderedJson::parse(json_text, nullptr, false);
  ASSERT_FALSE(actual.is_discarded()) << "our output is not JSON; written to " << write_actual(name, json_text);
  const std::vector<std::string> diffs = diff_json(expected, actual);
  if (!diffs.empty()) {
    ADD_FAILURE() << diffs.size() << " difference(s) from " << lock << ":\n"
                  << listed(diffs) << "actual JSON written to " << write_actual(name, json_text)
                  << "\nif the change is intended, rerun with XXGKNB_UPDATE_GOLDEN=1 and review the diff of "
                  << "expected.json";
  }
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenCase, ::testing::ValuesIn(find_cases()), case_name);

// The corpus is part of the project: an empty list means the test would silently pass.
TEST(GoldenCorpus, HasCasesInEveryGroup) {
  std::set<std::string> groups;
  for (const CorpusCase& c : find_cases()) groups.insert(c.group);
  for (const char* group : {"v2021-docx", "v2021-text", "v2019-docx", "v2019-text", "messy"}) {
    EXPECT_TRUE(groups.count(group)) << "no cases under " << corpus_root() / group;
  }
}

// The truth comparison itself: a look-alike value or a missing check must be reported.
TEST(GoldenCorpus, CompareTruthReportsEveryDifference) {
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
  EXPECT_TRUE(compare_truth(expected, actual).empty());

  actual["fields"]["t3.new_received.total"]["value"] = 3.5;
  actual["fields"]["t2.admin_fees.amount_wan_yuan"]["flags"] = Json::array();
  actual["checks"][0]["status"] = "fail";
  actual["sections"].push_back({{"key", "s5_problems"}});
  actual["meta"]["year"] = 2020;
  actual["meta"]["title"] = "甲县2020年报告";
  EXPECT_EQ(compare_truth(expected, actual).size(), 6u);
}

// The whole-output comparison names each difference by its JSON Pointer, counts flag order
// and number type, and escapes '/' and '~' in keys.
TEST(GoldenCorpus, WholeOutputDiffNamesEveryPath) {
  const OrderedJson expected = OrderedJson::parse(R"({"fields": {"t3.new_received.total":
      {"value": 3, "confidence": 0.99, "flags": ["label_fuzzy", "unit_stripped"]}},
    "review": {"needs_review": false}, "a/b~c": 1})");
  OrderedJson actual = expected;
  EXPECT_TRUE(diff_json(expected, actual).empty());

  OrderedJson& field = actual["fields"]["t3.new_received.total"];
  field["confidence"] = 0.97;
  field["value"] = 3.0;
  field["flags"] = OrderedJson::array({"unit_stripped", "label_fuzzy", "check_failed"});
  actual["review"].erase("needs_review");
  actual["a/b~c"] = 2;
  actual["extra_rows"] = OrderedJson::array();
  const std::vector<std::string> want = {
      "/fields/t3.new_received.total/value: expected 3, actual 3.0",
      "/fields/t3.new_received.total/confidence: expected 0.99, actual 0.97",
      "/fields/t3.new_received.total/flags/0: expected \"label_fuzzy\", actual (absent)",
      "/fields/t3.new_received.total/flags/1: expected (absent), actual \"label_fuzzy\"",
      "/fields/t3.new_received.total/flags/2: expected (absent), actual \"check_failed\"",
      "/review/needs_review: expected false, actual (absent)",
      "/a~1b~0c: expected 1, actual 2",
      "/extra_rows: expected (absent), actual []"};
  EXPECT_EQ(diff_json(expected, actual), want);
  EXPECT_EQ(diff_json(OrderedJson::array({1}), OrderedJson::object()),
            std::vector<std::string>{"/: expected [1], actual {}"});
}

// One check left out, or one changed, is one line: arrays align before they compare.
TEST(GoldenCorpus, WholeOutputDiffAlignsArrays) {
  const OrderedJson expected = OrderedJson::parse(R"({"checks": [{"id": "E1", "status": "pass"},
    {"id": "E2", "status": "pass"}, {"id": "E3", "status": "pass"}, {"id": "E4", "status": "pass"}]})");
  OrderedJson actual = expected;
  actual["checks"].erase(1);
  actual["checks"][2]["status"] = "fail";
  const std::vector<std::string> want = {
      R"(/checks/1: expected {"id":"E2","status":"pass"}, actual (absent))",
      R"(/checks/3/status: expected "pass", actual "fail")"};
  EXPECT_EQ(diff_json(expected, actual), want);
}

TEST(GoldenCorpus, DiffListStopsAtFortyLines) {
  std::vector<std::string> diffs;
  for (int i = 0; i < 100; ++i) diffs.push_back("/fields/k" + std::to_string(i));
  const std::string text = listed(diffs);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 41);
  EXPECT_NE(text.find("/fields/k39\n"), std::string::npos);
  EXPECT_EQ(text.find("/fields/k40\n"), std::string::npos);
  EXPECT_NE(text.find("… and 60 more"), std::string::npos);
}

}  // namespace

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GoldenCase);
