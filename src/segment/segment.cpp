// Stage 3, segment: finds the title, issuing body and year of a normalized report and cuts
// its body into the six numbered sections 一…六 (templates.md §2.1, §3.1, §6.1).
#include "segment/segment.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "normalize/normalize.h"
#include "templates/spec.h"

namespace xxgknb {
namespace {

// A heading is a line, not a paragraph: "四、因政府信息公开工作被申请行政复议和提起行政诉讼的
// 情况" (29 characters) with a unit name or year inserted stays well under this.
constexpr std::size_t kMaxHeadingChars = 50;
// A title is one line too ("关于印发《…2020年政府信息公开工作年度报告》的通知").
constexpr std::size_t kMaxTitleChars = 80;
// The first half of a title split over two paragraphs: a body's name ("霍山县衡山镇").
constexpr std::size_t kMaxTitleHeadChars = 30;
// A signature line ("霍山县衡山镇人民政府").
constexpr std::size_t kMaxSignatureChars = 30;
// Non-empty paragraphs read for the title (web copies put 索引号, 发布日期, … above it).
constexpr int kTitleWindow = 20;
// Non-empty paragraphs read from the end for a signature (signature, then a date line).
constexpr int kSignatureWindow = 6;
// Non-empty paragraphs read for the reporting period when the title has no year.
constexpr int kPeriodWindow = 50;
constexpr int kMinYear = 2007;  // the first 条例 came into force for 2008 reports
constexpr int kMaxYear = 2100;
// The last report year before the 2019 template; such reports have no national section list.
constexpr int kLastPre2019Year = 2018;
// "四、政府信息公开的收费及减免情况": at most this many characters between the number and 收费.
constexpr std::size_t kFeeHeadingLead = 20;
// "2021年1月20日": at most this many characters between 年 and the closing 日.
constexpr std::size_t kDateLineMiddle = 12;

struct Patterns {
  // "一、总体情况" "一.总体情况" "一 总体情况" "一，…"; number captured.
  RE2 plain_number{R"(^(?:#+\s*)?([一二三四五六])\s*(?:[、.,:]|\s))"};
  // "(一)总体情况" used as the top level.
  RE2 paren_number{R"(^(?:#+\s*)?\(([一二三四五六])\))"};
  // "2020年度", "2020 年"; the digits must not continue a longer number.
  RE2 year_arabic{R"((?:^|[^0-9])((?:19|20)[0-9]{2})\s*年)"};
  // "二〇二〇年", "二零二零年", "二○二○年"
  RE2 year_chinese{R"(([〇零○一二三四五六七八九]{4})\s*年)"};
  // "…工作年度报告(2020)": a lone 20xx in the title.
  RE2 year_bare{R"((?:^|[^0-9])(20[0-9]{2})(?:[^0-9]|$))"};
  // "2020年1月1日至12月31日", "2025 1 1 日至 2025 12 31 日" (年 and 月 dropped).
  RE2 period_start{
      R"((?:^|[^0-9])((?:19|20)[0-9]{2})\s*年?\s*0?1\s*月?\s*0?1\s*日?\s*起?\s*(?:至|到|-))"};
  // "…至2020年12月31日"
  RE2 period_end{R"((?:至|到|-)\s*((?:19|20)[0-9]{2})\s*年?\s*12\s*月?\s*31\s*日)"};
  // Where the body's name ends in a title: before the year or the report's own words.
  RE2 title_body_end{R"((?:(?:19|20)[0-9]{2}\s*年|[〇零○一二三四五六七八九]{4}\s*年|)"
                     R"((?:19|20)[0-9]{2}|政府信息公开|政务公开|信息公开))"};
  // Words in front of the body's name: "关于印发《", "关于", a Markdown "# ", a crawler's
  // field name left on a title that could not be cut ("标题: 平潭综合实验区2024年度…").
  RE2 title_lead{R"(^#*\s*(?:(?:标题|题目|文章标题)\s*:\s*)?(?:关于(?:印发|发布|公布)?)?[\s《"<\[(]*)"};
  // A year in front of the body's name: "2024 年上海市科委政府信息公开工作年度报告".
  RE2 title_year_lead{
      R"(^(?:(?:19|20)[0-9]{2}|[〇零○一二三四五六七八九]{4})\s*年?度?\s*)"};
  // A Markdown heading marker left by a converter: "## 一、总体情况".
  RE2 markdown_marker{R"(^#+\s*)"};
  // A crawler's field name in front of the title: "标题: 平潭综合实验区…", "标题：…" (folded).
  RE2 title_field{R"(^(?:标题|题目|文章标题|标 题)\s*:\s*)"};
  // A crawler's other header fields, page furniture rather than the report: "发布时间: 2025-03-10",
  // "发布机构: 平潭县人民政府", "本地目录: zwgk/…/80725_平潭县人民政府2012年…年度报告",
  // "来源：平潭县人民政府", "索引号：11341525/2021-00012".
  RE2 page_field{R"(^(?:发布时间|发布日期|发布机构|发文机关|文号|发文字号|栏目|原文链接|本地目录|)"
                 R"(来源|信息来源|时间|索引号|主题分类|分类|成文日期|生效日期|关键词|链接)\s*:)"};
  // Headings of the pre-2019 reports: "四、政府信息公开的收费及减免情况", "七、其他需要报告的事项"
  // (the old list ran to 七).
  // The words before 收费 are captured and counted in code (at most kFeeHeadingLead
  // characters): a counted repeat of "." compiles to that many copies of a UTF-8 automaton.
  RE2 old_fee_heading{R"(^(?:#+\s*)?[一二三四五六七八]\s*(?:[、.,:]|\s)(.*?)收费(?:及|和|与)?减免)"};
  RE2 old_seventh_heading{R"(^(?:#+\s*)?[七八]\s*(?:[、.,:]|\s))"};
  // "2021年1月20日", "二〇二一年一月二十日": a date line under the signature.
  // Between 年 and the closing 日, 1 to kDateLineMiddle characters, counted in code.
  RE2 date_line{R"(^(?:[0-9]{4}|[〇零○一二三四五六七八九]{4})\s*年(.+)日$)"};
  // "…人民政府", "…局", "…街道办事处": a signature ends in the name of a body.
  RE2 signature_end{
      R"((?:人民政府|政府|办事处|委员会|办公室|局|委|厅|署|院|中心|镇|乡|街道)$)"};
  // Pre-2019 headings: "七、其他需要报告的事项", "（一）主动公开…", numbered up to 十.
  RE2 legacy_plain_number{R"(^(?:#+\s*)?([一二三四五六七八九十])\s*(?:[、.,:]|\s))"};
  RE2 legacy_paren_number{R"(^(?:#+\s*)?\(([一二三四五六七八九十])\))"};
  // "附件1:平潭县人民政府2012年政府信息公开情况统计表", "附表": an annex, not numbered.
  RE2 legacy_annex{R"(^(?:#+\s*)?(?:附件|附表))"};
  std::vector<std::unique_ptr<RE2>> keywords;         // one per national_sections() entry
  std::vector<std::unique_ptr<RE2>> legacy_keywords;  // one per legacy_sections() entry

  Patterns() {
    for (const NationalSectionSpec& spec : national_sections()) {
      keywords.push_back(std::make_unique<RE2>(spec.keywords));
    }
    for (const LegacySectionSpec& spec : legacy_sections()) {
      legacy_keywords.push_back(std::make_unique<RE2>(spec.keywords));
    }
  }
};

const Patterns& patterns() {
  static const Patterns instance;
  return instance;
}

std::size_t char_count(std::string_view utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// "，" "。" "：" (folded): a sentence or a "label: value" line, not a title or a name.
bool has_sentence_punctuation(std::string_view folded) {
  return contains(folded, "。") || contains(folded, ",") || contains(folded, ":");
}

int ordinal_of(std::string_view number) {
  const auto& sections = national_sections();
  for (std::size_t i = 0; i < sections.size(); ++i) {
    if (number == sections[i].number) return static_cast<int>(i);
  }
  return -1;
}

// The paragraphs in body order with their block indices. A Document built without blocks
// (tests, or a reader that has no tables) is read as paragraphs in order.
struct BodyParagraph {
  const Paragraph* paragraph;
  int block;
};

std::vector<BodyParagraph> body_paragraphs(const Document& document) {
  std::vector<BodyParagraph> out;
  if (document.blocks.empty()) {
    for (std::size_t i = 0; i < document.paragraphs.size(); ++i) {
      out.push_back({&document.paragraphs[i], static_cast<int>(i)});
    }
    return out;
  }
  for (std::size_t b = 0; b < document.blocks.size(); ++b) {
    const Block& block = document.blocks[b];
    if (block.kind != Block::Kind::Paragraph || block.index < 0 ||
        static_cast<std::size_t>(block.index) >= document.paragraphs.size()) {
      continue;
    }
    out.push_back({&document.paragraphs[static_cast<std::size_t>(block.index)],
                   static_cast<int>(b)});
  }
  return out;
}

int block_count(const Document& document) {
  return static_cast<int>(document.blocks.empty() ? document.paragraphs.size()
                                                  : document.blocks.size());
}

std::string raw_text(const Paragraph& p) { return p.numbering + p.text; }

// Raw text on one line: line breaks inside a title are layout ("霍山县衡山镇\n2020年…").
std::string one_line(std::string_view raw) {
  std::string out;
  std::size_t start = 0;
  while (start <= raw.size()) {
    std::size_t end = raw.find('\n', start);
    if (end == std::string_view::npos) end = raw.size();
    std::string_view line = raw.substr(start, end - start);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t' || line.front() == '\r')) {
      line.remove_prefix(1);
    }
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.remove_suffix(1);
    }
    out += line;
    start = end + 1;
  }
  return out;
}

// Whitespace that folding drops or collapses: ASCII, U+3000 and NBSP.
std::string_view trim_raw_space(std::string_view raw) {
  static constexpr std::string_view kSpaces[] = {" ", "\t", "\r", "\n", "\u3000", "\u00a0"};
  for (bool trimmed = true; trimmed;) {
    trimmed = false;
    for (std::string_view space : kSpaces) {
      if (raw.size() >= space.size() && raw.substr(0, space.size()) == space) {
        raw.remove_prefix(space.size());
        trimmed = true;
      }
      if (raw.size() >= space.size() && raw.substr(raw.size() - space.size()) == space) {
        raw.remove_suffix(space.size());
        trimmed = true;
      }
    }
  }
  return raw;
}

// Where in `raw` the text ends that folds to `folded_prefix` (a prefix of fold(raw)): the last
// character boundary whose prefix folds to it, so raw spaces after it are passed over. npos
// when no boundary does (a fold that joins characters across the cut). Matching runs on
// folded text; what is kept is cut from the raw text at this offset.
std::size_t raw_offset_of(std::string_view raw, std::string_view folded_prefix) {
  while (!folded_prefix.empty() && folded_prefix.back() == ' ') folded_prefix.remove_suffix(1);
  std::size_t found = std::string_view::npos;
  for (std::size_t i = 0; i <= raw.size(); ++i) {
    if (i < raw.size() && (static_cast<unsigned char>(raw[i]) & 0xC0) == 0x80) continue;
    const std::string folded = fold(raw.substr(0, i));
    if (folded == folded_prefix) found = i;
    // Folding never shortens a longer prefix: past the target nothing more can match.
    if (folded.size() > folded_prefix.size()) break;
  }
  return found;
}

// --- Headings -----------------------------------------------------------------------------

// What one paragraph offers as a section heading.
struct HeadingCriteria {
  int ordinal = -1;           // 0 for 一 … 5 for 六
  bool numbered = false;      // "一、" "一." "一 " or "(一)" at the start
  bool paren_form = false;    // "(一)总体情况" rather than "一、总体情况"
  bool has_keywords = false;  // the section's keyword set ("总体", "主动公开", …)
  bool is_short = false;      // ≤ kMaxHeadingChars: a heading, not a sentence
};

HeadingCriteria heading_criteria(const Paragraph& p) {
  const Patterns& re = patterns();
  HeadingCriteria c;
  std::string number;
  if (RE2::PartialMatch(p.folded, re.plain_number, &number)) {
    c.numbered = true;
  } else if (RE2::PartialMatch(p.folded, re.paren_number, &number)) {
    c.numbered = true;
    c.paren_form = true;
  }
  c.ordinal = ordinal_of(number);
  if (c.ordinal < 0) c.numbered = false;
  if (!c.numbered) return c;
  c.has_keywords = RE2::PartialMatch(p.key, *re.keywords[static_cast<std::size_t>(c.ordinal)]);
  c.is_short = char_count(p.folded) <= kMaxHeadingChars;
  return c;
}

// The one place the criteria combine. "(一)主动公开" is a sub-heading inside 一 whenever
// the report numbers its top level "一、"; headings only ever count upwards, so the table
// rows "一、本年新收政府信息公开申请数量" (no keyword) and a "二、…" after "三、" are not headings.
bool is_heading(const HeadingCriteria& c, bool paren_is_top_level, int last_ordinal) {
  const bool at_top_level = !c.paren_form || paren_is_top_level;
  const bool in_order = c.ordinal > last_ordinal;
  return c.numbered && c.has_keywords && c.is_short && at_top_level && in_order;
}

struct Heading {
  int ordinal;
  std::size_t body_index;  // into the BodyParagraph list
};

// Where a section starts, under which key and number, for either list.
struct SectionStart {
  std::string key;
  std::string number;
  std::size_t body_index;
};

// A heading of the pre-2019 section list, which the national one does not have.
bool is_old_style_heading(const Paragraph& p) {
  const Patterns& re = patterns();
  if (char_count(p.folded) > kMaxHeadingChars) return false;
  re2::StringPiece fee_lead;
  const bool names_fees = RE2::PartialMatch(p.folded, re.old_fee_heading, &fee_lead) &&
                          char_count(std::string_view(fee_lead.data(), fee_lead.size())) <=
                              kFeeHeadingLead;
  const bool numbered_past_six = RE2::PartialMatch(p.folded, re.old_seventh_heading) &&
                                 RE2::PartialMatch(p.key, *re.keywords[5]);
  return names_fees || numbered_past_six;
}

std::vector<Heading> find_headings(const std::vector<BodyParagraph>& body, const Deadline& deadline) {
  std::vector<HeadingCriteria> criteria;
  criteria.reserve(body.size());
  bool plain_headings_exist = false;
  for (const BodyParagraph& bp : body) {
    if (deadline.expired_at(criteria.size())) return {};
    criteria.push_back(heading_criteria(*bp.paragraph));
    const HeadingCriteria& c = criteria.back();
    if (c.numbered && !c.paren_form && c.has_keywords && c.is_short) plain_headings_exist = true;
  }
  std::vector<Heading> headings;
  int last_ordinal = -1;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (!is_heading(criteria[i], !plain_headings_exist, last_ordinal)) continue;
    last_ordinal = criteria[i].ordinal;
    headings.push_back({last_ordinal, i});
  }
  return headings;
}

// --- Pre-2019 headings ---------------------------------------------------------------------

// "一" … "十" as 1 … 10; 0 for anything else.
int legacy_number_value(std::string_view number) {
  static constexpr std::array<std::string_view, 10> kNumerals = {"一", "二", "三", "四", "五",
                                                                 "六", "七", "八", "九", "十"};
  for (std::size_t i = 0; i < kNumerals.size(); ++i) {
    if (number == kNumerals[i]) return static_cast<int>(i) + 1;
  }
  return 0;
}

// What one paragraph offers as a heading of the pre-2019 list (templates spec,
// legacy_sections()): its words name a section; its number only orders the headings.
struct LegacyHeadingCriteria {
  int number = 0;             // 1 for 一 …; 0 for an annex line
  std::string numeral;        // as printed: "四"; empty for an annex line
  bool numbered = false;      // "四、" "四." "（四）" at the start
  bool paren_form = false;    // "（一）" rather than "一、"
  bool annex = false;         // "附件1:…统计表": no number, after the numbered parts
  int section = -1;           // index into legacy_sections(), -1 when no words match
  bool is_short = false;      // ≤ kMaxHeadingChars
};

LegacyHeadingCriteria legacy_heading_criteria(const Paragraph& p) {
  const Patterns& re = patterns();
  LegacyHeadingCriteria c;
  c.is_short = char_count(p.folded) <= kMaxHeadingChars;
  if (!c.is_short) return c;
  if (RE2::PartialMatch(p.folded, re.legacy_plain_number, &c.numeral)) {
    c.numbered = true;
  } else if (RE2::PartialMatch(p.folded, re.legacy_paren_number, &c.numeral)) {
    c.numbered = true;
    c.paren_form = true;
  } else {
    c.annex = RE2::PartialMatch(p.folded, re.legacy_annex);
  }
  c.number = legacy_number_value(c.numeral);
  if (!c.numbered && !c.annex) return c;
  const auto& sections = legacy_sections();
  for (std::size_t s = 0; s < sections.size(); ++s) {
    // An annex line is only ever the annex; a numbered one is never the annex.
    const bool annex_key = std::string_view(sections[s].key) == "legacy_annex";
    if (annex_key != c.annex) continue;
    if (RE2::PartialMatch(p.key, *re.legacy_keywords[s])) {
      c.section = static_cast<int>(s);
      break;
    }
  }
  return c;
}

struct LegacyHeading {
  int section;             // index into legacy_sections()
  std::string numeral;     // "四", or empty
  std::size_t body_index;
};

// The one place the criteria combine: numbered headings count upwards and name each key
// once; "（一）" is the top level only in a report that numbers none "一、"; the annex comes
// after the numbered parts.
std::vector<LegacyHeading> find_legacy_headings(const std::vector<BodyParagraph>& body,
                                                const Deadline& deadline) {
  std::vector<LegacyHeadingCriteria> criteria;
  criteria.reserve(body.size());
  bool plain_headings_exist = false;
  for (const BodyParagraph& bp : body) {
    if (deadline.expired_at(criteria.size())) return {};
    criteria.push_back(legacy_heading_criteria(*bp.paragraph));
    const LegacyHeadingCriteria& c = criteria.back();
    if (c.numbered && !c.paren_form && c.section >= 0) plain_headings_exist = true;
  }
  std::vector<LegacyHeading> headings;
  std::vector<bool> used(legacy_sections().size(), false);
  int last_number = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const LegacyHeadingCriteria& c = criteria[i];
    if (c.section < 0) continue;
    const bool at_top_level = !c.paren_form || !plain_headings_exist;
    const bool in_order = c.annex || c.number > last_number;
    const bool new_key = !used[static_cast<std::size_t>(c.section)];
    if (!(at_top_level && in_order && new_key)) continue;
    if (!c.annex) last_number = c.number;
    used[static_cast<std::size_t>(c.section)] = true;
    headings.push_back({c.section, c.numeral, i});
  }
  return headings;
}

