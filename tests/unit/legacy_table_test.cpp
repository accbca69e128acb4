// Stage tests for pre-2019 reports: the old list's section keys (segment), the old 统计表 as
// legacy.* cells (template mapping, legacy_table.cpp) from a .docx grid, and the merge with
// the prose figures; each rule with a look-alike. Every expected value is the one the input
// below prints.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "emit/read_json.h"
#include "segment/segment.h"
#include "support/lines_document.h"
#include "support/zip_builder.h"
#include "templates/legacy_table.h"
#include "templates/spec.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

std::string p(std::string_view text) { return "<w:p><w:r><w:t>" + std::string(text) + "</w:t></w:r></w:p>"; }
std::string tc(std::string_view text) { return "<w:tc>" + p(text) + "</w:tc>"; }
std::string tr(const std::vector<std::string>& cells) {
  std::string out = "<w:tr>";
  for (const std::string& c : cells) out += tc(c);
  return out + "</w:tr>";
}
std::string tbl(const std::vector<std::vector<std::string>>& rows) {
  std::string out = "<w:tbl><w:tblPr/><w:tblGrid/>";
  for (const auto& row : rows) out += tr(row);
  return out + "</w:tbl>";
}

Report extract_docx(const std::string& body) {
  auto result = extract_bytes(testing::make_docx(body), "report.docx");
  EXPECT_TRUE(result.ok());
  return result.ok() ? result.value() : Report{};
}

// "key=value" (or "key=null kind") per legacy field, in output order, with its flags.
std::string dump_legacy(const Report& report) {
  std::string out;
  for (const Field& f : report.fields) {
    if (f.key.rfind("legacy.", 0) != 0) continue;
    out += f.key + "=" + (f.value ? f.value->to_string() : "null");
    for (const std::string& flag : f.flags) out += " " + flag;
    out += "\n";
  }
  return out;
}

bool has_report_flag(const Report& report, std::string_view code) {
  for (const Flag& f : report.flags) {
    if (f.code == code) return true;
  }
  return false;
}

std::string section_keys(const Report& report) {
  std::string out;
  for (const Section& s : report.sections) out += s.key + " ";
  return out;
}

const std::string kTitle2014 = p("溪口镇人民政府2014年政府信息公开工作年度报告");

TEST(LegacyTable, DocxGridWithSerialNumbersAndNoCumulativeColumn) {
  // "序号 | 指标名称 | 计量单位 | 2014年度": no 历年累计; the fee row printed in 万元.
  const std::string body =
      kTitle2014 + p("一、概述") + p("本镇认真落实《条例》。") + p("二、主动公开政府信息情况") +
      p("三、依申请公开政府信息情况") + p("附件：政府信息公开情况统计表") +
      tbl({{"序号", "指标名称", "计量单位", "2014年度"},
           {"1", "主动公开政府信息数", "条", "310"},
           {"2", "其中：1.网站公开数", "条", "288"},
           {"3", "收到申请数", "件", "7"},
           {"4", "对申请的答复数", "件", "7"},
           {"5", "3.否决公开答复数", "件", "1"},
           {"6", "其他", "件", "2"},
           {"7", "依申请公开信息收取的费用", "万元", "0.0125"}});
  const Report report = extract_docx(body);
  EXPECT_EQ(report.meta.template_version, "legacy");
  EXPECT_EQ(section_keys(report), "legacy_overview legacy_proactive legacy_requests legacy_annex ");
  EXPECT_EQ(dump_legacy(report),
            "legacy.proactive.total=310\n"
            "legacy.proactive.website=288\n"
            "legacy.requests.total=7\n"
            "legacy.replies.total=7\n"
            "legacy.replies.denied=1\n"
            "legacy.replies.other=2\n"
            "legacy.fees.charged_yuan=125 converted_from_wan_yuan\n");
  const Field* fee = report.field("legacy.fees.charged_yuan");
  ASSERT_NE(fee, nullptr);
  EXPECT_EQ(*fee->raw, "0.0125");
  EXPECT_EQ(fee->unit, "万元");
  EXPECT_EQ(fee->source.table, 0);
  EXPECT_EQ(fee->source.row, 7);
  EXPECT_EQ(fee->source.col, 3);
  EXPECT_DOUBLE_EQ(fee->confidence, 0.99);
  EXPECT_FALSE(has_report_flag(report, "tables_not_found"));
  EXPECT_FALSE(has_report_flag(report, "section_missing"));
}

