// Stage tests for template mapping: cell values, label matching, version detection and the
// mapping of grids, rebuilt text tables and loose lines to canonical keys.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/grid_builder.h"
#include "normalize/normalize.h"
#include "tables/tables.h"
#include "templates/cell_value.h"
#include "templates/labels.h"
#include "templates/spec.h"
#include "templates/derive.h"
#include "templates/templates.h"

namespace xxgknb {
namespace {

// ---- cell values ------------------------------------------------------------------------
struct ValueCase {
  const char* raw;
  Kind kind;
  const char* value;  // nullptr for none
  const char* unit;
};

TEST(CellValue, ReadsEveryKind) {
  const ValueCase cases[] = {
      {"12", Kind::Number, "12", ""},
      {"007", Kind::Number, "7", ""},
      {"０", Kind::Number, "0", ""},
      {"２３", Kind::Number, "23", ""},
      {"+3", Kind::Number, "3", ""},
      {"-2", Kind::Number, "-2", ""},
      {"-0", Kind::Number, "0", ""},
      {"1,234", Kind::Number, "1234", ""},
      {"0.5万元", Kind::Number, "0.5", "万元"},
      {"251000元", Kind::Number, "251000", "元"},
      {"3 件", Kind::Number, "3", "件"},
      {"", Kind::Blank, nullptr, ""},
      {"　", Kind::Blank, nullptr, ""},
      {"-", Kind::Dash, nullptr, ""},
      {"—", Kind::Dash, nullptr, ""},
      {"/", Kind::Dash, nullptr, ""},
      {"无", Kind::TextZero, "0", ""},
      {"见附件", Kind::Text, nullptr, ""},
      {"1.2.3", Kind::Text, nullptr, ""},
  };
  for (const ValueCase& c : cases) {
    SCOPED_TRACE(c.raw);
    const CellValue v = read_cell_value(c.raw);
    EXPECT_EQ(kind_name(v.kind), std::string(kind_name(c.kind)));
    if (c.value == nullptr) {
      EXPECT_FALSE(v.value.has_value());
    } else {
      ASSERT_TRUE(v.value.has_value());
      EXPECT_EQ(v.value->to_string(), c.value);
    }
    EXPECT_EQ(v.unit, c.unit);
  }
}

TEST(CellValue, TellsSignsAndDecimals) {
  EXPECT_TRUE(read_cell_value("+3").signed_explicitly);
  EXPECT_FALSE(read_cell_value("+3").negative);
  EXPECT_TRUE(read_cell_value("-2").negative);
  EXPECT_TRUE(read_cell_value("1.5").decimal);
  EXPECT_FALSE(read_cell_value("15").decimal);
  EXPECT_TRUE(read_cell_value("1,234").thousands_separator);
}

TEST(CellValue, SplitsTrailingValuesOffALine) {
  const std::string line = "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1";
  LineSplit a = split_line(line);
  EXPECT_EQ(line.substr(0, a.label_end), "一、本年新收政府信息公开申请数量");
  ASSERT_EQ(a.values.size(), 7u);
  EXPECT_EQ(line.substr(a.values[6].begin, a.values[6].end - a.values[6].begin), "1");
  LineSplit b = split_line("0 0 0");
  EXPECT_EQ(b.label_end, 0u);
  EXPECT_EQ(b.values.size(), 3u);
  // Look-alike: digits inside a label are not trailing values.
  LineSplit c = split_line("1.属于国家秘密");
  EXPECT_EQ(c.label_end, std::string("1.属于国家秘密").size());
  EXPECT_TRUE(c.values.empty());
}

// ---- labels -----------------------------------------------------------------------------
TEST(Labels, SplitsTheEnumerator) {
  EXPECT_EQ(split_enumerator(label_key("（三）不予公开")).enumerator, "三");
  EXPECT_EQ(split_enumerator(label_key("（三）不予公开")).core, "不予公开");
  EXPECT_EQ(split_enumerator(label_key("1.属于国家秘密")).enumerator, "1");
  EXPECT_EQ(split_enumerator(label_key("一、本年新收政府信息公开申请数量")).enumerator, "一");
  EXPECT_EQ(split_enumerator(label_key("其他")).enumerator, "");
  // A lone numeral is no enumerator.
  EXPECT_EQ(split_enumerator("三").core, "三");
}

TEST(Labels, MatchesByCoreNotByPosition) {
  const auto pat = split_enumerator(label_key("1.属于国家秘密"));
  EXPECT_EQ(match_label(split_enumerator(label_key("属于国家秘密")), pat, false), LabelMatch::Exact);
  EXPECT_EQ(match_label(split_enumerator(label_key("(1)属于国家秘密")), pat, false),
            LabelMatch::Exact);
  const auto rules = split_enumerator(label_key("规章"));
  EXPECT_EQ(match_label(split_enumerator(label_key("规章(设区的市、自治州人民政府应提供相关数据)")),
                        rules, false),
            LabelMatch::Annotated);
  // Look-alikes: a short label inside another word is no match.
  EXPECT_EQ(match_label(split_enumerator(label_key("规章制度建设")), rules, false), LabelMatch::None);
  const auto other = split_enumerator(label_key("3.其他"));
  EXPECT_EQ(match_label(split_enumerator(label_key("其他")), other, true), LabelMatch::None);
  EXPECT_EQ(match_label(split_enumerator(label_key("3.其他")), other, true), LabelMatch::Exact);
  const auto long_label = split_enumerator(label_key("5.要求行政机关确认或重新出具已获取信息"));
  EXPECT_EQ(match_label(split_enumerator(label_key("要求行政机关确认或重新出具已获取信息的")),
                        long_label, false),
            LabelMatch::Fuzzy);
}

// ---- documents built by hand --------------------------------------------------------------
Document lines_document(const std::vector<std::string>& lines) {
  Document d;
  d.format = "text";
  std::int64_t offset = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Paragraph p;
    p.text = lines[i];
    p.source.line = static_cast<std::int64_t>(i) + 1;
    p.source.offset = offset;
    offset += static_cast<std::int64_t>(lines[i].size()) + 1;
    d.blocks.push_back({Block::Kind::Paragraph, static_cast<int>(d.paragraphs.size())});
    d.paragraphs.push_back(std::move(p));
  }
  return d;
}

// Appends a table whose rows are given as cells; "<3>" before a text sets its column span.
void add_table(Document& d, const std::vector<std::vector<std::string>>& rows, const char* origin) {
  GridBuilder builder(100000);
  for (const auto& row : rows) {
    builder.begin_row();
    for (const std::string& cell : row) {
      int span = 1;
      std::string text = cell;
      if (text.size() > 2 && text[0] == '<' && text[2] == '>') {
        span = text[1] - '0';
        text = text.substr(3);
      }
      builder.add_cell(text, span, GridBuilder::VMerge::None, SourceSpan{});
    }
  }
  Table t;
  ASSERT_TRUE(builder.build(t));
  t.index = static_cast<int>(d.tables.size());
  t.origin = origin;
  d.blocks.push_back({Block::Kind::Table, t.index});
  d.tables.push_back(std::move(t));
}

Mapping map(Document& d, std::optional<int> year = std::nullopt) {
  normalize(d);
  Layout layout = lay_out(d);
  Segments segments;
  segments.meta.year = year;
  segments.pre_2019 = year && *year <= 2018;  // as segment() tells a dated report
  Mapping mapping = map_template(d, layout, segments);
  derive(mapping);   // the step the pipeline runs after the mapping: subtotals
  return mapping;
}

const Field& get(const Mapping& m, const std::string& key) {
  for (const Field& f : m.fields) {
    if (f.key == key) return f;
  }
  static Field none;
  ADD_FAILURE() << "no field " << key;
  return none;
}

bool has_flag(const Field& f, const char* flag) {
  for (const auto& x : f.flags) {
    if (x == flag) return true;
  }
  return false;
}

bool mapping_has_flag(const Mapping& m, const char* code) {
  for (const Flag& f : m.flags) {
    if (f.code == code) return true;
  }
  return false;
}

// The v2021 table 三 as one cell per line, values numbered so every cell is distinct.
std::vector<std::string> t3_v2021_lines(bool with_values) {
  const char* labels[] = {"一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量",
                          "（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                          "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
                          "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息",
                          "7.属于行政执法案卷", "8.属于行政查询事项", "1.本机关不掌握相关政府信息",
                          "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
                          "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
                          "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息",
                          "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                          "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                          "3.其他", "（七）总计", "四、结转下年度继续办理"};
  std::vector<std::string> lines = {"三、收到和处理政府信息公开申请情况", "申请人情况", "自然人",
                                    "法人或其他组织", "商业企业", "科研机构", "社会公益组织",
                                    "法律服务机构", "其他", "总计"};
  int n = 0;
  for (const char* label : labels) {
    lines.emplace_back(label);
    if (!with_values) continue;
    for (int k = 0; k < 7; ++k) lines.push_back(std::to_string(n * 10 + k));
    ++n;
  }
  return lines;
}

TEST(Mapping, ReadsOneCellPerLine) {
  Document d = lines_document(t3_v2021_lines(true));
  Mapping m = map(d, 2022);
  EXPECT_EQ(m.template_version, "v2021");
  EXPECT_EQ(get(m, "t3.new_received.natural_person").value->to_string(), "0");
  EXPECT_EQ(get(m, "t3.new_received.total").value->to_string(), "6");
  EXPECT_EQ(get(m, "t3.results.denied.security_stability.commercial").value->to_string(), "61");
  EXPECT_EQ(get(m, "t3.results.other.other.research").value->to_string(), "222");
  EXPECT_EQ(get(m, "t3.results.total.other_org").value->to_string(), "235");
  EXPECT_EQ(get(m, "t3.carried_forward.total").value->to_string(), "246");
  const Field& f = get(m, "t3.results.granted.public_welfare");
  EXPECT_EQ(f.kind, Kind::Number);
  EXPECT_EQ(f.source.line, 10 + 2 * 8 + 1 + 4);  // the line of "23"
  EXPECT_GT(f.confidence, 0.9);
}

TEST(Mapping, ReadsRowsOfValuesOnTheLabelLine) {
  Document d = lines_document({"二、主动公开政府信息情况", "第二十条第（一）项", "信息内容 本年制发件数 本年废止件数 现行有效件数",
                               "规章   1   0   5", "行政规范性文件   2   1   9", "行政许可 120",
                               "行政处罚 3", "行政强制 -", "行政事业性收费 0.5"});
  Mapping m = map(d, 2021);
  EXPECT_EQ(m.template_version, "v2021");
  EXPECT_EQ(get(m, "t2.regulations.in_force").value->to_string(), "5");
  EXPECT_EQ(get(m, "t2.normative_docs.repealed").value->to_string(), "1");
  EXPECT_EQ(get(m, "t2.licensing.decisions").value->to_string(), "120");
  EXPECT_EQ(get(m, "t2.coercion.decisions").kind, Kind::Dash);
  EXPECT_FALSE(get(m, "t2.coercion.decisions").value.has_value());
  EXPECT_EQ(get(m, "t2.admin_fees.amount_wan_yuan").value->to_string(), "0.5");
  EXPECT_FALSE(has_flag(get(m, "t2.admin_fees.amount_wan_yuan"), "decimal_not_allowed"));
  // The raw text of a value read off a line is the token as printed, with its offset.
  EXPECT_EQ(*get(m, "t2.regulations.in_force").raw, "5");
}

TEST(Mapping, ReadsAGridWithColspanResidue) {
  Document d;
  add_table(d,
            {{"<4>第二十条第（一）项"},
             {"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"},
             {"规章", "1", "", "3"},
             {"行政规范性文件", "0", "0", "0"},
             {"信息内容", "<3>本年处理决定数量"},
             {"行政许可", "7", "", ""},
             {"行政处罚", "<3>"},
             {"行政强制", "<3>无"},
             {"行政事业性收费", "<3>1.5万元"}},
            "pipe_text");
  Mapping m = map(d, 2021);
  EXPECT_EQ(get(m, "t2.regulations.repealed").kind, Kind::Blank);
  EXPECT_EQ(get(m, "t2.licensing.decisions").value->to_string(), "7");
  EXPECT_FALSE(has_flag(get(m, "t2.licensing.decisions"), "count_mismatch"));
  EXPECT_EQ(get(m, "t2.penalty.decisions").kind, Kind::Blank);
  EXPECT_EQ(get(m, "t2.coercion.decisions").kind, Kind::TextZero);
  const Field& fee = get(m, "t2.admin_fees.amount_wan_yuan");
  EXPECT_EQ(fee.value->to_string(), "1.5");
  EXPECT_EQ(fee.unit, "万元");
  EXPECT_TRUE(has_flag(fee, "unit_stripped"));
  EXPECT_EQ(fee.source.table, 0);
  EXPECT_EQ(fee.source.row, 8);
  EXPECT_EQ(fee.source.col, 1);
}

TEST(Mapping, FlagsSignsAndUnitsTheTemplateDoesNotAllow) {
  Document d = lines_document({"第二十条第（一）项", "本年制发件数", "规章 -1 0 2.5", "行政规范性文件 0 0 0",
                               "行政许可 1", "行政处罚 1", "行政强制 1", "行政事业性收费 5000元"});
  Mapping m = map(d, 2021);
  EXPECT_TRUE(has_flag(get(m, "t2.regulations.issued"), "sign_not_allowed"));
  EXPECT_EQ(get(m, "t2.regulations.issued").value->to_string(), "-1");
  EXPECT_TRUE(has_flag(get(m, "t2.regulations.in_force"), "decimal_not_allowed"));
  const Field& fee = get(m, "t2.admin_fees.amount_wan_yuan");
  EXPECT_TRUE(has_flag(fee, "unit_mismatch"));
  EXPECT_EQ(fee.value->to_string(), "5000");
  EXPECT_LT(fee.confidence, 0.9);
}

TEST(Mapping, InfersBlankLegalPersonColumnsFromTwoEqualValues) {
  std::vector<std::string> lines = t3_v2021_lines(false);
  // Only 自然人 and 总计 were printed for the first row; the rest have seven values.
  std::vector<std::string> with;
  for (const std::string& l : lines) {
    with.push_back(l);
    if (l == "一、本年新收政府信息公开申请数量") {
      with.push_back("5");
      with.push_back("5");
    }
  }
  Document d = lines_document(with);
  Mapping m = map(d, 2022);
  const Field& np = get(m, "t3.new_received.natural_person");
  EXPECT_EQ(np.value->to_string(), "5");
  EXPECT_TRUE(has_flag(np, "inferred"));
  EXPECT_EQ(get(m, "t3.new_received.total").value->to_string(), "5");
  const Field& research = get(m, "t3.new_received.research");
  EXPECT_EQ(research.kind, Kind::Blank);
  EXPECT_TRUE(has_flag(research, "inferred"));
  EXPECT_LT(research.confidence, 0.9);
  // Rows without values stay missing: empty is never zero.
  EXPECT_EQ(get(m, "t3.carried_over.total").kind, Kind::Missing);
}

TEST(Mapping, ReportsACountMismatchInsteadOfGuessing) {
  Document d = lines_document({"一、本年新收政府信息公开申请数量", "1", "2", "3", "二、上年结转政府信息公开申请数量"});
  Mapping m = map(d, 2022);
  const Field& f = get(m, "t3.new_received.commercial");
  EXPECT_TRUE(has_flag(f, "count_mismatch"));
  EXPECT_LE(f.confidence, 0.5);
  EXPECT_EQ(get(m, "t3.new_received.total").kind, Kind::Missing);
}

TEST(Mapping, JoinsALabelSplitOverTwoLines) {
  Document d = lines_document({"（二）部分公开（区分处理的，只计这一情形，", "不计其他情形）", "1 0 0 0 0 0 1",
                               "（七）", "总计", "4 0 0 0 0 0 4"});
  Mapping m = map(d, 2022);
  EXPECT_EQ(get(m, "t3.results.partial.total").value->to_string(), "1");
  EXPECT_EQ(get(m, "t3.results.total.total").value->to_string(), "4");
}

TEST(Mapping, DetectsThe2019TemplateAndItsKeys) {
  Document d = lines_document({"第二十条第（一）项", "信息内容 本年新制作数量 本年新公开数量 对外公开总数量",
                               "规章 0 0 0", "规范性文件 1 1 30", "行政许可 10 +2 300",
                               "其他对外管理服务事项 5 -1 20", "政府集中采购 3 11.876"});
  Mapping m = map(d, 2019);
  EXPECT_EQ(m.template_version, "v2019");
  EXPECT_EQ(get(m, "t2v19.normative_docs.total_published").value->to_string(), "30");
  EXPECT_EQ(get(m, "t2v19.licensing.change").value->to_string(), "2");
  EXPECT_FALSE(has_flag(get(m, "t2v19.licensing.change"), "sign_not_allowed"));
  EXPECT_EQ(get(m, "t2v19.other_services.change").value->to_string(), "-1");
  EXPECT_EQ(get(m, "t2v19.procurement.total_amount").value->to_string(), "11.876");
  EXPECT_EQ(get(m, "t3.results.other.total.total").kind, Kind::Missing);
}

TEST(Mapping, CallsBothTemplatesMixed) {
  Document d = lines_document({"第二十条第（一）项", "本年新制作数量", "规章 0 0 0",
                               "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0"});
  Mapping m = map(d, 2022);
  EXPECT_EQ(m.template_version, "mixed");
  EXPECT_TRUE(mapping_has_flag(m, "mixed_template"));
}

TEST(Mapping, FallsBackOnTheYearWithoutVersionLabels) {
  Document d = lines_document({"一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0"});
  EXPECT_EQ(map(d, 2020).template_version, "v2019");
  Document d2 = lines_document({"一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0"});
  Mapping m = map(d2, 2023);
  EXPECT_EQ(m.template_version, "v2021");
  EXPECT_TRUE(mapping_has_flag(m, "version_from_year"));
}

TEST(Mapping, ReadsTableFourFromFifteenValuesAfterItsKeyword) {
  Document d = lines_document({"四、政府信息公开行政复议、行政诉讼情况", "行政复议行政诉讼",
                               "结 结 其 尚", "果 果 他 未",
                               "1 0 0 0 1 2 0 0 1 3 0 0 0 0 0", "五、存在的主要问题及改进情况"});
  Mapping m = map(d, 2021);
  EXPECT_EQ(get(m, "t4.review.upheld").value->to_string(), "1");
  EXPECT_EQ(get(m, "t4.review.total").value->to_string(), "1");
  EXPECT_EQ(get(m, "t4.litigation.direct.total").value->to_string(), "3");
  EXPECT_EQ(get(m, "t4.litigation.after_review.total").value->to_string(), "0");
  EXPECT_FALSE(has_flag(get(m, "t4.review.total"), "count_mismatch"));
}

TEST(Mapping, ReadsTableFourFromAGrid) {
  Document d;
  std::vector<std::vector<std::string>> rows = {
      {"<5>行政复议", "<9>行政诉讼"},
      {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "<5>未经复议直接起诉", "<5>复议后起诉"},
      {"", "", "", "", "", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持",
       "结果纠正", "其他结果", "尚未审结", "总计"},
      {"", "", "", "", "", "", "", "", "", "", "", "", "", "", ""}};
  rows[0][1] = "<9>行政诉讼";  // spans are single digits here; ten columns as 9 + 1
  rows[0].push_back("");
  add_table(d, rows, "docx");
  Mapping m = map(d, 2021);
  EXPECT_EQ(get(m, "t4.review.upheld").kind, Kind::Blank);
  EXPECT_EQ(get(m, "t4.litigation.after_review.total").kind, Kind::Blank);
  EXPECT_TRUE(mapping_has_flag(m, "table_unfilled"));
}

TEST(Mapping, KeepsUnknownRowsAsExtraRows) {
  Document d;
  add_table(d,
            {{"<4>第二十条第（一）项"},
             {"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"},
             {"规章", "0", "0", "0"},
             {"其他主动公开文件", "9", "9", "9"},
             {"行政规范性文件", "1", "0", "4"}},
            "docx");
  Mapping m = map(d, 2021);
  ASSERT_EQ(m.extra_rows.size(), 1u);
  EXPECT_EQ(m.extra_rows[0].label, "其他主动公开文件");
  EXPECT_EQ(m.extra_rows[0].cells.size(), 3u);
  EXPECT_EQ(get(m, "t2.normative_docs.in_force").value->to_string(), "4");
}

TEST(Mapping, SaysWhichTableIsMissing) {
  Document d = lines_document({"第二十条第（一）项", "本年制发件数", "规章 0 0 0"});
  Mapping m = map(d, 2021);
  bool t3_missing = false;
  for (const Flag& f : m.flags) {
    if (f.code == "table_missing" && f.field == "t3") t3_missing = true;
  }
  EXPECT_TRUE(t3_missing);
  EXPECT_EQ(get(m, "t3.new_received.total").kind, Kind::Missing);
  EXPECT_EQ(get(m, "t3.new_received.total").confidence, 0.0);
}

TEST(Mapping, FindsNoTablesInPlainProse) {
  Document d = lines_document({"2015年，我局认真贯彻落实政府信息公开条例。", "一般公共预算收入增长。"});
  Mapping m = map(d, 2015);
  EXPECT_EQ(m.template_version, "legacy");
  EXPECT_TRUE(m.fields.empty());
  Document d2 = lines_document({"我局认真贯彻落实政府信息公开条例。"});
  EXPECT_EQ(map(d2, 2022).template_version, "unknown");
}

TEST(Spec, EveryTemplateHasItsCellCount) {
  auto count = [](const TemplateSpec& t) {
    std::size_t n = 0;
    for (const TableSpec* table : {t.t2, t.t3, t.t4}) {
      for (const RowSpec& r : table->rows) n += r.columns.size();
    }
    return n;
  };
  EXPECT_EQ(count(template_v2021()), 10u + 175u + 15u);
  EXPECT_EQ(count(template_v2019()), 22u + 161u + 15u);
}

}  // namespace
}  // namespace xxgknb