// --- Title, year, agency ------------------------------------------------------------------

// Chinese numerals of a year ("二〇二〇") as a number; -1 when not four digits.
int chinese_year(std::string_view digits) {
  static constexpr std::array<std::pair<std::string_view, int>, 13> kDigits = {{
      {"〇", 0}, {"零", 0}, {"○", 0}, {"一", 1}, {"二", 2}, {"三", 3}, {"四", 4},
      {"五", 5}, {"六", 6}, {"七", 7}, {"八", 8}, {"九", 9}, {"", 0}}};
  int year = 0;
  int count = 0;
  while (!digits.empty()) {
    bool matched = false;
    for (const auto& [text, value] : kDigits) {
      if (!text.empty() && digits.substr(0, text.size()) == text) {
        year = year * 10 + value;
        digits.remove_prefix(text.size());
        matched = true;
        break;
      }
    }
    if (!matched) return -1;
    ++count;
  }
  return count == 4 ? year : -1;
}

std::optional<int> sane_year(int year) {
  if (year < kMinYear || year > kMaxYear) return std::nullopt;
  return year;
}

std::optional<int> year_in_title(const std::string& folded) {
  const Patterns& re = patterns();
  int year = 0;
  std::string digits;
  if (RE2::PartialMatch(folded, re.year_arabic, &year)) return sane_year(year);
  if (RE2::PartialMatch(folded, re.year_chinese, &digits)) return sane_year(chinese_year(digits));
  if (RE2::PartialMatch(folded, re.year_bare, &year)) return sane_year(year);
  return std::nullopt;
}

