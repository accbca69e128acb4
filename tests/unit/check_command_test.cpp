// `xxgknb check`: the template's checks on a report in our JSON shape, run by the built
// binary — a hand-filled form whose sums are wrong, our own output checked again, JSON that
// is broken or not ours, and W1 against a dataset.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>

#include "support/dataset_rows.h"
#include "support/temp_dir.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using ::xxgknb::testing::read_file;
using ::xxgknb::testing::TempDir;
using ::xxgknb::testing::TestDataset;

const fs::path kFilled = fs::path(XXGKNB_SOURCE_DIR) / "corpus/v2021-docx/filled/input.docx";

struct CheckRun {
  int status = -1;
  std::string out, err;
};

CheckRun check(const TempDir& dir, const std::string& args) {
  const std::string out = (dir.path() / "check.out").string();
  const std::string err = (dir.path() / "check.err").string();
  const std::string command =
      std::string(XXGKNB_CLI) + " check " + args + " >'" + out + "' 2>'" + err + "'";
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(out), read_file(err)};
}

const Json* find_check(const Json& checks, const std::string& id, const std::string& column) {
  for (const Json& c : checks) {
    if (c["id"] == id && c["column"] == column) return &c;
  }
  return nullptr;
}

// A form filled in by hand: no sources, no confidences, bare numbers. 自然人: 新收 5 +
// 上年结转 1 = 6, but 办理结果总计 5 + 结转下年度 2 = 7.
TEST(CheckCommand, HandFilledFormWithWrongSumFails) {
  TempDir dir;
  const std::string form = dir.write("form.json", R"({
    "meta": {"agency": "某镇人民政府", "year": 2024},
    "fields": {
      "t3.new_received.natural_person": 5,
      "t3.carried_over.natural_person": 1,
      "t3.results.total.natural_person": 5,
      "t3.carried_forward.natural_person": {"value": 2}
    }
  })");
  const CheckRun run = check(dir, "'" + form + "'");
  ASSERT_EQ(run.status, 4) << run.err;
  const Json out = Json::parse(run.out);
  EXPECT_EQ(out["schema"], "xxgknb.check/1");
  EXPECT_EQ(out["passed"], false);
  EXPECT_EQ(out["meta"]["template"], "v2021");   // told by the keys
  const Json* e1 = find_check(out["checks"], "E1", "natural_person");
  ASSERT_NE(e1, nullptr);
  EXPECT_EQ((*e1)["status"], "fail");
  EXPECT_EQ((*e1)["lhs"], 6);
  EXPECT_EQ((*e1)["rhs"], 7);
  EXPECT_EQ((*e1)["blame"], "report");   // a hand-filled value is taken as read cleanly
  // The columns the form left out are blank cells: the report's gap, not ours.
  const Json* e1_commercial = find_check(out["checks"], "E1", "commercial");
  ASSERT_NE(e1_commercial, nullptr);
  EXPECT_EQ((*e1_commercial)["status"], "not_assessable");
  EXPECT_EQ((*e1_commercial)["blame"], "report");
}

// Our own output, checked again, gives the same checks and passes.
TEST(CheckCommand, ExtractOutputChecksTheSame) {
  TempDir dir;
  auto read = extract_file(kFilled.string());
  ASSERT_TRUE(read);
  const std::string json = to_json(read.value());
  const std::string path = dir.write("report.json", json);
  const CheckRun run = check(dir, "- <'" + path + "'");
  ASSERT_EQ(run.status, 0) << run.err;
  const Json out = Json::parse(run.out);
  const Json original = Json::parse(json);
  ASSERT_EQ(out["checks"].size(), original["checks"].size());
  for (std::size_t i = 0; i < out["checks"].size(); ++i) {
    EXPECT_EQ(out["checks"][i]["status"], original["checks"][i]["status"]) << i;
    EXPECT_EQ(out["checks"][i]["message"], original["checks"][i]["message"]) << i;
  }
  EXPECT_EQ(out["review"], original["review"]);
}

