// Stage 2, normalize: folds raw text with ICU (NFKC, traditional → simplified, punctuation
// and spacing variants) into the forms that headings and labels are matched in.
#include "normalize/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uniset.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xxgknb {
namespace {

// Phrase substitutions that OpenCC-converted mirror sites introduce into the label
// vocabulary, applied after traditional → simplified (templates.md §1, §6.7).
struct PhraseFix {
  const char16_t* from;
  const char16_t* to;
};
constexpr PhraseFix kPhraseFixes[] = {
    {u"规范性档案", u"规范性文件"},  // "規範性檔案" on mirrors = 规范性文件
    {u"入口网站", u"门户网站"},      // "入口網站" = 门户网站
    {u"最佳化", u"优化"},            // "最佳化" = 优化
};

// What label keys leave out of folded text: spaces, quotes and separators, so that
// "逾期不补正，行政机关" and "逾期不补正、行政机关" give one key.
constexpr std::string_view kKeySeparators[] = {" ", "\"", ",", ";", ":", ".",
                                               "、", "。", "·", "・"};

// The first bytes of kKeySeparators.
constexpr std::array<bool, 256> kSeparatorLead = [] {
  std::array<bool, 256> lead{};
  for (std::string_view separator : kKeySeparators) {
    lead[static_cast<unsigned char>(separator.front())] = true;
  }
  return lead;
}();

// kPhraseFixes as ICU strings, built once and only read afterwards.
const std::vector<std::pair<icu::UnicodeString, icu::UnicodeString>>& phrase_fixes() {
  static const auto fixes = [] {
    std::vector<std::pair<icu::UnicodeString, icu::UnicodeString>> out;
    for (const PhraseFix& fix : kPhraseFixes) {
      out.emplace_back(icu::UnicodeString(fix.from), icu::UnicodeString(fix.to));
    }
    return out;
  }();
  return fixes;
}

// The characters of GB2312, the national simplified character set: text of them only is
// simplified already and is never transliterated. From ICU's converter table, once.
const icu::UnicodeSet& simplified_set() {
  static const icu::UnicodeSet set = [] {
    icu::UnicodeSet out;
    UErrorCode status = U_ZERO_ERROR;
    UConverter* converter = ucnv_open("GB2312", &status);
    if (U_SUCCESS(status)) {
      USet* roundtrip = uset_openEmpty();
      ucnv_getUnicodeSet(converter, roundtrip, UCNV_ROUNDTRIP_SET, &status);
      if (U_SUCCESS(status)) out = *icu::UnicodeSet::fromUSet(roundtrip);
      uset_close(roundtrip);
      ucnv_close(converter);
    }
    out.freeze();
    return out;
  }();
  return set;
}

// The process-wide transliterators, made only when a text holds a character outside GB2312
// (creating one parses ICU's rules, milliseconds). ICU's Traditional-Simplified also
// rewrites ordinary simplified characters that double as traditional ones — 乾县 → 干县,
// 显著 → 显着, 与时俱进 → 与时具进 — so it runs whole only on text that is traditional
// (TraditionalCriteria); elsewhere a filtered copy touches only the characters that are
// traditional alone: those it rewrites on their own ("體" → "体") and GB2312 does not hold.
// GB2312 holds a few traditional characters too (後, 於, 徵), which is why the whole rules
// are needed for traditional text. Each thread works on its own clones: transliterate() is
// not thread-safe.
struct HantToHans {
  std::unique_ptr<icu::Transliterator> whole;
  std::unique_ptr<icu::Transliterator> only_traditional;
  icu::UnicodeSet traditional;   // rewritten alone and outside GB2312

