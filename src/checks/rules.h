// Stage 6, checks: what the rule files share — the rows and columns of tables 三 and 四 with
// their printed labels, reading a field as an exact count, and assessing one equation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xxgknb/report.h"

namespace xxgknb::checks {

// A field was "read cleanly" when it is a number, its confidence is at least this, and no
// flag casts doubt on it: a failing rule over clean fields is the report's own arithmetic.
inline constexpr double kCleanConfidence = 0.9;
// Flags that cast doubt on a reading, whatever its confidence.
inline constexpr const char* kDoubtFlags[] = {
    "label_fuzzy",     "count_mismatch",         "inferred",    "multiple_values",
    "number_too_long", "multiple_values_in_row", "out_of_range"};
// Applied once to a field in a failing error rule blamed on the extraction, so that the
// review (threshold 0.9 by default) takes it up.
inline constexpr double kDoubtFactor = 0.6;

// Rows of table 三 (templates.md §2.3, §3.3), in template order. `group` names the
// （一）…（六） block of 三、本年度办理结果 a row belongs to; empty outside the results.
struct T3Row {
  const char* key;
  const char* label;
  const char* group;
  bool in_v2021;
  bool in_v2019;
};
inline constexpr T3Row kT3Rows[] = {
    {"new_received", "一、本年新收申请", "", true, true},
    {"carried_over", "二、上年结转申请", "", true, true},
    {"results.granted", "（一）予以公开", "granted", true, true},
    {"results.partial", "（二）部分公开", "partial", true, true},
    {"results.denied.state_secret", "（三）1.属于国家秘密", "denied", true, true},
    {"results.denied.law_prohibited", "（三）2.其他法律行政法规禁止公开", "denied", true, true},
    {"results.denied.security_stability", "（三）3.危及“三安全一稳定”", "denied", true, true},
    {"results.denied.third_party", "（三）4.保护第三方合法权益", "denied", true, true},
    {"results.denied.internal_affairs", "（三）5.属于三类内部事务信息", "denied", true, true},
    {"results.denied.process_info", "（三）6.属于四类过程性信息", "denied", true, true},
    {"results.denied.enforcement_file", "（三）7.属于行政执法案卷", "denied", true, true},
    {"results.denied.admin_query", "（三）8.属于行政查询事项", "denied", true, true},
    {"results.unable.not_held", "（四）1.本机关不掌握相关政府信息", "unable", true, true},
    {"results.unable.needs_creation", "（四）2.没有现成信息需要另行制作", "unable", true, true},
    {"results.unable.unclear", "（四）3.补正后申请内容仍不明确", "unable", true, true},
    {"results.not_processed.petition", "（五）1.信访举报投诉类申请", "not_processed", true, true},
    {"results.not_processed.repeated", "（五）2.重复申请", "not_processed", true, true},
    {"results.not_processed.publication", "（五）3.要求提供公开出版物", "not_processed", true, true},
    {"results.not_processed.excessive", "（五）4.无正当理由大量反复申请", "not_processed", true,
     true},
    {"results.not_processed.confirm_reissue", "（五）5.要求行政机关确认或重新出具已获取信息",
     "not_processed", true, true},
    {"results.other.no_correction", "（六）1.逾期不补正", "other", true, false},
    {"results.other.fee_unpaid", "（六）2.逾期未缴费", "other", true, false},
    {"results.other.other", "（六）3.其他", "other", true, false},
    {"results.other.total", "（六）其他处理", "other", false, true},
    {"results.total", "（七）总计", "", true, true},
    {"carried_forward", "四、结转下年度继续办理", "", true, true},
};

// The blocks of 三、本年度办理结果 that make up （七）总计 (rule E2), in template order.
struct T3Group {
  const char* group;
  const char* label;
};
inline constexpr T3Group kT3Groups[] = {
    {"granted", "予以公开"},  {"partial", "部分公开"},       {"denied", "不予公开"},
    {"unable", "无法提供"},   {"not_processed", "不予处理"}, {"other", "其他处理"},
};

// Columns of table 三, in template order; the last is 总计.
struct T3Column {
  const char* key;
  const char* label;
};
inline constexpr T3Column kT3Columns[] = {
    {"natural_person", "自然人"},     {"commercial", "商业企业"},
    {"research", "科研机构"},         {"public_welfare", "社会公益组织"},
    {"legal_service", "法律服务机构"}, {"other_org", "其他组织"},
    {"total", "总计"},
};

// Groups of table 四 (templates.md §2.4) and the parts of each total.
struct T4Group {
  const char* key;
  const char* label;
};
inline constexpr T4Group kT4Groups[] = {
    {"review", "行政复议"},
    {"litigation.direct", "行政诉讼 未经复议直接起诉"},
    {"litigation.after_review", "行政诉讼 复议后起诉"},
};
inline constexpr T3Column kT4Parts[] = {
    {"upheld", "结果维持"}, {"corrected", "结果纠正"}, {"other", "其他结果"}, {"pending", "尚未审结"},
};

// True when table 三 has the single （六）其他处理 row of the 2019 template: said by the
// version, or (for "mixed"/"unknown") by which keys the mapping produced.
bool t3_uses_v2019_rows(const Report& report);

// "12", "+3", "-2" → the integer; at most 15 digits, so that sums of a few dozen cannot
// overflow. Anything else (decimals, units, text) → nullopt.
std::optional<std::int64_t> parse_count(std::string_view text);
// The same for a value read from a cell: an integer of at most 15 digits.
std::optional<std::int64_t> parse_count(const Decimal& value);

// True when `field` was read cleanly (see kCleanConfidence).
bool read_cleanly(const Field& field);

// "report" when every field named (and present) was read cleanly, else "extraction".
std::string blame_for(const Report& report, const std::vector<std::string>& keys);

// One side of an equation: the sum of some fields, or a number stated elsewhere (W4).
struct Term {
  std::string label;                     // "新收", "不予公开", …
  std::vector<std::string> keys;         // fields summed; empty for a literal
  std::optional<std::int64_t> literal;   // a stated number
};

struct Equation {
  std::string id;          // "E1"
  std::string severity;    // "error", "warning"
  std::string column;
  std::string expr;
  std::string scope;       // message prefix naming where to look: "表三 自然人列"
  std::vector<Term> lhs, rhs;
  // What a failure over clean fields means, said in the message.
  std::string report_note = "报告本身的算术 / the report's own arithmetic";
};

// pass/fail with lhs and rhs when every input is a number ("无" counts as 0), summed exactly;
// else not_assessable naming the inputs that are blank, a dash, text or missing, with blame
// "report" when every such input is one the report left blank or marked "—", and
// "extraction" when one is a cell we could not find or read.
Check assess_equation(const Report& report, const Equation& equation);

// Cuts `text` to at most `max_bytes` bytes without splitting a UTF-8 sequence.
std::string clip_utf8(std::string_view text, std::size_t max_bytes);

// W4: the numbers section 一 states that have a table counterpart, one check each.
std::vector<Check> check_narrative_numbers(const Report& report);

}  // namespace xxgknb::checks