namespace xxgknb {
namespace {

TEST(Mapping, DropsSpanResidueOfPipeRows) {
  Document d;
  add_table(d,
            {{"第二十条第(一)项", "", "", "", "", "", ""},
             {"信息内容", "本年新制作数量", "", "本年新公开数量", "", "对外公开总数量", ""},
             {"规章", "121", "", "0", "", "190", ""},
             {"一、本年新收政府信息公开申请数量", "", "", "85", "4", "2", "1", "0", "3", "95"}},
            "pipe_text");
  Mapping m = map(d, 2019);
  EXPECT_EQ(get(m, "t2v19.regulations.new_published").value->to_string(), "0");
  EXPECT_EQ(get(m, "t2v19.regulations.total_published").value->to_string(), "190");
  EXPECT_FALSE(has_flag(get(m, "t2v19.regulations.total_published"), "count_mismatch"));
  EXPECT_EQ(get(m, "t3.new_received.natural_person").value->to_string(), "85");
  EXPECT_EQ(get(m, "t3.new_received.total").value->to_string(), "95");
}

TEST(Mapping, ReadsAGroupLabelPrintedBeforeTheRowLabel) {
  Document d = lines_document({"三、本年度办理结果  （一）予以公开      37     0     0     1     0     0    38"});
  Mapping m = map(d, 2022);
  EXPECT_EQ(get(m, "t3.results.granted.natural_person").value->to_string(), "37");
  EXPECT_EQ(get(m, "t3.results.granted.total").value->to_string(), "38");
  // A fragment of the group label, cut by a PDF line break, reads the same and is no fuzzy match.
  Document d2 = lines_document({"（四）无 1.本机关不掌握相关政府信息 746 12 0 0 10 1 769"});
  Mapping m2 = map(d2, 2022);
  EXPECT_EQ(get(m2, "t3.results.unable.not_held.total").value->to_string(), "769");
  EXPECT_FALSE(has_flag(get(m2, "t3.results.unable.not_held.total"), "label_fuzzy"));
}

}  // namespace
}  // namespace xxgknb

