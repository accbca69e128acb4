// Stage 1 and 5 tests for crawler dumps: ingest cuts a one-line body into sentences, headings
// and glued rows (checked against a compact dump), and the mapper splits the glued runs only
// where the template's sums leave one reading.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/text_web.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

const std::string kHeader =
    "标题: 梅林镇人民政府2021年度政府信息公开工作年度报告\n发布时间: 2022-01-20 10:00\n文号: \n"
    "发布机构: 梅林镇人民政府办公室\n==================== 正文 ====================\n";

// "P text" per paragraph, "G label|run" per row of a glued_text table, "T origin" for others.
std::string blocks_of(const Document& doc) {
  std::string out;
  for (const Block& b : doc.blocks) {
    if (b.kind == Block::Kind::Paragraph) {
      out += "P " + doc.paragraphs[static_cast<std::size_t>(b.index)].text + "\n";
      continue;
    }
    const Table& t = doc.tables[static_cast<std::size_t>(b.index)];
    if (t.origin != "glued_text") {
      out += "T " + t.origin + "\n";
      continue;
    }
    for (const auto& row : t.rows) out += "G " + row[0].text + "|" + row[1].text + "\n";
  }
  return out;
}

Document read_dump(const std::string& text, const Limits& limits = Limits{}) {
  auto doc = read_text(text, limits, Deadline(limits.max_milliseconds));
  EXPECT_TRUE(doc.ok()) << doc.error().code << ": " << doc.error().message;
  return doc.ok() ? doc.value() : Document{};
}

TEST(CrawlerDump, TellsItselfByTitleLineAndBodyRule) {
  EXPECT_TRUE(is_crawler_dump(kHeader + "一、总体情况\n"));
  EXPECT_TRUE(is_crawler_dump("标题：某局2021年报告\n==== 正文 ====\n"));
  // Look-alikes: a title line without the rule, a rule without the title line.
  EXPECT_FALSE(is_crawler_dump("标题: 东山县文化和旅游局2023年度政府信息公开工作年度报告\n一、总体情况\n"));
  EXPECT_FALSE(is_crawler_dump("某局2021年报告\n==================== 正文 ====================\n"));
}

TEST(CrawlerDump, HeaderGivesTitleParagraphAndProperties) {
  const Document doc = read_dump(kHeader + "一、总体情况 本年度无申请。\n");
  EXPECT_EQ(blocks_of(doc),
            "P 梅林镇人民政府2021年度政府信息公开工作年度报告\nP 一、总体情况\nP 本年度无申请。\n");
  ASSERT_EQ(doc.properties.size(), 3u);
  EXPECT_EQ(doc.properties[0].name, "发布时间");
  EXPECT_EQ(doc.properties[1].name, "文号");
  EXPECT_EQ(doc.properties[1].value, "");
  EXPECT_EQ(doc.properties[2].name, "发布机构");
  EXPECT_EQ(doc.properties[2].value, "梅林镇人民政府办公室");
  const SourceSpan& s = doc.properties[2].source;
  EXPECT_EQ(doc.text.substr(static_cast<std::size_t>(s.offset), static_cast<std::size_t>(s.length)),
            "梅林镇人民政府办公室");
}

TEST(CrawlerDump, PublisherIsTheAgencyOnlyWhenTheBodyNamesNone) {
  const std::string body = "一、总体情况 本年度无申请。\n";
  auto named = extract_bytes(kHeader + body, "dump.txt");
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named.value().meta.agency, "梅林镇人民政府");  // the title's body
  const std::string untitled =
      "标题: 2021年度政府信息公开工作年度报告\n发布机构: 梅林镇人民政府办公室\n"
      "==================== 正文 ====================\n" + body;
  auto from_header = extract_bytes(untitled, "dump.txt");
  ASSERT_TRUE(from_header.ok());
  EXPECT_EQ(from_header.value().meta.agency, "梅林镇人民政府办公室");
}