  HantToHans() {
    UErrorCode status = U_ZERO_ERROR;
    whole.reset(icu::Transliterator::createInstance(icu::UnicodeString(u"Traditional-Simplified"),
                                                    UTRANS_FORWARD, status));
    if (U_FAILURE(status)) {
      whole.reset();
      return;
    }
    icu::UnicodeSet source;
    whole->getSourceSet(source);
    const icu::UnicodeSet& simplified = simplified_set();
    for (int32_t range = 0; range < source.getRangeCount(); ++range) {
      for (UChar32 c = source.getRangeStart(range); c <= source.getRangeEnd(range); ++c) {
        if (simplified.contains(c)) continue;
        const icu::UnicodeString alone(c);
        icu::UnicodeString converted(alone);
        whole->transliterate(converted);
        if (converted != alone) traditional.add(c);
      }
    }
    traditional.freeze();
    only_traditional.reset(whole->clone());
    only_traditional->adoptFilter(traditional.clone());
  }
};

const HantToHans& hant_to_hans() {
  static const HantToHans instance;
  return instance;
}

struct ThreadTransliterators {
  std::unique_ptr<icu::Transliterator> whole, only_traditional;
};

ThreadTransliterators& thread_transliterators() {
  thread_local ThreadTransliterators clones;
  if (!clones.whole) {
    const HantToHans& shared = hant_to_hans();
    if (shared.whole) {
      clones.whole.reset(shared.whole->clone());
      clones.only_traditional.reset(shared.only_traditional->clone());
    }
  }
  return clones;
}

// Whether a text is written in traditional characters, rather than simplified text with a
// stray traditional character (a name): by how many of its CJK characters are traditional
// alone.
struct TraditionalCriteria {
  int cjk = 0;
  int traditional_only = 0;
  bool any() const { return traditional_only > 0; }
  bool is_traditional_text() const { return traditional_only >= 3 || traditional_only * 10 >= cjk; }
};

TraditionalCriteria traditional_criteria(const icu::UnicodeString& text, const HantToHans& shared) {
  TraditionalCriteria c;
  for (int32_t i = 0; i < text.length();) {
    const UChar32 ch = text.char32At(i);
    i += U16_LENGTH(ch);
    if (ch < 0x2E80) continue;
    ++c.cjk;
    if (shared.traditional.contains(ch)) ++c.traditional_only;
  }
  return c;
}

// True when `text` holds a CJK character outside GB2312: only then can a traditional-only
// character be in it, and only then are the transliterators made at all.
// simplified_set()'s BMP characters as a bitmap (8 KB): one test a character where the set's
// binary search over its thousands of ranges was a tenth of reading a long text.
const std::bitset<0x10000>& simplified_bmp() {
  static const std::bitset<0x10000> bits = [] {
    std::bitset<0x10000> out;
    const icu::UnicodeSet& set = simplified_set();
    for (int32_t range = 0; range < set.getRangeCount(); ++range) {
      const UChar32 end = std::min<UChar32>(set.getRangeEnd(range), 0xFFFF);
      for (UChar32 c = set.getRangeStart(range); c <= end; ++c) out.set(static_cast<std::size_t>(c));
    }
    return out;
  }();
  return bits;
}

bool may_hold_traditional(const icu::UnicodeString& text) {
  const std::bitset<0x10000>& simplified = simplified_bmp();
  const char16_t* units = text.getBuffer();
  const int32_t length = text.length();
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U16_NEXT(units, i, length, c);
    // GB2312 holds no character beyond the BMP.
    if (c >= 0x2E80 && (c > 0xFFFF || !simplified.test(static_cast<std::size_t>(c)))) return true;
  }
  return false;
}

bool is_ascii(std::string_view raw) {
  for (unsigned char c : raw) {
    if (c >= 0x80) return false;
  }
  return true;
}

// U+200B–U+200D, U+2060, U+FEFF and the soft hyphen: invisible, dropped.
bool is_zero_width(UChar32 c) {
  return (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF || c == 0x00AD;
}

// One character after NFKC and traditional → simplified, mapped to its unified form, or
// -1 to drop it. Whitespace is handled by the caller.
UChar32 unify(UChar32 c) {
  switch (c) {
    // "〔2021〕" "【2021】" "〖" → "[2021]"; "［" is "[" after NFKC already.
    case 0x3014: case 0x3010: case 0x3016: return u'[';
    case 0x3015: case 0x3011: case 0x3017: return u']';
    // “ ” ‘ ’ „ ‟ 「 」 『 』 〝 〞 〟 ″ ' → '"'
    case 0x201C: case 0x201D: case 0x2018: case 0x2019: case 0x201E: case 0x201F:
    case 0x300C: case 0x300D: case 0x300E: case 0x300F: case 0x301D: case 0x301E:
    case 0x301F: case 0x2033: case u'\'':
      return u'"';
    // — – ― ‐ ‒ − → "-"; "－" is "-" after NFKC already.
    case 0x2014: case 0x2013: case 0x2015: case 0x2010: case 0x2012: case 0x2212:
      return u'-';
    default:
      return is_zero_width(c) ? -1 : c;
  }
}

bool is_fold_space(UChar32 c) { return u_isUWhiteSpace(c) != 0; }

// ASCII input needs neither NFKC nor transliteration: only "'" → '"' and spacing.
std::string fold_ascii(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  bool pending_space = false;
  for (char c : raw) {
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c == '\'' ? '"' : c);
  }
  return out;
}

// Appends one code point as UTF-8; a lone surrogate (which no step should leave) as U+FFFD,
// as ICU's own conversion writes it.
void append_utf8(std::string& out, UChar32 c) {
  if (U_IS_SURROGATE(c)) c = 0xFFFD;
  std::uint8_t bytes[U8_MAX_LENGTH];
  int32_t length = 0;
  U8_APPEND_UNSAFE(bytes, length, c);
  out.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(length));
}

