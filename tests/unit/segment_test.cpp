// Stage tests for segment: paragraphs in, a compact dump of title, agency, year, section
// headings and flags out; each rule with a positive case and a look-alike.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "normalize/normalize.h"
#include "segment/segment.h"
#include "support/lines_document.h"
#include "templates/spec.h"

namespace xxgknb {
namespace {

Document make_document(const std::vector<std::string>& lines) {
  return testing::lines_document(lines);
}

// title | agency | year, then one line per section ("s1_overview 一、总体情况"), then flags.
std::string dump(const Segments& s) {
  std::string out = "title=" + s.meta.title + " agency=" + s.meta.agency +
                    " year=" + (s.meta.year ? std::to_string(*s.meta.year) : "none") + "\n";
  for (const Section& section : s.sections) out += section.key + " " + section.heading + "\n";
  for (const Flag& flag : s.flags) out += "flag " + flag.code + " " + flag.field + "\n";
  return out;
}

std::string segment_dump(const std::vector<std::string>& lines) {
  return dump(segment(make_document(lines)));
}

const char* const kTitle = "霍山县衡山镇2020年度政府信息公开工作年度报告";
const char* const kTitleDump =
    "title=霍山县衡山镇2020年度政府信息公开工作年度报告 agency=霍山县衡山镇 year=2020\n";
const char* const kAllSections =
    "s1_overview 一、总体情况\n"
    "s2_proactive 二、主动公开政府信息情况\n"
    "s3_requests 三、收到和处理政府信息公开申请情况\n"
    "s4_review_litigation 四、政府信息公开行政复议、行政诉讼情况\n"
    "s5_problems 五、存在的主要问题及改进情况\n"
    "s6_other 六、其他需要报告的事项\n";

std::vector<std::string> with_sections(std::vector<std::string> before_first,
                                       std::vector<std::string> in_first = {},
                                       std::vector<std::string> in_third = {}) {
  std::vector<std::string> lines = std::move(before_first);
  lines.push_back("一、总体情况");
  lines.insert(lines.end(), in_first.begin(), in_first.end());
  lines.push_back("二、主动公开政府信息情况");
  lines.push_back("三、收到和处理政府信息公开申请情况");
  lines.insert(lines.end(), in_third.begin(), in_third.end());
  lines.push_back("四、政府信息公开行政复议、行政诉讼情况");
  lines.push_back("五、存在的主要问题及改进情况");
  lines.push_back("六、其他需要报告的事项");
  return lines;
}

struct Case {
  const char* rule;
  std::vector<std::string> lines;
  std::string expected;
};

TEST(SegmentHeadings, Table) {
  const std::string all = std::string(kTitleDump) + kAllSections;
  const std::vector<Case> cases = {
      {"template headings", with_sections({kTitle}), all},
      {"flattened table rows are not headings",
       with_sections({kTitle}, {},
                     {"一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量",
                      "三、本年度办理结果", "四、结转下年度继续办理"}),
       all},
      {"一般 is not 一、",
       with_sections({kTitle, "一般公共预算收入总体情况"}), all},
      {"(二) sub-heading inside 一 is not heading 二",
       with_sections({kTitle}, {"（一）主动公开", "（二）主动公开政府信息情况", "（三）依申请公开"}),
       all},
      {"一是 二是 sentences are not headings",
       with_sections({kTitle}, {"一是总体部署到位。", "二是主动公开及时。"}), all},
      {"a long sentence is not a heading",
       {kTitle,
        "一、总体情况。2020年，我镇按照上级有关要求，不断完善政府信息公开制度、建立健全政府信息"
        "公开保障机制、规范梳理政府信息公开目录和指南、搭建政府信息公开网上平台。",
        "二、主动公开政府信息情况"},
       std::string(kTitleDump) + "s2_proactive 二、主动公开政府信息情况\n"
           "flag section_missing s1_overview\nflag section_missing s3_requests\n"
           "flag section_missing s4_review_litigation\nflag section_missing s5_problems\n"
           "flag section_missing s6_other\n"},
      {"headings only count upwards",
       {kTitle, "一、总体情况", "三、收到和处理政府信息公开申请情况", "二、主动公开政府信息情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项"},
       std::string(kTitleDump) +
           "s1_overview 一、总体情况\ns3_requests 三、收到和处理政府信息公开申请情况\n"
           "s4_review_litigation 四、政府信息公开行政复议、行政诉讼情况\n"
           "s5_problems 五、存在的主要问题及改进情况\ns6_other 六、其他需要报告的事项\n"
           "flag section_missing s2_proactive\n"},
      {"wording variants",
       {kTitle, "一、2023年政务公开总体情况", "二、行政机关主动公开政府信息的情况",
        "三、行政机关收到和处理政府信息公开申请情况",
        "四、因政府信息公开工作被申请行政复议提起行政诉讼情况",
        "五、政府信息公开工作存在的主要问题及改进情况", "六、其他需要报告的事项"},
       std::string(kTitleDump) + "s1_overview 一、2023年政务公开总体情况\n"
           "s2_proactive 二、行政机关主动公开政府信息的情况\n"
           "s3_requests 三、行政机关收到和处理政府信息公开申请情况\n"
           "s4_review_litigation 四、因政府信息公开工作被申请行政复议提起行政诉讼情况\n"
           "s5_problems 五、政府信息公开工作存在的主要问题及改进情况\n"
           "s6_other 六、其他需要报告的事项\n"},
      {"separator variants",
       {kTitle, "一．总体情况", "二.主动公开政府信息情况", "三 收到和处理政府信息公开申请情况",
        "四、 政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及整改措施",
        "六、其他需要报告的事项"},
       std::string(kTitleDump) + "s1_overview 一．总体情况\n"
           "s2_proactive 二.主动公开政府信息情况\n"
           "s3_requests 三 收到和处理政府信息公开申请情况\n"
           "s4_review_litigation 四、 政府信息公开行政复议、行政诉讼情况\n"
           "s5_problems 五、存在的主要问题及整改措施\ns6_other 六、其他需要报告的事项\n"},
      {"(一) used at the top level",
       {kTitle, "（一）总体情况", "1.主动公开", "（二）主动公开政府信息情况",
        "（三）收到和处理政府信息公开申请情况", "（四）政府信息公开行政复议、行政诉讼情况",
        "（五）存在的主要问题及改进情况", "（六）其他需要报告的事项"},
       std::string(kTitleDump) + "s1_overview （一）总体情况\n"
           "s2_proactive （二）主动公开政府信息情况\n"
           "s3_requests （三）收到和处理政府信息公开申请情况\n"
           "s4_review_litigation （四）政府信息公开行政复议、行政诉讼情况\n"
           "s5_problems （五）存在的主要问题及改进情况\ns6_other （六）其他需要报告的事项\n"},
      {"Markdown heading markers",
       {kTitle, "## 一、总体情况", "## 二、主动公开政府信息情况", "### 一、本年新收政府信息公开申请数量",
        "## 三、收到和处理政府信息公开申请情况", "## 四、政府信息公开行政复议、行政诉讼情况",
        "## 五、存在的主要问题及改进情况", "## 六、其他需要报告的事项"},
       std::string(kTitleDump) + "s1_overview ## 一、总体情况\n"
           "s2_proactive ## 二、主动公开政府信息情况\n"
           "s3_requests ## 三、收到和处理政府信息公开申请情况\n"
           "s4_review_litigation ## 四、政府信息公开行政复议、行政诉讼情况\n"
           "s5_problems ## 五、存在的主要问题及改进情况\ns6_other ## 六、其他需要报告的事项\n"},
      {"number without the section's keywords",
       {kTitle, "一、工作开展", "二、主动公开政府信息情况"},
       std::string(kTitleDump) + "s2_proactive 二、主动公开政府信息情况\n"
           "flag section_missing s1_overview\nflag section_missing s3_requests\n"
           "flag section_missing s4_review_litigation\nflag section_missing s5_problems\n"
           "flag section_missing s6_other\n"},
  };
  for (const Case& c : cases) EXPECT_EQ(segment_dump(c.lines), c.expected) << c.rule;
}

TEST(SegmentHeadings, AutomaticNumbering) {
  Document document;
  const std::vector<std::pair<std::string, std::string>> lines = {
      {"", kTitle},
      {"一、", "总体情况"},
      {"二、", "主动公开政府信息情况"},
      {"三、", "收到和处理政府信息公开申请情况"},
      {"四、", "政府信息公开行政复议、行政诉讼情况"},
      {"五、", "存在的主要问题及改进情况"},
      {"六、", "其他需要报告的事项"},
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Paragraph p;
    p.numbering = lines[i].first;
    p.text = lines[i].second;
    document.paragraphs.push_back(p);
    document.blocks.push_back({Block::Kind::Paragraph, static_cast<int>(i)});
  }
  normalize(document);
  EXPECT_EQ(dump(segment(document)), std::string(kTitleDump) + kAllSections);
}

TEST(SegmentHeadings, TraditionalCharacters) {
  EXPECT_EQ(segment_dump({"霍山縣衡山鎮2020年度政府資訊公開工作年度報告", "一、總體情況",
                          "二、主動公開政府資訊情況", "三、收到和處理政府資訊公開申請情況",
                          "四、政府資訊公開行政複議、行政訴訟情況", "五、存在的主要問題及改進情況",
                          "六、其他需要報告的事項"}),
            "title=霍山縣衡山鎮2020年度政府資訊公開工作年度報告 agency=霍山縣衡山鎮 year=2020\n"
            "s1_overview 一、總體情況\n"
            "s2_proactive 二、主動公開政府資訊情況\n"
            "s3_requests 三、收到和處理政府資訊公開申請情況\n"
            "s4_review_litigation 四、政府資訊公開行政複議、行政訴訟情況\n"
            "s5_problems 五、存在的主要問題及改進情況\n"
            "s6_other 六、其他需要報告的事項\n");
}

// The national list segment and E7 read is the template's (kAllSections, transcribed from
// templates.md §2.1), and each heading as the spec prints it is found under its own key.
TEST(SegmentHeadings, SpecHeadingsAreTheTemplatesAndFoundUnderTheirKeys) {
  std::vector<std::string> lines = {kTitle};
  std::string listed;
  for (const NationalSectionSpec& spec : national_sections()) {
    lines.push_back(spec.heading);
    listed += std::string(spec.key) + " " + spec.heading + "\n";
  }
  EXPECT_EQ(listed, kAllSections);
  EXPECT_EQ(segment_dump(lines), std::string(kTitleDump) + kAllSections);
}

TEST(SegmentHeadings, MissingSectionFive) {
  const Segments s = segment(make_document(
      {kTitle, "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
       "四、政府信息公开行政复议、行政诉讼情况", "无。", "六、其他需要报告的事项"}));
  ASSERT_EQ(s.sections.size(), 5u);
  EXPECT_EQ(s.sections[3].text, "无。");
  ASSERT_EQ(s.flags.size(), 1u);
  EXPECT_EQ(s.flags[0].code, "section_missing");
  EXPECT_EQ(s.flags[0].severity, "error");
  EXPECT_EQ(s.flags[0].field, "s5_problems");
  EXPECT_NE(s.flags[0].message.find("五"), std::string::npos);
}

TEST(SegmentSections, BodyTextAndBlockRanges) {
  Document document;
  const auto add = [&document](const std::string& text) {
    Paragraph p;
    p.text = text;
    p.source.line = static_cast<std::int64_t>(document.paragraphs.size() + 1);
    document.blocks.push_back({Block::Kind::Paragraph, static_cast<int>(document.paragraphs.size())});
    document.paragraphs.push_back(p);
  };
  const auto add_table = [&document] {
    Table t;
    t.index = static_cast<int>(document.tables.size());
    document.blocks.push_back({Block::Kind::Table, t.index});
    document.tables.push_back(t);
  };
  add(kTitle);                                   // block 0
  add("一、总体情况");                            // block 1
  add("第一段。");                                // block 2
  add("");                                       // block 3: empty, not in the text
  add("第二段。");                                // block 4
  add("二、主动公开政府信息情况");                  // block 5
  add_table();                                   // block 6: a table is not body text
  add("三、收到和处理政府信息公开申请情况");          // block 7
  add_table();                                   // block 8
  add("四、政府信息公开行政复议、行政诉讼情况");      // block 9
  add("五、存在的主要问题及改进情况");              // block 10
  add("六、其他需要报告的事项");                    // block 11
  add("无。");                                   // block 12
  normalize(document);
  const Segments s = segment(document);
  ASSERT_EQ(s.sections.size(), 6u);
  EXPECT_EQ(s.sections[0].text, "第一段。\n第二段。");
  EXPECT_EQ(s.sections[0].number, "一");
  EXPECT_EQ(s.sections[0].first_block, 1);
  EXPECT_EQ(s.sections[0].end_block, 5);
  EXPECT_EQ(s.sections[0].source.line, 2);
  EXPECT_EQ(s.sections[1].text, "");
  EXPECT_EQ(s.sections[1].first_block, 5);
  EXPECT_EQ(s.sections[1].end_block, 7);
  EXPECT_EQ(s.sections[5].first_block, 11);
  EXPECT_EQ(s.sections[5].end_block, 13);
  EXPECT_EQ(s.sections[5].text, "无。");
  EXPECT_EQ(s.meta.title_source.line, 1);
}

TEST(SegmentMeta, Table) {
  const std::string sections = kAllSections;
  const std::vector<Case> cases = {
      {"title on two lines",
       with_sections({"霍山县衡山镇", "2020年政府信息公开工作年度报告"}),
       "title=霍山县衡山镇2020年政府信息公开工作年度报告 agency=霍山县衡山镇 year=2020\n" +
           sections},
      {"a sentence before the title is not its first line",
       with_sections({"根据条例规定，现予公布。", "2020年政府信息公开工作年度报告",
                      "霍山县衡山镇人民政府", "2021年1月20日"}),
       "title=2020年政府信息公开工作年度报告 agency= year=2020\n" + sections +
           "flag agency_not_found meta.agency\n"},
      {"page furniture before the title",
       with_sections({"索引号：11341525/2021-00012", "发布日期：2021-01-20", kTitle}),
       std::string(kTitleDump) + sections},
      {"a sentence naming the report is not the title",
       with_sections({"现将本年度报告公布如下，请予监督。", kTitle}),
       std::string(kTitleDump) + sections},
      {"title lead words stripped",
       with_sections({"关于印发《霍山县衡山镇2020年度政府信息公开工作年度报告》的通知"}),
       "title=关于印发《霍山县衡山镇2020年度政府信息公开工作年度报告》的通知 "
       "agency=霍山县衡山镇 year=2020\n" + sections},
      {"a crawler's field name is not part of the title",
       with_sections({"标题: 平潭综合实验区2024年度政府信息公开工作年度报告", "发布时间: 2025-03-10 15:35"}),
       "title=平潭综合实验区2024年度政府信息公开工作年度报告 agency=平潭综合实验区 year=2024\n" +
           sections},
      {"a crawler's field name with a full-width colon",
       with_sections({"标题：平潭综合实验区2024年度政府信息公开工作年度报告"}),
       "title=平潭综合实验区2024年度政府信息公开工作年度报告 agency=平潭综合实验区 year=2024\n" +
           sections},
      {"a traditional field name is cut from the printed title",
       with_sections({"標題： 平潭綜合實驗區2024年度政府資訊公開工作年度報告"}),
       "title=平潭綜合實驗區2024年度政府資訊公開工作年度報告 agency=平潭綜合實驗區 year=2024\n" +
           sections},
      {"a crawler's other header fields are not the title",
       with_sections({"发布机构: 平潭县人民政府",
                      "本地目录: zwgk/zfxxgk/zfxxgknb/201301/80725_平潭县人民政府2012年政府信息公开工作年度报告",
                      "来源：平潭县人民政府", "平潭县人民政府2020年政府信息公开工作年度报告"}),
       "title=平潭县人民政府2020年政府信息公开工作年度报告 agency=平潭县人民政府 year=2020\n" +
           sections},
      {"a 来源 field naming a report is not the title",
       with_sections({"来源：平潭县人民政府2020年政府信息公开工作年度报告"}),
       "title= agency= year=none\n" + sections + "flag title_not_found meta.title\n" +
           "flag year_not_found meta.year\nflag agency_not_found meta.agency\n"},
      {"a simplified name is kept as printed",
       with_sections({"乾县2020年政府信息公开工作年度报告"}),
       "title=乾县2020年政府信息公开工作年度报告 agency=乾县 year=2020\n" + sections},
      {"a signature is kept as printed",
       [] {
         auto lines = with_sections({"2020年政府信息公开工作年度报告"});
         lines.push_back("霍山縣衡山鎮人民政府");
         return lines;
       }(),
       "title=2020年政府信息公开工作年度报告 agency=霍山縣衡山鎮人民政府 year=2020\n" + sections},
      {"year before the body's name",
       with_sections({"2024 年上海市科委政府信息公开工作年度报告"}),
       "title=2024 年上海市科委政府信息公开工作年度报告 agency=上海市科委 year=2024\n" + sections},
      {"title split after the body's name and the year",
       with_sections({"2025 年上海市人民政府办公厅政府信息公开", "工作年度报告"}),
       "title=2025 年上海市人民政府办公厅政府信息公开工作年度报告 agency=上海市人民政府办公厅 "
       "year=2025\n" + sections},
      {"Markdown marker before the title",
       with_sections({"# 沭阳县人民政府 2025 年 政府信息公开工作年度报告"}),
       "title=沭阳县人民政府 2025 年 政府信息公开工作年度报告 agency=沭阳县人民政府 year=2025\n" +
           sections},
      {"body's name before the report's own words",
       with_sections({"霍山县衡山镇政府信息公开工作2020年度报告"}),
       "title=霍山县衡山镇政府信息公开工作2020年度报告 agency=霍山县衡山镇 year=2020\n" + sections},
      {"year in Chinese numerals",
       with_sections({"霍山县衡山镇二〇二〇年政府信息公开工作年度报告"}),
       "title=霍山县衡山镇二〇二〇年政府信息公开工作年度报告 agency=霍山县衡山镇 year=2020\n" +
           sections},
      {"year from the reporting period with 年 dropped",
       with_sections({"霍山县衡山镇政府信息公开工作年度报告",
                      "本报告数据统计期限为2025  1  1  日至 2025  12  31  日。"}),
       "title=霍山县衡山镇政府信息公开工作年度报告 agency=霍山县衡山镇 year=2025\n" + sections},
      {"year from the end of the reporting period",
       with_sections({"霍山县衡山镇政府信息公开工作年度报告", "统计期限自1月1日至2021年12月31日。"}),
       "title=霍山县衡山镇政府信息公开工作年度报告 agency=霍山县衡山镇 year=2021\n" + sections},
      {"a date that is not a reporting period gives no year",
       with_sections({"霍山县衡山镇政府信息公开工作年度报告", "条例自2019年5月15日起施行。"}),
       "title=霍山县衡山镇政府信息公开工作年度报告 agency=霍山县衡山镇 year=none\n" + sections +
           "flag year_not_found meta.year\n"},
      {"a year out of range is not a year",
       with_sections({"霍山县衡山镇1999年政府信息公开工作年度报告"}),
       "title=霍山县衡山镇1999年政府信息公开工作年度报告 agency=霍山县衡山镇 year=none\n" +
           sections + "flag year_not_found meta.year\n"},
      {"agency from the signature",
       [] {
         auto lines = with_sections({"2020年政府信息公开工作年度报告"});
         lines.push_back("本年度未收取信息处理费。");
         lines.push_back("霍山县衡山镇人民政府");
         lines.push_back("2021年1月20日");
         return lines;
       }(),
       "title=2020年政府信息公开工作年度报告 agency=霍山县衡山镇人民政府 year=2020\n" +
           sections},
      {"a closing sentence is not a signature",
       [] {
         auto lines = with_sections({"2020年政府信息公开工作年度报告"});
         lines.push_back("下一步将继续优化政务服务，提升群众满意度的工作局");
         return lines;
       }(),
       "title=2020年政府信息公开工作年度报告 agency= year=2020\n" + sections +
           "flag agency_not_found meta.agency\n"},
      {"no title",
       with_sections({"根据条例规定，现予公布。"}),
       "title= agency= year=none\n" + sections + "flag title_not_found meta.title\n" +
           "flag year_not_found meta.year\nflag agency_not_found meta.agency\n"},
  };
  for (const Case& c : cases) EXPECT_EQ(segment_dump(c.lines), c.expected) << c.rule;
}

TEST(SegmentPre2019, Table) {
  const std::string missing_after_two =
      "flag section_missing s3_requests\nflag section_missing s4_review_litigation\n"
      "flag section_missing s5_problems\nflag section_missing s6_other\n";
  // The pre-2019 section list: 一、概述 … 四、收费及减免 … 七、其他需要报告的事项.
  const std::vector<std::string> old_headings = {
      "一、概述", "二、主动公开政府信息情况", "三、依申请公开政府信息情况",
      "四、政府信息公开的收费及减免情况", "五、因政府信息公开申请行政复议、提起行政诉讼的情况",
      "六、政府信息公开工作存在的主要问题及改进措施", "七、其他需要报告的事项"};
  auto titled = [&](const std::string& title) {
    std::vector<std::string> lines = {title};
    lines.insert(lines.end(), old_headings.begin(), old_headings.end());
    return lines;
  };
  const std::vector<Case> cases = {
      {"a report for 2012 has no national section list",
       {"平潭县人民政府2012年政府信息公开工作年度报告", "推进政府信息公开工作是……。"},
       "title=平潭县人民政府2012年政府信息公开工作年度报告 agency=平潭县人民政府 year=2012\n"},
      {"a report for 2018 has none either",
       {"平潭县人民政府2018年政府信息公开工作年度报告", "一、概述"},
       "title=平潭县人民政府2018年政府信息公开工作年度报告 agency=平潭县人民政府 year=2018\n"
       "legacy_overview 一、概述\n"},
      {"old headings tell a report without a year, and have keys of their own",
       titled("平潭县人民政府政府信息公开工作年度报告"),
       "title=平潭县人民政府政府信息公开工作年度报告 agency=平潭县人民政府 year=none\n"
       "legacy_overview 一、概述\nlegacy_proactive 二、主动公开政府信息情况\n"
       "legacy_requests 三、依申请公开政府信息情况\nlegacy_fees 四、政府信息公开的收费及减免情况\n"
       "legacy_review_litigation 五、因政府信息公开申请行政复议、提起行政诉讼的情况\n"
       "legacy_problems 六、政府信息公开工作存在的主要问题及改进措施\n"
       "legacy_other 七、其他需要报告的事项\nflag year_not_found meta.year\n"},
      // Look-alikes: the year decides before headings do; no old heading, no exemption.
      {"a report for 2019 with old headings keeps its flags",
       titled("平潭县人民政府2019年政府信息公开工作年度报告"),
       "title=平潭县人民政府2019年政府信息公开工作年度报告 agency=平潭县人民政府 year=2019\n"
       "s1_overview 一、概述\ns2_proactive 二、主动公开政府信息情况\n"
       "s3_requests 三、依申请公开政府信息情况\nflag section_missing s4_review_litigation\n"
       "flag section_missing s5_problems\nflag section_missing s6_other\n"},
      {"a report without a year or old headings keeps its flags",
       {"平潭县人民政府政府信息公开工作年度报告", "一、概述", "二、主动公开政府信息情况"},
       "title=平潭县人民政府政府信息公开工作年度报告 agency=平潭县人民政府 year=none\n"
       "s1_overview 一、概述\ns2_proactive 二、主动公开政府信息情况\n" + missing_after_two +
           "flag year_not_found meta.year\n"},
      {"a sentence about fees is no old heading",
       {"平潭县人民政府政府信息公开工作年度报告", "一、概述", "二、主动公开政府信息情况",
        "本年度未收取任何费用，无收费及减免情况。"},
       "title=平潭县人民政府政府信息公开工作年度报告 agency=平潭县人民政府 year=none\n"
       "s1_overview 一、概述\ns2_proactive 二、主动公开政府信息情况\n" + missing_after_two +
           "flag year_not_found meta.year\n"},
  };
  for (const Case& c : cases) EXPECT_EQ(segment_dump(c.lines), c.expected) << c.rule;
}

// The lines of a file of the shared corpus; empty when it is not there.
std::vector<std::string> shared_corpus_lines(const std::string& relative) {
  std::ifstream file(std::string(XXGKNB_SHARED_CORPUS) + "/" + relative, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(file, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

// Real crawler pages: "标题: …" header, then the body glued into one paragraph.
TEST(SegmentRealPages, CrawlerHeaderAndPre2019Reports) {
  struct Page {
    const char* path;
    const char* title;
    const char* agency;
    int year;
    std::size_t section_missing;
  };
  const Page pages[] = {
      {"real/pingtan-2012-county-gov/page.txt", "平潭县人民政府2012年政府信息公开工作年度报告",
       "平潭县人民政府", 2012, 0},
      {"real/pingtan-2013-tax-bureau/page.txt",
       "平潭综合实验区地方税务局2013年信息公开年度报告", "平潭综合实验区地方税务局", 2013, 0},
      // A 2024 report whose headings are glued into one paragraph: all six stay missing.
      {"real/pingtan-2024-zone-gov/page.txt", "平潭综合实验区2024年度政府信息公开工作年度报告",
       "平潭综合实验区", 2024, 6},
  };
  for (const Page& page : pages) {
    const std::vector<std::string> lines = shared_corpus_lines(page.path);
    if (lines.empty()) GTEST_SKIP() << "shared corpus not present: " << page.path;
    const Segments s = segment(make_document(lines));
    EXPECT_EQ(s.meta.title, page.title) << page.path;
    EXPECT_EQ(s.meta.agency, page.agency) << page.path;
    EXPECT_EQ(s.meta.year, page.year) << page.path;
    const auto missing = std::count_if(s.flags.begin(), s.flags.end(), [](const Flag& f) {
      return f.code == "section_missing";
    });
    EXPECT_EQ(static_cast<std::size_t>(missing), page.section_missing) << page.path;
  }
}

TEST(SegmentLimits, LongAndManyParagraphsAreFast) {
  std::vector<std::string> lines = {kTitle, "一、总体情况"};
  std::string long_line;
  while (long_line.size() < (1u << 20)) long_line += "一、本年新收政府信息公开申请数量二〇二〇年";
  lines.push_back(long_line);
  for (int i = 0; i < 100000; ++i) lines.push_back(i % 2 ? "一是总体部署到位。" : "（二）主动公开");
  lines.push_back("二、主动公开政府信息情况");
  const Document document = make_document(lines);
  const auto start = std::chrono::steady_clock::now();
  const Segments s = segment(document);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  ASSERT_EQ(s.sections.size(), 2u);
  EXPECT_EQ(s.sections[1].first_block, 100003);
}

TEST(SegmentSeed, HuoshanHengshan2020) {
  const std::string path =
      std::string(XXGKNB_SHARED_CORPUS) + "/seed/000_f7fab5510749a469.txt";
  std::ifstream file(path, std::ios::binary);
  if (!file) GTEST_SKIP() << "shared corpus not present: " << path;
  std::vector<std::string> lines;
  for (std::string line; std::getline(file, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  const Segments s = segment(make_document(lines));
  EXPECT_EQ(s.meta.title, "霍山县衡山镇2020年度政府信息公开工作年度报告");
  EXPECT_EQ(s.meta.agency, "霍山县衡山镇");
  EXPECT_EQ(s.meta.year, 2020);
  ASSERT_EQ(s.sections.size(), 6u);
  const char* const keys[] = {"s1_overview", "s2_proactive", "s3_requests",
                              "s4_review_litigation", "s5_problems", "s6_other"};
  for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(s.sections[i].key, keys[i]);
  EXPECT_EQ(s.sections[0].heading, "一、总体情况");
  EXPECT_TRUE(s.flags.empty());
}

}  // namespace
}  // namespace xxgknb
