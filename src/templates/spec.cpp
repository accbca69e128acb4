// Stage 5, template mapping: the constant tables of both national templates, transcribed
// from templates.md §2.2–2.4 (2021) and §3.2–3.4 (2019).
#include "templates/spec.h"

namespace xxgknb {
namespace {

constexpr ColumnSpec kCount(const char* key, const char* label = "", bool is_total = false) {
  return ColumnSpec{key, ValueRule::Count, "", label, is_total};
}

// Table 三 columns D1–D7 (both versions): "自然人 | 商业企业 | 科研机构 | 社会公益组织 |
// 法律服务机构 | 其他 | 总计".
std::vector<ColumnSpec> t3_columns() {
  return {kCount("natural_person", "自然人"),   kCount("commercial", "商业企业"),
          kCount("research", "科研机构"),       kCount("public_welfare", "社会公益组织"),
          kCount("legal_service", "法律服务机构"), kCount("other_org", "其他组织"),
          kCount("total", "总计", true)};
}

std::vector<RowSpec> t3_rows(bool v2021) {
  const auto c = t3_columns();
  // {key, labels as printed, columns, needs enumerator, enumerator, result block, short label}
  std::vector<RowSpec> rows = {
      {"new_received", {"一、本年新收政府信息公开申请数量", "本年新收政府信息公开申请"}, c,
       false, "", "", "一、本年新收申请"},
      {"carried_over", {"二、上年结转政府信息公开申请数量", "上年结转政府信息公开申请"}, c,
       false, "", "", "二、上年结转申请"},
      {"results.granted", {"（一）予以公开"}, c, false, "", "granted", "（一）予以公开"},
      {"results.partial",
       {"（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开"}, c, false, "",
       "partial", "（二）部分公开"},
      {"results.denied.state_secret", {"1.属于国家秘密"}, c, false, "", "denied",
       "（三）1.属于国家秘密"},
      // "2.其他法律行政止公开": printed so, 法规禁 left out, by 洪泽区 in 2023 and 2024.
      {"results.denied.law_prohibited", {"2.其他法律行政法规禁止公开", "2.其他法律行政止公开"}, c,
       false, "", "denied", "（三）2.其他法律行政法规禁止公开"},
      {"results.denied.security_stability", {"3.危及“三安全一稳定”"}, c, false, "", "denied",
       "（三）3.危及“三安全一稳定”"},
      {"results.denied.third_party", {"4.保护第三方合法权益"}, c, false, "", "denied",
       "（三）4.保护第三方合法权益"},
      {"results.denied.internal_affairs", {"5.属于三类内部事务信息"}, c, false, "", "denied",
       "（三）5.属于三类内部事务信息"},
      {"results.denied.process_info", {"6.属于四类过程性信息"}, c, false, "", "denied",
       "（三）6.属于四类过程性信息"},
      {"results.denied.enforcement_file", {"7.属于行政执法案卷"}, c, false, "", "denied",
       "（三）7.属于行政执法案卷"},
      {"results.denied.admin_query", {"8.属于行政查询事项"}, c, false, "", "denied",
       "（三）8.属于行政查询事项"},
      {"results.unable.not_held", {"1.本机关不掌握相关政府信息"}, c, false, "", "unable",
       "（四）1.本机关不掌握相关政府信息"},
      {"results.unable.needs_creation", {"2.没有现成信息需要另行制作"}, c, false, "", "unable",
       "（四）2.没有现成信息需要另行制作"},
      {"results.unable.unclear", {"3.补正后申请内容仍不明确"}, c, false, "", "unable",
       "（四）3.补正后申请内容仍不明确"},
      {"results.not_processed.petition", {"1.信访举报投诉类申请"}, c, false, "", "not_processed",
       "（五）1.信访举报投诉类申请"},
      {"results.not_processed.repeated", {"2.重复申请"}, c, false, "", "not_processed",
       "（五）2.重复申请"},
      {"results.not_processed.publication", {"3.要求提供公开出版物"}, c, false, "",
       "not_processed", "（五）3.要求提供公开出版物"},
      {"results.not_processed.excessive", {"4.无正当理由大量反复申请"}, c, false, "",
       "not_processed", "（五）4.无正当理由大量反复申请"},
      {"results.not_processed.confirm_reissue", {"5.要求行政机关确认或重新出具已获取信息"}, c,
       false, "", "not_processed", "（五）5.要求行政机关确认或重新出具已获取信息"},
  };
  if (v2021) {
    rows.push_back({"results.other.no_correction",
                    {"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                     "申请人无正当理由逾期不补正"},
                    c, false, "", "other", "（六）1.逾期不补正"});
    rows.push_back({"results.other.fee_unpaid",
                    {"2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                     "申请人逾期未按收费通知要求缴纳费用"},
                    c, false, "", "other", "（六）2.逾期未缴费"});
    // "3.其他": without its number it is the column header "其他".
    rows.push_back({"results.other.other", {"3.其他"}, c, true, "3", "other", "（六）3.其他"});
  } else {
    rows.push_back({"results.other.total", {"（六）其他处理"}, c, false, "", "other",
                    "（六）其他处理"});
  }
  // "（七）总计": without its number it is the column header "总计".
  rows.push_back({"results.total", {"（七）总计", "（七）合计"}, c, true, "七", "", "（七）总计"});
  rows.push_back({"carried_forward", {"四、结转下年度继续办理", "结转下年度继续办理"}, c, false, "",
                  "", "四、结转下年度继续办理"});
  return rows;
}

// The blocks of 三、本年度办理结果 that make up （七）总计 (rule E2), in template order.
std::vector<RowGroup> t3_result_groups() {
  return {{"granted", "予以公开"},  {"partial", "部分公开"},       {"denied", "不予公开"},
          {"unable", "无法提供"},   {"not_processed", "不予处理"}, {"other", "其他处理"}};
}

std::vector<const char*> t3_known_labels() {
  return {"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
          "申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织",
          "法律服务机构", "其他", "总计", "三、本年度办理结果", "（三）不予公开",
          "（四）无法提供", "（五）不予处理", "（六）其他处理"};
}

// Table 四 has no row labels: its one data row of 15 values is keyed by column group
// (§2.4); the "rows" below are those groups, in the order their values stand.
// "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计".
std::vector<ColumnSpec> review_columns() {
  return {kCount("upheld", "结果维持"), kCount("corrected", "结果纠正"),
          kCount("other", "其他结果"), kCount("pending", "尚未审结"), kCount("total", "总计", true)};
}

const TableSpec& t4_spec() {
  static const TableSpec spec{
      "t4",
      "表四 政府信息公开行政复议、行政诉讼情况",
      {
          {"review", {"行政复议"}, review_columns(), false, "", "", "行政复议"},
          {"litigation.direct", {"未经复议直接起诉"}, review_columns(), false, "", "",
           "行政诉讼 未经复议直接起诉"},
          {"litigation.after_review", {"复议后起诉"}, review_columns(), false, "", "",
           "行政诉讼 复议后起诉"},
      },
      {"行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
       "未经复议直接起诉", "复议后起诉"}};
  return spec;
}

const TableSpec& t2_v2021_spec() {
  static const TableSpec spec{
      "t2",
      "表二 主动公开政府信息情况",
      {
          {"regulations", {"规章"},
           {kCount("issued", "本年制发件数"), kCount("repealed", "本年废止件数"),
            kCount("in_force", "现行有效件数")}},
          {"normative_docs", {"行政规范性文件", "规范性文件"},
           {kCount("issued", "本年制发件数"), kCount("repealed", "本年废止件数"),
            kCount("in_force", "现行有效件数")}},
          {"licensing", {"行政许可"}, {kCount("decisions", "本年处理决定数量")}},
          {"penalty", {"行政处罚"}, {kCount("decisions", "本年处理决定数量")}},
          {"coercion", {"行政强制"}, {kCount("decisions", "本年处理决定数量")}},
          {"admin_fees", {"行政事业性收费"},
           {ColumnSpec{"amount_wan_yuan", ValueRule::Amount, "万元", "本年收费金额（单位：万元）"}}},
      },
      {"第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项",
       "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量",
       "本年收费金额（单位：万元）"}};
  return spec;
}

// 2019 table 二 §(五)/(六): "上一年项目数量 | 本年增/减 | 处理决定数量".
std::vector<ColumnSpec> v19_item_columns() {
  return {kCount("prev_items", "上一年项目数量"),
          ColumnSpec{"change", ValueRule::SignedCount, "", "本年增/减"},
          kCount("decisions", "处理决定数量")};
}

const TableSpec& t2_v2019_spec() {
  static const TableSpec spec{
      "t2v19",
      "表二 主动公开政府信息情况（2019年格式）",
      {
          {"regulations", {"规章"},
           {kCount("new_made", "本年新制作数量"), kCount("new_published", "本年新公开数量"),
            kCount("total_published", "对外公开总数量")}},
          {"normative_docs", {"规范性文件", "行政规范性文件"},
           {kCount("new_made", "本年新制作数量"), kCount("new_published", "本年新公开数量"),
            kCount("total_published", "对外公开总数量")}},
          {"licensing", {"行政许可"},
           v19_item_columns()},
          {"other_services", {"其他对外管理服务事项"},
           v19_item_columns()},
          {"penalty", {"行政处罚"},
           v19_item_columns()},
          {"coercion", {"行政强制"},
           v19_item_columns()},
          {"admin_fees", {"行政事业性收费"},
           {kCount("prev_items", "上一年项目数量"),
            ColumnSpec{"change", ValueRule::SignedCount, "", "本年增/减"}}},
          {"procurement", {"政府集中采购"},
           {kCount("projects", "采购项目数量"),
            ColumnSpec{"total_amount", ValueRule::Amount, "", "采购总金额"}}},
      },
      {"第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项",
       "第二十条第（九）项", "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量",
       "上一年项目数量", "本年增/减", "处理决定数量", "采购项目数量", "采购总金额"}};
  return spec;
}

}  // namespace

const TemplateSpec& template_v2021() {
  static const TableSpec t3{"t3", "表三 收到和处理政府信息公开申请情况", t3_rows(true),
                            t3_known_labels()};
  static const TemplateSpec spec{"v2021", &t2_v2021_spec(), &t3, &t4_spec(), 2020, 9999,
                                 t3_result_groups()};
  return spec;
}

const TemplateSpec& template_v2019() {
  static const TableSpec t3{"t3", "表三 收到和处理政府信息公开申请情况", t3_rows(false),
                            t3_known_labels()};
  static const TemplateSpec spec{"v2019", &t2_v2019_spec(), &t3, &t4_spec(), 2019, 2020,
                                 t3_result_groups()};
  return spec;
}

// --- The national sections ---------------------------------------------------------------

const std::vector<NationalSectionSpec>& national_sections() {
  static const std::vector<NationalSectionSpec> sections = {
      // "一、总体情况", "一、2023年政务公开总体情况", "一、概述"
      {"s1_overview", "一", "总体|概述|概况", "一、总体情况"},
      // "二、主动公开政府信息情况", "二、行政机关主动公开政府信息情况", "二、主动公开政府信息的情况"
      {"s2_proactive", "二", "主动公开", "二、主动公开政府信息情况"},
      // "三、收到和处理政府信息公开申请情况", "三、依申请公开情况"
      {"s3_requests", "三", "收到和处理|依申请|公开申请情况", "三、收到和处理政府信息公开申请情况"},
      // "四、政府信息公开行政复议、行政诉讼情况"
      {"s4_review_litigation", "四", "复议|诉讼", "四、政府信息公开行政复议、行政诉讼情况"},
      // "五、存在的主要问题及改进情况", "五、存在的主要问题及整改措施"
      {"s5_problems", "五", "问题|改进|整改|不足", "五、存在的主要问题及改进情况"},
      // "六、其他需要报告的事项"
      {"s6_other", "六", "其他需要报告|其他事项|需要报告", "六、其他需要报告的事项"},
  };
  return sections;
}

// --- Pre-2019 reports -----------------------------------------------------------------

const std::vector<LegacySectionSpec>& legacy_sections() {
  // Tried in this order; a heading takes the first whose words it holds.
  static const std::vector<LegacySectionSpec> sections = {
      // "四、政府信息公开的收费及减免情况", "四、收费及减免情况"
      {"legacy_fees", "收费|减免", "政府信息公开的收费及减免情况"},
      // "五、因政府信息公开申请行政复议、提起行政诉讼的情况", "五、申请行政复议、提起行政诉讼和申诉的情况"
      {"legacy_review_litigation", "复议|诉讼|申诉", "因政府信息公开申请行政复议、提起行政诉讼的情况"},
      // "五、政府信息公开工作存在的主要问题及改进情况", "六、存在的不足及改进措施"
      {"legacy_problems", "问题|改进|整改|不足", "政府信息公开工作存在的主要问题及改进措施"},
      // "七、其他需要报告的事项"
      {"legacy_other", "其他需要报告|其他事项|需要报告", "其他需要报告的事项"},
      // "附件1:平潭县人民政府2012年政府信息公开情况统计表", "附表"
      {"legacy_annex", "统计表|附表|情况表", "政府信息公开情况统计表（附表）"},
      // "二、主动公开政府信息情况", "二、主动公开政府信息的情况"
      {"legacy_proactive", "主动公开", "主动公开政府信息的情况"},
      // "三、政府信息依申请公开工作情况", "三、依申请公开、不予公开及咨询政府信息情况"
      {"legacy_requests", "依申请|申请公开|公开申请", "政府信息依申请公开情况"},
      // "一、概述", "一、总体情况", "一、基本情况"
      {"legacy_overview", "概述|总体|概况|基本情况", "概述"},
  };
  return sections;
}

namespace {

// "本年度 | 历年累计": the two value columns of the old 统计表; a report without 历年累计 fills
// only the first.
std::vector<ColumnSpec> legacy_count_columns() {
  return {ColumnSpec{"", ValueRule::Count, "", "本年度"},
          ColumnSpec{"cumulative", ValueRule::Count, "", "历年累计"}};
}

// "依申请公开信息收取的费用 | 万元 | 0.05": amounts in 万元 unless the row's unit cell says 元.
std::vector<ColumnSpec> legacy_fee_columns() {
  return {ColumnSpec{"", ValueRule::Amount, "万元", "本年度"},
          ColumnSpec{"cumulative", ValueRule::Amount, "万元", "历年累计"}};
}

std::vector<RowSpec> legacy_rows() {
  const auto c = legacy_count_columns();
  const auto fee = legacy_fee_columns();
  // {key, labels as printed (matched after label_key; "其中：" and "1." set apart), columns,
  //  needs enumerator, enumerator, block}. The block lets a bare "其他" count only right after
  // a row of its own block.
  return {
      {"proactive.total", {"主动公开政府信息数", "主动公开信息数", "主动公开政府信息总数",
                           "主动公开信息总数"}, c, false, "", "proactive"},
      {"proactive.normative_docs", {"主动公开规范性文件数", "主动公开规范性文件"}, c, false, "",
       "proactive"},
      {"normative_docs.total", {"制发规范性文件总数", "制发规范性文件数"}, c, false, "", "proactive"},
      {"proactive.catalogue_entries", {"《政府信息公开目录》新增条目数", "政府信息公开目录新增条目数"},
       c, false, "", "proactive"},
      {"proactive.website", {"网站公开数", "网站公开", "政府网站公开数"}, c, false, "", "proactive"},
      {"proactive.gazette", {"政府公报公开数", "政府公报公开"}, c, false, "", "proactive"},
      {"proactive.other", {"其他方式公开数", "其他方式公开", "其它方式公开数"}, c, false, "",
       "proactive"},
      {"on_request_items.total", {"依申请公开信息数"}, c, false, "", ""},
      {"requests.total", {"收到申请数", "收到申请总数", "受理依申请公开信息总数", "受理申请总数",
                          "受理申请数", "依申请公开申请数"}, c, false, "", "requests"},
      {"requests.in_person", {"当面申请数", "当面申请"}, c, false, "", "requests"},
      {"requests.fax", {"传真申请数", "传真申请"}, c, false, "", "requests"},
      {"requests.online", {"网上申请数", "网上申请"}, c, false, "", "requests"},
      {"requests.email", {"电子邮件申请数", "电子邮件申请"}, c, false, "", "requests"},
      {"requests.letter", {"信函申请数", "信函申请"}, c, false, "", "requests"},
      {"requests.letter_fax", {"信函传真申请数", "信函、传真申请数"}, c, false, "", "requests"},
      {"requests.other", {"其他形式申请数", "其它形式申请数", "其他方式申请数", "其他", "其它"}, c, false, "",
       "requests"},
      {"replies.total", {"对申请的答复数", "申请答复数", "答复总数", "对申请的答复总数"}, c, false, "",
       "replies"},
      {"replies.granted", {"同意公开答复数", "同意公开数"}, c, false, "", "replies"},
      {"replies.partial", {"同意部分公开答复数", "同意部分公开数", "部分公开答复数"}, c, false, "",
       "replies"},
      {"replies.denied", {"否决公开答复数", "不同意公开答复数", "不予公开答复数"}, c, false, "",
       "replies"},
      {"replies.not_exist", {"信息不存在数", "申请信息不存在数"}, c, false, "", "replies"},
      {"replies.not_held", {"非本部门掌握数", "非本机关掌握数", "不属于本行政机关公开数"}, c, false,
       "", "replies"},
      {"replies.unclear", {"申请内容不明确数"}, c, false, "", "replies"},
      {"replies.other", {"其他答复数", "其他", "其它"}, c, false, "", "replies"},
      {"review.total", {"行政复议数", "行政复议数量", "行政复议"}, c, false, "", ""},
      {"litigation.total", {"行政诉讼数", "行政诉讼数量", "行政诉讼"}, c, false, "", ""},
      {"appeals.total", {"行政申诉数", "申诉数"}, c, false, "", ""},
      {"complaints.total", {"举报投诉数", "举报投诉数量", "投诉举报数"}, c, false, "", ""},
      {"fees.charged_yuan", {"依申请公开信息收取的费用", "依申请公开收取的费用", "收取费用",
                             "收取的费用"}, fee, false, "", ""},
      {"fees.waived_yuan", {"减免费用", "减免费用数", "减免的费用"}, fee, false, "", ""},
      {"consultations.total", {"咨询数", "咨询人次", "咨询情况"}, c, false, "", ""},
  };
}

}  // namespace

const TableSpec& legacy_table() {
  static const TableSpec spec{
      "legacy",
      "政府信息公开情况统计表（2019年以前）",
      legacy_rows(),
      {"指标名称", "统计指标", "计量单位", "单位", "本年度", "本年", "历年累计", "累计", "序号",
       "主动公开情况", "依申请公开情况", "其中"}};
  return spec;
}

std::string legacy_field_key(const RowSpec& row, const ColumnSpec& column) {
  std::string key = std::string("legacy.") + row.key;
  if (column.key[0] != '\0') key += std::string(".") + column.key;
  return key;
}

bool is_legacy_key(std::string_view key) {
  for (const RowSpec& row : legacy_table().rows) {
    for (const ColumnSpec& column : row.columns) {
      if (key == legacy_field_key(row, column)) return true;
    }
  }
  return false;
}

std::string field_key(const TableSpec& table, const RowSpec& row, const ColumnSpec& column) {
  std::string key = table.name;
  key += '.';
  key += row.key;
  key += '.';
  key += column.key;
  return key;
}

}  // namespace xxgknb

namespace xxgknb {

std::vector<const RowSpec*> rows_in_group(const TableSpec& t3, std::string_view group) {
  std::vector<const RowSpec*> out;
  for (const RowSpec& row : t3.rows) {
    if (group == row.group) out.push_back(&row);
  }
  return out;
}

const TemplateSpec* template_of(std::string_view version) {
  if (version == template_v2021().version) return &template_v2021();
  if (version == template_v2019().version) return &template_v2019();
  return nullptr;
}

namespace {

const RowSpec& row_of(const TableSpec& table, std::string_view key) {
  for (const RowSpec& row : table.rows) {
    if (key == row.key) return row;
  }
  return table.rows.front();   // unreachable for the constant tables (the spec test holds it)
}

std::string cell_key(const TableSpec& table, std::string_view row, std::string_view column) {
  return std::string(table.name) + "." + std::string(row) + "." + std::string(column);
}

}  // namespace

std::vector<SumRule> sum_rules(const TemplateSpec& spec) {
  std::vector<SumRule> rules;
  const TableSpec& t3 = *spec.t3;
  const std::vector<ColumnSpec>& columns = t3.rows.front().columns;
  // E1, per column: "第一项加第二项之和，等于第三项加第四项之和" (the header note of table 三).
  for (const ColumnSpec& col : columns) {
    SumRule r{"E1", col.key, "new_received + carried_over == results.total + carried_forward",
              std::string("表三 ") + col.label + "列", {}, {}};
    r.lhs = {{"新收", {cell_key(t3, "new_received", col.key)}},
             {"上年结转", {cell_key(t3, "carried_over", col.key)}}};
    r.rhs = {{"办理结果总计", {cell_key(t3, "results.total", col.key)}},
             {"结转下年度", {cell_key(t3, "carried_forward", col.key)}}};
    rules.push_back(std::move(r));
  }
  // E2, per column: （七）总计 is the sum of the result blocks （一）…（六）.
  const bool single_other = rows_in_group(t3, "other").size() == 1;
  const std::string other_expr =
      single_other ? "results.other.total" : "Σresults.other(no_correction, fee_unpaid, other)";
  for (const ColumnSpec& col : columns) {
    SumRule r{"E2", col.key,
              "results.total == results.granted + results.partial + Σresults.denied(8) + "
              "Σresults.unable(3) + Σresults.not_processed(5) + " + other_expr,
              std::string("表三 ") + col.label + "列", {}, {}};
    r.lhs = {{row_of(t3, "results.total").short_label, {cell_key(t3, "results.total", col.key)}}};
    for (const RowGroup& group : spec.result_groups) {
      SumTerm term{group.label, {}};
      for (const RowSpec* row : rows_in_group(t3, group.key)) {
        term.keys.push_back(cell_key(t3, row->key, col.key));
      }
      r.rhs.push_back(std::move(term));
    }
    rules.push_back(std::move(r));
  }
  // E3 per row of table 三 and E4 per group of table 四: the total column is the sum of the
  // row's other columns.
  for (const TableSpec* table : {spec.t3, spec.t4}) {
    const bool is_t3 = table == spec.t3;
    for (const RowSpec& row : table->rows) {
      SumRule r{is_t3 ? "E3" : "E4", row.key,
                is_t3 ? "total == natural_person + commercial + research + public_welfare + "
                        "legal_service + other_org"
                      : "total == upheld + corrected + other + pending",
                std::string(is_t3 ? "表三 " : "表四 ") + row.short_label + (is_t3 ? " 行" : ""),
                {},
                {}};
      for (const ColumnSpec& col : row.columns) {
        SumTerm term{col.label, {cell_key(*table, row.key, col.key)}};
        (col.is_total ? r.lhs : r.rhs).push_back(std::move(term));
      }
      rules.push_back(std::move(r));
    }
  }
  return rules;
}

}  // namespace xxgknb