TEST(LegacyTable, MergedGroupCellsAreNoLabels) {
  // "| 其中 (merged down) | 1.当面申请数 | 件 | 18 |" and a group row "二、依申请公开情况" across the
  // table: the merged cells belong to no row, the rows keep their own labels.
  auto merged = [](std::string_view text, std::string_view props) {
    return "<w:tc><w:tcPr>" + std::string(props) + "</w:tcPr>" + p(text) + "</w:tc>";
  };
  const std::string rows =
      tr({"", "指标名称", "计量单位", "本年度"}) +
      "<w:tr>" + merged("二、依申请公开情况", "<w:gridSpan w:val=\"4\"/>") + "</w:tr>" +
      tr({"", "收到申请数", "件", "21"}) +
      "<w:tr>" + merged("其中", "<w:vMerge w:val=\"restart\"/>") + tc("1.当面申请数") + tc("件") + tc("18") + "</w:tr>" +
      "<w:tr>" + merged("", "<w:vMerge/>") + tc("2.网上申请数") + tc("件") + tc("3") + "</w:tr>";
  const Report report = extract_docx(kTitle2014 + "<w:tbl><w:tblPr/><w:tblGrid/>" + rows + "</w:tbl>");
  EXPECT_EQ(dump_legacy(report),
            "legacy.requests.total=21\n"
            "legacy.requests.in_person=18\n"
            "legacy.requests.online=3\n");
}

TEST(LegacyTable, CumulativeColumnByItsHeaderAndBlankIsNotZero) {
  const std::string body =
      kTitle2014 + p("一、概述") +
      tbl({{"指标名称", "计量单位", "本年度", "历年累计"},
           {"主动公开信息数", "条", "40", "512"},
           {"行政复议数", "件", "", "3"},
           {"减免费用", "元", "50", "50"}});
  const Report report = extract_docx(body);
  EXPECT_EQ(dump_legacy(report),
            "legacy.proactive.total=40\n"
            "legacy.proactive.total.cumulative=512\n"
            "legacy.review.total=null blank\n"
            "legacy.review.total.cumulative=3\n"
            "legacy.fees.waived_yuan=50\n"
            "legacy.fees.waived_yuan.cumulative=50\n");
  // A blank 本年度 stays blank, never 0.
  EXPECT_EQ(report.field("legacy.review.total")->kind, Kind::Blank);
  EXPECT_EQ(report.field("legacy.fees.waived_yuan")->unit, "元");
}

TEST(LegacyTable, LooseLinesUnderAHeaderWithCumulative) {
  const std::string text =
      "溪口镇人民政府2014年政府信息公开工作年度报告\n\n一、概述\n本镇认真落实《条例》。\n\n"
      "指标名称                计量单位    本年度    历年累计\n"
      "主动公开政府信息数        条          310       2210\n"
      "行政诉讼数                件          0         1\n";
  auto result = extract_bytes(text, "report.txt");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(dump_legacy(result.value()),
            "legacy.proactive.total=310\n"
            "legacy.proactive.total.cumulative=2210\n"
            "legacy.litigation.total=0\n"
            "legacy.litigation.total.cumulative=1\n");
}

TEST(LegacyTable, LookAlikesAreNoRows) {
  // A bare "其他" first in the table belongs to no block; a 2021 report's table 二 row
  // "行政复议" is not read as legacy in a 2021 report.
  const std::string body = kTitle2014 + tbl({{"指标名称", "计量单位", "本年度"}, {"其他", "件", "4"}});
  EXPECT_EQ(dump_legacy(extract_docx(body)), "");
  const std::string v2021 = p("溪口镇人民政府2021年政府信息公开工作年度报告") +
                            tbl({{"指标名称", "计量单位", "本年度"}, {"行政复议数", "件", "4"}});
  const Report modern = extract_docx(v2021);
  EXPECT_NE(modern.meta.template_version, "legacy");
  EXPECT_EQ(dump_legacy(modern), "");
}

