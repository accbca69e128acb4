// Stage 5, prose: numbers stated in the section texts with their subject and unit word, as
// prose.* facts with the sentence and the place they came from (prose.h). Section text is
// untrusted: every pattern is tried on text that holds one of its words only, bounds its
// free-text stretches in code after the match, and stops after a fixed number of matches.
#include "prose/prose.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/utf8.h"

namespace xxgknb {
namespace {

// A sentence judged for its subject is cut to this many bytes, as rule W4 quotes it.
constexpr std::size_t kMaxQuote = 240;
// Bytes searched either side of a match for the sentence around it.
constexpr std::size_t kSentenceWindow = 600;
// Matches of one pattern looked at in one section, kept or not.
constexpr std::size_t kMaxMatchesPerPattern = 1024;
// A count in words is at most this many digits ("999999999999999").
constexpr std::size_t kMaxCountDigits = 15;

// How sure a fact is: prose is less sure than a table cell (0.99 read cleanly). A count
// whose verb reads two ways ("受理" new requests, or new and carried over), one in Chinese
// numerals, or a zero read from a statement of none is less sure still.
constexpr double kStatedConfidence = 0.8;
constexpr double kAmbiguousPenalty = 0.2;
constexpr double kNumeralPenalty = 0.1;
constexpr double kNoneConfidence = 0.7;

bool contains(std::string_view text, std::string_view word) {
  return text.find(word) != std::string_view::npos;
}

bool contains_any(std::string_view text, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return contains(text, w); });
}

bool ends_with(std::string_view text, std::string_view word) {
  return text.size() >= word.size() && text.substr(text.size() - word.size()) == word;
}

std::optional<std::int64_t> parse_ascii_count(std::string_view digits) {
  if (digits.empty() || digits.size() > kMaxCountDigits) return std::nullopt;
  std::int64_t value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// A stated number: its value, and whether it was written in Chinese numerals.
struct Stated {
  Decimal value;
  bool numeral = false;
};

// "12", "１２", "十二", "一百零五" → the number; nullopt for anything else.
std::optional<Stated> parse_stated_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (auto n = parse_ascii_count(text)) return Stated{Decimal::from_int(*n), false};
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
  if (!ascii.empty()) {
    if (auto n = parse_ascii_count(ascii)) return Stated{Decimal::from_int(*n), false};
    return std::nullopt;
  }

  struct Numeral {
    std::string_view text;
    int digit;   // 0…9, or -1 for a unit
    int unit;    // 10, 100 for a unit
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
    if (total > 999'999) return std::nullopt;   // "十十十…" is no count either
  }
  if (digit > 0) total += digit;
  return Stated{Decimal::from_int(total), true};
}

// "1.5", "300" for an amount of money: ASCII digits with an optional fraction.
std::optional<Stated> parse_amount(std::string_view text) {
  std::optional<Decimal> d = Decimal::parse(text);
  if (!d || d->negative()) return std::nullopt;
  return Stated{*d, false};
}

// The bounds [from, to) of the sentence around [begin, end) of `text`: from the previous
// "。！？\n" to the next ("；" joins clauses of one sentence: "共受理…申请749件；共办理718件").
// Only kSentenceWindow bytes either side are searched, so that many matches in a long text
// without stops cost linear time.
std::pair<std::size_t, std::size_t> sentence_bounds(std::string_view text, std::size_t begin,
                                                    std::size_t end) {
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
  while (from < to && utf8_continuation(text, from)) ++from;
  while (to > from && utf8_continuation(text, to)) --to;
  return {from, to};
}

// The sentence a subject is judged by, cut as W4 quotes it.
std::string sentence_around(std::string_view text, std::size_t begin, std::size_t end) {
  const auto [from, to] = sentence_bounds(text, begin, end);
  return clip_utf8(text.substr(from, to - from), kMaxQuote);
}

// The middle of an application statement ("收到<middle>申请") must not be about review,
// litigation, petitions or licences: "受理行政复议申请2件" is no information request.
bool middle_names_other_procedure(std::string_view middle) {
  return contains_any(middle, {"复议", "诉讼", "信访", "许可", "审批"});
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
// An amount of money: "300", "1.5".
const std::string kAmount = "([0-9]+(?:\\.[0-9]+)?)";
const std::string kTotalWord = "(?:共计|共|合计|总计|累计|达)?";

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
    while (utf8_continuation(middle, i)) ++i;
  }
  return units;
}

