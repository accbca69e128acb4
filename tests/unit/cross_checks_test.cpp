// Cross-report checks: W1 (carry-over), W2 (现行有效 continuity) and W6 (near-duplicates) on
// a dataset built from corpus/v2021-docx/filled — the report as read, and its next year made
// from it with figures set by hand from its truth.json — and on the real 平潭 2024/2025 pair
// when ../shared/corpus exists.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "dataset/corrections.h"
#include "dataset/cross_checks.h"
#include "dataset/sqlite_util.h"
#include "support/dataset_rows.h"
#include "support/temp_dir.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

namespace fs = std::filesystem;
using dataset::Statement;
using ::xxgknb::testing::TempDir;
using ::xxgknb::testing::TestDataset;

const fs::path kFilled = fs::path(XXGKNB_SOURCE_DIR) / "corpus/v2021-docx/filled/input.docx";
const fs::path kShared = fs::path(XXGKNB_SHARED_CORPUS);

void set(Report& report, const std::string& key, std::int64_t value) {
  Field* f = report.field(key);
  ASSERT_NE(f, nullptr) << key;
  f->kind = Kind::Number;
  f->value = Decimal::from_int(value);
  f->raw = std::to_string(value);
}

struct Row {
  std::int64_t other = 0;
  std::string status, lhs, rhs, message, pairing, blame;
  double pairing_confidence = 0;
};

// cross_checks (or corrected_cross_checks) rows of a document, keyed "W1 natural_person".
std::map<std::string, Row> rows_of(sqlite3* db, std::int64_t document,
                                   const std::string& table = "cross_checks") {
  Statement q(db, "SELECT id, column_key, other_document_id, status, lhs, rhs, message, pairing, "
                  "pairing_confidence, blame FROM " + table + " WHERE document_id = ?");
  EXPECT_TRUE(q.ok()) << q.error();
  q.bind(1, document);
  std::map<std::string, Row> out;
  while (q.step() == SQLITE_ROW) {
    out[q.text(0) + " " + q.text(1)] = {q.integer(2), q.text(3), q.text(4), q.text(5),
                                        q.text(6),    q.text(7), q.text(9), q.real(8)};
  }
  return out;
}

std::int64_t count_rows(sqlite3* db) {
  Statement q(db, "SELECT count(*) FROM cross_checks");
  return q.step() == SQLITE_ROW ? q.integer(0) : -1;
}

class CrossChecks : public ::testing::Test {
 protected:
  void SetUp() override {
    auto read = extract_file(kFilled.string());
    ASSERT_TRUE(read);
    earlier_ = read.value();
    // The same body a year later. By the document (truth.json): 结转下年度 自然人 2,
    // 商业企业 1; 规章 现行有效 16; 行政规范性文件 现行有效 3.
    later_ = earlier_;
    later_.source.path = "next-year.docx";
    later_.source.sha256 = "next-year";
    later_.meta.year = *earlier_.meta.year + 1;
    set(later_, "t3.carried_over.natural_person", 2);      // = 2: W1 passes
    set(later_, "t3.carried_over.commercial", 4);          // ≠ 1: W1 fails
    set(later_, "t2.regulations.issued", 3);
    set(later_, "t2.regulations.repealed", 1);
    set(later_, "t2.regulations.in_force", 18);            // 16 + 3 − 1: W2 passes
    set(later_, "t2.normative_docs.issued", 2);
    set(later_, "t2.normative_docs.repealed", 0);
    set(later_, "t2.normative_docs.in_force", 9);          // ≠ 3 + 2 − 0: W2 fails
  }

  Report earlier_, later_;
};

