// Acceptance on the real pre-2019 reports of ../shared/corpus/real (skipped when it is absent):
// every legacy.* value read, and the keys read at all, against what the documents print,
// checked by hand.
//
// 平潭县人民政府 2012 (page.html): its 附件1 统计表, 指标名称 | 计量单位 | 2012年度 | 历年累计, 17
// rows read cell by cell from the page's <table>: 主动公开信息数 条 2026 3542; 其中：1.网站公开
// 1795 3304; 2.政府公报公开 0 7; 受理依申请公开信息总数 21 21; 其中：1.当面申请数 18 18; 2.传真申请数
// 0 0; 3.电子邮件申请数 3 3; 4.网上申请数 0 0; 5.信函申请数 0 0; 6.其它形式申请数 0 0; 对申请的答复数
// 21 21; 其中：1.同意公开答复数 17 17; 2.同意部分公开答复数 2 2; 3.否决公开答复数 2 2; 行政复议数 0 0;
// 行政诉讼数 0 0; 行政申诉数 0 0. Its prose agrees with the table where both state a key.
// The archive's page.txt glues that table into one run ("网站公开条17953304"): only the prose
// is read there — "其中主动公开政府信息2026条", "共收到有关政府信息公开的申请21条，其中当面申请数18条，
// 电子邮件申请数3条；对依申请公开的答复总数21条，其中同意公开答复数17条，其它公开答复数2条，免于公开答复
// 数2条；未收到有关政府信息公开行政复议申请" (其它公开 and 免于公开 are neither 部分公开 nor 否决).
//
// 平潭综合实验区地方税务局 2013 (page.html, page.txt): no table; "2013年新增主动公开政府信息45条",
// "未收到政府信息公开申请", "有约4900人次通过各种方式向我局…咨询" (其中现场咨询1600人次 is a part),
// "收到以有关政府信息公开行政复议0件"; "政府信息公开费用1万元" is an expense, no fee charged.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "xxgknb/xxgknb.h"