// The reporting period stated near the top: "本报告中所列数据的统计期限自2020年1月1日起至
// 2020年12月31日止".
std::optional<int> year_in_period(const std::vector<BodyParagraph>& body) {
  const Patterns& re = patterns();
  int read = 0;
  for (const BodyParagraph& bp : body) {
    const std::string& folded = bp.paragraph->folded;
    if (folded.empty()) continue;
    if (++read > kPeriodWindow) break;
    int year = 0;
    if (RE2::PartialMatch(folded, re.period_start, &year) ||
        RE2::PartialMatch(folded, re.period_end, &year)) {
      if (auto sane = sane_year(year)) return sane;
    }
  }
  return std::nullopt;
}

// Where the body's name stands in a folded title, as byte offsets [begin, end).
struct NameSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool empty() const { return end <= begin; }
};

// The body's name at the head of a folded title: "霍山县衡山镇2020年度政府信息公开工作年度报告"
// → "霍山县衡山镇"; "关于印发《…" loses its lead words; a leading year is skipped
// ("2024年上海市科委政府信息公开工作年度报告" → "上海市科委").
NameSpan body_name_in_title(const std::string& folded) {
  const Patterns& re = patterns();
  re2::StringPiece rest(folded);
  RE2::Consume(&rest, re.title_lead);
  RE2::Consume(&rest, re.title_year_lead);
  re2::StringPiece end_match;
  if (!re.title_body_end.Match(rest, 0, rest.size(), RE2::UNANCHORED, &end_match, 1)) return {};
  NameSpan span;
  span.begin = static_cast<std::size_t>(rest.data() - folded.data());
  span.end = static_cast<std::size_t>(end_match.data() - folded.data());
  while (span.end > span.begin &&
         (folded[span.end - 1] == ' ' || folded[span.end - 1] == '-' || folded[span.end - 1] == ':')) {
    --span.end;
  }
  return span;
}

