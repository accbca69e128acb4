// Stage 6, checks: W4 — counts that section 一、总体情况 states in words ("收到政府信息公开申请
// 12件") compared with their cells in tables 二/三/四.
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "checks/rules.h"

namespace xxgknb::checks {
namespace {

// A stated count is read from at most this many matches: section text is untrusted.
constexpr std::size_t kMaxStatements = 64;
// A sentence quoted in a message is cut to this many bytes.
constexpr std::size_t kMaxQuote = 240;
// Bytes searched either side of a match for the sentence around it.
constexpr std::size_t kSentenceWindow = 600;
// Matches of one pattern looked at, kept or not: section text is untrusted.
constexpr std::size_t kMaxMatchesPerPattern = 1024;

// "12", "１２", "十二", "一百零五" → the number; nullopt for anything else or above 9999.
std::optional<std::int64_t> parse_stated_number(std::string_view text) {
  if (auto n = parse_count(text)) return n;
  // Full-width digits "０"…"９" are U+FF10…U+FF19: EF BC 90…99.
  std::string ascii;
  for (std::size_t i = 0; text.size() % 3 == 0 && i < text.size(); i += 3) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    const auto b1 = static_cast<unsigned char>(text[i + 1]);
    const auto b2 = static_cast<unsigned char>(text[i + 2]);
    if (b0 != 0xEF || b1 != 0xBC || b2 < 0x90 || b2 > 0x99) {
      ascii.clear();
      break;
    }
    ascii.push_back(static_cast<char>('0' + (b2 - 0x90)));
  }
  if (!ascii.empty()) return parse_count(ascii);

