// Acceptance tests for the prose stage on real reports of ../shared/corpus (2019–2025 reports
// of 平潭, 沭阳 and 上海, and one of 2012): numbers their text states, each expected value read by hand from the
// sentence quoted beside it, and the look-alikes in the same documents that must give no fact.
// Skipped when the shared corpus is absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

namespace fs = std::filesystem;

struct RealFact {
  const char* key;
  const char* value;
  const char* unit;
  const char* words;   // what the document prints around the number (inside the sentence)
};

struct RealDocument {
  const char* path;    // under ../shared/corpus
  std::vector<RealFact> facts;
  std::vector<const char*> absent_keys;   // look-alikes in the text that must give no fact
  std::vector<const char*> single_keys = {};   // keys stated once, beside look-alikes
};

const std::vector<RealDocument>& real_documents() {
  static const std::vector<RealDocument> documents = {
      {"real/shuyang-2025-county-gov/report.txt",
       {{"prose.proactive.website", "4511", "条", "全年通过县政府门户网站主动公开政府信息4511条"},
        {"prose.interpretations.total", "21", "条", "全年累计发布解读类信息 21 条"},
        {"prose.interpretations.total", "7", "次", "完成政府常务会议同步配套解读 7 次"},
        {"prose.requests.accepted", "749", "件", "全县全年共受理政府信息公开申请 749 件"},
        {"prose.requests.handled", "718", "件", "共办理 718 件"},
        {"prose.requests.carried_forward", "31", "件", "结转下一年 31 件"}},
       // "督促县直部门在信息公开页面发布信息3044条" is the departments' count, not the county's.
       {"prose.proactive.total"}},
      {"real/pingtan-2024-zone-gov/page.txt",
       {{"prose.proactive.website", "10407", "条", "通过政府门户网站全年主动公开各类政府信息10407条"},
        {"prose.interpretations.total", "96", "篇", "全年发布政策文件解读96篇"},
        {"prose.requests.handled", "218", "件", "全年办理政府信息公开申请218件"},
        {"prose.fees.charged", "0", "元", "无收取信息处理费情况"}},
       // "全年通过门户网站开展民意征集53期" is no release.
       {"prose.proactive.total"}},
      {"real/shanghai-kewei-2024/kewei-2024-source.md",
       {{"prose.proactive.website", "393", "件", "市科委通过部门网站当年发布政府信息 393 件"},
        {"prose.requests.received", "34", "件", "全年收到政府信息公开申请 34 件"},
        // The PDF text breaks the line inside the statement: "上年结转政府信息公开\n申请 2 件".
        {"prose.requests.carried_over", "2", "件", "上年结转政府信息公开"},
        {"prose.replies.granted", "9", "件", "同意公开答复 9 件"},
        {"prose.replies.partial", "0", "件", "部分公开答复 0 件"},
        {"prose.replies.denied", "2", "件", "不予公开答复 2"},
        {"prose.replies.unable", "10", "件", "无法提供的 10 件"},
        {"prose.replies.not_processed", "0", "件", "不予处理 0 件"},
        {"prose.replies.other", "14", "件", "其他处理 14 件"},
        {"prose.proactive.website", "2139", "条", "“上海科技”网站全年累计发布信息 2139 条"},
        {"prose.interpretations.total", "21", "条", "解读类信息发布 21 条"}},
       // "行政规范性文件 13 件" inside the list of what was published, "发布政策 121 条" (no
       // subject of ours), "发布短视频 584 条".
       {"prose.normative_docs.published", "prose.normative_docs.issued", "prose.proactive.total"}},
      {"real/shanghai-office-2025/shanghai-office-sample-source.md",
       {{"prose.press_conferences.total", "42", "场", "召开市政府新闻发布会 42 场"},
        {"prose.press_conferences.briefings", "19", "场", "新闻通气会 19 场"},
        {"prose.requests.accepted", "1295", "件", "市政府共受理政府信息公开申请 1295 件"},
        {"prose.replies.total", "1191", "件", "办结 1191 件"},
        {"prose.replies.granted_partial", "208", "件", "分公开 208 件"},
        {"prose.replies.denied", "20", "件", "不予公开 20 件"},
        {"prose.replies.unable", "564", "件", "无法提供 564 件"},
        {"prose.replies.not_processed", "80", "件", "不予处理 80 件"},
        {"prose.replies.other", "319", "件", "其他处理 319 件"}},
       // "含申请人\n主动撤回 157 件" is part of 其他处理, no fact of its own.
       {"prose.requests.received"}},
      {"real/pingtan-2025-zone-gov/page.txt",
       {{"prose.interpretations.total", "82", "篇", "发布文字、图解、H5等多形式政策解读82篇"},
        {"prose.requests.received", "154", "件", "收到政府信息公开申请154件"},
        {"prose.replies.total", "148", "件", "办结148件"},
        {"prose.requests.carried_forward", "6", "件", "结转至2026年6件"},
        {"prose.review.total", "36", "起", "行政复议36起"},
        {"prose.litigation.total", "9", "起", "行政诉讼9起"}},
       {}},
      // "其他应主动公开政府信息856条" is the last category of a list, not the year's total.
      {"real/pingtan-2019-zone-gov/page.txt", {}, {"prose.proactive.total"}},
      // A pre-2019 report: the total, not "县直各单位主动公开政府信息2475条" or "各乡镇…1503条".
      {"real/pingtan-2012-county-gov/page.txt",
       {{"prose.proactive.total", "2026", "条", "其中主动公开政府信息2026条"}},
       {},
       {"prose.proactive.total"}},
  };
  return documents;
}

