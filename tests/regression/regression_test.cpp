// Regression cases: every tests/regression/<case>/ folder holds an input that once broke the
// tool, NOTES.md saying what broke, and assert.json: assertions on the output JSON by JSON
// Pointer (RFC 6901). Each case runs through the whole pipeline, its output is validated
// against the schema and every assertion must hold. The format is in tests/regression/README.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "golden/case_files.h"
#include "support/schema.h"
#include "xxgknb/xxgknb.h"

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

fs::path regression_root() { return fs::path(XXGKNB_SOURCE_DIR) / "tests" / "regression"; }

// Folders other tests own: their inputs are not regression cases of this runner.
const std::set<std::string>& foreign_folders() {
  static const std::set<std::string> kFolders = {"fuzz", "cli"};
  return kFolders;
}

// Every case folder, sorted; a folder without assert.json is still listed, so it fails
// instead of being left out.
std::vector<std::string> find_cases() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& item : fs::directory_iterator(regression_root(), ec)) {
    const std::string name = item.path().filename().string();
    if (item.is_directory() && !foreign_folders().count(name)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string case_name(const ::testing::TestParamInfo<std::string>& info) {
  return xxgknb::testing::parameter_name(info.param);
}

std::string shown(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// `candidate` matches `wanted` when equal or, for objects, when it holds every member of
// `wanted` with an equal value: {"code": "row_repeated"} matches a whole flag object.
bool matches(const Json& candidate, const Json& wanted) {
  if (!wanted.is_object()) return candidate == wanted;
  if (!candidate.is_object()) return false;
  for (const auto& [key, value] : wanted.items()) {
    if (!candidate.contains(key) || candidate.at(key) != value) return false;
  }
  return true;
}

// "contains": an array holding a matching element, or a string holding a substring.
std::optional<bool> holds(const Json& target, const Json& wanted) {
  if (target.is_array()) {
    return std::any_of(target.begin(), target.end(), [&wanted](const Json& e) { return matches(e, wanted); });
  }
  if (target.is_string() && wanted.is_string()) {
    return target.get<std::string>().find(wanted.get<std::string>()) != std::string::npos;
  }
  return std::nullopt;
}

// A number by its value; an array or object by its number of elements.
std::optional<double> measure(const Json& target) {
  if (target.is_number()) return target.get<double>();
  if (target.is_array() || target.is_object()) return static_cast<double>(target.size());
  return std::nullopt;
}

// Why `assertion` does not hold for `output`, or nothing when it holds. A malformed assertion
// (no pointer, not exactly one predicate, a pointer that is not RFC 6901) fails too.
std::optional<std::string> failure_of(const Json& assertion, const Json& output) {
  if (!assertion.is_object()) return "an assertion must be an object, not " + shown(assertion);
  if (assertion.contains("error_code")) {
    if (assertion.size() != 1) return "error_code stands alone: " + shown(assertion);
    const Json::json_pointer code("/error/code");
    if (!output.contains(code)) return "expected the input to be refused with " + shown(assertion["error_code"]) +
                                       ", but it was read as a report";
    if (output.at(code) != assertion["error_code"]) {
      return "expected error " + shown(assertion["error_code"]) + ", actual " + shown(output.at(code));
    }
    return std::nullopt;
  }
  static const std::vector<std::string> kPredicates = {"equals",   "contains", "not_contains",
                                                       "absent",   "at_most",  "at_least"};
  if (!assertion.contains("pointer") || !assertion["pointer"].is_string() || assertion.size() != 2) {
    return "an assertion is {\"pointer\": \"/…\", <one predicate>}: " + shown(assertion);
  }
  std::string predicate;
  for (const std::string& p : kPredicates) {
    if (assertion.contains(p)) predicate = p;
  }
  if (predicate.empty()) return "unknown predicate in " + shown(assertion);
  const std::string text = assertion["pointer"].get<std::string>();
  Json::json_pointer pointer;
  try {
    pointer = Json::json_pointer(text);
  } catch (const nlohmann::json::exception& e) {
    return "\"" + text + "\" is not a JSON Pointer: " + e.what();
  }
  const Json& operand = assertion[predicate];
  const bool present = output.contains(pointer);
  const std::string at = text + ": ";

  if (predicate == "absent") {
    if (operand != true) return at + "\"absent\" takes only true";
    if (present) return at + "expected absent, actual " + shown(output.at(pointer));
    return std::nullopt;
  }
  if (!present) return at + "expected " + predicate + " " + shown(operand) + ", actual (absent)";
  const Json& target = output.at(pointer);
  if (predicate == "equals") {
    if (target != operand) return at + "expected " + shown(operand) + ", actual " + shown(target);
    return std::nullopt;
  }
  if (predicate == "contains" || predicate == "not_contains") {
    const std::optional<bool> found = holds(target, operand);
    if (!found) return at + predicate + " needs an array, or a string and a string operand; actual " + shown(target);
    if (*found != (predicate == "contains")) {
      return at + "expected " + (*found ? "no " : "") + "element or substring matching " + shown(operand) +
             ", actual " + shown(target);
    }
    return std::nullopt;
  }
  // at_most, at_least
  const std::optional<double> size = measure(target);
  if (!operand.is_number()) return at + predicate + " takes a number, not " + shown(operand);
  if (!size) return at + predicate + " needs a number, an array or an object; actual " + shown(target);
  const double bound = operand.get<double>();
  if (predicate == "at_most" ? *size > bound : *size < bound) {
    return at + "expected " + predicate + " " + shown(operand) + ", actual " + shown(target);
  }
  return std::nullopt;
}

// Every failed assertion of a list, one line each, numbered as in assert.json.
std::vector<std::string> failures(const Json& assertions, const Json& output) {
  std::vector<std::string> out;
  if (!assertions.is_array() || assertions.empty()) return {"assert.json must be a non-empty array"};
  for (std::size_t i = 0; i < assertions.size(); ++i) {
    if (auto why = failure_of(assertions[i], output)) out.push_back("[" + std::to_string(i) + "] " + *why);
  }
  return out;
}

// The output as the CLI would print it for tests/regression/<case>/input.*, wherever the test
// runs: source.path is the repository-relative path.
std::string case_output(const std::string& name, const fs::path& input) {
  const std::string path = (fs::path("tests") / "regression" / name / input.filename()).generic_string();
  auto result = xxgknb::extract_file(input.string());
  if (result) {
    result.value().source.path = path;
    return xxgknb::to_json(result.value());
  }
  xxgknb::Error error = std::move(result).error();
  error.source.path = path;
  return xxgknb::to_json(error);
}

class RegressionCase : public ::testing::TestWithParam<std::string> {};

TEST_P(RegressionCase, HoldsAssertions) {
  const std::string& name = GetParam();
  const fs::path dir = regression_root() / name;
  EXPECT_TRUE(fs::exists(dir / "NOTES.md")) << dir << " has no NOTES.md saying what broke";
  const fs::path input = xxgknb::testing::case_input(dir);
  ASSERT_FALSE(input.empty()) << dir << " has no input.docx or input.txt";
  ASSERT_TRUE(fs::exists(dir / "assert.json")) << dir << " has no assert.json";
  const Json assertions = Json::parse(xxgknb::testing::read_bytes(dir / "assert.json"), nullptr, false);
  ASSERT_FALSE(assertions.is_discarded()) << dir / "assert.json" << " is not JSON";

  const std::string json_text = case_output(name, input);
  for (const std::string& e : xxgknb::testing::schema_errors(json_text)) ADD_FAILURE() << "schema: " << e;
  const Json output = Json::parse(json_text, nullptr, false);
  ASSERT_FALSE(output.is_discarded()) << "our output is not JSON: " << json_text;
  const bool expects_refusal =
      assertions.is_array() && std::any_of(assertions.begin(), assertions.end(), [](const Json& a) {
        return a.is_object() && a.contains("error_code");
      });
  if (!expects_refusal && output.contains("error")) {
    FAIL() << "refused, and assert.json expects no error_code: " << shown(output["error"]);
  }
  const std::vector<std::string> failed = failures(assertions, output);
  if (!failed.empty()) {
    std::ostringstream all;
    for (const std::string& f : failed) all << "  " << f << '\n';
    ADD_FAILURE() << failed.size() << " assertion(s) of " << dir / "assert.json" << " failed:\n"
                  << all.str() << "output: " << json_text.substr(0, 4000);
  }
}

INSTANTIATE_TEST_SUITE_P(Regression, RegressionCase, ::testing::ValuesIn(find_cases()), case_name);

TEST(RegressionRunner, HasCases) { EXPECT_FALSE(find_cases().empty()) << "no cases under " << regression_root(); }

// The runner itself: every kind of assertion holds where it should and fails where it should,
// and a malformed assertion fails rather than passing unread.
TEST(RegressionRunner, EachAssertionKindCanFail) {
  const Json output = Json::parse(R"({
    "meta": {"agency": "平潭综合实验区", "year": 2024, "flags": []},
    "sections": [{"key": "s1_overview"}, {"key": "s6_other"}],
    "flags": [{"code": "row_repeated", "severity": "warning", "field": "t4.review", "message": "…"}],
    "fields": {"a/b": {"value": 3}, "m~n": {"value": 0.5}},
    "review": {"needs_review": true, "reasons": ["row_repeated (t4.review): the row appears again"]}})");
  struct Row {
    const char* assertion;
    bool holds;
  };
  const std::vector<Row> rows = {
      {R"({"pointer": "/meta/year", "equals": 2024})", true},
      {R"({"pointer": "/meta/year", "equals": 2023})", false},
      {R"({"pointer": "/meta/year", "equals": "2024"})", false},
      {R"({"pointer": "/fields/a~1b/value", "equals": 3})", true},
      {R"({"pointer": "/fields/m~0n/value", "equals": 0.5})", true},
      {R"({"pointer": "/meta/title", "equals": ""})", false},
      {R"({"pointer": "/flags", "contains": {"code": "row_repeated"}})", true},
      {R"({"pointer": "/flags", "contains": {"code": "row_repeated", "severity": "error"}})", false},
      {R"({"pointer": "/review/reasons/0", "contains": "row_repeated"})", true},
      {R"({"pointer": "/review/reasons/0", "contains": "table_unfilled"})", false},
      {R"({"pointer": "/meta/year", "contains": 2024})", false},
      {R"({"pointer": "/meta/flags", "not_contains": "agency_not_found"})", true},
      {R"({"pointer": "/flags", "not_contains": {"code": "row_repeated"}})", false},
      {R"({"pointer": "/meta/agency", "not_contains": "实验区"})", false},
      {R"({"pointer": "/sections/2", "absent": true})", true},
      {R"({"pointer": "/sections/1", "absent": true})", false},
      {R"({"pointer": "/sections/1", "absent": false})", false},
      {R"({"pointer": "/sections", "at_most": 2})", true},
      {R"({"pointer": "/sections", "at_most": 1})", false},
      {R"({"pointer": "/meta/year", "at_least": 2024})", true},
      {R"({"pointer": "/meta/year", "at_least": 2025})", false},
      {R"({"pointer": "/meta/agency", "at_least": 1})", false},
      {R"({"pointer": "/sections", "at_least": "2"})", false},
      {R"({"error_code": "empty_input"})", false},
      {R"({"pointer": "meta", "equals": 1})", false},
      {R"({"pointer": "/meta/year", "equals": 2024, "at_least": 1})", false},
      {R"({"pointer": "/meta/year", "is": 2024})", false},
      {R"({"equals": 2024})", false},
  };
  for (const Row& row : rows) {
    const std::optional<std::string> why = failure_of(Json::parse(row.assertion), output);
    EXPECT_EQ(!why.has_value(), row.holds) << row.assertion << (why ? " failed: " + *why : " held");
  }

  const Json refused = Json::parse(R"({"error": {"code": "empty_input", "message": "…"}})");
  EXPECT_FALSE(failure_of(Json::parse(R"({"error_code": "empty_input"})"), refused));
  EXPECT_TRUE(failure_of(Json::parse(R"({"error_code": "zip_corrupt"})"), refused));
  EXPECT_EQ(failures(Json::array(), output).size(), 1u);
  EXPECT_EQ(failures(Json::parse(R"([{"pointer": "/meta/year", "equals": 2024},
                                     {"pointer": "/meta/year", "equals": 1}])"), output),
            std::vector<std::string>{"[1] /meta/year: expected 1, actual 2024"});
}

}  // namespace

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RegressionCase);
