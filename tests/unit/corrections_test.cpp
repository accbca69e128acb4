// Stage tests of the corrections layer (src/dataset/corrections.cpp): corrections land
// beside the extracted fields and never over them, wrong ones are refused and said, the
// checks run again on the corrected values, a version 1 dataset migrates, and exports choose
// extracted or corrected values.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "dataset/corrections.h"
#include "dataset/export.h"
#include "dataset/schema.h"
#include "dataset/source_text.h"
#include "support/dataset_rows.h"
#include "support/temp_dir.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

std::string one(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  std::string out = "<error>";
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK) {
    out = sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr
              ? reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))
              : "<null>";
  }
  sqlite3_finalize(stmt);
  return out;
}

class CorrectionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto result = extract_file(std::string(XXGKNB_SOURCE_DIR) + "/corpus/messy/wrong_sums/input.docx");
    ASSERT_TRUE(result);
    sha_ = result.value().source.sha256;
    ASSERT_TRUE(dataset_.ok()) << dataset_.error();
    id_ = dataset_.add(result.value());
    ASSERT_GT(id_, 0) << dataset_.error();
  }

  // One correction of wrong_sums as a review page exports it.
  std::string file(const std::string& key, const std::string& extracted, const std::string& corrected,
                   const std::string& when = "2026-12-01T15:00:00.000Z") const {
    return R"({"schema":"xxgknb.corrections/1","reports":[{"sha256":")" + sha_ +
           R"(","path":"wrong_sums","corrections":[{"key":")" + key + R"(","extracted":)" + extracted +
           R"(,"corrected":)" + corrected + R"(,"note":"原件","who":"审计员","when":")" + when + R"("}]}]})";
  }

  std::string exported(dataset::ExportValues values) const {
    char* buffer = nullptr;
    std::size_t size = 0;
    std::FILE* out = open_memstream(&buffer, &size);
    auto sink = dataset::jsonl_sink(out);
    const dataset::ExportResult r = dataset::export_dataset(dataset_.db(), dataset::ExportShape::Wide, *sink, values);
    std::fclose(out);
    std::string text(buffer, size);
    std::free(buffer);
    EXPECT_EQ(r.error, "");
    return text;
  }

  testing::TempDir dir_;
  testing::TestDataset dataset_{(dir_.path() / "ds.sqlite").string()};
  std::string sha_;
  std::int64_t id_ = 0;
};

TEST_F(CorrectionsTest, ACorrectionLandsBesideTheFieldAndTheChecksRunAgain) {
  // 四、结转下年度继续办理: 总计 4 but 1 + 2 + 1 + 1 + 0 + 0 = 5; 商业企业 2 → 1 balances the row.
  const dataset::ApplyResult r = dataset::apply_corrections(
      dataset_.db(), file("t3.carried_forward.commercial", "\"2\"", "\"1\""), "2026-12-01T16:00:00Z");
  ASSERT_EQ(r.error, "");
  EXPECT_EQ(r.applied, 1);
  EXPECT_TRUE(r.refused.empty());
  ASSERT_EQ(r.rechecked.size(), 1u);
  EXPECT_EQ(r.rechecked[0].failing_before, (std::vector<std::string>{"E1", "E3"}));
  // 商业企业列 E1 now fails: 新收 5 + 上年结转 0 = 5, but 总计 3 + 结转 1 = 4.
  EXPECT_EQ(r.rechecked[0].failing_after, (std::vector<std::string>{"E1"}));
  const std::string doc = std::to_string(id_);
  EXPECT_EQ(one(dataset_.db(), "SELECT value FROM fields WHERE document_id = " + doc +
                                   " AND key = 't3.carried_forward.commercial'"), "2.0");
  EXPECT_EQ(one(dataset_.db(), "SELECT extracted || ' → ' || corrected || ' ' || who || ' ' || note "
                               "FROM corrections"), "2 → 1 审计员 原件");
  EXPECT_EQ(one(dataset_.db(), "SELECT count(*) FROM corrected_checks WHERE status = 'fail' AND id = 'E3'"), "0");
  EXPECT_EQ(one(dataset_.db(), "SELECT count(*) FROM checks WHERE status = 'fail' AND id = 'E3'"), "1");
  // The same file again adds nothing.
  const dataset::ApplyResult again = dataset::apply_corrections(
      dataset_.db(), file("t3.carried_forward.commercial", "\"2\"", "\"1\""), "2026-12-01T16:05:00Z");
  EXPECT_EQ(again.applied, 0);
  EXPECT_EQ(again.already, 1);
}

TEST_F(CorrectionsTest, WrongCorrectionsAreRefusedAndSaid) {
  auto refused = [&](const std::string& json) {
    const dataset::ApplyResult r = dataset::apply_corrections(dataset_.db(), json, "t");
    EXPECT_EQ(r.error, "");
    EXPECT_EQ(r.applied, 0);
    return r.refused.size() == 1 ? r.refused[0] : std::string("<not one refusal>");
  };
  EXPECT_NE(refused(file("t3.carried_forward.commercial", "\"7\"", "\"1\"")).find("the page showed 7 but the dataset holds 2"),
            std::string::npos);
  EXPECT_NE(refused(file("t3.no_such.key", "null", "\"1\"")).find("no such field"), std::string::npos);
  EXPECT_NE(refused(file("t3.carried_forward.commercial", "\"2\"", "\"一\"")).find("is no number"), std::string::npos);
  std::string other = file("t3.carried_forward.commercial", "\"2\"", "\"1\"");
  other.replace(other.find(sha_), sha_.size(), std::string(64, 'a'));
  EXPECT_NE(refused(other).find("no document with this sha256"), std::string::npos);
  EXPECT_NE(dataset::apply_corrections(dataset_.db(), "{\"reports\": []}", "t").error.find("not a corrections file"),
            std::string::npos);
  EXPECT_EQ(one(dataset_.db(), "SELECT count(*) FROM corrections"), "0");
}