TEST(CrawlerDump, HeaderFieldsAreThePagesOwnInMetaPage) {
  // "发布时间" is the publication date and "发布机构" the publisher, each with its label and
  // the offset of its value; the empty "文号: " gives nothing; "栏目" and "原文链接" are no
  // page fields.
  const std::string dump =
      "标题: 梅林镇人民政府2021年度政府信息公开工作年度报告\n发布时间: 2022-01-20 10:00\n"
      "文号: \n发布机构: 梅林镇人民政府办公室\n栏目: 政府信息公开年报\n"
      "原文链接: https://www.example.gov.cn/t20220120_1.htm\n发布时间: 2023-01-01 00:00\n"
      "==================== 正文 ====================\n一、总体情况 本年度无申请。\n";
  auto report = extract_bytes(dump, "dump.txt");
  ASSERT_TRUE(report.ok());
  const std::vector<PageField>& page = report.value().meta.page;
  ASSERT_EQ(page.size(), 3u);
  EXPECT_EQ(page[0].key, "article_title");
  EXPECT_EQ(page[0].value, "梅林镇人民政府2021年度政府信息公开工作年度报告");
  EXPECT_EQ(page[0].source, "header 标题");
  EXPECT_EQ(page[1].key, "publisher");
  EXPECT_EQ(page[1].value, "梅林镇人民政府办公室");
  EXPECT_EQ(page[1].source, "header 发布机构");
  EXPECT_EQ(dump.substr(static_cast<std::size_t>(page[1].where.offset), page[1].value.size()),
            "梅林镇人民政府办公室");
  EXPECT_EQ(page[2].key, "published_date");
  EXPECT_EQ(page[2].value, "2022-01-20 10:00");  // the first one
  EXPECT_EQ(page[2].source, "header 发布时间");
  EXPECT_EQ(dump.substr(static_cast<std::size_t>(page[2].where.offset), page[2].value.size()),
            "2022-01-20 10:00");
  // A text without a crawler's header states no page fields.
  auto plain = extract_bytes(std::string("发布时间: 2022-01-20\n一、总体情况\n"), "plain.txt");
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(plain.value().meta.page.empty());
}

struct CutCase {
  const char* name;
  std::string body;
  std::string expected;
};

TEST(CrawlerDump, CutsOneLineBodyIntoSentencesHeadingsAndGluedRows) {
  const std::vector<CutCase> cases = {
      {"sentences end at 。, a heading ends at 情况",
       "一、总体情况 2021年，共收到申请29件。（一）主动公开方面。二、主动公开政府信息情况规章000\n",
       "P 一、总体情况\nP 2021年，共收到申请29件。\nP （一）主动公开方面。\n"
       "P 二、主动公开政府信息情况\nG 规章|000\n"},
      {"a digit before '.' and a label numbers the next row; a decimal stays whole",
       "（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开0000000收费4166.241619\n",
       "G （三）不予公开1.属于国家秘密|0000000\nG 2.其他法律行政法规禁止公开|0000000\n"
       "G 收费|4166.241619\n"},
      {"spaces inside a run are kept; a heading after a value and its unit is cut",
       "一、本年新收政府信息公开申请数量230 000023采购13575394432.52元三、收到和处理政府信息公开申请情况"
       "（本列数据）其他一、本年新收政府信息公开申请数量0000000\n",
       "G 一、本年新收政府信息公开申请数量|230 000023\nG 采购|13575394432.52\n"
       "P 三、收到和处理政府信息公开申请情况\nG （本列数据）其他一、本年新收政府信息公开申请数量|0000000\n"},
      {"a row label numbered like a heading, glued to the value before it, is no heading",
       "（七）总计14710000148四、结转下年度继续办理4200006四、政府信息公开行政复议、行政诉讼情况"
       "行政复议总计000000000000000五、存在的主要问题及改进情况无。\n",
       "G （七）总计|14710000148\nG 四、结转下年度继续办理|4200006\n"
       "P 四、政府信息公开行政复议、行政诉讼情况\nG 行政复议总计|000000000000000\n"
       "P 五、存在的主要问题及改进情况\nP 无。\n"},
      {"prose with counts is prose: it ends with 。",
       "全年办理行政复议36起，行政诉讼9起。\n", "P 全年办理行政复议36起，行政诉讼9起。\n"},
  };
  for (const CutCase& c : cases) {
    const Document doc = read_dump(kHeader + c.body);
    EXPECT_EQ(blocks_of(doc), "P 梅林镇人民政府2021年度政府信息公开工作年度报告\n" + c.expected) << c.name;
  }
}

