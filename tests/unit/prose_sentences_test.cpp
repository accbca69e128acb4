// Stage 5 tests, prose: sentences of a section as a table of {text, expected facts}: each
// topic stated, its statement of none, and the look-alikes whose number belongs to another
// subject ("收到行政复议申请2件" is no information request). Expected facts are read off the
// sentences by hand.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "emit/read_json.h"
#include "prose/prose.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

std::vector<Section> one_section(const std::string& text, const std::string& key = "s1_overview") {
  Section s;
  s.key = key;
  s.text = text;
  return {s};
}

// One line per fact: "key value unit[ flag…]".
std::string dump(const std::vector<ProseFact>& facts) {
  std::string out;
  for (const ProseFact& f : facts) {
    out += f.key + " " + f.value.to_string() + " " + f.unit;
    for (const std::string& flag : f.flags) out += " " + flag;
    out += "\n";
  }
  return out;
}

std::string facts_of(const std::string& text) {
  return dump(find_prose(one_section(text), Limits{}).facts);
}

struct Case {
  const char* name;
  std::string text;
  std::string expected;
};

const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      {"Received", "本年度共收到政府信息公开申请17件。", "prose.requests.received 17 件\n"},
      {"ReceivedNone", "本年度未收到政府信息公开申请。", "prose.requests.received 0 件 stated_none\n"},
      {"AcceptedReadsTwoWays", "全年共受理政府信息公开申请749件，办结718件。",
       "prose.requests.accepted 749 件 ambiguous_reading\nprose.replies.total 718 件\n"},
      {"IncludingCarriedOver", "共受理政府信息公开申请12件（含上年结转1件）。",
       "prose.requests.total 12 件\nprose.requests.carried_over 1 件\n"},
      // Trap: 复议 and 申请 in one sentence; the 2 is the review's, the 5 the requests'.
      {"ReviewRequestIsNoInformationRequest", "收到行政复议申请2件，收到政府信息公开申请5件。",
       "prose.review.total 2 件\nprose.requests.received 5 件\n"},
      {"ReviewAndLitigation", "本机关被申请行政复议2件，被提起行政诉讼1起。",
       "prose.review.total 2 件\nprose.litigation.total 1 起\n"},
      {"NoReviewNoLitigation", "无行政复议和行政诉讼。",
       "prose.review.total 0 件 stated_none\nprose.litigation.total 0 件 stated_none\n"},
      {"ReviewOutcomeIsNoCount", "未发生行政复议被纠错的情况。", ""},
      {"ReplyKinds", "办结的申请中，予以公开9件，部分公开3件，不予公开1件。",
       "prose.replies.granted 9 件\nprose.replies.partial 3 件\nprose.replies.denied 1 件\n"},
      // "予以公开" also says what was published proactively: no reply there.
      {"GrantedOutsideRequests", "全年予以公开3件规划文件。", ""},
      {"CarriedForwardStated", "结转下年度继续办理的2件。", "prose.requests.carried_forward 2 件\n"},
      {"RepliesToMessagesAreNoReplies", "答复网民留言56件。", ""},
      {"PressConferences", "召开新闻发布会3场，发布政策解读12篇。",
       "prose.press_conferences.total 3 场\nprose.interpretations.total 12 篇\n"},
      {"BriefingsAreNotConferences", "召开新闻发布会 42 场、新闻通气会 19 场。",
       "prose.press_conferences.total 42 场\nprose.press_conferences.briefings 19 场\n"},
      // Trap: documents and interpretations counted together.
      {"InterpretationsCountedWithDocuments", "其中：发布行政公文和政策解读信息9条；",  ""},
      // Trap: the units under the issuer count their own releases.
      {"SubordinateUnitsReleases",
       "其中主动公开政府信息2026条。县直各单位主动公开政府信息2475条，各乡镇主动公开政府信息1503条。",
       "prose.proactive.total 2026 条\n"},
      {"InterpretationsInSeveralForms", "发布文字、图解、H5等多形式政策解读82篇。",
       "prose.interpretations.total 82 篇\n"},
      // Trap: one category of a list of what was published.
      {"OneCategoryIsNotTheTotal", "安全生产、应急管理类信息124条，其他应主动公开政府信息856条）。", ""},
      {"PressConferencesNumberFirst", "全年举办3场新闻发布会。", "prose.press_conferences.total 3 场\n"},
      {"InterpretationsKindFirst", "全年累计发布解读类信息 21 条，配套解读 7 次。",
       "prose.interpretations.total 21 条\nprose.interpretations.total 7 次\n"},
      {"InterpretationsNumberFirst", "围绕重点工作推出12篇政策解读。",
       "prose.interpretations.total 12 篇\n"},
      {"ProactiveByChannel",
       "主动公开政府信息2345条，其中门户网站发布信息1203条，政务新媒体发布信息568条。",
       "prose.proactive.total 2345 条\nprose.proactive.website 1203 条\n"
       "prose.proactive.new_media 568 条\n"},
      {"GazetteIssues", "政府公报公开12期。", "prose.proactive.gazette 12 期\n"},
      {"GazettePublished", "通过政府公报刊登文件24件。", "prose.proactive.gazette 24 件\n"},
      // Trap: two channels together are no one channel's count, and not the total either.
      {"TwoChannelsTogether", "通过网站、政务新媒体等平台发布信息120条。", ""},
      // Trap: information given on request is no proactive release.
      {"OnRequestIsNotProactive", "依申请公开政府信息5条。", ""},
      // Trap: the departments' releases on their pages are not the report's own.
      {"DepartmentsReleasesAreNotTheTotal", "督促县直部门在信息公开页面发布信息3044条。", ""},
      {"PublishedGovernmentInformation", "全年共公开政府信息1200条。", "prose.proactive.total 1200 条\n"},
      {"NormativeIsNotProactiveTotal", "主动公开规范性文件3件。",
       "prose.normative_docs.published 3 件\n"},
      {"NormativeIssued", "本年度制发的规范性文件77件。", "prose.normative_docs.issued 77 件\n"},
      {"FeesCharged", "全年收取信息处理费0元。", "prose.fees.charged 0 元\n"},
      {"FeesNone", "未收取任何费用。", "prose.fees.charged 0 元 stated_none\n"},
      {"FeesNoneAsPrinted", "无收取信息处理费情况。", "prose.fees.charged 0 元 stated_none\n"},
      {"FeesWaivedExact", "减免费用1.5万元。", "prose.fees.waived 1.5 万元\n"},
      {"Training", "开展政务公开培训6次，培训工作人员120人次。",
       "prose.training.sessions 6 次\nprose.training.participants 120 人次\n"},
      {"TrainingNumberFirst", "举办2期专题培训。", "prose.training.sessions 2 期\n"},
      {"Complaints", "收到涉及政府信息公开的投诉举报2件。", "prose.complaints.total 2 件\n"},
      {"ComplaintsNone", "未收到政府信息公开方面的投诉。", "prose.complaints.total 0 件 stated_none\n"},
      // Trap: complaints about something else than disclosure.
      {"HotlineComplaintsAreNotAboutDisclosure", "受理12345热线投诉1200件。", ""},
      {"ChineseNumerals", "收到政府信息公开申请十二件。",
       "prose.requests.received 12 件 chinese_numeral\n"},
      {"FullWidthDigits", "收到政府信息公开申请１７件。", "prose.requests.received 17 件\n"},
      {"YearIsNoCount", "2024年度共收到政府信息公开申请3件。", "prose.requests.received 3 件\n"},
      // "行政诉讼一起纳入" is "together", not one lawsuit.
      {"TogetherIsNoNumeral", "将行政复议、行政诉讼一起纳入考核。", ""},
  };
  return all;
}