// Steps after NFKC: Hant → Hans, phrase fixes, punctuation unified, spacing collapsed; the
// result as UTF-8, written one code point at a time (no UTF-16 copy of the output).
std::string fold_unicode(icu::UnicodeString text) {
  // "″" would become two primes under NFKC; it is one quote mark.
  if (text.indexOf(static_cast<UChar>(0x2033)) >= 0) {
    text.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x2033)),
                        icu::UnicodeString(u'"'));
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  // Text that is NFKC already (most of it) is not copied.
  if (U_SUCCESS(status) && nfkc != nullptr &&
      nfkc->spanQuickCheckYes(text, status) < text.length() && U_SUCCESS(status)) {
    icu::UnicodeString normalized;
    nfkc->normalize(text, normalized, status);
    if (U_SUCCESS(status)) text = std::move(normalized);
  }
  // Most reports are simplified already: the transliterator runs only on text that holds a
  // traditional character.
  if (may_hold_traditional(text)) {
    const HantToHans& shared = hant_to_hans();
    const TraditionalCriteria criteria = traditional_criteria(text, shared);
    ThreadTransliterators& hant = thread_transliterators();
    if (criteria.any() && hant.whole) {
      (criteria.is_traditional_text() ? hant.whole : hant.only_traditional)->transliterate(text);
    }
  }
  // Also on simplified input: a mirror's text converted back still reads "规范性档案".
  for (const auto& [from, to] : phrase_fixes()) {
    if (text.indexOf(from) >= 0) text.findAndReplace(from, to);
  }

  std::string out;
  out.reserve(static_cast<std::size_t>(text.length()) * 3);
  bool pending_space = false;
  const char16_t* units = text.getBuffer();
  const int32_t length = text.length();
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U16_NEXT(units, i, length, c);
    // CJK Unified Ideographs, the bulk of a report: no space, nothing unify() maps.
    if (c >= 0x4E00 && c <= 0x9FFF) {
      if (pending_space) out.push_back(' ');
      pending_space = false;
      append_utf8(out, c);
      continue;
    }
    if (is_fold_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    const UChar32 mapped = unify(c);
    if (mapped < 0) continue;
    if (pending_space) out.push_back(' ');
    pending_space = false;
    append_utf8(out, mapped);
  }
  // The reservation is the bound for CJK (three bytes a unit); text mostly in ASCII keeps
  // what it needs, since folded texts live as long as the document.
  if (out.capacity() > out.size() + out.size() / 2 + 64) out.shrink_to_fit();
  return out;
}

// label_key's removals on folded text: spaces, quotes and kKeySeparators. Folded text is
// valid UTF-8, which is self-synchronising: a separator's bytes match only at a character.
std::string key_of_folded(std::string_view folded) {
  std::string out;
  out.reserve(folded.size());
  while (!folded.empty()) {
    // A byte that starts no separator is copied at once.
    if (!kSeparatorLead[static_cast<unsigned char>(folded.front())]) {
      out.push_back(folded.front());
      folded.remove_prefix(1);
      continue;
    }
    std::size_t skip = 0;
    for (std::string_view separator : kKeySeparators) {
      if (folded.substr(0, separator.size()) == separator) {
        skip = separator.size();
        break;
      }
    }
    if (skip == 0) {
      out.push_back(folded.front());
      skip = 1;
    }
    folded.remove_prefix(skip);
  }
  return out;
}

}  // namespace

std::string fold(std::string_view raw) {
  if (is_ascii(raw)) return fold_ascii(raw);
  // ICU strings hold at most 2^31-1 units; Limits::max_input_bytes keeps input far below.
  const auto length = static_cast<int32_t>(std::min<std::size_t>(raw.size(), INT32_MAX));
  // fromUTF8 substitutes U+FFFD for every invalid byte sequence.
  return fold_unicode(icu::UnicodeString::fromUTF8(icu::StringPiece(raw.data(), length)));
}

std::string label_key(std::string_view raw) { return key_of_folded(fold(raw)); }

void normalize(Document& document, const Deadline& deadline) {
  std::size_t turn = 0;
  for (Paragraph& p : document.paragraphs) {
    if (deadline.expired_at(++turn)) return;
    p.folded = p.numbering.empty() ? fold(p.text) : fold(p.numbering + p.text);
    p.key = key_of_folded(p.folded);
  }
  for (Table& table : document.tables) {
    for (auto& row : table.rows) {
      for (Cell& cell : row) {
        if (deadline.expired_at(++turn)) return;
        cell.folded = fold(cell.text);
        cell.key = key_of_folded(cell.folded);
      }
    }
  }
}

}  // namespace xxgknb