// Words naming one kind of result in front of a count: "同意公开答复 9 件" is the 予以公开
// row, not the results total.
constexpr std::string_view kResultKindWords[] = {"同意公开", "予以公开", "全部公开", "部分公开",
                                                 "不予公开", "无法提供", "不予处理", "其他处理"};

bool ends_with_result_kind(std::string_view before) {
  return std::any_of(std::begin(kResultKindWords), std::end(kResultKindWords),
                     [&](std::string_view word) { return ends_with(before, word); });
}

// The key of a result kind: "予以公开及部分公开42件" is both rows together.
const char* result_kind_key(std::string_view kind) {
  if (contains(kind, "部分公开") && (contains(kind, "予以") || contains(kind, "全部"))) {
    return "prose.replies.granted_partial";
  }
  if (kind == "部分公开") return "prose.replies.partial";
  if (kind == "不予公开") return "prose.replies.denied";
  if (kind == "无法提供") return "prose.replies.unable";
  if (kind == "不予处理") return "prose.replies.not_processed";
  if (kind == "其他处理") return "prose.replies.other";
  return "prose.replies.granted";   // "同意公开", "予以公开", "全部公开"
}

// Where a release is said to be published: "政府网站发布信息120条" → website.
struct Channel {
  std::string_view word;
  const char* key;
};
constexpr Channel kChannels[] = {
    {"门户网站", "prose.proactive.website"},   {"政府网站", "prose.proactive.website"},
    {"网站", "prose.proactive.website"},       {"政务新媒体", "prose.proactive.new_media"},
    {"新媒体", "prose.proactive.new_media"},   {"微信公众号", "prose.proactive.new_media"},
    {"微信", "prose.proactive.new_media"},     {"政务微博", "prose.proactive.new_media"},
    {"微博", "prose.proactive.new_media"},     {"政府公报", "prose.proactive.gazette"},
    {"公报", "prose.proactive.gazette"}};

const char* channel_key(std::string_view word) {
  for (const Channel& c : kChannels) {
    if (word == c.word) return c.key;
  }
  return nullptr;
}

bool names_channel(std::string_view text) {
  return std::any_of(std::begin(kChannels), std::end(kChannels),
                     [&](const Channel& c) { return contains(text, c.word); });
}

// The clause in front of byte `begin` of `text`: back to the previous "，。；：" (at most
// kSentenceWindow bytes), where its subject is named.
std::string_view clause_before(std::string_view text, std::size_t begin) {
  static constexpr std::string_view kBreaks[] = {"，", "。", "；", "：", ",", ";", ":"};
  const std::size_t window_begin = begin > kSentenceWindow ? begin - kSentenceWindow : 0;
  std::size_t from = window_begin;
  const std::string_view window = text.substr(window_begin, begin - window_begin);
  for (std::string_view stop : kBreaks) {
    const std::size_t at = window.rfind(stop);
    if (at != std::string_view::npos) from = std::max(from, window_begin + at + stop.size());
  }
  while (from < begin && utf8_continuation(text, from)) ++from;
  return text.substr(from, begin - from);
}

// A release counted by the units under the issuer, not by the issuer: "县直各单位主动公开政府信息
// 2475条", "各乡镇主动公开政府信息1503条", "督促县直部门…发布信息3044条".
bool names_subordinate_units(std::string_view clause) {
  return contains_any(clause, {"各单位", "各乡镇", "各部门", "各街道", "各镇", "各县", "县直", "区直",
                               "市直", "所属"});
}

// A pattern compiled on its first use, and tried only on text that holds one of `words`:
// every match of the pattern holds one of them, so text without any cannot match and the
// pattern is not compiled at all. Compiling these patterns is most of their cost, and most
// texts need few.
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

using Match = std::vector<re2::StringPiece>;

std::string_view view(re2::StringPiece piece) { return std::string_view(piece.data(), piece.size()); }

// The facts of one section, read from its joined text.
class SectionReader {
 public:
  SectionReader(const Section& section, const Deadline& deadline, std::size_t room)
      : section_(section), joined_(join_lines(section.text)), deadline_(deadline),
        room_(std::min(room, kMaxFactsPerSection)) {}

  std::vector<ProseFact> read() {
    read_requests();
    read_releases();
    read_other_counts();
    return std::move(found_);
  }
  bool full() const { return left_out_; }