// What one paragraph offers as (part of) the title.
struct TitleCriteria {
  bool names_report = false;   // "…年度报告"
  bool is_line = false;        // ≤ kMaxTitleChars, no "，" or "。": not a sentence
  bool lacks_body = false;     // nothing before the year: "2020年政府信息公开工作年度报告"
  bool is_page_field = false;  // a crawler's header ("本地目录: …年度报告"), not the title
};

TitleCriteria title_criteria(const Paragraph& p) {
  TitleCriteria c;
  c.names_report = contains(p.folded, "报告");
  c.is_line = char_count(p.folded) <= kMaxTitleChars && !contains(p.folded, "。") &&
              !contains(p.folded, ",");  // "…报告:" may end a title line
  c.lacks_body = body_name_in_title(p.folded).empty();
  c.is_page_field = RE2::PartialMatch(p.folded, patterns().page_field);
  return c;
}

// The paragraph before a title that lacks a body's name, read as that name ("霍山县衡山镇").
bool is_title_head(const Paragraph& p) {
  const bool is_short = char_count(p.folded) <= kMaxTitleHeadChars;
  const bool no_punctuation = !has_sentence_punctuation(p.folded);
  const bool no_report = !contains(p.folded, "报告");
  return is_short && no_punctuation && no_report;
}

