// Stage 5, template mapping: the constant tables of both national templates, transcribed
// from templates.md §2.2–2.4 (2021) and §3.2–3.4 (2019).
#include "templates/spec.h"

namespace xxgknb {
namespace {

constexpr ColumnSpec kCount(const char* key) { return ColumnSpec{key, ValueRule::Count, ""}; }

// Table 三 columns D1–D7 (both versions): "自然人 | 商业企业 | 科研机构 | 社会公益组织 |
// 法律服务机构 | 其他 | 总计".
std::vector<ColumnSpec> t3_columns() {
  return {kCount("natural_person"), kCount("commercial"), kCount("research"),
          kCount("public_welfare"), kCount("legal_service"), kCount("other_org"),
          kCount("total")};
}

std::vector<RowSpec> t3_rows(bool v2021) {
  const auto c = t3_columns();
  std::vector<RowSpec> rows = {
      {"new_received", {"一、本年新收政府信息公开申请数量", "本年新收政府信息公开申请"}, c},
      {"carried_over", {"二、上年结转政府信息公开申请数量", "上年结转政府信息公开申请"}, c},
      {"results.granted", {"（一）予以公开"}, c},
      {"results.partial",
       {"（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开"}, c},
      {"results.denied.state_secret", {"1.属于国家秘密"}, c},
      {"results.denied.law_prohibited", {"2.其他法律行政法规禁止公开"}, c},
      {"results.denied.security_stability", {"3.危及“三安全一稳定”"}, c},
      {"results.denied.third_party", {"4.保护第三方合法权益"}, c},
      {"results.denied.internal_affairs", {"5.属于三类内部事务信息"}, c},
      {"results.denied.process_info", {"6.属于四类过程性信息"}, c},
      {"results.denied.enforcement_file", {"7.属于行政执法案卷"}, c},
      {"results.denied.admin_query", {"8.属于行政查询事项"}, c},
      {"results.unable.not_held", {"1.本机关不掌握相关政府信息"}, c},
      {"results.unable.needs_creation", {"2.没有现成信息需要另行制作"}, c},
      {"results.unable.unclear", {"3.补正后申请内容仍不明确"}, c},
      {"results.not_processed.petition", {"1.信访举报投诉类申请"}, c},
      {"results.not_processed.repeated", {"2.重复申请"}, c},
      {"results.not_processed.publication", {"3.要求提供公开出版物"}, c},
      {"results.not_processed.excessive", {"4.无正当理由大量反复申请"}, c},
      {"results.not_processed.confirm_reissue", {"5.要求行政机关确认或重新出具已获取信息"}, c},
  };
  if (v2021) {
    rows.push_back({"results.other.no_correction",
                    {"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                     "申请人无正当理由逾期不补正"},
                    c});
    rows.push_back({"results.other.fee_unpaid",
                    {"2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                     "申请人逾期未按收费通知要求缴纳费用"},
                    c});
    // "3.其他": without its number it is the column header "其他".
    rows.push_back({"results.other.other", {"3.其他"}, c, true, "3"});
  } else {
    rows.push_back({"results.other.total", {"（六）其他处理"}, c});
  }
  // "（七）总计": without its number it is the column header "总计".
  rows.push_back({"results.total", {"（七）总计", "（七）合计"}, c, true, "七"});
  rows.push_back({"carried_forward", {"四、结转下年度继续办理", "结转下年度继续办理"}, c});
  return rows;
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
  return {kCount("upheld"), kCount("corrected"), kCount("other"), kCount("pending"),
          kCount("total")};
}

const TableSpec& t4_spec() {
  static const TableSpec spec{
      "t4",
      "表四 政府信息公开行政复议、行政诉讼情况",
      {
          {"review", {"行政复议"},
           review_columns()},
          {"litigation.direct", {"未经复议直接起诉"},
           review_columns()},
          {"litigation.after_review", {"复议后起诉"},
           review_columns()},
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
           {kCount("issued"), kCount("repealed"), kCount("in_force")}},
          {"normative_docs", {"行政规范性文件", "规范性文件"},
           {kCount("issued"), kCount("repealed"), kCount("in_force")}},
          {"licensing", {"行政许可"}, {kCount("decisions")}},
          {"penalty", {"行政处罚"}, {kCount("decisions")}},
          {"coercion", {"行政强制"}, {kCount("decisions")}},
          {"admin_fees", {"行政事业性收费"},
           {ColumnSpec{"amount_wan_yuan", ValueRule::Amount, "万元"}}},
      },
      {"第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项",
       "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量",
       "本年收费金额（单位：万元）"}};
  return spec;
}

// 2019 table 二 §(五)/(六): "上一年项目数量 | 本年增/减 | 处理决定数量".
std::vector<ColumnSpec> v19_item_columns() {
  return {kCount("prev_items"), ColumnSpec{"change", ValueRule::SignedCount, ""},
          kCount("decisions")};
}

const TableSpec& t2_v2019_spec() {
  static const TableSpec spec{
      "t2v19",
      "表二 主动公开政府信息情况（2019年格式）",
      {
          {"regulations", {"规章"},
           {kCount("new_made"), kCount("new_published"), kCount("total_published")}},
          {"normative_docs", {"规范性文件", "行政规范性文件"},
           {kCount("new_made"), kCount("new_published"), kCount("total_published")}},
          {"licensing", {"行政许可"},
           v19_item_columns()},
          {"other_services", {"其他对外管理服务事项"},
           v19_item_columns()},
          {"penalty", {"行政处罚"},
           v19_item_columns()},
          {"coercion", {"行政强制"},
           v19_item_columns()},
          {"admin_fees", {"行政事业性收费"},
           {kCount("prev_items"), ColumnSpec{"change", ValueRule::SignedCount, ""}}},
          {"procurement", {"政府集中采购"},
           {kCount("projects"), ColumnSpec{"total_amount", ValueRule::Amount, ""}}},
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
  static const TemplateSpec spec{"v2021", &t2_v2021_spec(), &t3, &t4_spec()};
  return spec;
}

const TemplateSpec& template_v2019() {
  static const TableSpec t3{"t3", "表三 收到和处理政府信息公开申请情况", t3_rows(false),
                            t3_known_labels()};
  static const TemplateSpec spec{"v2019", &t2_v2019_spec(), &t3, &t4_spec()};
  return spec;
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