namespace {

namespace fs = std::filesystem;

const fs::path kReal = fs::path(XXGKNB_SHARED_CORPUS) / "real";

struct Expected {
  const char* key;
  const char* value;
  const char* flag;  // a flag the field must carry, or ""
};

xxgknb::Report read_or_skip(const fs::path& path, bool* skipped) {
  *skipped = !fs::exists(path);
  if (*skipped) return {};
  auto result = xxgknb::extract_file(path.string());
  EXPECT_TRUE(result.ok()) << path;
  return result.ok() ? result.value() : xxgknb::Report{};
}

std::vector<std::string> legacy_keys(const xxgknb::Report& report) {
  std::vector<std::string> keys;
  for (const xxgknb::Field& f : report.fields) {
    if (f.key.rfind("legacy.", 0) == 0) keys.push_back(f.key);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

// Every expected key with its value and flag, and no other legacy key.
void expect_exactly(const xxgknb::Report& report, const std::vector<Expected>& expected) {
  std::vector<std::string> want;
  for (const Expected& e : expected) {
    want.emplace_back(e.key);
    const xxgknb::Field* f = report.field(e.key);
    ASSERT_NE(f, nullptr) << e.key;
    ASSERT_TRUE(f->value.has_value()) << e.key;
    EXPECT_EQ(f->value->to_string(), e.value) << e.key;
    if (e.flag[0] != '\0') {
      EXPECT_NE(std::find(f->flags.begin(), f->flags.end(), e.flag), f->flags.end())
          << e.key << " lacks " << e.flag;
    }
  }
  std::sort(want.begin(), want.end());
  EXPECT_EQ(legacy_keys(report), want);
}

bool has_flag(const xxgknb::Report& report, const std::string& code) {
  return std::any_of(report.flags.begin(), report.flags.end(),
                     [&](const xxgknb::Flag& f) { return f.code == code; });
}

std::vector<std::string> section_keys(const xxgknb::Report& report) {
  std::vector<std::string> keys;
  for (const xxgknb::Section& s : report.sections) keys.push_back(s.key);
  return keys;
}

TEST(LegacyReal, PingtanCounty2012TableCellByCell) {
  bool skipped = false;
  const xxgknb::Report report = read_or_skip(kReal / "pingtan-2012-county-gov/page.html", &skipped);
  if (skipped) GTEST_SKIP() << "../shared/corpus is not here";
  EXPECT_EQ(report.meta.template_version, "legacy");
  EXPECT_EQ(section_keys(report),
            (std::vector<std::string>{"legacy_overview", "legacy_proactive", "legacy_requests",
                                      "legacy_problems", "legacy_annex"}));
  // {key, 2012年度, 历年累计, row of the <table>}
  struct Row {
    const char* key;
    const char* year;
    const char* cumulative;
    int row;
  };
  const std::vector<Row> rows = {
      {"legacy.proactive.total", "2026", "3542", 1},   {"legacy.proactive.website", "1795", "3304", 2},
      {"legacy.proactive.gazette", "0", "7", 3},       {"legacy.requests.total", "21", "21", 4},
      {"legacy.requests.in_person", "18", "18", 5},    {"legacy.requests.fax", "0", "0", 6},
      {"legacy.requests.email", "3", "3", 7},          {"legacy.requests.online", "0", "0", 8},
      {"legacy.requests.letter", "0", "0", 9},         {"legacy.requests.other", "0", "0", 10},
      {"legacy.replies.total", "21", "21", 11},        {"legacy.replies.granted", "17", "17", 12},
      {"legacy.replies.partial", "2", "2", 13},        {"legacy.replies.denied", "2", "2", 14},
      {"legacy.review.total", "0", "0", 15},           {"legacy.litigation.total", "0", "0", 16},
      {"legacy.appeals.total", "0", "0", 17},
  };
  std::vector<Expected> expected;
  for (const Row& r : rows) {
    const std::string cumulative = std::string(r.key) + ".cumulative";
    for (const auto& [key, column] : {std::pair{std::string(r.key), 2}, std::pair{cumulative, 3}}) {
      const xxgknb::Field* f = report.field(key);
      ASSERT_NE(f, nullptr) << key;
      EXPECT_EQ(f->source.table, 0) << key;
      EXPECT_EQ(f->source.row, r.row) << key;
      EXPECT_EQ(f->source.col, column) << key;
      EXPECT_GE(f->confidence, 0.9) << key;
      EXPECT_TRUE(f->flags.empty()) << key;
    }
  }
  for (const Row& r : rows) {
    expected.push_back({r.key, r.year, ""});
  }
  std::vector<std::string> cumulative_keys;
  for (const Row& r : rows) cumulative_keys.push_back(std::string(r.key) + ".cumulative");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    expected.push_back({cumulative_keys[i].c_str(), rows[i].cumulative, ""});
  }
  // 信函 0 + 传真 0, printed apart.
  expected.push_back({"legacy.requests.letter_fax", "0", ""});
  expected.push_back({"legacy.requests.letter_fax.cumulative", "0", ""});
  expect_exactly(report, expected);
  EXPECT_FALSE(has_flag(report, "legacy_prose_disagrees"));
  EXPECT_FALSE(has_flag(report, "tables_not_found"));
  EXPECT_FALSE(has_flag(report, "section_missing"));
}

TEST(LegacyReal, PingtanCounty2012GluedTextGivesOnlyItsProse) {
  bool skipped = false;
  const xxgknb::Report report = read_or_skip(kReal / "pingtan-2012-county-gov/page.txt", &skipped);
  if (skipped) GTEST_SKIP() << "../shared/corpus is not here";
  EXPECT_TRUE(has_flag(report, "legacy_table_glued"));
  expect_exactly(report, {{"legacy.proactive.total", "2026", "prose"},
                          {"legacy.requests.total", "21", "prose"},
                          {"legacy.requests.in_person", "18", "prose"},
                          {"legacy.requests.email", "3", "prose"},
                          {"legacy.replies.total", "21", "prose"},
                          {"legacy.replies.granted", "17", "prose"},
                          {"legacy.review.total", "0", "prose_none"}});
}

TEST(LegacyReal, PingtanTaxBureau2013ProseOnly) {
  for (const char* copy : {"page.html", "page.txt"}) {
    bool skipped = false;
    const xxgknb::Report report = read_or_skip(kReal / "pingtan-2013-tax-bureau" / copy, &skipped);
    if (skipped) GTEST_SKIP() << "../shared/corpus is not here";
    SCOPED_TRACE(copy);
    EXPECT_EQ(report.meta.template_version, "legacy");
    EXPECT_EQ(section_keys(report),
              (std::vector<std::string>{"legacy_overview", "legacy_proactive", "legacy_requests",
                                        "legacy_review_litigation"}));
    expect_exactly(report, {{"legacy.proactive.total", "45", "prose"},
                            {"legacy.requests.total", "0", "prose_none"},
                            {"legacy.consultations.total", "4900", "prose_approximate"},
                            {"legacy.review.total", "0", "prose"}});
    const xxgknb::Field* none = report.field("legacy.requests.total");
    ASSERT_NE(none, nullptr);
    EXPECT_NE(none->label.find("未收到政府信息公开申请"), std::string::npos) << none->label;
  }
}

}  // namespace