struct Title {
  std::string raw;      // as printed, on one line, without a Markdown marker or field name
  std::string folded;   // fold(raw)
  SourceSpan source;
};

SourceSpan join_spans(const SourceSpan& first, const SourceSpan& second) {
  SourceSpan out = first;
  if (first.offset >= 0 && second.offset >= 0 && second.length >= 0 &&
      second.offset >= first.offset) {
    out.length = second.offset + second.length - first.offset;
  }
  return out;
}

// A title line as printed, less what is not the title: a Markdown "# " and a crawler's field
// name ("标题: ", "标题：", "標題："). The field name is matched in folded text and cut from the
// raw text at the same place; when that place cannot be told, the raw line is kept whole.
std::string title_text(const Paragraph& p) {
  std::string raw = one_line(raw_text(p));
  re2::StringPiece marker(raw);
  if (RE2::Consume(&marker, patterns().markdown_marker)) {
    raw.erase(0, raw.size() - marker.size());
  }
  const std::string folded = fold(raw);
  re2::StringPiece rest(folded);
  if (RE2::Consume(&rest, patterns().title_field)) {
    const std::string_view label(folded.data(), folded.size() - rest.size());
    const std::size_t cut = raw_offset_of(raw, label);
    if (cut != std::string_view::npos) raw = std::string(trim_raw_space(std::string_view(raw).substr(cut)));
  }
  return raw;
}