TEST(CrawlerDump, GluedRunsKeepTheirOffsets) {
  const Document doc = read_dump(kHeader + "二、主动公开政府信息情况规章000行政规范性文件12315\n");
  ASSERT_EQ(doc.tables.size(), 1u);
  const Cell& run = doc.tables[0].rows[1][1];
  EXPECT_EQ(run.text, "12315");
  EXPECT_EQ(doc.text.substr(static_cast<std::size_t>(run.source.offset),
                            static_cast<std::size_t>(run.source.length)),
            "12315");
}

TEST(CrawlerDump, TooManyRowsAreRefusedByTheTableLimit) {
  Limits limits;
  limits.max_table_cells = 10;
  std::string body;
  for (int i = 0; i < 6; ++i) body += "规章000";
  auto doc = read_text(kHeader + body + "\n", limits, Deadline(limits.max_milliseconds));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "table_too_large");
  EXPECT_EQ(doc.error().limit, "max_table_cells");
}

// A whole report of the 2021 template, every table glued; the values are chosen so that
// several rows split two ways by their own sum and only E1/E2 tell which.
std::string glued_report(const std::string& t3_new_received = "272000029") {
  return kHeader +
         "一、总体情况 本年共收到申请29件。二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数"
         "本年废止件数现行有效件数规章000行政规范性文件12315第二十条第（五）项信息内容本年处理决定数量行政许可25"
         "三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
         "一、本年新收政府信息公开申请数量" + t3_new_received +
         "二、上年结转政府信息公开申请数量1000001三、本年度办理结果（一）予以公开202000022"
         "（二）部分公开（区分处理的，只计这一情形，不计其他情形）3000003（三）不予公开1.属于国家秘密0000000"
         "2.其他法律行政法规禁止公开00000003.危及“三安全一稳定”00000004.保护第三方合法权益0000000"
         "5.属于三类内部事务信息00000006.属于四类过程性信息00000007.属于行政执法案卷00000008.属于行政查询事项0000000"
         "（四）无法提供1.本机关不掌握相关政府信息40000042.没有现成信息需要另行制作00000003.补正后申请内容仍不明确0000000"
         "（五）不予处理1.信访举报投诉类申请00000002.重复申请00000003.要求提供公开出版物0000000"
         "4.无正当理由大量反复申请00000005.要求行政机关确认或重新出具已获取信息0000000"
         "（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请0000000"
         "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请00000003.其他0000000"
         "（七）总计272000029四、结转下年度继续办理1000001四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼"
         "结果维持结果纠正其他结果尚未审结总计100010000000000五、存在的主要问题及改进情况无。\n";
}

const Field& field(const Report& r, const std::string& key) {
  const Field* f = r.field(key);
  EXPECT_NE(f, nullptr) << key;
  static const Field kNone;
  return f != nullptr ? *f : kNone;
}

bool has_flag(const Field& f, const char* flag) {
  return std::find(f.flags.begin(), f.flags.end(), flag) != f.flags.end();
}

const Flag* report_flag(const Report& r, const char* code, const std::string& field_key) {
  for (const Flag& f : r.flags) {
    if (f.code == code && f.field == field_key) return &f;
  }
  return nullptr;
}