 private:
  const std::string& text() const { return joined_.text; }

  bool stop() const { return found_.size() >= room_ || deadline_.expired(); }

  // Every match of `pattern` in the joined text, leftmost first, each handed to `on_match`
  // with its [begin, end).
  template <class OnMatch>
  void scan(const LazyPattern& pattern, OnMatch&& on_match) {
    if (deadline_.expired()) return;
    const RE2* compiled = pattern.for_text(text());
    if (compiled == nullptr) return;
    const RE2& re = *compiled;
    const int groups = re.NumberOfCapturingGroups() + 1;
    Match match(static_cast<std::size_t>(groups));
    const std::string_view t = text();
    std::size_t pos = 0;
    std::size_t matches = 0;
    while (pos < t.size() && ++matches <= kMaxMatchesPerPattern &&
           re.Match(t, pos, t.size(), RE2::UNANCHORED, match.data(), groups)) {
      if (stop()) {
        // A statement past the room left is not read: say so once, for the whole document.
        left_out_ = left_out_ || found_.size() >= room_;
        return;
      }
      const std::size_t begin = static_cast<std::size_t>(match[0].data() - t.data());
      const std::size_t end = begin + match[0].size();
      const Middle& bound = pattern.middle();
      const re2::StringPiece middle = bound.group > 0 ? match[static_cast<std::size_t>(bound.group)]
                                                      : re2::StringPiece();
      if (bound.group > 0 && middle_units(view(middle)) > bound.max_units) {
        pos = begin + 1;   // no match with a shorter middle starts at `begin`
        continue;
      }
      on_match(match, begin, end);
      pos = std::max(end, pos + 1);
    }
  }

