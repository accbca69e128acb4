// Stage tests for the meta stage's pre-2019 prose figures: sentences in, legacy.* keys with
// their values out; each rule with a look-alike. The real 平潭县 2012 report's figures were
// read by hand from its 三、政府信息依申请公开工作情况 paragraph ("2012年全县共收到有关政府信息
// 公开的申请21条，其中当面申请数18条，…；对依申请公开的答复总数21条，其中同意公开答复数17条，…；
// 未收到有关政府信息公开行政复议申请。").
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "meta/legacy_prose.h"
#include "support/lines_document.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

// "key=value flag" per field, in order found.
std::string dump(const std::vector<Field>& fields) {
  std::string out;
  for (const Field& f : fields) {
    out += f.key + "=" + (f.value ? f.value->to_string() : "null") + " " + f.flags.front() + "\n";
  }
  return out;
}

std::string prose(const std::vector<std::string>& lines) {
  return dump(legacy_prose_fields(testing::lines_document(lines)));
}

TEST(LegacyProse, StatedFiguresAndStatementsOfNone) {
  EXPECT_EQ(prose({"2012年全县共收到有关政府信息公开的申请21条，其中当面申请数18条，电子邮件申请数3条；"
                   "对依申请公开的答复总数21条，其中同意公开答复数17条，同意部分公开答复数2条，"
                   "否决公开答复数2条；未收到有关政府信息公开行政复议申请。"}),
            "legacy.requests.total=21 prose\n"
            "legacy.requests.in_person=18 prose\n"
            "legacy.requests.email=3 prose\n"
            "legacy.replies.total=21 prose\n"
            "legacy.replies.granted=17 prose\n"
            "legacy.replies.partial=2 prose\n"
            "legacy.replies.denied=2 prose\n"
            "legacy.review.total=0 prose_none\n");
  EXPECT_EQ(prose({"本年度主动公开政府信息1795条。", "全年未收到政府信息公开申请。",
                   "未发生行政诉讼。", "未收取任何费用。"}),
            "legacy.proactive.total=1795 prose\n"
            "legacy.requests.total=0 prose_none\n"
            "legacy.litigation.total=0 prose_none\n"
            "legacy.fees.charged_yuan=0 prose_none\n");
}

TEST(LegacyProse, LookAlikesAreNotFigures) {
  // A review request is not a disclosure request; "同意公开答复数" is not the replies' total; a
  // table glued into one line ("主动公开信息数条20263542") states no sentence's number.
  EXPECT_EQ(prose({"未收到行政复议申请。"}), "legacy.review.total=0 prose_none\n");
  EXPECT_EQ(prose({"其中同意公开答复数17条。"}), "legacy.replies.granted=17 prose\n");
  EXPECT_EQ(prose({"指标名称计量单位2012年度历年累计主动公开信息数条20263542行政复议数条00"}), "");
  // The first sentence that states a key gives it; a later one does not replace it.
  EXPECT_EQ(prose({"共收到申请5件。", "另收到申请9件。"}), "legacy.requests.total=5 prose\n");
}

TEST(LegacyProse, RealReportOf2012) {
  const std::filesystem::path page =
      std::filesystem::path(XXGKNB_SHARED_CORPUS) / "real/pingtan-2012-county-gov/page.txt";
  if (!std::filesystem::exists(page)) GTEST_SKIP() << "shared corpus not present: " << page;
  auto result = extract_file(page.string());
  ASSERT_TRUE(result.ok());
  const Report& report = result.value();
  EXPECT_EQ(report.meta.template_version, "legacy");
  const std::vector<std::pair<const char*, int>> expected = {
      {"legacy.requests.total", 21}, {"legacy.requests.in_person", 18}, {"legacy.replies.total", 21},
      {"legacy.replies.granted", 17}, {"legacy.review.total", 0}};
  for (const auto& [key, value] : expected) {
    const Field* f = report.field(key);
    ASSERT_NE(f, nullptr) << key;
    EXPECT_EQ(f->value->to_string(), std::to_string(value)) << key;
    EXPECT_NE(f->label.find(key == std::string("legacy.review.total") ? "行政复议" : "申请"),
              std::string::npos)
        << key << ": " << f->label;
  }
}

}  // namespace
}  // namespace xxgknb