TEST(GluedRun, SumsAcrossRowsDecideBetweenReadingsOfARow) {
  auto result = extract_bytes(glued_report(), "dump.txt");
  ASSERT_TRUE(result.ok()) << result.error().message;
  const Report& r = result.value();
  // "272000029" is 27|2|0|0|0|0|29 or 2|7|20|0|0|0|29 by its own sum; E1 in 科研机构
  // (20 + 0 ≠ 0 + 0) leaves the first.
  EXPECT_EQ(field(r, "t3.new_received.natural_person").value, Decimal::from_int(27));
  EXPECT_EQ(field(r, "t3.new_received.commercial").value, Decimal::from_int(2));
  EXPECT_EQ(field(r, "t3.new_received.research").value, Decimal::from_int(0));
  EXPECT_EQ(field(r, "t3.results.granted.natural_person").value, Decimal::from_int(20));
  const Field& granted = field(r, "t3.results.granted.commercial");
  EXPECT_EQ(granted.value, Decimal::from_int(2));
  EXPECT_TRUE(has_flag(granted, "inferred"));
  EXPECT_TRUE(has_flag(granted, "glued_run"));
  EXPECT_LT(granted.confidence, 0.9);
  EXPECT_EQ(granted.raw, "2");
  const Flag* why = report_flag(r, "glued_run", "t3.results.granted.natural_person");
  ASSERT_NE(why, nullptr);
  EXPECT_NE(why->message.find("2 fit the row's own sums, 1 fit the sums across the table: "
                              "20|2|0|0|0|0|22"),
            std::string::npos)
      << why->message;
  // Table 四: fifteen single digits, each group summing to its 总计.
  EXPECT_EQ(field(r, "t4.review.upheld").value, Decimal::from_int(1));
  EXPECT_EQ(field(r, "t4.review.total").value, Decimal::from_int(1));
  EXPECT_EQ(field(r, "t4.litigation.after_review.total").value, Decimal::from_int(0));
}

TEST(GluedRun, ReadingsNoSumDecidesAreLeftEmptyAndNamed) {
  auto result = extract_bytes(glued_report(), "dump.txt");
  ASSERT_TRUE(result.ok()) << result.error().message;
  const Report& r = result.value();
  // "行政规范性文件12315": three cells, no sum over them.
  for (const char* key : {"t2.normative_docs.issued", "t2.normative_docs.repealed",
                          "t2.normative_docs.in_force"}) {
    const Field& f = field(r, key);
    EXPECT_FALSE(f.value) << key;
    EXPECT_TRUE(has_flag(f, "glued_ambiguous")) << key;
    EXPECT_EQ(f.raw, "12315") << key;
  }
  const Flag* why = report_flag(r, "glued_ambiguous", "t2.normative_docs.issued");
  ASSERT_NE(why, nullptr);
  EXPECT_EQ(why->severity, "warning");
  EXPECT_NE(why->message.find("1|2|315, 1|23|15"), std::string::npos) << why->message;
  EXPECT_TRUE(r.review.needs_review);
  const bool said = std::any_of(r.review.reasons.begin(), r.review.reasons.end(), [](const std::string& s) {
    return s.find("glued_ambiguous") != std::string::npos;
  });
  EXPECT_TRUE(said);
  // "规章000": one reading only; "行政许可25": one cell, read as printed.
  EXPECT_EQ(field(r, "t2.regulations.in_force").value, Decimal::from_int(0));
  EXPECT_EQ(field(r, "t2.licensing.decisions").value, Decimal::from_int(25));
}

TEST(GluedRun, ARowNoReadingOfWhichFitsItsSumIsLeftEmpty) {
  // "99" for seven cells: too few digits.
  auto result = extract_bytes(glued_report("99"), "dump.txt");
  ASSERT_TRUE(result.ok()) << result.error().message;
  const Report& r = result.value();
  EXPECT_FALSE(field(r, "t3.new_received.total").value);
  EXPECT_TRUE(has_flag(field(r, "t3.new_received.total"), "glued_ambiguous"));
  // The other rows are still read together, without the sums through the empty row.
  EXPECT_EQ(field(r, "t3.results.partial.total").value, Decimal::from_int(3));
}

TEST(GluedRun, PastTheReadingBudgetNothingIsGuessed) {
  Options options;
  options.limits.max_glued_readings = 3;
  auto result = extract_bytes(glued_report(), "dump.txt", options);
  ASSERT_TRUE(result.ok()) << result.error().message;
  const Report& r = result.value();
  const Field& f = field(r, "t3.results.granted.natural_person");
  EXPECT_FALSE(f.value);
  EXPECT_TRUE(has_flag(f, "glued_ambiguous"));
  const Flag* why = report_flag(r, "glued_ambiguous", "t3.results.granted.natural_person");
  ASSERT_NE(why, nullptr);
  EXPECT_NE(why->message.find("max_glued_readings"), std::string::npos) << why->message;
}

}  // namespace
}  // namespace xxgknb