TEST_F(CorrectionsTest, ExportsChooseExtractedOrCorrectedValues) {
  ASSERT_EQ(dataset::apply_corrections(dataset_.db(), file("t3.carried_forward.total", "\"4\"", "null"), "t").applied, 1);
  EXPECT_NE(exported(dataset::ExportValues::Extracted).find("\"t3.carried_forward.total\":4"), std::string::npos);
  // Corrected to a blank cell: empty, never 0.
  EXPECT_NE(exported(dataset::ExportValues::Corrected).find("\"t3.carried_forward.total\":null"), std::string::npos);
  // The latest correction of a field is the one in force.
  ASSERT_EQ(dataset::apply_corrections(dataset_.db(),
                                       file("t3.carried_forward.total", "\"4\"", "\"5\"", "2026-12-01T15:10:00.000Z"), "t")
                .applied,
            1);
  EXPECT_NE(exported(dataset::ExportValues::Corrected).find("\"t3.carried_forward.total\":5"), std::string::npos);
}

TEST_F(CorrectionsTest, AVersionOneDatasetMigratesWithItsRowsUntouched) {
  sqlite3* db = dataset_.db();
  ASSERT_EQ(sqlite3_exec(db, "DROP TABLE corrections; DROP TABLE corrected_checks; "
                             "UPDATE schema_version SET version = 1", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_FALSE(dataset::has_corrections(db));
  const std::string fields = one(db, "SELECT count(*) || ' ' || sum(value) FROM fields");
  // Corrected values of a dataset without the layer are its extracted ones.
  EXPECT_EQ(exported(dataset::ExportValues::Corrected), exported(dataset::ExportValues::Extracted));
  ASSERT_EQ(dataset::create_schema(db), "");
  EXPECT_EQ(one(db, "SELECT max(version) FROM schema_version"), "3");
  EXPECT_EQ(one(db, "SELECT count(*) FROM schema_version"), "1");
  EXPECT_TRUE(dataset::has_corrections(db));
  EXPECT_EQ(one(db, "SELECT count(*) || ' ' || sum(value) FROM fields"), fields);
}

TEST_F(CorrectionsTest, AVersionTwoDatasetGainsTheSourceTextTablesEmpty) {
  sqlite3* db = dataset_.db();
  ASSERT_EQ(sqlite3_exec(db, "DROP TABLE source_text; DROP TABLE pages; DROP TABLE corrected_cross_checks; "
                             "UPDATE schema_version SET version = 2", nullptr, nullptr, nullptr), SQLITE_OK);
  // Read-only, a version 2 dataset reads as one without source text.
  dataset::SourceText source;
  EXPECT_EQ(dataset::read_source_text(db, id_, source), "");
  EXPECT_TRUE(source.contexts.empty());
  const std::string fields = one(db, "SELECT count(*) || ' ' || sum(value) FROM fields");
  ASSERT_EQ(dataset::create_schema(db), "");
  EXPECT_EQ(one(db, "SELECT max(version) FROM schema_version"), "3");
  EXPECT_EQ(one(db, "SELECT count(*) FROM source_text"), "0");
  EXPECT_EQ(one(db, "SELECT count(*) FROM pages"), "0");
  EXPECT_EQ(one(db, "SELECT count(*) FROM corrected_cross_checks"), "0");
  EXPECT_EQ(one(db, "SELECT count(*) || ' ' || sum(value) FROM fields"), fields);
  // A dataset of a newer version than this build knows is refused, untouched.
  ASSERT_EQ(sqlite3_exec(db, "UPDATE schema_version SET version = 4", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_EQ(dataset::create_schema(db),
            "the dataset was written with schema version 4; this build knows version 3 and older");
  EXPECT_EQ(one(db, "SELECT max(version) FROM schema_version"), "4");
}

TEST_F(CorrectionsTest, TheCorrectionsInForceAndTheirChecksAreReadForThePage) {
  ASSERT_EQ(dataset::apply_corrections(dataset_.db(), file("t3.carried_forward.commercial", "\"2\"", "\"1\""),
                                       "2026-12-01T16:00:00Z").applied, 1);
  std::vector<dataset::AppliedCorrection> in_force;
  ASSERT_EQ(dataset::corrections_in_force(dataset_.db(), id_, in_force), "");
  ASSERT_EQ(in_force.size(), 1u);
  EXPECT_EQ(in_force[0].key, "t3.carried_forward.commercial");
  EXPECT_EQ(in_force[0].extracted, "2");
  EXPECT_EQ(in_force[0].corrected, "1");
  EXPECT_EQ(in_force[0].who + " " + in_force[0].note + " " + in_force[0].corrected_at, "审计员 原件 2026-12-01T15:00:00.000Z");
  std::string error;
  const std::string checks = dataset::corrected_checks_json(dataset_.db(), id_, error);
  ASSERT_EQ(error, "");
  const auto json = nlohmann::json::parse(checks);
  std::vector<std::string> failing;
  for (const auto& c : json) {
    if (c["status"] == "fail") failing.push_back(c["id"].get<std::string>() + " " + c["column"].get<std::string>());
  }
  // 商业企业 2 → 1: E3 of 结转下年度 passes; E1 fails in 自然人 (as before) and now 商业企业.
  EXPECT_EQ(failing, (std::vector<std::string>{"E1 natural_person", "E1 commercial"}));
}

}  // namespace
}  // namespace xxgknb