TEST_F(CrossChecks, ConsecutiveYearsOfOneAgency) {
  TempDir dir;
  TestDataset data((dir.path() / "d.sqlite").string());
  ASSERT_TRUE(data.ok()) << data.error();
  const std::int64_t a = data.add(earlier_);
  const std::int64_t b = data.add(later_);
  ASSERT_GT(a, 0) << data.error();
  ASSERT_GT(b, 0) << data.error();
  ASSERT_EQ(dataset::run_cross_checks(data.db()), "");

  std::map<std::string, Row> rows = rows_of(data.db(), b);
  ASSERT_EQ(rows.count("W1 natural_person"), 1u);
  EXPECT_EQ(rows["W1 natural_person"].status, "pass");
  EXPECT_EQ(rows["W1 natural_person"].lhs, "2");
  EXPECT_EQ(rows["W1 natural_person"].rhs, "2");
  EXPECT_EQ(rows["W1 natural_person"].other, a);
  EXPECT_EQ(rows["W1 natural_person"].pairing, "agency_exact");
  EXPECT_DOUBLE_EQ(rows["W1 natural_person"].pairing_confidence, 1.0);
  EXPECT_EQ(rows["W1 commercial"].status, "fail");
  EXPECT_EQ(rows["W1 commercial"].lhs, "4");
  EXPECT_EQ(rows["W1 commercial"].rhs, "1");
  EXPECT_EQ(rows["W1 commercial"].blame, "report");
  EXPECT_NE(rows["W1 commercial"].message.find("结转下年度"), std::string::npos);
  EXPECT_EQ(rows["W2 regulations"].status, "pass");
  EXPECT_EQ(rows["W2 regulations"].lhs, "19");   // in_force 18 + repealed 1
  EXPECT_EQ(rows["W2 regulations"].rhs, "19");   // last year's 16 + issued 3
  EXPECT_EQ(rows["W2 normative_docs"].status, "fail");
  // The same text as last year, not the same tables.
  EXPECT_EQ(rows["W6 text"].status, "fail");
  EXPECT_EQ(rows["W6 text"].lhs, "1.00");   // two decimals of the share
  EXPECT_EQ(rows["W6 tables"].status, "pass");
  // The earlier report carries nothing: checks are stored on the later one.
  EXPECT_TRUE(rows_of(data.db(), a).empty());

  // Idempotent: a second run replaces the rows.
  const std::int64_t first = count_rows(data.db());
  ASSERT_EQ(dataset::run_cross_checks(data.db()), "");
  EXPECT_EQ(count_rows(data.db()), first);
}

TEST_F(CrossChecks, CorrectedValuesChangeTheCorrectedResultsOnly) {
  TempDir dir;
  TestDataset data((dir.path() / "d.sqlite").string());
  ASSERT_TRUE(data.ok()) << data.error();
  const std::int64_t a = data.add(earlier_);
  const std::int64_t b = data.add(later_);
  ASSERT_GT(b, 0) << data.error();
  ASSERT_EQ(dataset::run_cross_checks(data.db()), "");
  // No correction yet: nothing on corrected values.
  EXPECT_TRUE(rows_of(data.db(), b, "corrected_cross_checks").empty());
  // 上年结转 商业企业 4 → 1 makes W1 pass (last year's 结转下年度 商业企业 is 1); 自然人 2 → 3
  // makes it fail (last year's is 2).
  const std::string file =
      R"({"schema":"xxgknb.corrections/1","reports":[{"sha256":"next-year","path":"next-year.docx",)"
      R"("corrections":[{"key":"t3.carried_over.commercial","extracted":"4","corrected":"1",)"
      R"("note":"原件为 1","who":"审计员","when":"2026-12-01T18:00:00.000Z"},)"
      R"({"key":"t3.carried_over.natural_person","extracted":"2","corrected":"3",)"
      R"("note":"原件为 3","who":"审计员","when":"2026-12-01T18:01:00.000Z"}]}]})";
  const dataset::ApplyResult r = dataset::apply_corrections(data.db(), file, "2026-12-01T18:02:00Z");
  ASSERT_EQ(r.error, "");
  ASSERT_EQ(r.applied, 2) << (r.refused.empty() ? "" : r.refused[0]);

  std::map<std::string, Row> extracted = rows_of(data.db(), b);
  EXPECT_EQ(extracted["W1 commercial"].status, "fail");
  EXPECT_EQ(extracted["W1 commercial"].lhs, "4");
  EXPECT_EQ(extracted["W1 natural_person"].status, "pass");
  std::map<std::string, Row> corrected = rows_of(data.db(), b, "corrected_cross_checks");
  EXPECT_EQ(corrected["W1 commercial"].status, "pass");
  EXPECT_EQ(corrected["W1 commercial"].lhs, "1");
  EXPECT_EQ(corrected["W1 commercial"].rhs, "1");
  EXPECT_EQ(corrected["W1 commercial"].other, a);
  EXPECT_EQ(corrected["W1 natural_person"].status, "fail");
  EXPECT_EQ(corrected["W1 natural_person"].lhs, "3");
  EXPECT_EQ(corrected["W1 natural_person"].rhs, "2");
  // A corrected value is read with certainty: the failure is the reports' own figures.
  EXPECT_EQ(corrected["W1 natural_person"].blame, "report");
  // Uncorrected rows read the same on both sides.
  EXPECT_EQ(corrected["W2 regulations"].status, extracted["W2 regulations"].status);
  EXPECT_EQ(corrected.size(), extracted.size());

  // `check --db` recomputes both, the same.
  ASSERT_EQ(dataset::run_cross_checks(data.db()), "");
  EXPECT_EQ(rows_of(data.db(), b, "corrected_cross_checks")["W1 commercial"].status, "pass");
  EXPECT_EQ(rows_of(data.db(), b)["W1 commercial"].status, "fail");
}