TEST(ProseReal, StatedFiguresWithTheirSentences) {
  const fs::path root(XXGKNB_SHARED_CORPUS);
  if (!fs::exists(root)) GTEST_SKIP() << "shared corpus not present: " << root;
  for (const RealDocument& d : real_documents()) {
    SCOPED_TRACE(d.path);
    if (!fs::exists(root / d.path)) GTEST_SKIP() << "not present: " << d.path;
    auto result = extract_file((root / d.path).string());
    ASSERT_TRUE(result.ok()) << result.error().code << ": " << result.error().message;
    const Report& report = result.value();
    for (const RealFact& want : d.facts) {
      SCOPED_TRACE(std::string(want.key) + " " + want.words);
      const auto it = std::find_if(report.prose.begin(), report.prose.end(), [&](const ProseFact& f) {
        return f.key == want.key && f.sentence.find(want.words) != std::string::npos &&
               f.value.to_string() == want.value;
      });
      ASSERT_NE(it, report.prose.end());
      EXPECT_EQ(it->unit, want.unit);
      // The span is the words matched, in the text of the section named.
      const auto section = std::find_if(report.sections.begin(), report.sections.end(),
                                        [&](const Section& s) { return s.key == it->section; });
      ASSERT_NE(section, report.sections.end());
      ASSERT_GE(it->source.offset, 0);
      EXPECT_EQ(section->text.substr(static_cast<std::size_t>(it->source.offset),
                                     static_cast<std::size_t>(it->source.length)),
                it->raw);
      EXPECT_NE(it->sentence.find(it->raw), std::string::npos);
      EXPECT_GT(it->confidence, 0.0);
      EXPECT_LT(it->confidence, 0.99);
    }
    // Each fact expected is the only one of its key with that value: no look-alike repeats it.
    for (const RealFact& want : d.facts) {
      const auto same = std::count_if(report.prose.begin(), report.prose.end(), [&](const ProseFact& f) {
        return f.key == want.key && f.value.to_string() == want.value;
      });
      EXPECT_EQ(same, 1) << want.key << " " << want.value;
    }
    for (const char* key : d.single_keys) {
      EXPECT_EQ(std::count_if(report.prose.begin(), report.prose.end(),
                              [&](const ProseFact& f) { return f.key == key; }),
                1)
          << key;
    }
    for (const char* key : d.absent_keys) {
      for (const ProseFact& f : report.prose) {
        EXPECT_NE(f.key, key) << f.raw << " in " << f.sentence;
      }
    }
  }
}

}  // namespace
}  // namespace xxgknb