std::optional<Title> find_title(const std::vector<BodyParagraph>& body, std::size_t limit) {
  const Paragraph* previous = nullptr;  // the previous non-empty paragraph
  int read = 0;
  for (std::size_t i = 0; i < limit && i < body.size(); ++i) {
    const Paragraph& p = *body[i].paragraph;
    if (p.folded.empty()) continue;
    if (++read > kTitleWindow) break;
    const TitleCriteria c = title_criteria(p);
    if (!(c.names_report && c.is_line) || c.is_page_field) {
      previous = &p;
      continue;
    }
    // "霍山县衡山镇" / "2020年政府信息公开工作年度报告": one title on two lines.
    const bool join = c.lacks_body && previous != nullptr && is_title_head(*previous);
    std::string raw = join ? title_text(*previous) + title_text(p) : title_text(p);
    std::string folded = fold(raw);
    return Title{std::move(raw), std::move(folded),
                 join ? join_spans(previous->source, p.source) : p.source};
  }
  return std::nullopt;
}

// The body's name in a title, as printed: found in the folded title, cut from the raw one at
// the same places. Empty when the title names no body, or when the cut cannot be placed.
std::string agency_in_title(const Title& title) {
  const NameSpan span = body_name_in_title(title.folded);
  if (span.empty()) return {};
  const std::string_view folded(title.folded);
  const std::size_t begin = raw_offset_of(title.raw, folded.substr(0, span.begin));
  const std::size_t end = raw_offset_of(title.raw, folded.substr(0, span.end));
  if (begin == std::string_view::npos || end == std::string_view::npos || end <= begin) return {};
  return std::string(trim_raw_space(std::string_view(title.raw).substr(begin, end - begin)));
}

