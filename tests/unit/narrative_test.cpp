// Stage 6 tests, checks: rule W4 — sentences of section 一 against the table cells they
// state, as a table of {sentence, cells, expected checks}: totals told from their parts, every
// reading of an ambiguous count tried, and the blame only on the report when no reading agrees
// over cells read cleanly.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "checks/rules.h"
#include "prose/prose.h"
#include "templates/spec.h"

namespace xxgknb {
namespace {

// Canonical keys of the rows of one （一）…（六） block of table 三, column 总计 (2021 rows).
std::vector<std::string> group_keys(const std::string& group, bool v2019 = false) {
  std::vector<std::string> keys;
  const TemplateSpec& spec = v2019 ? template_v2019() : template_v2021();
  for (const RowSpec* row : rows_in_group(*spec.t3, group)) {
    keys.push_back(std::string("t3.") + row->key + ".total");
  }
  return keys;
}

std::string group_column(const std::string& group, bool v2019 = false) {
  std::string out;
  for (const std::string& key : group_keys(group, v2019)) out += (out.empty() ? "" : "+") + key;
  return out;
}

// One cell as the table gave it: a count read with `confidence`, or blank (value empty).
struct Cell {
  std::string key;
  std::string value;
  double confidence = 0.99;
};

// The cells of a block whose 总计 column sums to `total`: all of it in the first row.
std::vector<Cell> group_cells(const std::string& group, int total, bool v2019 = false) {
  std::vector<Cell> cells;
  for (const std::string& key : group_keys(group, v2019)) {
    cells.push_back({key, std::to_string(cells.empty() ? total : 0)});
  }
  return cells;
}

// The 2021 table 三 总计 column: new, carried over, results by block, total, carried forward.
std::vector<Cell> t3_cells(int received, int carried_over, int granted, int partial, int denied,
                           int unable, int not_processed, int other, int carried_forward) {
  std::vector<Cell> cells = {{"t3.new_received.total", std::to_string(received)},
                             {"t3.carried_over.total", std::to_string(carried_over)},
                             {"t3.results.granted.total", std::to_string(granted)},
                             {"t3.results.partial.total", std::to_string(partial)}};
  for (auto [group, total] : {std::pair<const char*, int>{"denied", denied},
                              {"unable", unable},
                              {"not_processed", not_processed},
                              {"other", other}}) {
    for (Cell& c : group_cells(group, total)) cells.push_back(std::move(c));
  }
  const int results = granted + partial + denied + unable + not_processed + other;
  cells.push_back({"t3.results.total.total", std::to_string(results)});
  cells.push_back({"t3.carried_forward.total", std::to_string(carried_forward)});
  return cells;
}

// `cells` with the one of `key` read at a confidence below kCleanConfidence.
std::vector<Cell> doubtful(std::vector<Cell> cells, const std::string& key) {
  for (Cell& c : cells) {
    if (c.key == key) c.confidence = 0.5;
  }
  return cells;
}

std::vector<Cell> plus(std::vector<Cell> a, const std::vector<Cell>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

Report report_with(const std::string& overview, const std::vector<Cell>& cells,
                   const std::string& version = "v2021") {
  Report report;
  report.meta.template_version = version;
  Section s1;
  s1.key = "s1_overview";
  s1.text = overview;
  report.sections.push_back(s1);
  for (const Cell& c : cells) {
    Field f;
    f.key = c.key;
    f.confidence = c.confidence;
    if (c.value.empty()) {
      f.kind = Kind::Blank;
    } else {
      f.kind = Kind::Number;
      f.value = Decimal::parse(c.value);
      f.raw = c.value;
    }
    report.fields.push_back(std::move(f));
  }
  report.prose = find_prose(report.sections, Limits{}).facts;
  return report;
}

// One line per W4 check: "column stated status[ blame]".
std::string dump(const std::vector<Check>& checks) {
  std::string out;
  for (const Check& c : checks) {
    out += c.column + " " + (c.lhs ? c.lhs->to_string() : "-") + " " + status_name(c.status);
    if (c.blame != Blame::None) out += std::string(" ") + blame_name(c.blame);
    out += "\n";
  }
  return out;
}

struct Case {
  const char* rule;
  std::string sentence;
  std::vector<Cell> cells;
  std::string expected;
  std::string version = "v2021";
};

const std::string kReceived = "t3.new_received.total";
const std::string kReceivedWithCarry = "t3.new_received.total+t3.carried_over.total";
const std::string kCarriedOver = "t3.carried_over.total";
const std::string kGranted = "t3.results.granted.total";
const std::string kGrantedOrPartial = "t3.results.granted.total+t3.results.partial.total";
const std::string kPartial = "t3.results.partial.total";
const std::string kResults = "t3.results.total.total";
const std::string kCarriedForward = "t3.carried_forward.total";
const std::string kReview = "t4.review.total";
const std::string kLitigation = "t4.litigation.direct.total+t4.litigation.after_review.total";

std::vector<Cell> t4_cells(int review, int direct, int after_review) {
  return {{kReview, std::to_string(review)},
          {"t4.litigation.direct.total", std::to_string(direct)},
          {"t4.litigation.after_review.total", std::to_string(after_review)}};
}

TEST(NarrativeW4, Table) {
  const std::vector<Case> cases = {
      // Shanghai 科委 2024: each count names one result kind; none is the total (35).
      {"result kinds are their rows, not the total",
       "所有办结的信息公开申请中同意公开答复 9 件，部分公开答复 0 件，不予公开答复 2\n"
       "件，无法提供的 10 件，不予处理 0 件，其他处理 14 件，转下一年度办理答复的有 1 件。",
       t3_cells(34, 2, 9, 0, 2, 10, 0, 14, 1),
       kGranted + " 9 pass\n" + kPartial + " 0 pass\n" + group_column("denied") + " 2 pass\n" +
           group_column("unable") + " 10 pass\n" + group_column("not_processed") +
           " 0 pass\n" + group_column("other") + " 14 pass\n"},
      {"a result kind that disagrees with its row fails on the report",
       "办结的申请中同意公开答复 8 件。", t3_cells(34, 2, 9, 0, 2, 10, 0, 14, 1),
       kGranted + " 8 fail report\n"},
      // 沭阳 2025: 受理 749 = 新收 713 + 上年结转 36; 办理 718 = 总计.
      {"受理 includes the carried-over requests",
       "全县全年共受理政府信息公开申请 749 件，其中自然人申请 741 件，法人或其他组织申请\n 8 "
       "件；共办理 718 件，结转下一年 31 件。",
       t3_cells(713, 36, 700, 0, 0, 18, 0, 0, 31),
       kReceivedWithCarry + " 749 pass\n" + kResults + " 718 pass\n" + kCarriedForward +
           " 31 pass\n"},
      {"受理 that matches no reading fails on the report",
       "共受理政府信息公开申请 750 件。", t3_cells(713, 36, 700, 0, 0, 18, 0, 0, 31),
       kReceived + " 750 fail report\n"},
      {"受理 that matches no reading over a doubtful cell is our reading's fault",
       "共受理政府信息公开申请 750 件。",
       doubtful(t3_cells(713, 36, 700, 0, 0, 18, 0, 0, 31), "t3.carried_over.total"),
       kReceived + " 750 fail extraction\n"},
      {"收到 counts the new requests only",
       "全年收到政府信息公开申请 749 件。", t3_cells(713, 36, 700, 0, 0, 18, 0, 0, 31),
       kReceived + " 749 fail report\n"},
      {"办结 is the results total, never the received",
       "共办结政府信息公开申请 713 件。", t3_cells(713, 36, 700, 0, 0, 18, 0, 0, 31),
       kResults + " 713 fail report\n"},
      // 平潭 2024: "全年办理政府信息公开申请218件", 新收 218 (here 总计 210).
      {"办理 may be the requests taken in hand", "全年办理政府信息公开申请218件。",
       t3_cells(218, 0, 200, 0, 0, 10, 0, 0, 8), kReceived + " 218 pass\n"},
      // The cell the report left blank is its own choice, not a gap in our reading.
      {"a blank cell leaves the statement unassessed",
       "共受理政府信息公开申请 749 件。",
       {{kReceived, ""}, {kCarriedOver, "36"}}, kReceived + " - not_assessable report\n"},
      // 上海市政府办公厅 2025.
      {"a total followed by its parts",
       "市政府共受理政府信息公开申请 1295 件，办结 1191 件（含\n上年结转 189 件），均在法定期限内"
       "答复。其中，予以公开及部\n分公开 208 件（17.46%），不予公开 20 件（1.68%），因本机关\n不掌握"
       "等原因无法提供 564 件（47.36%），属信访、重复申请等\n不予处理 80 件（6.72%），其他处理 "
       "319 件（26.78%，含申请人\n主动撤回 157 件）。",
       t3_cells(1295, 189, 206, 2, 20, 564, 80, 319, 293),
       kReceived + " 1295 pass\n" + kCarriedOver + " 189 pass\n" + kGrantedOrPartial +
           " 208 pass\n" + group_column("denied") + " 20 pass\n" + group_column("unable") +
           " 564 pass\n" + group_column("not_processed") + " 80 pass\n" +
           group_column("other") + " 319 pass\n" + kResults + " 1191 pass\n"},
      // 平潭 2023.
      {"results listed after 其中",
       "2023年全区接收通过邮寄、网络提交的各类政府信息公开申请共计81件，涉及自然人80件、商业企业1"
       "件。办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件，占6.17%；无法"
       "提供31件，占38.27%；不予处理1件，占1.23%；其他处理2件，占2.47%；因政府信息公开引起的行政"
       "复议案件2件、行政诉讼案件7件。",
       plus(t3_cells(81, 0, 22, 20, 5, 31, 1, 2, 0), t4_cells(2, 5, 2)),
       kReceived + " 81 pass\n" + kGrantedOrPartial + " 42 pass\n" + group_column("denied") +
           " 5 pass\n" + group_column("unable") + " 31 pass\n" + group_column("not_processed") +
           " 1 pass\n" + group_column("other") + " 2 pass\n" + kResults + " 81 pass\n" +
           kReview + " 2 pass\n" + kLitigation + " 7 pass\n"},
      // 平潭 2025 and 2021, 2020.
      {"carried forward to a named year",
       "全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件。全年办理因政府信息公开申请"
       "引发的行政复议36起，行政诉讼9起。",
       plus(t3_cells(154, 0, 33, 38, 14, 53, 2, 8, 6), t4_cells(36, 6, 3)),
       kReceived + " 154 pass\n" + kResults + " 148 pass\n" + kCarriedForward + " 6 pass\n" +
           kReview + " 36 pass\n" + kLitigation + " 9 pass\n"},
      {"number before the word",
       "本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。",
       t3_cells(70, 0, 30, 0, 0, 39, 0, 0, 1),
       kReceived + " 70 pass\n" + kResults + " 69 pass\n" + kCarriedForward + " 1 pass\n"},
      {"受理 with nothing carried over",
       "2020年全区各级行政机关共受理政府信息公开申请21件，受理的申请件已按规定在法定期限内予以答复。",
       t3_cells(21, 0, 21, 0, 0, 0, 0, 0, 0), kReceived + " 21 pass\n"},
      // Look-alikes.
      {"行政复议 0 件 is a count", "本年度行政复议 0 件。", t4_cells(0, 0, 0),
       kReview + " 0 pass\n"},
      {"行政复议决定 is not a count", "本机关收到行政复议决定书 2 份，行政复议决定 3 件均维持。",
       t4_cells(0, 0, 0), ""},
      {"a year is not a count", "2024年办结政府信息公开申请5件，收到2024年度政府信息公开申请12件。",
       t3_cells(12, 0, 5, 0, 0, 0, 0, 0, 7), kReceived + " 12 pass\n" + kResults + " 5 pass\n"},
      {"第3季度 is not a count",
       "第3季度收到政府信息公开申请5件，办结第3季度的申请2件。",
       t3_cells(5, 0, 5, 0, 0, 0, 0, 0, 0), kReceived + " 5 pass\n"},
      {"予以公开 outside a sentence about requests", "门户网站予以公开 12 件文件。",
       t3_cells(5, 0, 5, 0, 0, 0, 0, 0, 0), ""},
      {"2019 rows: （六）其他处理 is one row", "办结的申请中，其他处理 3 件。",
       group_cells("other", 3, true), group_column("other", true) + " 3 pass\n", "v2019"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(dump(checks::check_narrative_numbers(report_with(c.sentence, c.cells, c.version))),
              c.expected)
        << c.rule;
  }
}

// The one W4 check `sentence` gives over 新收 713, 上年结转 36 (749 together).
Check only_check(const std::string& sentence) {
  const std::vector<Check> checks = checks::check_narrative_numbers(
      report_with(sentence, t3_cells(713, 36, 749, 0, 0, 0, 0, 0, 0)));
  EXPECT_EQ(checks.size(), 1u) << dump(checks);
  return checks.empty() ? Check{} : checks.front();
}

TEST(NarrativeW4, MessageSaysWhichReadingMatched) {
  const Check check = only_check("全县全年共受理政府信息公开申请 749 件。");
  EXPECT_EQ(check.status, CheckStatus::Pass);
  EXPECT_EQ(check.rhs, Decimal::parse("749"));
  EXPECT_NE(check.message.find("read as 表三 新收+上年结转 总计"), std::string::npos)
      << check.message;
  EXPECT_NE(check.message.find("表三 一、本年新收 总计 713"), std::string::npos) << check.message;
}

TEST(NarrativeW4, FailureNamesEveryReadingAndCell) {
  const Check check = only_check("共受理政府信息公开申请 750 件。");
  EXPECT_EQ(check.status, CheckStatus::Fail);
  EXPECT_EQ(check.blame, Blame::Report);
  EXPECT_EQ(check.fields, (std::vector<std::string>{kReceived, kCarriedOver}));
  EXPECT_NE(check.message.find("713"), std::string::npos) << check.message;
  EXPECT_NE(check.message.find("749"), std::string::npos) << check.message;
}

}  // namespace
}  // namespace xxgknb
