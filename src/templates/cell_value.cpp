// Stage 5, template mapping: the cell lexer. One pass over a cell's raw characters, each
// given a class; then the classes are read as a number, a dash, blank, "无" or text. No
// regex and no folding: this runs on every value cell.
#include "templates/cell_value.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>

namespace xxgknb {
namespace {

enum class CharClass { Digit, Point, Plus, Minus, Dash, Comma, Space, LineBreak, Invisible, Other };

struct Char {
  CharClass cls = CharClass::Other;
  char ascii = 0;            // the digit for Digit
  std::size_t begin = 0, end = 0;
};

CharClass classify(UChar32 c, char& ascii) {
  if (c >= '0' && c <= '9') {
    ascii = static_cast<char>(c);
    return CharClass::Digit;
  }
  if (c >= 0xFF10 && c <= 0xFF19) {   // "０"…"９"
    ascii = static_cast<char>('0' + (c - 0xFF10));
    return CharClass::Digit;
  }
  switch (c) {
    case '.': case 0xFF0E: return CharClass::Point;                       // "．"
    case '+': case 0xFF0B: return CharClass::Plus;                        // "＋"
    case '-': case 0xFF0D: case 0x2212: return CharClass::Minus;          // "－" "−"
    // "—" "–" "―" "‐" "‒" "─" "/" "／" "\" "_": a dash when alone in a cell.
    case 0x2014: case 0x2013: case 0x2015: case 0x2010: case 0x2012: case 0x2500:
    case '/': case 0xFF0F: case '\\': case '_':
      return CharClass::Dash;
    case ',': case 0xFF0C: return CharClass::Comma;                       // "，"
    case ' ': case '\t': case 0x3000: case 0x00A0: case 0x2002: case 0x2003: case 0x2009:
      return CharClass::Space;                                            // "　" NBSP
    case '\n': case '\r': case '\v': case '\f': case 0x2028: case 0x2029:
      return CharClass::LineBreak;
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x00AD:
      return CharClass::Invisible;
    default: return CharClass::Other;
  }
}

std::vector<Char> classify_all(std::string_view raw) {
  std::vector<Char> out;
  out.reserve(raw.size());
  const auto* s = reinterpret_cast<const std::uint8_t*>(raw.data());
  const auto length = static_cast<std::int32_t>(raw.size());
  std::int32_t i = 0;
  while (i < length) {
    const std::int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    Char ch;
    ch.cls = c < 0 ? CharClass::Other : classify(c, ch.ascii);
    ch.begin = static_cast<std::size_t>(start);
    ch.end = static_cast<std::size_t>(i);
    out.push_back(ch);
  }
  return out;
}

bool is_gap(CharClass c) {
  return c == CharClass::Space || c == CharClass::LineBreak || c == CharClass::Invisible;
}

// Units a cell may carry after its number (§6.3): "251000元", "0.5万元", "12 件".
constexpr std::array<std::string_view, 10> kUnits = {"万元", "元", "件", "个", "项",
                                                     "条", "次", "家", "人次", "人"};
// "无" (none) and its kin: 0 in words (§6.3 text_zero), simplified and traditional.
constexpr std::array<std::string_view, 8> kZeroWords = {"无", "無", "没有", "沒有",
                                                        "暂无", "暫無", "零", "无此项"};

// The text of chars [from, to) without gaps, as raw bytes.
std::string compact(std::string_view raw, const std::vector<Char>& chars, std::size_t from,
                    std::size_t to) {
  std::string out;
  for (std::size_t k = from; k < to; ++k) {
    if (!is_gap(chars[k].cls)) out.append(raw.substr(chars[k].begin, chars[k].end - chars[k].begin));
  }
  return out;
}

// Reads chars [from, to) (no gap at either end) as
//   [sign] digits {separator three-digits} [point digits] [spaces] [unit]
// where a separator is "," or one space, the same all through. Returns false when the chars
// are no such number.
bool read_number(std::string_view raw, const std::vector<Char>& chars, std::size_t from,
                 std::size_t to, CellValue& out) {
  std::size_t k = from;
  std::string text;
  if (k < to && (chars[k].cls == CharClass::Plus || chars[k].cls == CharClass::Minus)) {
    out.signed_explicitly = true;
    text.push_back(chars[k].cls == CharClass::Minus ? '-' : '+');
    ++k;
  }
  auto digits_from = [&](std::size_t at) {
    std::size_t n = 0;
    while (at + n < to && chars[at + n].cls == CharClass::Digit) ++n;
    return n;
  };
  std::size_t group = digits_from(k);
  if (group == 0) return false;
  int digit_count = 0;
  auto take = [&](std::size_t n) {
    for (std::size_t d = 0; d < n; ++d) text.push_back(chars[k + d].ascii);
    digit_count += static_cast<int>(n);
    k += n;
  };
  const std::size_t first_group = group;
  take(group);
  std::optional<CharClass> separator;
  while (k < to && (chars[k].cls == CharClass::Comma || chars[k].cls == CharClass::Space)) {
    const CharClass sep = chars[k].cls;
    const std::size_t next = digits_from(k + 1);
    // "1 234" or "1,234": a first group of at most three digits, then groups of three.
    // Anything else after a space ends the number (a unit may follow); after a comma it is
    // no number at all.
    const bool grouping = next == 3 && first_group <= 3 && (!separator || *separator == sep);
    if (!grouping) {
      if (sep == CharClass::Comma) return false;
      break;
    }
    separator = sep;
    ++k;
    take(next);
  }
  out.thousands_separator = separator.has_value();
  if (k < to && chars[k].cls == CharClass::Point) {
    const std::size_t fraction = digits_from(k + 1);
    if (fraction == 0) return false;
    text.push_back('.');
    ++k;
    take(fraction);
    out.decimal = true;
  }
  // What is left may only be spaces and a unit.
  while (k < to && chars[k].cls == CharClass::Space) ++k;
  if (k < to) {
    const std::string rest = compact(raw, chars, k, to);
    bool unit = false;
    for (std::string_view u : kUnits) unit = unit || rest == u;
    if (!unit) return false;
    out.unit = rest;
  }
  std::optional<Decimal> value = Decimal::parse(text);
  out.kind = Kind::Number;
  if (!value) {
    // The digits are a number, but more of them than any cell of the template can mean.
    out.kind = Kind::Text;
    out.too_long = true;
    return true;
  }
  out.negative = value->negative();
  out.value = *value;
  return true;
}

// Several numbers in one cell: every token between gaps, "、", "," or ";" reads as a number.
bool several_numbers(std::string_view raw, const std::vector<Char>& chars, std::size_t from,
                     std::size_t to) {
  int numbers = 0;
  std::size_t k = from;
  while (k < to) {
    while (k < to && (is_gap(chars[k].cls) || chars[k].cls == CharClass::Comma ||
                      raw.substr(chars[k].begin, chars[k].end - chars[k].begin) == "、" ||
                      raw.substr(chars[k].begin, chars[k].end - chars[k].begin) == ";")) {
      ++k;
    }
    if (k >= to) break;
    std::size_t e = k;
    while (e < to && !is_gap(chars[e].cls) && chars[e].cls != CharClass::Comma &&
           raw.substr(chars[e].begin, chars[e].end - chars[e].begin) != "、" &&
           raw.substr(chars[e].begin, chars[e].end - chars[e].begin) != ";") {
      ++e;
    }
    CellValue one;
    if (!read_number(raw, chars, k, e, one)) return false;
    ++numbers;
    k = e;
  }
  return numbers >= 2;
}

CellValue read_chars(std::string_view raw, const std::vector<Char>& chars, std::size_t from,
                     std::size_t to) {
  CellValue out;
  while (from < to && is_gap(chars[from].cls)) ++from;
  while (to > from && is_gap(chars[to - 1].cls)) --to;
  if (from == to) {
    out.kind = Kind::Blank;
    return out;
  }
  out.begin = chars[from].begin;
  out.end = chars[to - 1].end;

  bool all_dashes = true;
  for (std::size_t k = from; k < to; ++k) {
    const CharClass c = chars[k].cls;
    all_dashes = all_dashes && (c == CharClass::Dash || c == CharClass::Minus || is_gap(c));
  }
  if (all_dashes) {
    out.kind = Kind::Dash;
    return out;
  }
  const std::string word = compact(raw, chars, from, to);
  for (std::string_view zero : kZeroWords) {
    if (word == zero) {
      out.kind = Kind::TextZero;
      out.value = Decimal::from_int(0);
      return out;
    }
  }
  // Invisible characters inside the number ("1\u200b2") are dropped, not read as a break.
  std::vector<Char> visible;
  visible.reserve(to - from);
  for (std::size_t k = from; k < to; ++k) {
    if (chars[k].cls != CharClass::Invisible) visible.push_back(chars[k]);
  }
  const bool has_line_break = std::any_of(visible.begin(), visible.end(), [](const Char& c) {
    return c.cls == CharClass::LineBreak;
  });
  if (!has_line_break && read_number(raw, visible, 0, visible.size(), out)) {
    if (out.too_long) out.begin = chars[from].begin;
    return out;
  }
  CellValue text;
  text.kind = Kind::Text;
  text.begin = out.begin;
  text.end = out.end;
  text.multiple_values = several_numbers(raw, visible, 0, visible.size());
  return text;
}

// Longer than this (spaces at either end aside), a cell or token is no value: 27 digits with
// separators, a sign and a unit fit well within it. Bounds the lexer's work on hostile text.
constexpr std::size_t kMaxValueBytes = 160;

bool is_gap_at(std::string_view raw, std::int32_t at, std::int32_t& next, bool backwards) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(raw.data());
  const auto length = static_cast<std::int32_t>(raw.size());
  UChar32 c = 0;
  std::int32_t i = at;
  if (backwards) {
    U8_PREV(s, 0, i, c);
  } else {
    U8_NEXT(s, i, length, c);
  }
  next = i;
  char ascii = 0;
  return c >= 0 && is_gap(classify(c, ascii));
}

// raw without the gaps at either end, as byte bounds.
void trim_gaps(std::string_view raw, std::size_t& begin, std::size_t& end) {
  std::int32_t next = 0;
  while (begin < end && is_gap_at(raw.substr(0, end), static_cast<std::int32_t>(begin), next, false)) {
    begin = static_cast<std::size_t>(next);
  }
  while (end > begin && is_gap_at(raw.substr(0, end), static_cast<std::int32_t>(end), next, true)) {
    end = static_cast<std::size_t>(next);
  }
}

CellValue read_bounded(std::string_view raw, std::size_t begin, std::size_t end) {
  trim_gaps(raw, begin, end);
  if (end - begin > kMaxValueBytes) {
    CellValue text;
    text.kind = Kind::Text;
    text.begin = begin;
    text.end = end;
    return text;
  }
  const std::string_view part = raw.substr(begin, end - begin);
  const std::vector<Char> chars = classify_all(part);
  CellValue v = read_chars(part, chars, 0, chars.size());
  v.begin += begin;
  v.end += begin;
  if (v.kind == Kind::Blank) v.begin = v.end = begin;
  return v;
}

// Where the whitespace-separated token that ends at `end` (exclusive) begins, and where the
// one that starts at `begin` ends.
std::size_t token_start(std::string_view raw, std::size_t end) {
  std::size_t at = end;
  while (at > 0) {
    const auto* s = reinterpret_cast<const std::uint8_t*>(raw.data());
    std::int32_t i = static_cast<std::int32_t>(at);
    UChar32 c = 0;
    U8_PREV(s, 0, i, c);
    char ascii = 0;
    const CharClass cls = c < 0 ? CharClass::Other : classify(c, ascii);
    if (cls == CharClass::Space || cls == CharClass::LineBreak) break;
    at = static_cast<std::size_t>(i);
  }
  return at;
}

std::size_t token_end(std::string_view raw, std::size_t begin) {
  std::size_t at = begin;
  const auto* s = reinterpret_cast<const std::uint8_t*>(raw.data());
  const auto length = static_cast<std::int32_t>(raw.size());
  while (at < raw.size()) {
    std::int32_t i = static_cast<std::int32_t>(at);
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    char ascii = 0;
    const CharClass cls = c < 0 ? CharClass::Other : classify(c, ascii);
    if (cls == CharClass::Space || cls == CharClass::LineBreak) break;
    at = static_cast<std::size_t>(i);
  }
  return at;
}

}  // namespace