TEST_F(CrossChecks, CopyOfAnotherAgencysReport) {
  TempDir dir;
  TestDataset data((dir.path() / "d.sqlite").string());
  ASSERT_TRUE(data.ok()) << data.error();
  Report copy = earlier_;
  copy.source.sha256 = "copy";
  copy.meta.agency = "柳林镇人民政府";
  for (Section& s : copy.sections) {
    for (std::size_t at = s.text.find(earlier_.meta.agency); at != std::string::npos;
         at = s.text.find(earlier_.meta.agency, at)) {
      s.text.replace(at, earlier_.meta.agency.size(), copy.meta.agency);
    }
  }
  const std::int64_t a = data.add(earlier_);
  const std::int64_t c = data.add(copy);
  ASSERT_GT(c, 0) << data.error();
  ASSERT_EQ(dataset::run_cross_checks(data.db()), "");
  std::map<std::string, Row> rows = rows_of(data.db(), c);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows["W6 text"].status, "fail");
  EXPECT_EQ(rows["W6 text"].pairing, "identical_text");
  EXPECT_EQ(rows["W6 text"].other, a);
  EXPECT_EQ(rows["W6 tables"].status, "fail");
  EXPECT_EQ(rows["W6 tables"].pairing, "identical_tables");
}

TEST_F(CrossChecks, PairingSaysHowSureItIs) {
  Report spaced = later_;
  spaced.meta.agency = "梅林镇 人民政府";
  std::optional<dataset::Pairing> p = dataset::pair_consecutive(spaced, earlier_);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->how, "agency_normalised");
  EXPECT_DOUBLE_EQ(p->confidence, 0.9);
  p = dataset::pair_consecutive(later_, earlier_, 2);
  ASSERT_TRUE(p);
  EXPECT_DOUBLE_EQ(p->confidence, 0.5);
  EXPECT_NE(p->how.find("one of 2"), std::string::npos);
  // More reports of that agency and year than kMaxPairCandidates: no pairing is a guess.
  EXPECT_TRUE(dataset::pair_consecutive(later_, earlier_, dataset::kMaxPairCandidates));
  EXPECT_FALSE(dataset::pair_consecutive(later_, earlier_, dataset::kMaxPairCandidates + 1));
  // Not consecutive, or another body: no pairing.
  Report two_years = later_;
  two_years.meta.year = *earlier_.meta.year + 2;
  EXPECT_FALSE(dataset::pair_consecutive(two_years, earlier_));
  Report other = later_;
  other.meta.agency = "梅林镇人民政府办公室";
  EXPECT_FALSE(dataset::pair_consecutive(other, earlier_));
}

// 平潭综合实验区 2024 and 2025: 2024's 结转下年度 is 0 and 2025's 上年结转 is 0 in every
// column. Those pages are glued one-line dumps of which few cells read today: W1 must pair
// them and never fail; a column it can assess must show 0 = 0.
TEST(CrossChecksShared, PingtanConsecutiveYears) {
  const fs::path y2024 = kShared / "real/pingtan-2024-zone-gov/page.txt";
  const fs::path y2025 = kShared / "real/pingtan-2025-zone-gov/page.txt";
  if (!fs::exists(y2024) || !fs::exists(y2025)) GTEST_SKIP() << "shared corpus not present";
  TempDir dir;
  TestDataset data((dir.path() / "d.sqlite").string());
  ASSERT_TRUE(data.ok()) << data.error();
  auto r2024 = extract_file(y2024.string());
  auto r2025 = extract_file(y2025.string());
  ASSERT_TRUE(r2024);
  ASSERT_TRUE(r2025);
  ASSERT_GT(data.add(r2024.value()), 0) << data.error();
  const std::int64_t later = data.add(r2025.value());
  ASSERT_GT(later, 0) << data.error();
  ASSERT_EQ(dataset::run_cross_checks(data.db()), "");
  int w1 = 0;
  for (const auto& [what, row] : rows_of(data.db(), later)) {
    if (what.rfind("W1 ", 0) != 0) continue;
    ++w1;
    EXPECT_EQ(row.pairing, "agency_exact") << what;
    EXPECT_NE(row.status, "fail") << what << ": " << row.message;
    if (row.status == "pass") {
      EXPECT_EQ(row.lhs, "0") << what;
      EXPECT_EQ(row.rhs, "0") << what;
    }
  }
  EXPECT_EQ(w1, 7);   // one per column of table 三
}

}  // namespace
}  // namespace xxgknb
