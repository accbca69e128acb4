// Stage 6, checks: W4 — counts that section 一、总体情况 states in words ("收到政府信息公开申请
// 12件") compared with their cells in tables 二/三/四.
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checks/rules.h"
#include "templates/spec.h"

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
  if (text.empty()) return std::nullopt;
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
  Granted,             // t3.results.granted.total
  GrantedOrPartial,    // t3.results.granted.total + t3.results.partial.total
  Partial,             // t3.results.partial.total
  Denied,              // the eight rows of （三）不予公开
  Unable,              // the three rows of （四）无法提供
  NotProcessed,        // the five rows of （五）不予处理
  OtherHandling,       // the rows of （六）其他处理
  Results,             // t3.results.total.total
  CarriedForward,      // t3.carried_forward.total
  Review,              // t4.review.total
  Litigation,          // t4.litigation.direct.total + t4.litigation.after_review.total
};

// A stated count and the cells it may mean, most likely first: "共受理…申请749件" is the new
// requests, or the new and carried-over ones together; the statement agrees with the table
// when one reading does.
struct Statement {
  std::vector<Counterpart> readings;
  std::int64_t value;
  std::size_t offset;   // byte offset of the match in the section text
  std::size_t end;
};

// The cells of table 三 in one （一）…（六） block, column 总计.
std::vector<std::string> t3_group_keys(const Report& report, std::string_view group) {
  const TemplateSpec& spec = t3_template(report);
  std::vector<std::string> keys;
  for (const RowSpec* row : rows_in_group(*spec.t3, group)) {
    keys.push_back(std::string("t3.") + row->key + ".total");
  }
  return keys;
}

