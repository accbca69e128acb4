// Acceptance on real material: the seed report (Tika text of a filled 2021-template .docx,
// every cell 0) and the official blank 2021 template, read from the shared corpus when it
// exists. Nothing is copied into the project; the tests skip cleanly without it.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "xxgknb/xxgknb.h"

namespace {

namespace fs = std::filesystem;

const fs::path kShared = XXGKNB_SHARED_CORPUS;
const fs::path kSeed = kShared / "seed" / "000_f7fab5510749a469.txt";
const fs::path kBlankTemplate =
    kShared / "peers" / "zxj6827111-blip__govnianbao" / "政务公开年报模版.docx";

// Read (not derived) fields of one table, by key prefix "t2.", "t3.", "t4.".
std::vector<const xxgknb::Field*> table_fields(const xxgknb::Report& report, const std::string& prefix) {
  std::vector<const xxgknb::Field*> out;
  for (const xxgknb::Field& f : report.fields) {
    if (!f.derived && f.key.rfind(prefix, 0) == 0) out.push_back(&f);
  }
  return out;
}

// Every read cell of the three v2021 tables (10 + 175 + 15) has this kind and value.
void expect_every_cell(const xxgknb::Report& report, xxgknb::Kind kind,
                       const std::optional<std::string>& value) {
  for (auto [prefix, count] : {std::pair<const char*, std::size_t>{"t2.", 10}, {"t3.", 175}, {"t4.", 15}}) {
    const auto fields = table_fields(report, prefix);
    EXPECT_EQ(fields.size(), count) << prefix;
    for (const xxgknb::Field* f : fields) {
      EXPECT_EQ(f->kind, kind) << f->key << " is " << xxgknb::kind_name(f->kind)
                               << ", raw=" << f->raw.value_or("(null)");
      const std::optional<std::string> text =
          f->value ? std::optional<std::string>(f->value->to_string()) : std::nullopt;
      EXPECT_EQ(text, value) << f->key << " value=" << text.value_or("(null)");
    }
  }
}

// Checks E1–E4, counted per id, with every status seen.
std::map<std::string, int> count_sum_checks(const xxgknb::Report& report, const std::string& status,
                                            int* other_status) {
  std::map<std::string, int> counts;
  for (const xxgknb::Check& c : report.checks) {
    if (c.id != "E1" && c.id != "E2" && c.id != "E3" && c.id != "E4") continue;
    if (xxgknb::status_name(c.status) == status) {
      ++counts[c.id];
    } else {
      ++*other_status;
      ADD_FAILURE() << c.id << ":" << c.column << " is " << c.status << ", expected " << status
                    << " (" << c.message << ")";
    }
  }
  return counts;
}

void expect_sum_check_counts(const std::map<std::string, int>& counts) {
  EXPECT_EQ(counts.count("E1") ? counts.at("E1") : 0, 7);   // one per t3 column
  EXPECT_EQ(counts.count("E2") ? counts.at("E2") : 0, 7);
  EXPECT_EQ(counts.count("E3") ? counts.at("E3") : 0, 25);  // one per v2021 t3 row
  EXPECT_EQ(counts.count("E4") ? counts.at("E4") : 0, 3);   // review, direct, after_review
}

TEST(SharedCorpus, SeedReportReadsAsAllZeroV2021) {
  if (!fs::exists(kSeed)) GTEST_SKIP() << "shared corpus not present: " << kSeed;
  auto result = xxgknb::extract_file(kSeed.string());
  ASSERT_TRUE(result.ok()) << result.error().code << ": " << result.error().message;
  const xxgknb::Report& report = result.value();

  EXPECT_EQ(report.meta.template_version, "v2021");
  EXPECT_EQ(report.meta.year, 2020);
  EXPECT_EQ(report.meta.agency, "霍山县衡山镇");

  std::vector<std::string> keys;
  for (const xxgknb::Section& s : report.sections) keys.push_back(s.key);
  for (const char* key : {"s1_overview", "s2_proactive", "s3_requests", "s4_review_litigation",
                          "s5_problems", "s6_other"}) {
    EXPECT_NE(std::find(keys.begin(), keys.end(), key), keys.end()) << "section " << key;
  }

  expect_every_cell(report, xxgknb::Kind::Number, "0");

  int wrong = 0;
  expect_sum_check_counts(count_sum_checks(report, "pass", &wrong));
  EXPECT_EQ(wrong, 0);
}

TEST(SharedCorpus, OfficialBlankTemplateIsBlankNotZero) {
  if (!fs::exists(kBlankTemplate)) GTEST_SKIP() << "shared corpus not present: " << kBlankTemplate;
  auto result = xxgknb::extract_file(kBlankTemplate.string());
  ASSERT_TRUE(result.ok()) << result.error().code << ": " << result.error().message;
  const xxgknb::Report& report = result.value();

  EXPECT_EQ(report.meta.template_version, "v2021");
  // Cells holding only "\u3000\u3000" (ideographic spaces) are blank too.
  expect_every_cell(report, xxgknb::Kind::Blank, std::nullopt);

  int wrong = 0;
  expect_sum_check_counts(count_sum_checks(report, "not_assessable", &wrong));
  EXPECT_EQ(wrong, 0);
}

}  // namespace