// A signature near the end: "霍山县衡山镇人民政府", possibly followed by "2021年1月20日".
struct Signature {
  std::string body;
  SourceSpan source;
  std::string date;
  SourceSpan date_source;
};

Signature signature_body(const std::vector<BodyParagraph>& body, std::size_t from) {
  const Patterns& re = patterns();
  Signature out;
  int read = 0;
  for (std::size_t i = body.size(); i > from; --i) {
    const Paragraph& p = *body[i - 1].paragraph;
    if (p.folded.empty()) continue;
    if (++read > kSignatureWindow) break;
    re2::StringPiece date_middle;
    if (RE2::FullMatch(p.folded, re.date_line, &date_middle) &&
        char_count(std::string_view(date_middle.data(), date_middle.size())) <= kDateLineMiddle) {
      if (out.date.empty()) {
        out.date = std::string(trim_raw_space(one_line(raw_text(p))));
        out.date_source = p.source;
      }
      continue;
    }
    const bool is_short = char_count(p.folded) <= kMaxSignatureChars;
    const bool no_punctuation = !has_sentence_punctuation(p.folded);
    const bool ends_in_body = RE2::PartialMatch(p.folded, re.signature_end);
    if (is_short && no_punctuation && ends_in_body) {
      out.body = std::string(trim_raw_space(one_line(raw_text(p))));
      out.source = p.source;
      return out;
    }
  }
  out.date.clear();
  return out;
}

Flag make_flag(std::string code, std::string severity, std::string field, std::string message) {
  return Flag{std::move(code), std::move(severity), std::move(field), std::move(message)};
}

}  // namespace