CellValue read_cell_value(std::string_view raw) { return read_bounded(raw, 0, raw.size()); }

LineSplit split_line(std::string_view raw) {
  // From the end: the run of value tokens that closes the line, then its first tokens again
  // from the front. Only the tail of the line is looked at, however long the label.
  LineSplit out;
  std::size_t end = raw.size();
  std::size_t run_begin = raw.size();
  std::size_t count = 0;
  for (;;) {
    std::size_t b = 0, e = end;
    trim_gaps(raw, b, e);
    if (b == e) break;
    const std::size_t start = token_start(raw, e);
    const CellValue v = read_bounded(raw, start, e);
    if (v.kind == Kind::Text || v.kind == Kind::Blank) break;
    run_begin = start;
    ++count;
    end = start;
  }
  out.value_count = count;
  if (count == 0) {
    std::size_t b = 0, e = raw.size();
    trim_gaps(raw, b, e);
    out.label_end = b == e ? 0 : e;
    return out;
  }
  std::size_t b = 0, e = run_begin;
  trim_gaps(raw, b, e);
  out.label_end = b == e ? 0 : e;
  std::size_t at = run_begin;
  while (out.values.size() < std::min(count, kMaxLineValues)) {
    std::size_t tb = at, te = raw.size();
    trim_gaps(raw, tb, te);
    const std::size_t token = token_end(raw, tb);
    LineValue lv;
    lv.value = read_bounded(raw, tb, token);
    lv.begin = lv.value.begin;
    lv.end = lv.value.end;
    out.values.push_back(std::move(lv));
    at = token;
  }
  return out;
}

}  // namespace xxgknb
