// Pathological glued digits through the whole pipeline (extract_bytes): the search for the
// split of glued runs is combinatorial, and Limits::max_glued_readings bounds it. Runs of
// growing length, and a table whose every row splits two ways, must cost a bounded time and
// leave undecided cells empty, never guessed.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "xxgknb/xxgknb.h"

namespace {

const std::string kHeader =
    "标题: 梅林镇人民政府2021年度政府信息公开工作年度报告\n发布机构: 梅林镇人民政府\n"
    "==================== 正文 ====================\n"
    "三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他";

const char* const kRows[] = {
    "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（三）不予公开1.属于国家秘密",
    "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息",
    "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项", "（四）无法提供1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确", "（五）不予处理1.信访举报投诉类申请", "2.重复申请",
    "3.要求提供公开出版物", "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息",
    "（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他", "（七）总计",
    "四、结转下年度继续办理"};

// Table 三 with the same run after every row label.
std::string table_with_runs(const std::string& run) {
  std::string out = kHeader;
  for (const char* row : kRows) out += std::string(row) + run;
  return out + "五、存在的主要问题及改进情况无。\n";
}

double seconds_for(const std::string& input, xxgknb::Report* out) {
  const auto start = std::chrono::steady_clock::now();
  auto result = xxgknb::extract_bytes(input, "glued.txt");
  const auto stop = std::chrono::steady_clock::now();
  EXPECT_TRUE(result.ok()) << result.error().code << ": " << result.error().message;
  if (result && out != nullptr) *out = result.value();
  return std::chrono::duration<double>(stop - start).count();
}

bool every_t3_cell_empty(const xxgknb::Report& r) {
  return std::all_of(r.fields.begin(), r.fields.end(), [](const xxgknb::Field& f) {
    return f.key.rfind("t3.", 0) != 0 || f.derived || !f.value;
  });
}

TEST(GluedRunCost, LongerRunsCostBoundedTime) {
  // "1020304…": runs of 16 to 16384 digits for seven cells; past 70 digits no reading exists.
  double first = 0;
  for (std::size_t digits = 16; digits <= 16384; digits *= 4) {
    std::string run;
    for (std::size_t i = 0; run.size() < digits; ++i) run += (i % 2 == 0) ? "1" : "0";
    xxgknb::Report report;
    const double s = seconds_for(table_with_runs(run), &report);
    if (digits == 16) first = s;
    EXPECT_LT(s, 10.0) << digits << " digits per run";
    EXPECT_LE(s, 64.0 * first + 1.0) << digits << " digits per run: " << s << " s, " << first
                                     << " s for 16";
    if (digits > 70) {
      EXPECT_TRUE(every_t3_cell_empty(report)) << digits;
    }
  }
}

TEST(GluedRunCost, EveryRowSplittingTwoWaysStopsAtTheBudget) {
  // "202000022" is 20|2|0|0|0|0|22 or 2|0|20|0|0|0|22 in every row: 2^25 combinations, of
  // which the sums across rows are checked only once the results rows are all chosen.
  xxgknb::Report report;
  const double s = seconds_for(table_with_runs("202000022"), &report);
  EXPECT_LT(s, 10.0);
  const xxgknb::Field* f = report.field("t3.results.granted.natural_person");
  ASSERT_NE(f, nullptr);
  EXPECT_FALSE(f->value);
  EXPECT_NE(std::find(f->flags.begin(), f->flags.end(), "glued_ambiguous"), f->flags.end());
  EXPECT_TRUE(report.review.needs_review);
}

}  // namespace
