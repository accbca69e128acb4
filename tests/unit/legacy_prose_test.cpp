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

TEST(LegacyProse, ChannelsRepliesFeesComplaintsConsultations) {
  EXPECT_EQ(prose({"通过政府网站公开政府信息1102条，通过政府公报公开政府信息36条，通过其他方式公开政府信息122条；"
                   "制发规范性文件14件。"}),
            "legacy.proactive.website=1102 prose\n"
            "legacy.proactive.gazette=36 prose\n"
            "legacy.proactive.other=122 prose\n"
            "legacy.normative_docs.total=14 prose\n");
  EXPECT_EQ(prose({"网上申请19件，信函申请6件，传真申请3件，其他形式申请1件。"}),
            "legacy.requests.online=19 prose\n"
            "legacy.requests.letter=6 prose\n"
            "legacy.requests.fax=3 prose\n"
            "legacy.requests.other=1 prose\n");
  EXPECT_EQ(prose({"信息不存在的5件，非本部门掌握的2件，申请内容不明确的1件，其他答复1件。"}),
            "legacy.replies.not_exist=5 prose\n"
            "legacy.replies.not_held=2 prose\n"
            "legacy.replies.unclear=1 prose\n"
            "legacy.replies.other=1 prose\n");
  // 万元 in yuan, exactly; 元 kept.
  EXPECT_EQ(prose({"收取检索、复制费用共计0.35万元，减免费用0.02万元。"}),
            "legacy.fees.charged_yuan=3500 prose\n"
            "legacy.fees.waived_yuan=200 prose\n");
  EXPECT_EQ(prose({"收取费用120元。"}), "legacy.fees.charged_yuan=120 prose\n");
  EXPECT_EQ(prose({"收到举报投诉3件。", "全年接受咨询320人次，其中现场咨询120人次。"}),
            "legacy.complaints.total=3 prose\n"
            "legacy.consultations.total=320 prose\n");
}

TEST(LegacyProse, LookAlikesOfTheNewKeys) {
  // A review request is not a disclosure request, in either wording.
  EXPECT_EQ(prose({"收到行政复议申请2件。"}), "legacy.review.total=2 prose\n");
  // An expense is no fee charged; 减免税 is a tax matter, not a fee waived.
  EXPECT_EQ(prose({"全年用于政府信息公开的经费1万元。", "办理减免税共计91件，共计减免金额219062.78元。"}), "");
  // "网站主动公开的2026条政府信息中" is the total in other words, not the website's count.
  EXPECT_EQ(prose({"在网站主动公开的2026条政府信息中，规划类信息60条。"}), "");
  // "其它公开答复数2条": which reply that is, the words do not say.
  EXPECT_EQ(prose({"其它公开答复数2条，免于公开答复数2条。"}), "");
  // A part is not the total; a number too far from its verb is no statement.
  EXPECT_EQ(prose({"其中现场咨询1600人次，电话咨询3200人次。"}), "");
  EXPECT_EQ(prose({"共收到来自各乡镇、各部门、各社区居民委员会以及社会各界关于多个领域事项的申请12件。"}), "");
  // "约4900人次": approximate, and flagged so.
  const std::vector<Field> about =
      legacy_prose_fields(testing::lines_document({"有约4900人次通过各种方式向我局咨询。"}));
  ASSERT_EQ(about.size(), 1u);
  EXPECT_EQ(about[0].key, "legacy.consultations.total");
  EXPECT_EQ(about[0].flags, (std::vector<std::string>{"prose", "prose_approximate"}));
}

TEST(LegacyProse, TableValueWinsAndDisagreementIsFlagged) {
  Field table;
  table.key = "legacy.requests.total";
  table.value = Decimal::parse("7");
  table.kind = Kind::Number;
  std::vector<Field> fields = {table};
  std::vector<Flag> flags;
  merge_legacy_fields(fields, legacy_prose_fields(testing::lines_document(
                                  {"共收到申请9件，其中信函申请1件，传真申请2件。"})),
                      flags);
  ASSERT_EQ(fields.size(), 4u);
  EXPECT_EQ(fields[0].value->to_string(), "7");
  EXPECT_EQ(fields[0].flags, (std::vector<std::string>{"prose_disagrees"}));
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].code, "legacy_prose_disagrees");
  EXPECT_EQ(flags[0].field, "legacy.requests.total");
  EXPECT_EQ(fields[3].key, "legacy.requests.letter_fax");
  EXPECT_EQ(fields[3].value->to_string(), "3");
  EXPECT_TRUE(fields[3].derived);
  // Equal values: no flag.
  std::vector<Field> same = {table};
  std::vector<Flag> none;
  merge_legacy_fields(same, legacy_prose_fields(testing::lines_document({"共收到申请7件。"})), none);
  EXPECT_TRUE(none.empty());
  EXPECT_TRUE(same[0].flags.empty());
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