  // The number of a count group: the review/litigation groups capture "件"/"起" and spaces too.
  static std::optional<Stated> number_of(re2::StringPiece piece) {
    std::string_view s = view(piece);
    for (std::string_view unit : {"件", "起"}) {
      if (ends_with(s, unit)) s.remove_suffix(unit.size());
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return parse_stated_number(s);
  }

  // The unit word of a count group ("2件", "36起") or of the text after it.
  static std::string unit_in(re2::StringPiece piece, std::string_view fallback) {
    for (std::string_view unit : {"件", "起"}) {
      if (ends_with(view(piece), unit)) return std::string(unit);
    }
    return std::string(fallback);
  }

  // A fact from [begin, end) of the joined text. `flags` may name "stated_none" or
  // "ambiguous_reading"; "chinese_numeral" is added from the number.
  void add(const char* key, std::optional<Stated> value, std::string unit, std::size_t begin,
           std::size_t end, std::vector<std::string> flags = {}) {
    if (!value || begin >= end) return;
    ProseFact fact;
    fact.key = key;
    fact.value = value->value;
    fact.unit = std::move(unit);
    const std::size_t raw_begin = joined_.origin[begin];
    const std::size_t raw_end = joined_.origin[end - 1] + 1;
    fact.raw = section_.text.substr(raw_begin, raw_end - raw_begin);
    const auto [from, to] = sentence_bounds(text(), begin, end);
    if (to > from) {
      const std::size_t s_begin = joined_.origin[from];
      const std::size_t s_end = joined_.origin[to - 1] + 1;
      fact.sentence = section_.text.substr(s_begin, s_end - s_begin);
    }
    fact.section = section_.key;
    fact.source.offset = static_cast<std::int64_t>(raw_begin);
    fact.source.length = static_cast<std::int64_t>(raw_end - raw_begin);
    if (value->numeral) flags.emplace_back("chinese_numeral");
    const bool none = std::find(flags.begin(), flags.end(), "stated_none") != flags.end();
    const bool ambiguous = std::find(flags.begin(), flags.end(), "ambiguous_reading") != flags.end();
    fact.confidence = none ? kNoneConfidence
                           : kStatedConfidence - (ambiguous ? kAmbiguousPenalty : 0.0) -
                                 (value->numeral ? kNumeralPenalty : 0.0);
    fact.flags = std::move(flags);
    found_.push_back(std::move(fact));
  }

  // Does [begin, end) overlap a fact found already whose key starts with `prefix`?
  bool overlaps(std::size_t begin, std::size_t end, std::string_view prefix) const {
    const std::size_t raw_begin = joined_.origin[begin];
    const std::size_t raw_end = joined_.origin[end - 1] + 1;
    return std::any_of(found_.begin(), found_.end(), [&](const ProseFact& f) {
      const auto f_begin = static_cast<std::size_t>(f.source.offset);
      const auto f_end = f_begin + static_cast<std::size_t>(f.source.length);
      return f.key.compare(0, prefix.size(), prefix) == 0 && raw_begin < f_end && f_begin < raw_end;
    });
  }

  // Requests, their outcomes, review and litigation, normative documents: the counts tables
  // 二/三/四 hold too, read first so that rule W4 gets the same statements in any section.
  void read_requests();
  // Information published proactively, in all and by channel.
  void read_releases();
  // Press conferences, policy interpretations, complaints, fees, training.
  void read_other_counts();

  const Section& section_;
  Joined joined_;
  const Deadline& deadline_;
  std::size_t room_;
  std::vector<ProseFact> found_;
  bool left_out_ = false;
};

void SectionReader::read_requests() {
  const std::string_view t = text();
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
                              "\\s*(件|个|份)",
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

  // What "受理…N件" counts. Criteria: the sentence says the carried-over requests are in it
  // ("（含上年结转1件）"): all requests; "受理" (taken in hand) reads either way: reports write
  // "共受理 749 件" for 新收 713 + 上年结转 36; "收到"/"接收"/"新收" are the new ones.
  auto add_received = [&](std::string_view verb, bool states_carry_over_included,
                          std::optional<Stated> value, std::size_t b, std::size_t e) {
    if (states_carry_over_included) return add("prose.requests.total", value, "件", b, e);
    if (verb == "受理") {
      return add("prose.requests.accepted", value, "件", b, e, {"ambiguous_reading"});
    }
    add("prose.requests.received", value, "件", b, e);
  };

  scan(kReceived, [&](const Match& m, std::size_t b, std::size_t e) {
    if (middle_names_other_procedure(view(m[2]))) return;
    add_received(view(m[1]), !m[4].empty(), number_of(m[3]), b, e);
  });
  scan(kReceivedNumberFirst, [&](const Match& m, std::size_t b, std::size_t e) {
    const std::string_view middle = view(m[3]);
    const bool plain_request = middle.empty() || contains(middle, "公开");
    if (plain_request && !middle_names_other_procedure(middle)) {
      add_received(view(m[1]), false, number_of(m[2]), b, e);
    }
  });
  scan(kCarriedOver, [&](const Match& m, std::size_t b, std::size_t e) {
    add("prose.requests.carried_over", number_of(m[1]), "件", b, e);
  });
  scan(kResults, [&](const Match& m, std::size_t b, std::size_t e) {
    // A bare "办结171件" counts only in a sentence about requests: "受理审批事项117件，办结171件"
    // is about licences.
    const std::string sentence = sentence_around(t, b, e);
    const bool names_requests = !m[2].empty() && !middle_names_other_procedure(view(m[2]));
    const bool sentence_about_requests =
        m[2].empty() && contains(sentence, "申请") && !contains(sentence, "审批");
    // "同意公开答复 9 件": one row's count, read by kResultKind.
    const bool names_one_result_kind = ends_with_result_kind(t.substr(0, b));
    if (!(names_requests || sentence_about_requests) || names_one_result_kind) return;
    // "办结"/"答复" count what was concluded; "办理" (handled) is read as concluded, or as
    // the requests taken in hand ("全年办理政府信息公开申请218件" = 新收 218).
    if (view(m[1]) == "办理") {
      add("prose.requests.handled", number_of(m[4]), "件", b, e, {"ambiguous_reading"});
    } else {
      add("prose.replies.total", number_of(m[4]), "件", b, e);
    }
  });
  scan(kResultKind, [&](const Match& m, std::size_t b, std::size_t e) {
    // Only in a sentence about requests: "予以公开" also describes proactive publication.
    const std::string sentence = sentence_around(t, b, e);
    const bool sentence_about_requests = contains_any(sentence, {"申请", "办结", "答复"});
    if (sentence_about_requests) add(result_kind_key(view(m[1])), number_of(m[2]), "件", b, e);
  });
  scan(kCarriedForward, [&](const Match& m, std::size_t b, std::size_t e) {
    add("prose.requests.carried_forward", number_of(m[1]), "件", b, e);
  });
  scan(kCarriedForwardNumberFirst, [&](const Match& m, std::size_t b, std::size_t e) {
    add("prose.requests.carried_forward", number_of(m[1]), "件", b, e);
  });
  scan(kReview, [&](const Match& m, std::size_t b, std::size_t e) {
    add("prose.review.total", number_of(m[1]), unit_in(m[1], "件"), b, e);
  });
  scan(kLitigation, [&](const Match& m, std::size_t b, std::size_t e) {
    add("prose.litigation.total", number_of(m[1]), unit_in(m[1], "件"), b, e);
  });
  scan(kNormative, [&](const Match& m, std::size_t b, std::size_t e) {
    const bool says_issued = view(m[1]) == "制发";
    add(says_issued ? "prose.normative_docs.issued" : "prose.normative_docs.published",
        number_of(m[2]), std::string(view(m[3])), b, e);
  });
  scan(kNone, [&](const Match& m, std::size_t b, std::size_t e) {
    const std::string_view verb = view(m[1]);
    const std::string_view middle = view(m[2]);
    // Criteria for "no information requests at all", combined below.
    const bool names_disclosure = contains(middle, "公开");
    const bool bare_not_received =
        middle.empty() && (verb == "未收到" || verb == "没有收到" || verb == "无");
    const bool other_procedure = middle_names_other_procedure(middle);
    if ((names_disclosure || bare_not_received) && !other_procedure) {
      add("prose.requests.received", Stated{Decimal::from_int(0), false}, "件", b, e,
          {"stated_none"});
    }
  });
  scan(kNoReviewOrLitigation, [&](const Match& m, std::size_t b, std::size_t e) {
    const Stated zero{Decimal::from_int(0), false};
    if (!m[1].empty()) add("prose.review.total", zero, "件", b, e, {"stated_none"});
    if (!m[2].empty()) add("prose.litigation.total", zero, "件", b, e, {"stated_none"});
  });
}

void SectionReader::read_releases() {
  const std::string_view t = text();
  // "在区政府门户网站发布信息1203条", "政务新媒体发布信息568条", "政府公报刊登文件12件",
  // "通过政府公报公开12期"
  static const LazyPattern kByChannel(
      "(门户网站|政府网站|网站|政务新媒体|新媒体|微信公众号|微信|政务微博|微博|政府公报|公报)" +
          kMiddle + "(?:发布|公开|更新|推送|刊发|刊登|刊载)(?:了)?(?:各类)?(?:政务|政府)?"
          "(?:信息|文件|动态|稿件)?" + kTotalWord + "\\s*" + kNum + "\\s*(条|篇|期|件)",
      {"网站", "新媒体", "微信", "微博", "公报"}, Middle{2, 12});
  // "主动公开政府信息2345条", "全年共公开政府信息1200条"; "发布各类信息3万余条" is no exact
  // count (the number must be followed by its unit).
  static const LazyPattern kTotal("(主动公开|公开|发布)(?:各类)?(政府|政务)?信息" + kTotalWord +
                                      "\\s*" + kNum + "\\s*(条|篇|件)",
                                  {"信息"});

  scan(kByChannel, [&](const Match& m, std::size_t b, std::size_t e) {
    const std::string_view middle = view(m[2]);
    // "网站、政务新媒体等平台发布信息N条" is several channels together: no one channel's count.
    // "网站…申请": not a release.
    if (names_channel(middle) || contains_any(middle, {"申请", "复议", "诉讼", "解读", "发布会"})) return;
    if (names_subordinate_units(clause_before(t, b))) return;
    const char* key = channel_key(view(m[1]));
    if (key != nullptr) add(key, number_of(m[3]), std::string(view(m[4])), b, e);
  });
  scan(kTotal, [&](const Match& m, std::size_t b, std::size_t e) {
    // "依申请公开政府信息N条" is replies to requests; a release whose sentence names a channel
    // ("依托政务新媒体，发布信息20条") may be that channel's count, read above or not at all.
    // "督促县直部门在信息公开页面发布信息3044条" is the departments' count: a plain 公开/发布 is
    // the report's own release only of 政府信息.
    // "（…安全生产、应急管理类信息124条，其他应主动公开政府信息856条）": one category of a list.
    const std::string_view verb = view(m[1]);
    const std::string_view before = t.substr(0, b);
    const std::string_view clause = clause_before(t, b);
    const bool proactive = verb == "主动公开";
    const bool names_government_information = !m[2].empty();
    const bool on_request = ends_with(before, "申请");
    const bool in_channel = overlaps(b, e, "prose.proactive.") ||
                            (!proactive && names_channel(sentence_around(t, b, e)));
    const bool by_subordinate_units = names_subordinate_units(clause);
    const bool one_category = ends_with(before, "应") || contains(clause, "其他");
    if (on_request || in_channel || by_subordinate_units || one_category ||
        !(proactive || names_government_information)) {
      return;
    }
    add("prose.proactive.total", number_of(m[3]), std::string(view(m[4])), b, e);
  });
}

void SectionReader::read_other_counts() {
  const std::string_view t = text();
  // "召开新闻发布会12场", "新闻发布会共计5次", "举办3场新闻发布会"; "新闻通气会 19 场" (a briefing)
  static const LazyPattern kPress("(新闻发布会|新闻通气会|发布会|通气会)" + kTotalWord + "\\s*" + kNum +
                                      "\\s*(场|次)",
                                  {"发布会", "通气会"});
  static const LazyPattern kPressNumberFirst("(?:召开|举办|举行|组织)(?:了)?(?:各类)?\\s*" + kNum +
                                                 "\\s*(场|次)(?:次)?(?:新闻)?(?:发布会|通气会)",
                                             {"发布会", "通气会"});
  // "发布政策解读23篇", "政策解读稿件15条", "解读类信息发布 21 条", "配套解读 7 次", "12篇政策解读"
  static const LazyPattern kInterpretations("解读(?:类)?(?:文件|稿件|文章|材料|信息|产品)?(?:发布)?" +
                                                kTotalWord + "\\s*" + kNum + "\\s*(篇|条|件|期|次)",
                                            {"解读"});
  static const LazyPattern kInterpretationsNumberFirst(kNum + "\\s*(篇|条)(?:政策)?解读", {"解读"});
  // "收到涉及政府信息公开的投诉举报2件"; "未收到政府信息公开方面的投诉"
  static const LazyPattern kComplaints("(?:投诉|举报)(?:、举报|和举报|及举报|举报)?(?:类)?" + kTotalWord +
                                           "\\s*" + kNum + "\\s*(件|起|次|个)",
                                       {"投诉", "举报"});
  static const LazyPattern kNoComplaints("(未收到|没有收到|未发生|无)" + kMiddle + "(?:投诉|举报)",
                                         {"投诉", "举报"}, Middle{2, 20});
  // "收取信息处理费120元", "收取费用0元", "减免费用300元"; "未收取任何费用", "无收取信息处理费情况"
  // are 0
  static const LazyPattern kFees("(收取|减免)(?:了)?(?:信息处理费用|信息处理费|费用|处理费)" + kTotalWord +
                                     "\\s*" + kAmount + "\\s*(元|万元|亿元)",
                                 {"收取", "减免"});
  static const LazyPattern kNoFees("(?:未|没有|无)收取(?:任何)?(?:信息处理费用|信息处理费|费用|处理费)",
                                   {"收取"});
  // "开展政务公开培训6次", "培训3场", "培训工作人员120人次", "举办2期专题培训"
  static const LazyPattern kTraining("培训(?:会|班|活动)?(?:干部|人员|工作人员)?" + kTotalWord +
                                         "\\s*" + kNum + "\\s*(人次|人|次|场|期|轮)",
                                     {"培训"});
  static const LazyPattern kTrainingNumberFirst("(?:开展|举办|组织|召开)(?:了)?(?:各类)?\\s*" + kNum +
                                                    "\\s*(次|场|期)" + kMiddle + "培训",
                                                {"培训"}, Middle{3, 12});

  auto about_disclosure = [&](std::size_t b, std::size_t e) {
    return contains(sentence_around(t, b, e), "公开");
  };
  auto press_key = [](std::string_view what) {
    return contains(what, "通气会") ? "prose.press_conferences.briefings"
                                    : "prose.press_conferences.total";
  };
  scan(kPress, [&](const Match& m, std::size_t b, std::size_t e) {
    add(press_key(view(m[1])), number_of(m[2]), std::string(view(m[3])), b, e);
  });
  scan(kPressNumberFirst, [&](const Match& m, std::size_t b, std::size_t e) {
    if (!overlaps(b, e, "prose.press_conferences.")) {
      add(press_key(view(m[0])), number_of(m[1]), std::string(view(m[2])), b, e);
    }
  });
  scan(kInterpretations, [&](const Match& m, std::size_t b, std::size_t e) {
    // "发布行政公文和政策解读信息9条" counts documents and interpretations together; a list of
    // forms ("发布文字、图解、H5等多形式政策解读82篇") does not.
    if (contains_any(clause_before(t, b), {"和", "及", "与"})) return;
    add("prose.interpretations.total", number_of(m[1]), std::string(view(m[2])), b, e);
  });
  scan(kInterpretationsNumberFirst, [&](const Match& m, std::size_t b, std::size_t e) {
    if (!overlaps(b, e, "prose.interpretations.")) {
      add("prose.interpretations.total", number_of(m[1]), std::string(view(m[2])), b, e);
    }
  });
  // Complaints only in a sentence about disclosure: "受理12345热线投诉1200件" is not one.
  scan(kComplaints, [&](const Match& m, std::size_t b, std::size_t e) {
    if (about_disclosure(b, e)) {
      add("prose.complaints.total", number_of(m[1]), std::string(view(m[2])), b, e);
    }
  });
  scan(kNoComplaints, [&](const Match& m, std::size_t b, std::size_t e) {
    const std::string_view middle = view(m[2]);
    const bool names_disclosure = contains(middle, "公开");
    const bool bare = middle.empty() && about_disclosure(b, e);
    if ((names_disclosure || bare) && !middle_names_other_procedure(middle)) {
      add("prose.complaints.total", Stated{Decimal::from_int(0), false}, "件", b, e,
          {"stated_none"});
    }
  });
  scan(kFees, [&](const Match& m, std::size_t b, std::size_t e) {
    const char* key = view(m[1]) == "减免" ? "prose.fees.waived" : "prose.fees.charged";
    add(key, parse_amount(view(m[2])), std::string(view(m[3])), b, e);
  });
  scan(kNoFees, [&](const Match&, std::size_t b, std::size_t e) {
    add("prose.fees.charged", Stated{Decimal::from_int(0), false}, "元", b, e, {"stated_none"});
  });
  scan(kTraining, [&](const Match& m, std::size_t b, std::size_t e) {
    const std::string_view unit = view(m[2]);
    const bool people = unit == "人次" || unit == "人";
    add(people ? "prose.training.participants" : "prose.training.sessions", number_of(m[1]),
        std::string(unit), b, e);
  });
  scan(kTrainingNumberFirst, [&](const Match& m, std::size_t b, std::size_t e) {
    const std::string_view middle = view(m[3]);
    // "举办3场新闻发布会及培训": the count is the conferences'.
    if (contains_any(middle, {"发布会", "通气会", "解读"})) return;
    if (!overlaps(b, e, "prose.training.")) {
      add("prose.training.sessions", number_of(m[1]), std::string(view(m[2])), b, e);
    }
  });
}

}  // namespace

