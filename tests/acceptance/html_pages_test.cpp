// Acceptance on the real web pages of ../shared/corpus/real, above all those without the
// three statistics tables (reports before 2019): each is read as HTML; every section heading
// the page prints is a paragraph of its own, the sections the template names are found, and
// the page's own fields are read — the expectations below were read off each page by hand.
// Skips cleanly when ../shared/corpus is absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "xxgknb/xxgknb.h"

namespace {

namespace fs = std::filesystem;

const fs::path kShared = XXGKNB_SHARED_CORPUS;

struct PageField {
  const char* key;
  const char* value;
};

struct PageCase {
  const char* document;
  int year;
  std::vector<std::string> headings;  // as the page prints them
  // Sections by the template's numbering and words (segment's job): before 2019 the
  // numbering differs ("四、…存在的主要问题"), so only some headings map.
  std::vector<std::string> sections;
  std::vector<PageField> fields;
};

void PrintTo(const PageCase& c, std::ostream* out) { *out << c.document; }

const PageCase kPages[] = {
    // "一、 概述" … "四、政府信息公开工作存在的主要问题及改进情况", then the old 统计表.
    {"real/pingtan-2012-county-gov/page.html",
     2012,
     {"一、 概述", "二、主动公开政府信息情况", "三、政府信息依申请公开工作情况",
      "四、政府信息公开工作存在的主要问题及改进情况"},
     {"legacy_overview", "legacy_proactive", "legacy_requests", "legacy_problems", "legacy_annex"},
     {{"article_title", "平潭县人民政府2012年政府信息公开工作年度报告"},
      {"published_date", "2013-01-17 00:00"},
      {"content_source", "平潭县人民政府"}}},
    // "一、概述" … "六、工作人员及信息公开事务支出情况"; <meta name="ContentSource"> is
    // empty, the page's "来源：平潭县人民政府" is not.
    {"real/pingtan-2013-tax-bureau/page.html",
     2013,
     {"一、概述", "二、主动公开政府信息情况", "三、依申请公开、不予公开及咨询政府信息情况",
      "四、审批事项及处理情况", "五、申请行政复议、提起行政诉讼和申诉的情况",
      "六、工作人员及信息公开事务支出情况"},
     {"legacy_overview", "legacy_proactive", "legacy_requests", "legacy_review_litigation"},
     {{"article_title", "平潭综合实验区地方税务局2013年信息公开年度报告"},
      {"published_date", "2014-02-25 00:00"},
      {"content_source", "平潭县人民政府"}}},
    // The 2021 template; the metadata table above the article: 索引号, 发布机构, 公开日期.
    {"real/shuyang-fgj-2023/report.html",
     2023,
     {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
      "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及整改措施",
      "六、其他需要报告的事项"},
     {"s1_overview", "s2_proactive", "s3_requests", "s4_review_litigation", "s5_problems",
      "s6_other"},
     {{"index_number", "014314799/2024-00002"},
      {"publisher", "沭阳县发展和改革局"},
      {"published_date", "2024-01-17"}}},
    {"real/pingtan-2025-zone-gov/page.html",
     2025,
     {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
      "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
      "六、其他需要报告的事项"},
     {"s1_overview", "s2_proactive", "s3_requests", "s4_review_litigation", "s5_problems",
      "s6_other"},
     {{"article_title", "平潭综合实验区2025年度政府信息公开工作年度报告"},
      {"published_date", "2026-03-10 12:56"},
      {"content_source", "平潭综合实验区管委会办公室"}}},
};

class RealPage : public ::testing::TestWithParam<PageCase> {};

TEST_P(RealPage, SectionsAndPageFieldsAreFound) {
  const PageCase& c = GetParam();
  const fs::path document = kShared / c.document;
  if (!fs::exists(document)) GTEST_SKIP() << document << " is not here (../shared/corpus absent)";
  std::ifstream in(document, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  auto result = xxgknb::extract_bytes_with_model(bytes.str(), document.string());
  ASSERT_TRUE(result) << result.error().code << ": " << result.error().message;
  const xxgknb::Report& report = result.value().report;
  EXPECT_EQ(report.source.format, "html");
  EXPECT_EQ(report.meta.year, c.year);
  // Each heading is a paragraph of its own (ideographic indents "　　四、…" aside).
  for (const std::string& heading : c.headings) {
    bool found = false;
    for (const xxgknb::Paragraph& p : result.value().document.paragraphs) {
      std::string text = p.text;
      while (text.rfind("\u3000", 0) == 0) text.erase(0, 3);
      while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.pop_back();
      found = found || text == heading;
    }
    EXPECT_TRUE(found) << heading;
  }
  std::vector<std::string> keys;
  for (const xxgknb::Section& s : report.sections) keys.push_back(s.key);
  for (const std::string& key : c.sections) {
    EXPECT_NE(std::find(keys.begin(), keys.end(), key), keys.end()) << "section " << key;
  }
  for (const PageField& want : c.fields) {
    const xxgknb::PageField* got = nullptr;
    for (const xxgknb::PageField& f : report.meta.page) {
      if (f.key == want.key) got = &f;
    }
    ASSERT_NE(got, nullptr) << want.key;
    EXPECT_EQ(got->value, want.value) << want.key;
    EXPECT_GE(got->where.offset, 0) << want.key;
  }
  // Site chrome is not report text.
  for (const xxgknb::Section& s : report.sections) {
    EXPECT_EQ(s.text.find("当前位置"), std::string::npos) << s.number;
    EXPECT_EQ(s.text.find("微信 微博"), std::string::npos) << s.number;
  }
}

INSTANTIATE_TEST_SUITE_P(Pages, RealPage, ::testing::ValuesIn(kPages),
                         [](const ::testing::TestParamInfo<PageCase>& param) {
                           std::string name = param.param.document;
                           name = name.substr(name.find('/') + 1);
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

}  // namespace