namespace xxgknb {
namespace {

TEST(Mapping, SkipsPageNumbersBetweenALabelAndItsValues) {
  Document d = lines_document({"（七）总计", "— 4 —", "3 0 0 0 0 0 3"});
  Mapping m = map(d, 2022);
  EXPECT_EQ(get(m, "t3.results.total.natural_person").value->to_string(), "3");
  EXPECT_FALSE(has_flag(get(m, "t3.results.total.natural_person"), "count_mismatch"));
  // Look-alike: a lone "4" is a value, not a page number.
  Document d2 = lines_document({"（七）总计", "4", "0", "0", "0", "0", "0", "4"});
  Mapping m2 = map(d2, 2022);
  EXPECT_EQ(get(m2, "t3.results.total.natural_person").value->to_string(), "4");
}

TEST(Mapping, TakesValuesFromATableRowAfterALooseLabel) {
  Document d = lines_document({"（二）部分公开（区分处理的，只计这一情", "形，不计其他情形）"});
  add_table(d, {{"2", "0", "0", "0", "0", "0", "2"}}, "pipe_text");
  Mapping m = map(d, 2022);
  EXPECT_EQ(get(m, "t3.results.partial.natural_person").value->to_string(), "2");
  EXPECT_EQ(get(m, "t3.results.partial.total").value->to_string(), "2");
  EXPECT_EQ(get(m, "t3.results.partial.total").source.table, 0);
}

}  // namespace
}  // namespace xxgknb