Prose find_prose(const std::vector<Section>& sections, const Limits& limits,
                 const Deadline& deadline) {
  Prose out;
  bool left_out = false;
  for (const Section& section : sections) {
    if (deadline.expired()) break;
    // With no room left a section is still scanned, up to its first statement: the flag says
    // only what was really left out.
    const std::size_t room = out.facts.size() < limits.max_prose_facts
                                 ? limits.max_prose_facts - out.facts.size()
                                 : 0;
    if (room == 0 && left_out) break;
    SectionReader reader(section, deadline, room);
    std::vector<ProseFact> facts = reader.read();
    left_out = left_out || reader.full();
    // By offset; facts of one place keep the order their patterns were tried in.
    std::stable_sort(facts.begin(), facts.end(), [](const ProseFact& a, const ProseFact& b) {
      return a.source.offset < b.source.offset;
    });
    for (ProseFact& f : facts) out.facts.push_back(std::move(f));
  }
  if (left_out) {
    out.flags.push_back(Flag{"prose_limit", "info", "",
                             "numbers stated in the text past " + std::to_string(kMaxFactsPerSection) +
                                 " a section or " + std::to_string(limits.max_prose_facts) +
                                 " a report (max_prose_facts) were not read as prose facts"});
  }
  return out;
}

}  // namespace xxgknb