TEST(CheckCommand, BrokenJsonSaysWhere) {
  // A syntax error, and a number beyond a double's range, which nlohmann reports as
  // out_of_range rather than as a parse error (it once ended the process).
  for (const auto& [text, where, why] :
       {std::tuple{"{\"fields\": {\n  \"t3.new_received.total\": 3,\n}}", "line 3, column 1", "syntax error"},
        std::tuple{"{\"fields\": {\n  \"t3.new_received.total\": 1e309}}", "line 2, column 32",
                   "number overflow parsing '1e309'"}}) {
    TempDir dir;
    const CheckRun run = check(dir, "'" + dir.write("bad.json", text) + "'");
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find(std::string("invalid JSON at ") + where), std::string::npos) << run.err;
    EXPECT_NE(run.err.find(why), std::string::npos) << run.err;
    EXPECT_TRUE(run.out.empty());
  }
}

TEST(CheckCommand, RefusesWhatIsNotOurShape) {
  TempDir dir;
  const CheckRun unknown = check(dir, "'" + dir.write("u.json", R"({"fields": {"t3.new_recieved.total": 1}})") + "'");
  EXPECT_EQ(unknown.status, 1);
  EXPECT_NE(unknown.err.find("fields.t3.new_recieved.total"), std::string::npos) << unknown.err;
  const CheckRun text = check(dir, "'" + dir.write("t.json", R"({"fields": {"t3.new_received.total": "3"}})") + "'");
  EXPECT_EQ(text.status, 1);
  EXPECT_NE(text.err.find("expected a number or null"), std::string::npos) << text.err;
  const CheckRun error = check(dir, "'" + dir.write("e.json", R"({"error": {"code": "empty_input"}})") + "'");
  EXPECT_EQ(error.status, 1);
  EXPECT_NE(error.err.find("error object"), std::string::npos) << error.err;
  EXPECT_EQ(check(dir, "").status, 2);
}

// W1 against a dataset: the previous year's report of the same agency is found and its
// 结转下年度 compared (自然人 2 in the document; the form says 上年结转 2).
TEST(CheckCommand, AgainstADataset) {
  TempDir dir;
  const std::string db = (dir.path() / "d.sqlite").string();
  std::int64_t earlier = 0;
  auto read = extract_file(kFilled.string());
  ASSERT_TRUE(read);
  {
    TestDataset data(db);
    ASSERT_TRUE(data.ok()) << data.error();
    earlier = data.add(read.value());
    ASSERT_GT(earlier, 0) << data.error();
  }
  Json form = {{"meta", {{"agency", read->meta.agency}, {"year", *read->meta.year + 1}}},
               {"fields", {{"t3.carried_over.natural_person", 2}, {"t3.carried_over.commercial", 0}}}};
  const std::string path = dir.write("form.json", form.dump());
  const CheckRun run = check(dir, "--db '" + db + "' --fail-on-warning '" + path + "'");
  ASSERT_EQ(run.status, 4) << run.err;   // E7 etc. fail: the form has no sections
  const Json out = Json::parse(run.out);
  const Json* natural = find_check(out["cross_checks"], "W1", "natural_person");
  ASSERT_NE(natural, nullptr) << run.out;
  EXPECT_EQ((*natural)["status"], "pass");
  EXPECT_EQ((*natural)["other_document_id"], earlier);
  EXPECT_EQ((*natural)["pairing"], "agency_exact");
  const Json* commercial = find_check(out["cross_checks"], "W1", "commercial");
  ASSERT_NE(commercial, nullptr);
  EXPECT_EQ((*commercial)["status"], "fail");   // last year's 结转下年度 商业企业 is 1
  EXPECT_EQ((*commercial)["fields"][1]["document_id"], earlier);

  // Without a report: the dataset's own cross checks, rerun and counted.
  const CheckRun rerun = check(dir, "--db '" + db + "'");
  ASSERT_EQ(rerun.status, 0) << rerun.err;
  EXPECT_EQ(Json::parse(rerun.out)["cross_checks"], 0);   // one report: nothing to pair
}

}  // namespace
}  // namespace xxgknb