namespace xxgknb {
namespace {

// A converter's Markdown: a heading over each row's own little table, a summary table whose
// header names rows, and table 四 as three tables of five (沭阳县人民政府 2025, as converted).
TEST(Mapping, ReadsRowsUnderMarkdownHeadingsAndSkipsHeaderLookAlikes) {
  Document d = lines_document({"### 一、本年新收政府信息公开申请数量"});
  add_table(d, {{"项目", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"},
                {"本年新收政府信息公开申请数量", "705", "3", "0", "0", "5", "0", "713"}},
            "pipe_text");
  add_table(d, {{"项目", "本年新收件数", "上年结转件数", "予以公开", "部分公开", "总计"},
                {"合计", "713", "36", "294", "101", "1144"}},
            "pipe_text");
  Mapping m = map(d, 2025);
  EXPECT_EQ(get(m, "t3.new_received.natural_person").value->to_string(), "705");
  EXPECT_EQ(get(m, "t3.new_received.total").value->to_string(), "713");
  EXPECT_FALSE(mapping_has_flag(m, "row_repeated"));
  // Look-alike: the header cell "予以公开" of the summary is no reading of that row.
  EXPECT_EQ(get(m, "t3.results.granted.total").kind, Kind::Missing);
}

TEST(Mapping, ReadsTableFourPrintedAsThreeTablesOfFive) {
  Document d = lines_document({"## 四、政府信息公开行政复议、行政诉讼情况", "### 行政复议"});
  const std::vector<std::string> header = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
  add_table(d, {header, {"27", "10", "9", "15", "61"}}, "pipe_text");
  d.paragraphs.push_back(Paragraph{"### 行政诉讼（未经复议直接起诉）", "", "", "", -1, {}, ""});
  d.blocks.push_back({Block::Kind::Paragraph, static_cast<int>(d.paragraphs.size()) - 1});
  add_table(d, {header, {"3", "0", "0", "0", "3"}}, "pipe_text");
  d.paragraphs.push_back(Paragraph{"### 行政诉讼（复议后起诉）", "", "", "", -1, {}, ""});
  d.blocks.push_back({Block::Kind::Paragraph, static_cast<int>(d.paragraphs.size()) - 1});
  add_table(d, {header, {"8", "0", "1", "1", "10"}}, "pipe_text");
  Mapping m = map(d, 2025);
  EXPECT_EQ(get(m, "t4.review.total").value->to_string(), "61");
  EXPECT_EQ(get(m, "t4.litigation.direct.total").value->to_string(), "3");
  EXPECT_EQ(get(m, "t4.litigation.after_review.total").value->to_string(), "10");
  EXPECT_FALSE(has_flag(get(m, "t4.review.total"), "count_mismatch"));
}

}  // namespace
}  // namespace xxgknb

namespace xxgknb {
namespace {

TEST(Mapping, DerivesGroupSubtotalsOnlyFromCounts) {
  Document d = lines_document(t3_v2021_lines(true));
  Mapping m = map(d, 2022);
  // 不予公开 is rows 4–11 of the numbered values: natural_person = 40 + 50 + … + 110.
  const Field& denied = get(m, "t3.results.denied.subtotal.natural_person");
  EXPECT_TRUE(denied.derived);
  EXPECT_EQ(denied.kind, Kind::Number);
  EXPECT_EQ(denied.value->to_string(), "600");
  EXPECT_FALSE(denied.raw.has_value());
  EXPECT_EQ(get(m, "t3.results.other.subtotal.total").value->to_string(), std::to_string(206 + 216 + 226));
  // Look-alike: one blank cell in the group and the subtotal is not made up.
  std::vector<std::string> lines = t3_v2021_lines(true);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (lines[i] == "2.重复申请") lines[i + 1] = "-";
  }
  Document d2 = lines_document(lines);
  Mapping m2 = map(d2, 2022);
  const Field& not_processed = get(m2, "t3.results.not_processed.subtotal.natural_person");
  EXPECT_TRUE(not_processed.derived);
  EXPECT_EQ(not_processed.kind, Kind::Missing);
  EXPECT_FALSE(not_processed.value.has_value());
}

}  // namespace
}  // namespace xxgknb