Segments segment(const Document& document, const Deadline& deadline) {
  Segments out;
  const std::vector<BodyParagraph> body = body_paragraphs(document);
  const std::vector<Heading> headings = find_headings(body, deadline);

  // Sections: each runs from its heading to the next heading (the last to the end).
  auto cut_sections = [&](const std::vector<SectionStart>& starts) {
    std::vector<Section> sections;
    for (std::size_t h = 0; h < starts.size(); ++h) {
      const std::size_t first = starts[h].body_index;
      const std::size_t end = h + 1 < starts.size() ? starts[h + 1].body_index : body.size();
      Section section;
      section.key = starts[h].key;
      section.number = starts[h].number;
      section.heading = raw_text(*body[first].paragraph);
      section.source = body[first].paragraph->source;
      section.first_block = body[first].block;
      section.end_block = h + 1 < starts.size() ? body[end].block : block_count(document);
      for (std::size_t i = first + 1; i < end; ++i) {
        const Paragraph& p = *body[i].paragraph;
        if (p.folded.empty()) continue;
        if (!section.text.empty()) section.text += '\n';
        section.text += raw_text(p);
      }
      sections.push_back(std::move(section));
    }
    return sections;
  };
  std::vector<SectionStart> national;
  for (const Heading& h : headings) {
    const NationalSectionSpec& spec = national_sections()[static_cast<std::size_t>(h.ordinal)];
    national.push_back({spec.key, spec.number, h.body_index});
  }
  out.sections = cut_sections(national);

  // Title: before the first heading (or near the top when there is none).
  const std::size_t title_limit = headings.empty() ? body.size() : headings.front().body_index;
  const std::optional<Title> title = find_title(body, title_limit);
  // Year: from the title, else from the reporting period near the top.
  std::optional<int> year;
  if (title) year = year_in_title(title->folded);
  if (!year) year = year_in_period(body);

  // The national section list (2019 and 2021 templates) does not apply to a report from
  // before 2019: said by its year, or, with no year, by headings only the old list has.
  // Criteria, combined below.
  const bool year_before_2019 = year && *year <= kLastPre2019Year;
  // Headings are read only when no year says which list applies.
  const bool undated_with_old_headings =
      !year && std::any_of(body.begin(), body.end(), [](const BodyParagraph& bp) {
        return is_old_style_heading(*bp.paragraph);
      });
  const bool pre_2019 = year_before_2019 || undated_with_old_headings;
  out.pre_2019 = pre_2019;
  // Such a report is cut by the old list's headings, under their own keys.
  if (pre_2019) {
    std::vector<SectionStart> old;
    for (const LegacyHeading& h : find_legacy_headings(body, deadline)) {
      old.push_back({legacy_sections()[static_cast<std::size_t>(h.section)].key, h.numeral,
                     h.body_index});
    }
    out.sections = cut_sections(old);
  }
  for (const NationalSectionSpec& spec : national_sections()) {
    bool found = false;
    for (const Section& s : out.sections) found = found || s.key == spec.key;
    if (!found && !pre_2019) {
      out.flags.push_back(make_flag("section_missing", "error", spec.key,
                                    std::string("no heading for section ") + spec.number +
                                        " (\"" + spec.heading + "\") was found"));
    }
  }

  if (title) {
    out.meta.title = title->raw;
    out.meta.title_source = title->source;
  } else {
    out.flags.push_back(make_flag("title_not_found", "warning", "meta.title",
                                  "no line naming the report (\"…年度报告\") was found before "
                                  "section 一"));
  }
  out.meta.year = year;
  if (!year) {
    out.flags.push_back(make_flag("year_not_found", "warning", "meta.year",
                                  "the report year is neither in the title nor in a reporting "
                                  "period (\"2020年1月1日至12月31日\") near the top"));
  }

  // Agency: the body's name in the title, else a signature after the last heading, else the
  // publisher of a crawler's header.
  if (title) out.meta.agency = agency_in_title(*title);
  out.title_agency = out.meta.agency;
  const Signature signature = signature_body(body, headings.empty() ? 0 : headings.back().body_index);
  out.signature = signature.body;
  out.signature_source = signature.source;
  out.signature_date = signature.date;
  out.signature_date_source = signature.date_source;
  if (out.meta.agency.empty()) out.meta.agency = signature.body;
  // Else the publisher a crawler's header names: "发布机构: 平潭综合实验区管委会办公室".
  for (const Property& p : document.properties) {
    if (out.meta.agency.empty() && p.name == "发布机构" && !p.value.empty()) out.meta.agency = p.value;
  }
  if (out.meta.agency.empty()) {
    out.flags.push_back(make_flag("agency_not_found", "warning", "meta.agency",
                                  "the issuing body is neither named in the title nor signed "
                                  "at the end"));
  }
  return out;
}

}  // namespace xxgknb