TEST(ProseSentences, EachCaseGivesItsFacts) {
  for (const Case& c : cases()) {
    EXPECT_EQ(facts_of(c.text), c.expected) << c.name << ": " << c.text;
  }
}

TEST(ProseSentences, FactCarriesSentenceAndSpan) {
  const std::string text = "一、总体情况\n本年度共收到政府信息公开申请17件。另有说明。";
  const std::vector<ProseFact> facts = find_prose(one_section(text), Limits{}).facts;
  ASSERT_EQ(facts.size(), 1u);
  const ProseFact& f = facts.front();
  EXPECT_EQ(f.raw, "收到政府信息公开申请17件");
  EXPECT_EQ(text.substr(static_cast<std::size_t>(f.source.offset),
                        static_cast<std::size_t>(f.source.length)),
            f.raw);
  // A line break ends no sentence (PDF text breaks lines inside them): the heading above is in.
  EXPECT_EQ(f.sentence, "一、总体情况\n本年度共收到政府信息公开申请17件。");
  EXPECT_EQ(f.section, "s1_overview");
  EXPECT_DOUBLE_EQ(f.confidence, 0.8);
}

TEST(ProseSentences, LineBreakInsideAStatementIsKeptInRaw) {
  // Text from PDF breaks lines inside a sentence.
  const std::string text = "上年结转政府信息公开\n申请 2 件，本年新收3件。";
  const std::vector<ProseFact> facts = find_prose(one_section(text), Limits{}).facts;
  ASSERT_EQ(dump(facts), "prose.requests.carried_over 2 件\n");
  EXPECT_EQ(facts[0].raw, "上年结转政府信息公开\n申请 2 件");
  EXPECT_EQ(facts[0].source.offset, 0);
  EXPECT_EQ(facts[0].sentence, text);
}