std::vector<std::string> counterpart_keys(Counterpart c, const Report& report) {
  const bool v2019 = report.meta.template_version == "v2019";
  switch (c) {
    case Counterpart::NormativeIssued:
      return {v2019 ? "t2v19.normative_docs.new_made" : "t2.normative_docs.issued"};
    case Counterpart::NormativePublished:
      return {v2019 ? "t2v19.normative_docs.new_published" : "t2.normative_docs.issued"};
    case Counterpart::Received: return {"t3.new_received.total"};
    case Counterpart::ReceivedWithCarry: return {"t3.new_received.total", "t3.carried_over.total"};
    case Counterpart::CarriedOver: return {"t3.carried_over.total"};
    case Counterpart::Granted: return {"t3.results.granted.total"};
    case Counterpart::GrantedOrPartial:
      return {"t3.results.granted.total", "t3.results.partial.total"};
    case Counterpart::Partial: return {"t3.results.partial.total"};
    case Counterpart::Denied: return t3_group_keys(report, "denied");
    case Counterpart::Unable: return t3_group_keys(report, "unable");
    case Counterpart::NotProcessed: return t3_group_keys(report, "not_processed");
    case Counterpart::OtherHandling: return t3_group_keys(report, "other");
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
    case Counterpart::Granted: return "表三 （一）予以公开 总计";
    case Counterpart::GrantedOrPartial: return "表三 （一）予以公开+（二）部分公开 总计";
    case Counterpart::Partial: return "表三 （二）部分公开 总计";
    case Counterpart::Denied: return "表三 （三）不予公开 总计";
    case Counterpart::Unable: return "表三 （四）无法提供 总计";
    case Counterpart::NotProcessed: return "表三 （五）不予处理 总计";
    case Counterpart::OtherHandling: return "表三 （六）其他处理 总计";
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

// Up to `n` characters short of a clause break or a digit: "政府信息公开", "依申请公开"; a year
// is words, not a count ("2024年度政府信息公开"), while "第3季度" stops the match. The pattern
// leaves the count open (`*?`) and `Middle` bounds it after the match: a counted repeat of a
// UTF-8 class compiles to `n` copies of the class, which made these patterns most of a
// process's start. The lazy repeat finds the shortest middle at the leftmost start, so a match
// whose middle is over `n` means no match with a shorter one starts there either.
const std::string kMiddle = "((?:[^，。；;,0-9０-９]|(?:19|20)[0-9]{2}\\s*年度?)*?)";

// Which group of a pattern is its middle, and how many characters it may hold.
struct Middle {
  int group = 0;   // 0: the pattern has none
  std::size_t max_units = 0;
};

// The repetitions the middle pattern needs for `middle`: one per character, and one per year
// ("2024年度" is one), as the shortest reading of the repeat counts them.
std::size_t middle_units(std::string_view middle) {
  auto digit = [&](std::size_t i) { return i < middle.size() && middle[i] >= '0' && middle[i] <= '9'; };
  std::size_t units = 0;
  std::size_t i = 0;
  while (i < middle.size()) {
    ++units;
    if ((middle.compare(i, 2, "19") == 0 || middle.compare(i, 2, "20") == 0) && digit(i + 2) &&
        digit(i + 3)) {
      std::size_t j = i + 4;
      while (j < middle.size() && (middle[j] == ' ' || middle[j] == '\t' || middle[j] == '\n' ||
                                   middle[j] == '\r' || middle[j] == '\f')) {
        ++j;
      }
      if (middle.compare(j, std::string_view("年").size(), "年") == 0) {
        j += std::string_view("年").size();
        if (middle.compare(j, std::string_view("度").size(), "度") == 0) j += std::string_view("度").size();
        i = j;
        continue;
      }
    }
    // One UTF-8 character: its lead byte and continuation bytes.
    ++i;
    while (i < middle.size() && (static_cast<unsigned char>(middle[i]) & 0xC0) == 0x80) ++i;
  }
  return units;
}

// Words naming one kind of result in front of a count: "同意公开答复 9 件" is the 予以公开
// row, not the results total.
constexpr std::string_view kResultKindWords[] = {"同意公开", "予以公开", "全部公开", "部分公开",
                                                 "不予公开", "无法提供", "不予处理", "其他处理"};

bool ends_with_result_kind(std::string_view before) {
  return std::any_of(std::begin(kResultKindWords), std::end(kResultKindWords),
                     [&](std::string_view word) {
                       return before.size() >= word.size() &&
                              before.substr(before.size() - word.size()) == word;
                     });
}

// The row of table 三 a result kind names: "予以公开及部分公开42件" is both rows together.
Counterpart result_kind(std::string_view kind) {
  if (contains(kind, "部分公开") && (contains(kind, "予以") || contains(kind, "全部"))) {
    return Counterpart::GrantedOrPartial;
  }
  if (kind == "部分公开") return Counterpart::Partial;
  if (kind == "不予公开") return Counterpart::Denied;
  if (kind == "无法提供") return Counterpart::Unable;
  if (kind == "不予处理") return Counterpart::NotProcessed;
  if (kind == "其他处理") return Counterpart::OtherHandling;
  return Counterpart::Granted;   // "同意公开", "予以公开", "全部公开"
}

// A pattern compiled on its first use, and tried only on text that holds one of `words`:
// every match of the pattern holds one of them, so text without any cannot match and the
// pattern is not compiled at all. Compiling these patterns is most of a process's start
// (their counted repeats of UTF-8 classes are large programs), and most texts need few.
class LazyPattern {
 public:
  LazyPattern(std::string pattern, std::initializer_list<std::string_view> words,
              Middle middle = {})
      : pattern_(std::move(pattern)), words_(words), middle_(middle) {}

  const Middle& middle() const { return middle_; }

  // The compiled pattern, or nullptr when `text` cannot match it.
  const RE2* for_text(std::string_view text) const {
    const bool may_match = std::any_of(words_.begin(), words_.end(), [&](std::string_view w) {
      return text.find(w) != std::string_view::npos;
    });
    if (!may_match) return nullptr;
    std::call_once(once_, [this] { re_ = std::make_unique<RE2>(pattern_); });
    return re_.get();
  }

 private:
  std::string pattern_;
  std::vector<std::string_view> words_;
  Middle middle_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<RE2> re_;
};

// Finds every stated count in `text` (line breaks already removed).
std::vector<Statement> find_statements(std::string_view text) {
  std::vector<Statement> found;
  // "共受理政府信息公开申请12件（含上年结转1件）", "接收…各类政府信息公开申请共计81件"
  static const LazyPattern kReceived("(受理|收到|接收|新收)" + kMiddle + "申请(?:数量|总数)?"
                             "(?:为|共计|共|合计|总计|达)?\\s*" + kNum + "\\s*件"
                             "(\\s*[（(]\\s*(?:其中)?含?上年结转\\s*" + kNum + "\\s*件)?",
      {"受理", "收到", "接收", "新收"}, Middle{2, 30});
  // "共收到70件申请", "收到3件政府信息公开申请"
  static const LazyPattern kReceivedNumberFirst("(受理|收到|接收|新收)(?:了)?(?:各类)?\\s*" + kNum +
                                        "\\s*件" + kMiddle + "申请",
      {"受理", "收到", "接收", "新收"}, Middle{3, 12});
  // "上年结转政府信息公开申请1件", "（含上年结转1件）"
  static const LazyPattern kCarriedOver("上年结转(?:的)?(?:政府信息公开)?(?:申请)?(?:数量)?(?:为|共)?\\s*" +
                                kNum + "\\s*件",
      {"上年结转"});
  // "办结12件", "答复政府信息公开申请12件", "办结依申请公开81件", "共办理 718 件";
  // not "答复网民留言56件"
  static const LazyPattern kResults("(办结|答复|办理)(" + kMiddle + "申请(?:公开)?)?"
                            "(?:共计|共|合计|总计)?\\s*" + kNum + "\\s*件",
      {"办结", "答复", "办理"}, Middle{3, 20});
  // "予以公开及部分公开42件", "同意公开答复 9 件", "不予公开5件", "无法提供的 10 件",
  // "属信访、重复申请等不予处理 80 件", "其他处理 14 件"
  static const LazyPattern kResultKind("(予以公开(?:及|和|与|、)部分公开|全部公开(?:及|和|与|、)部分公开|"
                               "同意公开|予以公开|全部公开|部分公开|不予公开|无法提供|不予处理|"
                               "其他处理)(?:答复|决定)?(?:的)?(?:共计|共|为|有)?\\s*" +
                               kNum + "\\s*件",
      {"同意公开", "予以公开", "全部公开", "部分公开", "不予公开", "无法提供", "不予处理",
                                   "其他处理"});
  // "结转下一年 31 件", "结转至2026年6件", "1件结转下年度继续办理"
  static const LazyPattern kCarriedForward("结转(?:至|到)?(?:下一年度|下年度|下一年|下年|[0-9]{4}年)"
                                   "(?:继续办理)?(?:的)?\\s*" + kNum + "\\s*件",
      {"结转"});
  static const LazyPattern kCarriedForwardNumberFirst(kNum + "\\s*件\\s*结转(?:至|到)?下",
      {"结转"});
  // "行政复议2件", "行政复议案件2件", "引发的行政复议36起"; Chinese numerals only with 件
  // ("行政诉讼一起纳入" is "together"); not "行政复议决定书2份"
  static const LazyPattern kReview("行政复议(?:案件|申请)?(?:共计|共)?\\s*([0-9０-９]+\\s*(?:件|起)|"
                           "[零〇一二两三四五六七八九十百]+\\s*件)",
      {"行政复议"});
  static const LazyPattern kLitigation("行政诉讼(?:案件)?(?:共计|共)?\\s*([0-9０-９]+\\s*(?:件|起)|"
                               "[零〇一二两三四五六七八九十百]+\\s*件)",
      {"行政诉讼"});
  // "主动公开规范性文件3件", "制发行政规范性文件2件", "本年度制发的规范性文件77件"
  static const LazyPattern kNormative("(主动公开|制发)(?:的)?(?:行政)?规范性文件(?:共计|共)?\\s*" + kNum +
                              "\\s*(?:件|个|份)",
      {"规范性文件"});
  // "未收到政府信息公开申请", "无依申请公开申请", "我镇无申请事件"; not "无正当理由大量反复申请"
  static const LazyPattern kNone("(未收到|没有收到|未受理|无)" + kMiddle + "申请",
      {"申请"}, Middle{2, 20});
  // "无行政复议和行政诉讼。", "未发生因政府信息公开引起的行政复议、行政诉讼，"; the clause must
  // end there: "未发生行政复议被纠错的情况" is about outcomes, not counts.
  static const LazyPattern kNoReviewOrLitigation(
      "(?:无|未发生|没有发生|没有|未有)(?:因政府信息公开(?:工作)?(?:引起|引发|而引起)?的?)?"
      "(?:被申请)?(行政复议)?(?:和|及|与|、|或)?(?:被)?(?:提起)?(行政诉讼)?"
      "(?:案件|情况|事项)?(?:[，。；,;]|$)",
      {"无", "未发生", "没有", "未有"});

  auto scan = [&](const LazyPattern& pattern, auto&& on_match) {
    const RE2* compiled = pattern.for_text(text);
    if (compiled == nullptr) return;
    const RE2& re = *compiled;
    const int groups = re.NumberOfCapturingGroups() + 1;
    std::vector<re2::StringPiece> match(static_cast<std::size_t>(groups));
    std::size_t pos = 0;
    std::size_t matches = 0;
    while (pos < text.size() && found.size() < kMaxStatements &&
           ++matches <= kMaxMatchesPerPattern &&
           re.Match(text, pos, text.size(), RE2::UNANCHORED, match.data(), groups)) {
      const std::size_t begin = static_cast<std::size_t>(match[0].data() - text.data());
      const std::size_t end = begin + match[0].size();
      const Middle& bound = pattern.middle();
      const re2::StringPiece middle = bound.group > 0 ? match[static_cast<std::size_t>(bound.group)]
                                                      : re2::StringPiece();
      if (bound.group > 0 &&
          middle_units(std::string_view(middle.data(), middle.size())) > bound.max_units) {
        pos = begin + 1;   // no match with a shorter middle starts at `begin`
        continue;
      }
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
  auto add = [&](std::vector<Counterpart> readings, std::optional<std::int64_t> value,
                 std::size_t begin, std::size_t end) {
    if (value) found.push_back({std::move(readings), *value, begin, end});
  };
  // What "受理…N件" may count. Criteria: the sentence says the carried-over requests are in
  // it ("（含上年结转1件）"): only that; "受理" (taken in hand) is read either way: reports
  // write "共受理 749 件" for 新收 713 + 上年结转 36; "收到"/"接收"/"新收" are the new ones.
  auto received_readings = [](std::string_view verb, bool states_carry_over_included) {
    if (states_carry_over_included) return std::vector<Counterpart>{Counterpart::ReceivedWithCarry};
    if (verb == "受理") return std::vector<Counterpart>{Counterpart::Received,
                                                       Counterpart::ReceivedWithCarry};
    return std::vector<Counterpart>{Counterpart::Received};
  };

  scan(kReceived, [&](const auto& m, std::size_t b, std::size_t e) {
    if (middle_names_other_procedure(view(m[2]))) return;
    add(received_readings(view(m[1]), !m[4].empty()), number_of(m[3]), b, e);
  });
  scan(kReceivedNumberFirst, [&](const auto& m, std::size_t b, std::size_t e) {
    const std::string_view middle = view(m[3]);
    const bool plain_request = middle.empty() || contains(middle, "公开");
    if (plain_request && !middle_names_other_procedure(middle)) {
      add(received_readings(view(m[1]), false), number_of(m[2]), b, e);
    }
  });
  scan(kCarriedOver, [&](const auto& m, std::size_t b, std::size_t e) {
    add({Counterpart::CarriedOver}, number_of(m[1]), b, e);
  });
  scan(kResults, [&](const auto& m, std::size_t b, std::size_t e) {
    // A bare "办结171件" counts only in a sentence about requests: "受理审批事项117件，办结171件"
    // is about licences.
    const std::string sentence = sentence_around(text, b, e);
    const bool names_requests = !m[2].empty() && !middle_names_other_procedure(view(m[2]));
    const bool sentence_about_requests =
        m[2].empty() && contains(sentence, "申请") && !contains(sentence, "审批");
    // "同意公开答复 9 件": one row's count, read by kResultKind.
    const bool names_one_result_kind = ends_with_result_kind(text.substr(0, b));
    if (!(names_requests || sentence_about_requests) || names_one_result_kind) return;
    // "办结"/"答复" count what was concluded; "办理" (handled) is read as concluded, or as
    // the requests taken in hand ("全年办理政府信息公开申请218件" = 新收 218).
    std::vector<Counterpart> readings = {Counterpart::Results};
    if (view(m[1]) == "办理") {
      readings.push_back(Counterpart::Received);
      readings.push_back(Counterpart::ReceivedWithCarry);
    }
    add(std::move(readings), number_of(m[4]), b, e);
  });
  scan(kResultKind, [&](const auto& m, std::size_t b, std::size_t e) {
    // Only in a sentence about requests: "予以公开" also describes proactive publication.
    const std::string sentence = sentence_around(text, b, e);
    const bool sentence_about_requests =
        contains(sentence, "申请") || contains(sentence, "办结") || contains(sentence, "答复");
    if (sentence_about_requests) add({result_kind(view(m[1]))}, number_of(m[2]), b, e);
  });
  scan(kCarriedForward, [&](const auto& m, std::size_t b, std::size_t e) {
    add({Counterpart::CarriedForward}, number_of(m[1]), b, e);
  });
  scan(kCarriedForwardNumberFirst, [&](const auto& m, std::size_t b, std::size_t e) {
    add({Counterpart::CarriedForward}, number_of(m[1]), b, e);
  });
  scan(kReview, [&](const auto& m, std::size_t b, std::size_t e) {
    add({Counterpart::Review}, number_of(m[1]), b, e);
  });
  scan(kLitigation, [&](const auto& m, std::size_t b, std::size_t e) {
    add({Counterpart::Litigation}, number_of(m[1]), b, e);
  });
  scan(kNormative, [&](const auto& m, std::size_t b, std::size_t e) {
    const bool says_issued = view(m[1]) == "制发";
    add({says_issued ? Counterpart::NormativeIssued : Counterpart::NormativePublished},
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
      add({Counterpart::Received}, 0, b, e);
    }
  });
  scan(kNoReviewOrLitigation, [&](const auto& m, std::size_t b, std::size_t e) {
    if (!m[1].empty()) add({Counterpart::Review}, 0, b, e);
    if (!m[2].empty()) add({Counterpart::Litigation}, 0, b, e);
  });
  return found;
}

std::string joined_keys(const std::vector<std::string>& keys) {
  std::string column;
  for (const std::string& key : keys) column += (column.empty() ? "" : "+") + key;
  return column;
}

// One statement against every reading it has a table counterpart for: it passes when one
// reading agrees (the message names it), fails when none does, and is blamed on the report
// only when every cell compared was read cleanly.
std::optional<Check> assess_statement(const Report& report, const Joined& joined,
                                      const Statement& s) {
  struct Assessed {
    Counterpart reading;
    std::vector<std::string> keys;
    Check check;
  };
  const std::string scope = "一、总体情况 第" + std::to_string(joined.origin[s.offset]) + "字节 \"" +
                            sentence_around(joined.text, s.offset, s.end) + "\"";
  std::vector<Assessed> assessed;
  for (Counterpart reading : s.readings) {
    std::vector<std::string> keys = counterpart_keys(reading, report);
    // Only readings with a table counterpart: none in a pre-2019 or unrecognised report.
    const bool has_counterpart =
        !keys.empty() && std::all_of(keys.begin(), keys.end(), [&](const std::string& k) {
          return report.field(k) != nullptr;
        });
    if (!has_counterpart) continue;
    const std::string column = joined_keys(keys);
    Equation eq{"W4", Severity::Warning, column, "number stated in 一、总体情况 == " + column, scope,
                {{"所述", {}, s.value}},
                {{counterpart_label(reading), keys, {}}},
                "正文与表格不符 / the report's text and its table disagree"};
    Check check = assess_equation(report, eq);
    assessed.push_back({reading, std::move(keys), std::move(check)});
  }
  if (assessed.empty()) return std::nullopt;
  if (assessed.size() == 1) return std::move(assessed.front().check);

  auto others = [&](const Assessed& chosen) {
    std::string out;
    for (const Assessed& a : assessed) {
      if (&a == &chosen) continue;
      out += std::string(out.empty() ? "" : "; ") + counterpart_label(a.reading) + " " +
             (a.check.rhs ? a.check.rhs->to_string() : std::string(status_name(a.check.status)));
    }
    return out;
  };
  for (const Assessed& a : assessed) {
    if (a.check.status != CheckStatus::Pass) continue;
    Check check = a.check;
    check.message += " (读作 / read as " + std::string(counterpart_label(a.reading)) +
                     "; 其他读法 / other readings: " + others(a) + ")";
    return check;
  }
  const auto first_assessable = std::find_if(assessed.begin(), assessed.end(), [](const Assessed& a) {
    return a.check.status == CheckStatus::Fail;
  });
  if (first_assessable == assessed.end()) return std::move(assessed.front().check);

  // No reading agrees. Every cell of every reading tried is named, so that each is looked at.
  Check check = first_assessable->check;
  std::vector<std::string> fields;
  for (const Assessed& a : assessed) {
    for (const std::string& key : a.keys) {
      if (std::find(fields.begin(), fields.end(), key) == fields.end()) fields.push_back(key);
    }
  }
  const bool all_clean = std::all_of(fields.begin(), fields.end(), [&](const std::string& key) {
    const Field* f = report.field(key);
    return f != nullptr && read_cleanly(*f);
  });
  check.fields = fields;
  check.blame = all_clean ? Blame::Report : Blame::Extraction;
  check.message = scope + ": 所述 " + std::to_string(s.value) + ", 但 " +
                  counterpart_label(first_assessable->reading) + " " +
                  (first_assessable->check.rhs ? first_assessable->check.rhs->to_string() : "") + "; " +
                  others(*first_assessable) +
                  (all_clean ? " (正文与表格不符 / the report's text and its table disagree, "
                               "whichever way it is read)"
                             : " (读取存疑 / check our reading of the cells compared)");
  return check;
}

}  // namespace

std::vector<Check> check_narrative_numbers(const Report& report) {
  const auto overview = std::find_if(report.sections.begin(), report.sections.end(),
                                     [](const Section& s) { return s.key == "s1_overview"; });
  if (overview == report.sections.end()) return {};
  const Joined joined = join_lines(overview->text);

  std::vector<Statement> statements = find_statements(joined.text);
  // Deterministic order: by the likeliest reading (template order of the cells compared),
  // then text.
  std::stable_sort(statements.begin(), statements.end(),
                   [](const Statement& a, const Statement& b) {
                     if (a.readings.front() != b.readings.front()) {
                       return a.readings.front() < b.readings.front();
                     }
                     return a.offset < b.offset;
                   });

  std::vector<Check> out;
  for (const Statement& s : statements) {
    if (std::optional<Check> check = assess_statement(report, joined, s)) {
      out.push_back(std::move(*check));
    }
  }
  return out;
}

}  // namespace xxgknb::checks