TEST(LegacyTable, TableWinsOverProseAndDisagreementIsFlagged) {
  const std::string body =
      kTitle2014 + p("三、依申请公开政府信息情况") + p("全年共收到政府信息公开申请9件。") +
      tbl({{"指标名称", "计量单位", "本年度"}, {"收到申请数", "件", "7"}, {"信函申请数", "件", "1"},
           {"传真申请数", "件", "2"}});
  const Report report = extract_docx(body);
  EXPECT_EQ(dump_legacy(report),
            "legacy.requests.total=7 prose_disagrees\n"
            "legacy.requests.letter=1\n"
            "legacy.requests.fax=2\n"
            "legacy.requests.letter_fax=3\n");
  EXPECT_TRUE(report.field("legacy.requests.letter_fax")->derived);
  EXPECT_TRUE(has_report_flag(report, "legacy_prose_disagrees"));
}

TEST(LegacyTable, ReportJsonReadsBackWithItsLegacyKeys) {
  // What `batch` and `check` read back: every legacy key is the spec's, and a made-up one is not.
  const Report report = extract_docx(
      kTitle2014 + tbl({{"指标名称", "计量单位", "本年度", "历年累计"}, {"主动公开信息数", "条", "40", "512"}}));
  auto back = report_from_json(to_json(report));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(dump_legacy(back.value()), dump_legacy(report));
  EXPECT_TRUE(is_legacy_key("legacy.fees.charged_yuan.cumulative"));
  EXPECT_FALSE(is_legacy_key("legacy.proactive.total.prior"));
  EXPECT_FALSE(report_from_json(R"({"schema":"xxgknb.report/1","fields":{"legacy.made_up":{"value":1}}})").ok());
}

TEST(LegacySections, OldListByWordsNotNumbers) {
  auto keys = [](const std::vector<std::string>& lines) {
    std::string out;
    for (const Section& s : segment(testing::lines_document(lines)).sections) {
      out += s.key + "(" + s.number + ") ";
    }
    return out;
  };
  // 四 is 复议诉讼 here and 收费 is 五: the words decide.
  EXPECT_EQ(keys({"某县人民政府2011年政府信息公开工作年度报告", "一、概述", "二、主动公开政府信息情况",
                  "三、依申请公开政府信息情况", "四、申请行政复议、提起行政诉讼情况",
                  "五、政府信息公开收费及减免情况", "六、存在的主要问题和改进措施"}),
            "legacy_overview(一) legacy_proactive(二) legacy_requests(三) "
            "legacy_review_litigation(四) legacy_fees(五) legacy_problems(六) ");
  // Look-alikes: a heading of the report's own ("四、审批事项及处理情况"), a page's "附件下载",
  // a "（一）" sub-heading under "一、", a number that does not count upwards.
  EXPECT_EQ(keys({"某县人民政府2011年政府信息公开工作年度报告", "一、概述", "（一）主动公开情况",
                  "二、主动公开政府信息情况", "四、审批事项及处理情况", "五、收费及减免情况",
                  "三、依申请公开政府信息情况", "附件下载"}),
            "legacy_overview(一) legacy_proactive(二) legacy_fees(五) ");
  // A 2021 report keeps the national list.
  EXPECT_EQ(keys({"某县人民政府2021年政府信息公开工作年度报告", "一、总体情况"}).substr(0, 11), "s1_overview");
}

TEST(LegacyUnits, WanYuanToYuanIsExact) {
  const std::vector<std::pair<const char*, const char*>> cases = {
      {"0.35", "3500"}, {"1.2", "12000"}, {"0.0125", "125"}, {"0.00001", "0.1"}, {"3", "30000"},
      {"0", "0"},       {"12.345678", "123456.78"}};
  for (const auto& [wan, yuan] : cases) {
    const std::optional<Decimal> got = wan_to_yuan(*Decimal::parse(wan));
    ASSERT_TRUE(got.has_value()) << wan;
    EXPECT_EQ(got->to_string(), yuan) << wan;
  }
}

}  // namespace
}  // namespace xxgknb