TEST(ProseSentences, FactsOfEverySectionInOrder) {
  std::vector<Section> sections = one_section("收到政府信息公开申请5件。");
  sections.push_back(one_section("召开新闻发布会2场。", "s2_proactive").front());
  const std::vector<ProseFact> facts = find_prose(sections, Limits{}).facts;
  ASSERT_EQ(facts.size(), 2u);
  EXPECT_EQ(facts[0].section, "s1_overview");
  EXPECT_EQ(facts[1].section, "s2_proactive");
  EXPECT_EQ(facts[1].key, "prose.press_conferences.total");
}

TEST(ProseSentences, FactsPastTheLimitAreLeftOutAndFlagged) {
  std::string text;
  for (int i = 0; i < 10; ++i) text += "召开新闻发布会" + std::to_string(i + 1) + "场。";
  Limits limits;
  limits.max_prose_facts = 3;
  const Prose prose = find_prose(one_section(text), limits);
  EXPECT_EQ(prose.facts.size(), 3u);
  ASSERT_EQ(prose.flags.size(), 1u);
  EXPECT_EQ(prose.flags[0].code, "prose_limit");
  EXPECT_TRUE(find_prose(one_section("召开新闻发布会1场。"), limits).flags.empty());
  // The limit reached exactly, and the sections after it state nothing: nothing was left out.
  std::vector<Section> sections = one_section("召开新闻发布会1场。召开新闻发布会2场。召开新闻发布会3场。");
  sections.push_back(one_section("下一步，我们将加强业务工作。", "s5_problems").front());
  const Prose exact = find_prose(sections, limits);
  EXPECT_EQ(exact.facts.size(), 3u);
  EXPECT_TRUE(exact.flags.empty());
}

TEST(ProseSentences, HugeTextWithoutStopsStaysFastAndBounded) {
  // 4 MB of statements with no sentence stop: the matches of each pattern are bounded.
  std::string text;
  for (int i = 0; i < 200000; ++i) text += "发布会1场培训2次";
  const auto start = std::chrono::steady_clock::now();
  const Prose prose = find_prose(one_section(text), Limits{});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(prose.facts.size(), kMaxFactsPerSection);
  EXPECT_EQ(prose.flags.size(), 1u);
}

TEST(ProseSentences, ExpiredDeadlineReadsNothing) {
  const Deadline expired(0);
  EXPECT_TRUE(find_prose(one_section("召开新闻发布会3场。"), Limits{}, expired).facts.empty());
}

Report report_with_prose() {
  Report report;
  report.sections = one_section("本年度共收到政府信息公开申请17件。减免费用1.5万元。");
  report.prose = find_prose(report.sections, Limits{}).facts;
  report.fields.push_back(Field{});
  report.fields.back().key = "t3.new_received.total";
  report.fields.back().kind = Kind::Number;
  report.fields.back().value = Decimal::from_int(17);
  return report;
}

TEST(ProseJson, RoundTripKeepsEveryMember) {
  const Report report = report_with_prose();
  ASSERT_EQ(report.prose.size(), 2u);
  Result<Report, JsonReadError> read = report_from_json(to_json(report));
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_EQ(read->prose.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    const ProseFact& a = report.prose[i];
    const ProseFact& b = read->prose[i];
    EXPECT_EQ(a.key, b.key);
    EXPECT_EQ(a.value, b.value);
    EXPECT_EQ(a.value.to_string(), b.value.to_string());
    EXPECT_EQ(a.unit, b.unit);
    EXPECT_EQ(a.raw, b.raw);
    EXPECT_EQ(a.sentence, b.sentence);
    EXPECT_EQ(a.section, b.section);
    EXPECT_EQ(a.source.offset, b.source.offset);
    EXPECT_EQ(a.source.length, b.source.length);
    EXPECT_DOUBLE_EQ(a.confidence, b.confidence);
    EXPECT_EQ(a.flags, b.flags);
  }
}

TEST(ProseJson, HandFilledReportWithoutProseReadsItsSections) {
  const std::string json =
      R"({"sections": [{"key": "s1_overview", "text": "召开新闻发布会3场。"}],)"
      R"( "fields": {"t3.new_received.total": 0}})";
  Result<Report, JsonReadError> read = report_from_json(json);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(dump(read->prose), "prose.press_conferences.total 3 场\n");
}

TEST(ProseJson, ProseFactWithoutValueIsRefused) {
  const std::string json = R"({"fields": {}, "prose": [{"key": "prose.review.total"}]})";
  Result<Report, JsonReadError> read = report_from_json(json);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().path, "prose[0].value");
}

}  // namespace
}  // namespace xxgknb