  struct Numeral {
    std::string_view text;
    int digit;   // 0…9, or -1 for a unit
    int unit;    // 10, 100, 1000 for a unit
  };
  static constexpr std::array<Numeral, 14> kNumerals{{{"零", 0, 0}, {"〇", 0, 0}, {"一", 1, 0},
                                                      {"二", 2, 0}, {"两", 2, 0}, {"三", 3, 0},
                                                      {"四", 4, 0}, {"五", 5, 0}, {"六", 6, 0},
                                                      {"七", 7, 0}, {"八", 8, 0}, {"九", 9, 0},
                                                      {"十", -1, 10}, {"百", -1, 100}}};
  std::int64_t total = 0;
  int digit = -1;   // pending digit, -1 when none
  std::size_t i = 0;
  while (i < text.size()) {
    const auto it = std::find_if(kNumerals.begin(), kNumerals.end(), [&](const Numeral& n) {
      return text.substr(i, n.text.size()) == n.text;
    });
    if (it == kNumerals.end()) return std::nullopt;
    i += it->text.size();
    if (it->digit >= 0) {
      if (digit > 0) return std::nullopt;   // "三三" is no number
      digit = it->digit;
    } else {
      total += (digit < 0 ? 1 : digit) * it->unit;   // "十二": a bare 十 is 10
      digit = -1;
    }
  }
  if (digit > 0) total += digit;
  return total;
}

// The sentence around [begin, end) of `text`: from the previous "。！？\n" to the next
// ("；" joins clauses of one sentence: "共受理…申请749件；共办理718件").
// Only kSentenceWindow bytes either side are searched, so that many matches in a long text
// without stops cost linear time.
std::string sentence_around(std::string_view text, std::size_t begin, std::size_t end) {
  static constexpr std::string_view kStops[] = {"。", "！", "？", "\n"};
  const std::size_t window_begin = begin > kSentenceWindow ? begin - kSentenceWindow : 0;
  const std::size_t window_end = std::min(text.size(), end + kSentenceWindow);
  std::size_t from = window_begin;
  std::size_t to = window_end;
  const std::string_view window = text.substr(window_begin, window_end - window_begin);
  for (std::string_view stop : kStops) {
    const std::size_t before = window.rfind(stop, begin - window_begin);
    if (before != std::string_view::npos && window_begin + before + stop.size() <= begin) {
      from = std::max(from, window_begin + before + stop.size());
    }
    const std::size_t after = window.find(stop, end - window_begin);
    if (after != std::string_view::npos) to = std::min(to, window_begin + after + stop.size());
  }
  // A window cut may fall inside a character: step to lead bytes.
  auto inside_character = [&](std::size_t i) {
    return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
  };
  while (from < to && inside_character(from)) ++from;
  while (to > from && inside_character(to)) --to;
  return clip_utf8(text.substr(from, to - from), kMaxQuote);
}

// What a statement is compared with, in the template order of the cells.
enum class Counterpart {
  NormativeIssued,     // t2.normative_docs.issued (2019: new_made)
  NormativePublished,  // t2.normative_docs.issued (2019: new_published)
  Received,            // t3.new_received.total
  ReceivedWithCarry,   // t3.new_received.total + t3.carried_over.total
  CarriedOver,         // t3.carried_over.total
  Results,             // t3.results.total.total
  CarriedForward,      // t3.carried_forward.total
  Review,              // t4.review.total
  Litigation,          // t4.litigation.direct.total + t4.litigation.after_review.total
};

struct Statement {
  Counterpart counterpart;
  std::int64_t value;
  std::size_t offset;   // byte offset of the match in the section text
  std::size_t end;
};

std::vector<std::string> counterpart_keys(Counterpart c, bool v2019) {
  switch (c) {
    case Counterpart::NormativeIssued:
      return {v2019 ? "t2v19.normative_docs.new_made" : "t2.normative_docs.issued"};
    case Counterpart::NormativePublished:
      return {v2019 ? "t2v19.normative_docs.new_published" : "t2.normative_docs.issued"};
    case Counterpart::Received: return {"t3.new_received.total"};
    case Counterpart::ReceivedWithCarry: return {"t3.new_received.total", "t3.carried_over.total"};
    case Counterpart::CarriedOver: return {"t3.carried_over.total"};
    case Counterpart::Results: return {"t3.results.total.total"};
    case Counterpart::CarriedForward: return {"t3.carried_forward.total"};
    case Counterpart::Review: return {"t4.review.total"};
    case Counterpart::Litigation:
      return {"t4.litigation.direct.total", "t4.litigation.after_review.total"};
  }
  return {};
}

const char* counterpart_label(Counterpart c) {
  switch (c) {
    case Counterpart::NormativeIssued:
    case Counterpart::NormativePublished: return "表二 规范性文件";
    case Counterpart::Received: return "表三 一、本年新收 总计";
    case Counterpart::ReceivedWithCarry: return "表三 新收+上年结转 总计";
    case Counterpart::CarriedOver: return "表三 二、上年结转 总计";
    case Counterpart::Results: return "表三 （七）总计 总计";
    case Counterpart::CarriedForward: return "表三 四、结转下年度 总计";
    case Counterpart::Review: return "表四 行政复议 总计";
    case Counterpart::Litigation: return "表四 行政诉讼 总计 (直接起诉+复议后起诉)";
  }
  return "";
}

bool contains(std::string_view text, std::string_view word) {
  return text.find(word) != std::string_view::npos;
}

// The middle of an application statement ("收到<middle>申请") must not be about review,
// litigation, petitions or licences: "受理行政复议申请2件" is no information request.
bool middle_names_other_procedure(std::string_view middle) {
  return contains(middle, "复议") || contains(middle, "诉讼") || contains(middle, "信访") ||
         contains(middle, "许可") || contains(middle, "审批");
}

// Section text with line breaks removed, so that "上年结转政府信息公开\n申请 2 件" (text
// from PDF) reads as one statement; `origin[i]` is the offset in the section text of byte i.
struct Joined {
  std::string text;
  std::vector<std::size_t> origin;
};

Joined join_lines(std::string_view text) {
  Joined joined;
  joined.text.reserve(text.size());
  joined.origin.reserve(text.size() + 1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') continue;
    joined.text.push_back(text[i]);
    joined.origin.push_back(i);
  }
  joined.origin.push_back(text.size());
  return joined;
}

// A count in words: ASCII or full-width digits, or Chinese numerals.
const std::string kNum = "([0-9０-９]+|[零〇一二两三四五六七八九十百]+)";

// Up to `n` characters short of a clause break or a digit: "政府信息公开", "依申请公开".
std::string middle(int n) { return "([^，。；;,0-9０-９]{0," + std::to_string(n) + "}?)"; }

// Finds every stated count in `text` (line breaks already removed).
std::vector<Statement> find_statements(std::string_view text) {
  std::vector<Statement> found;
  // "共受理政府信息公开申请12件（含上年结转1件）", "接收…各类政府信息公开申请共计81件"
  static const RE2 kReceived("(受理|收到|接收|新收)" + middle(30) + "申请(?:数量|总数)?"
                             "(?:为|共计|共|合计|总计|达)?\\s*" + kNum + "\\s*件"
                             "(\\s*[（(]\\s*(?:其中)?含?上年结转\\s*" + kNum + "\\s*件)?");
  // "共收到70件申请", "收到3件政府信息公开申请"
  static const RE2 kReceivedNumberFirst("(?:受理|收到|接收|新收)(?:了)?(?:各类)?\\s*" + kNum +
                                        "\\s*件" + middle(12) + "申请");
  // "上年结转政府信息公开申请1件", "（含上年结转1件）"
  static const RE2 kCarriedOver("上年结转(?:的)?(?:政府信息公开)?(?:申请)?(?:数量)?(?:为|共)?\\s*" +
                                kNum + "\\s*件");
  // "办结12件", "答复政府信息公开申请12件", "办结依申请公开81件", "共办理 718 件";
  // not "答复网民留言56件"
  static const RE2 kResults("(?:办结|答复|办理)(" + middle(20) + "申请(?:公开)?)?"
                            "(?:共计|共|合计|总计)?\\s*" + kNum + "\\s*件");
  // "结转下一年 31 件", "结转至2026年6件", "1件结转下年度继续办理"
  static const RE2 kCarriedForward("结转(?:至|到)?(?:下一年度|下年度|下一年|下年|[0-9]{4}年)"
                                   "(?:继续办理)?(?:的)?\\s*" + kNum + "\\s*件");
  static const RE2 kCarriedForwardNumberFirst(kNum + "\\s*件\\s*结转(?:至|到)?下");
  // "行政复议2件", "行政复议案件2件", "引发的行政复议36起"; Chinese numerals only with 件
  // ("行政诉讼一起纳入" is "together")
  static const RE2 kReview("行政复议(?:案件|申请)?(?:共计|共)?\\s*([0-9０-９]+\\s*(?:件|起)|"
                           "[零〇一二两三四五六七八九十百]+\\s*件)");
  static const RE2 kLitigation("行政诉讼(?:案件)?(?:共计|共)?\\s*([0-9０-９]+\\s*(?:件|起)|"
                               "[零〇一二两三四五六七八九十百]+\\s*件)");
  // "主动公开规范性文件3件", "制发行政规范性文件2件", "本年度制发的规范性文件77件"
  static const RE2 kNormative("(主动公开|制发)(?:的)?(?:行政)?规范性文件(?:共计|共)?\\s*" + kNum +
                              "\\s*(?:件|个|份)");
  // "未收到政府信息公开申请", "无依申请公开申请", "我镇无申请事件"; not "无正当理由大量反复申请"
  static const RE2 kNone("(未收到|没有收到|未受理|无)" + middle(20) + "申请");
  // "无行政复议和行政诉讼。", "未发生因政府信息公开引起的行政复议、行政诉讼，"; the clause must
  // end there: "未发生行政复议被纠错的情况" is about outcomes, not counts.
  static const RE2 kNoReviewOrLitigation(
      "(?:无|未发生|没有发生|没有|未有)(?:因政府信息公开(?:工作)?(?:引起|引发|而引起)?的?)?"
      "(?:被申请)?(行政复议)?(?:和|及|与|、|或)?(?:被)?(?:提起)?(行政诉讼)?"
      "(?:案件|情况|事项)?(?:[，。；,;]|$)");

  auto scan = [&](const RE2& re, auto&& on_match) {
    const int groups = re.NumberOfCapturingGroups() + 1;
    std::vector<re2::StringPiece> match(static_cast<std::size_t>(groups));
    std::size_t pos = 0;
    std::size_t matches = 0;
    while (pos < text.size() && found.size() < kMaxStatements &&
           ++matches <= kMaxMatchesPerPattern &&
           re.Match(text, pos, text.size(), RE2::UNANCHORED, match.data(), groups)) {
      const std::size_t begin = static_cast<std::size_t>(match[0].data() - text.data());
      const std::size_t end = begin + match[0].size();
      on_match(match, begin, end);
      pos = std::max(end, pos + 1);
    }
  };
  auto view = [](re2::StringPiece piece) { return std::string_view(piece.data(), piece.size()); };
  auto number_of = [&](re2::StringPiece piece) {
    std::string_view s = view(piece);
    // The review/litigation groups capture the "件"/"起" and spaces too.
    for (std::string_view unit : {"件", "起"}) {
      if (s.size() >= unit.size() && s.substr(s.size() - unit.size()) == unit) {
        s.remove_suffix(unit.size());
      }
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return parse_stated_number(s);
  };
  auto add = [&](Counterpart c, std::optional<std::int64_t> value, std::size_t begin,
                 std::size_t end) {
    if (value) found.push_back({c, *value, begin, end});
  };

  scan(kReceived, [&](const auto& m, std::size_t b, std::size_t e) {
    if (middle_names_other_procedure(view(m[2]))) return;
    // The total includes last year's carried-over requests when the sentence says so.
    const bool states_carry_over_included = !m[4].empty();
    add(states_carry_over_included ? Counterpart::ReceivedWithCarry : Counterpart::Received,
        number_of(m[3]), b, e);
  });
  scan(kReceivedNumberFirst, [&](const auto& m, std::size_t b, std::size_t e) {
    const std::string_view middle = view(m[2]);
    const bool plain_request = middle.empty() || contains(middle, "公开");
    if (plain_request && !middle_names_other_procedure(middle)) {
      add(Counterpart::Received, number_of(m[1]), b, e);
    }
  });
  scan(kCarriedOver, [&](const auto& m, std::size_t b, std::size_t e) {
    add(Counterpart::CarriedOver, number_of(m[1]), b, e);
  });
  scan(kResults, [&](const auto& m, std::size_t b, std::size_t e) {
    // A bare "办结171件" counts only in a sentence about requests: "受理审批事项117件，办结171件"
    // is about licences.
    const std::string sentence = sentence_around(text, b, e);
    const bool names_requests = !m[1].empty() && !middle_names_other_procedure(view(m[1]));
    const bool sentence_about_requests =
        m[1].empty() && contains(sentence, "申请") && !contains(sentence, "审批");
    if (names_requests || sentence_about_requests) add(Counterpart::Results, number_of(m[3]), b, e);
  });
  scan(kCarriedForward, [&](const auto& m, std::size_t b, std::size_t e) {
    add(Counterpart::CarriedForward, number_of(m[1]), b, e);
  });
  scan(kCarriedForwardNumberFirst, [&](const auto& m, std::size_t b, std::size_t e) {
    add(Counterpart::CarriedForward, number_of(m[1]), b, e);
  });
  scan(kReview, [&](const auto& m, std::size_t b, std::size_t e) {
    add(Counterpart::Review, number_of(m[1]), b, e);
  });
  scan(kLitigation, [&](const auto& m, std::size_t b, std::size_t e) {
    add(Counterpart::Litigation, number_of(m[1]), b, e);
  });
  scan(kNormative, [&](const auto& m, std::size_t b, std::size_t e) {
    const bool says_issued = view(m[1]) == "制发";
    add(says_issued ? Counterpart::NormativeIssued : Counterpart::NormativePublished,
        number_of(m[2]), b, e);
  });
  scan(kNone, [&](const auto& m, std::size_t b, std::size_t e) {
    const std::string_view verb = view(m[1]);
    const std::string_view middle = view(m[2]);
    // Criteria for "no information requests at all", combined below.
    const bool names_disclosure = contains(middle, "公开");
    const bool bare_not_received =
        middle.empty() && (verb == "未收到" || verb == "没有收到" || verb == "无");
    const bool other_procedure = middle_names_other_procedure(middle);
    if ((names_disclosure || bare_not_received) && !other_procedure) {
      add(Counterpart::Received, 0, b, e);
    }
  });
  scan(kNoReviewOrLitigation, [&](const auto& m, std::size_t b, std::size_t e) {
    if (!m[1].empty()) add(Counterpart::Review, 0, b, e);
    if (!m[2].empty()) add(Counterpart::Litigation, 0, b, e);
  });
  return found;
}

}  // namespace

std::vector<Check> check_narrative_numbers(const Report& report) {
  const auto overview = std::find_if(report.sections.begin(), report.sections.end(),
                                     [](const Section& s) { return s.key == "s1_overview"; });
  if (overview == report.sections.end()) return {};
  const Joined joined = join_lines(overview->text);
  const bool v2019 = report.meta.template_version == "v2019";

  std::vector<Statement> statements = find_statements(joined.text);
  // Deterministic order: by counterpart (template order of the cells compared), then text.
  std::stable_sort(statements.begin(), statements.end(),
                   [](const Statement& a, const Statement& b) {
                     if (a.counterpart != b.counterpart) return a.counterpart < b.counterpart;
                     return a.offset < b.offset;
                   });

  std::vector<Check> out;
  for (const Statement& s : statements) {
    const std::vector<std::string> keys = counterpart_keys(s.counterpart, v2019);
    // Only numbers with a table counterpart: none in a pre-2019 or unrecognised report.
    const bool has_counterpart = std::all_of(keys.begin(), keys.end(), [&](const std::string& k) {
      return report.field(k) != nullptr;
    });
    if (!has_counterpart) continue;
    std::string column;
    for (const std::string& key : keys) column += (column.empty() ? "" : "+") + key;
    Equation eq{"W4", "warning", column, "number stated in 一、总体情况 == " + column,
                "一、总体情况 第" + std::to_string(joined.origin[s.offset]) + "字节 \"" +
                    sentence_around(joined.text, s.offset, s.end) + "\"",
                {{"所述", {}, s.value}},
                {{counterpart_label(s.counterpart), keys, {}}},
                "正文与表格不符 / the report's text and its table disagree"};
    out.push_back(assess_equation(report, eq));
  }
  return out;
}

}  // namespace xxgknb::checks
