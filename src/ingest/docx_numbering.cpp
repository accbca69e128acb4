// Stage 1, ingest (.docx): paragraph styles and automatic numbering. Both parts are optional:
// a broken one is reported by the caller as a warning and reading goes on without it.
#include "ingest/docx_numbering.h"

#include <pugixml.hpp>

#include <cctype>
#include <string>

#include "ingest/docx_xml.h"

namespace xxgknb::docx {
namespace {

constexpr unsigned kParseFlags = pugi::parse_default;
constexpr int kMaxId = 1 << 30;


bool load_xml(pugi::xml_document& doc, std::string_view xml, std::string& problem) {
  pugi::xml_parse_result r = doc.load_buffer(xml.data(), xml.size(), kParseFlags);
  if (!r) {
    problem = std::string(r.description()) + " at byte " + std::to_string(r.offset);
    return false;
  }
  return true;
}

// "heading 3" (any case) → 2, the built-in heading styles' outline level.
std::optional<int> heading_level_from_name(std::string_view name) {
  constexpr std::string_view kHeading = "heading ";
  if (name.size() != kHeading.size() + 1) return std::nullopt;
  for (std::size_t i = 0; i < kHeading.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(name[i])) != kHeading[i]) return std::nullopt;
  }
  const char d = name.back();
  if (d < '1' || d > '9') return std::nullopt;
  return d - '1';
}

// Chinese numerals with 十/百/千 ("十一", "二十", "一百零一"); `digits` are the ten
// digit characters and `units` 十, 百, 千.
std::string chinese_counting(int n, const char32_t* digits, const char32_t* units) {
  std::string out;
  if (n <= 0 || n >= 10000) return std::to_string(n);
  const int parts[4] = {n / 1000, n / 100 % 10, n / 10 % 10, n % 10};
  bool pending_zero = false;
  bool any = false;
  for (int i = 0; i < 4; ++i) {
    const int d = parts[i];
    if (d == 0) {
      if (any) pending_zero = true;
      continue;
    }
    if (pending_zero) {
      append_utf8(out, digits[0]);
      pending_zero = false;
    }
    // "十一", not "一十一", when ten is the leading unit.
    const bool bare_ten = i == 2 && d == 1 && !any;
    if (!bare_ten) append_utf8(out, digits[d]);
    if (i < 3) append_utf8(out, units[2 - i]);
    any = true;
  }
  return out;
}

std::string roman(int n, bool upper) {
  if (n <= 0 || n >= 4000) return std::to_string(n);
  static constexpr std::pair<int, const char*> kTable[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},   {4, "iv"},  {1, "i"}};
  std::string out;
  for (auto [v, s] : kTable) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  if (upper) {
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string from_list(int n, std::u32string_view list) {
  if (n < 1 || static_cast<std::size_t>(n) > list.size()) return std::to_string(n);
  std::string out;
  append_utf8(out, list[static_cast<std::size_t>(n - 1)]);
  return out;
}

std::string from_range(int n, char32_t first, int count) {
  if (n < 1 || n > count) return std::to_string(n);
  std::string out;
  append_utf8(out, first + static_cast<char32_t>(n - 1));
  return out;
}

}  // namespace

std::string format_number(int n, std::string_view fmt) {
  static constexpr char32_t kDigits[] = U"〇一二三四五六七八九";          // "一〇五"
  static constexpr char32_t kCountingDigits[] = U"零一二三四五六七八九";  // "一百零五"
  static constexpr char32_t kUnits[] = U"十百千";
  static constexpr char32_t kLegalDigits[] = U"零壹贰叁肆伍陆柒捌玖";
  static constexpr char32_t kLegalUnits[] = U"拾佰仟";
  if (fmt == "none" || fmt == "bullet") return {};
  if (fmt == "chineseCounting" || fmt == "chineseCountingThousand" ||
      fmt == "taiwaneseCounting" || fmt == "taiwaneseCountingThousand" ||
      fmt == "japaneseCounting") {
    return chinese_counting(n, kCountingDigits, kUnits);
  }
  if (fmt == "chineseLegalSimplified") return chinese_counting(n, kLegalDigits, kLegalUnits);
  if (fmt == "ideographDigital" || fmt == "taiwaneseDigital" || fmt == "japaneseDigitalTenThousand") {
    if (n < 0) return std::to_string(n);
    std::string out;
    for (char c : std::to_string(n)) append_utf8(out, kDigits[c - '0']);
    return out;
  }
  if (fmt == "ideographTraditional") return from_list(n, U"甲乙丙丁戊己庚辛壬癸");
  if (fmt == "ideographZodiac") return from_list(n, U"子丑寅卯辰巳午未申酉戌亥");
  if (fmt == "decimalEnclosedCircle" || fmt == "decimalEnclosedCircleChinese" ||
      fmt == "ideographEnclosedCircle") {
    return from_range(n, U'\u2460', 20);  // ①
  }
  if (fmt == "decimalEnclosedParen") return from_range(n, U'\u2474', 20);     // ⑴
  if (fmt == "decimalEnclosedFullstop") return from_range(n, U'\u2488', 20);  // ⒈
  if (fmt == "decimalFullWidth" || fmt == "decimalFullWidth2") {
    if (n < 0) return std::to_string(n);
    std::string out;
    for (char c : std::to_string(n)) append_utf8(out, U'\uFF10' + static_cast<char32_t>(c - '0'));
    return out;
  }
  if (fmt == "decimalZero") return n >= 0 && n < 10 ? "0" + std::to_string(n) : std::to_string(n);
  if (fmt == "upperLetter" || fmt == "lowerLetter") {
    if (n < 1 || n > 780) return std::to_string(n);
    const char base = fmt == "upperLetter" ? 'A' : 'a';
    return std::string(static_cast<std::size_t>((n - 1) / 26 + 1),
                       static_cast<char>(base + (n - 1) % 26));
  }
  if (fmt == "upperRoman") return roman(n, true);
  if (fmt == "lowerRoman") return roman(n, false);
  return std::to_string(n);
}

bool Styles::load(std::string_view xml, std::string& problem) {
  pugi::xml_document doc;
  if (!load_xml(doc, xml, problem)) return false;
  Names names;
  pugi::xml_node root = doc.document_element();
  names.push(root);
  for (pugi::xml_node s = root.first_child(); s; s = s.next_sibling()) {
    if (!names.is_word(s, "style")) continue;
    const char* type = names.word_attr(s, "type");
    if (type != nullptr && std::string_view(type) != "paragraph") continue;
    const char* id = names.word_attr(s, "styleId");
    if (id == nullptr) continue;
    Style style;
    if (pugi::xml_node b = names.word_child(s, "basedOn")) {
      if (const char* v = names.word_attr(b, "val")) style.based_on = v;
    }
    if (pugi::xml_node n = names.word_child(s, "name")) {
      if (const char* v = names.word_attr(n, "val")) {
        if (auto level = heading_level_from_name(v)) style.outline_level = *level;
      }
    }
    if (pugi::xml_node ppr = names.word_child(s, "pPr")) {
      if (pugi::xml_node o = names.word_child(ppr, "outlineLvl")) {
        style.outline_level = int_value(names.word_attr(o, "val"), 9, 0, 9);
      }
      if (pugi::xml_node numpr = names.word_child(ppr, "numPr")) {
        if (pugi::xml_node n = names.word_child(numpr, "numId")) {
          style.num_id = int_value(names.word_attr(n, "val"), 0, 0, kMaxId);
        }
        if (pugi::xml_node l = names.word_child(numpr, "ilvl")) {
          style.ilvl = int_value(names.word_attr(l, "val"), 0, 0, 8);
        }
      }
    }
    if (on_off(names.word_attr(s, "default"), false) && default_id_.empty()) default_id_ = id;
    styles_.emplace(id, std::move(style));
  }
  return true;
}

StyleProps Styles::resolve(std::string_view style_id) const {
  StyleProps out;
  std::optional<int> num_id, ilvl, outline;
  std::string_view id = style_id.empty() ? std::string_view(default_id_) : style_id;
  // w:basedOn chains are short; the bound also ends cycles.
  for (int step = 0; step < 32 && !id.empty(); ++step) {
    auto it = styles_.find(id);
    if (it == styles_.end()) break;
    const Style& s = it->second;
    if (!num_id && s.num_id) num_id = s.num_id;
    if (!ilvl && s.ilvl) ilvl = s.ilvl;
    if (!outline && s.outline_level) outline = s.outline_level;
    id = s.based_on;
  }
  if (num_id) out.num_id = *num_id;
  if (ilvl) out.ilvl = *ilvl;
  if (outline && *outline < 9) out.outline_level = *outline;
  return out;
}

bool Numbering::load(std::string_view xml, std::string& problem) {
  pugi::xml_document doc;
  if (!load_xml(doc, xml, problem)) return false;
  Names names;
  pugi::xml_node root = doc.document_element();
  names.push(root);

  auto read_level = [&names](pugi::xml_node lvl, Level& level) {
    level.defined = true;
    if (pugi::xml_node s = names.word_child(lvl, "start")) {
      level.start = int_value(names.word_attr(s, "val"), 1, 0, kMaxId);
    }
    pugi::xml_node fmt = names.word_child(lvl, "numFmt");
    if (!fmt) {
      // Word 2010+ writes custom formats as mc:AlternateContent with a plain fallback.
      for (pugi::xml_node c = lvl.first_child(); c && !fmt; c = c.next_sibling()) {
        auto [ns, local] = names.split(c);
        if (ns != Ns::Mc || local != "AlternateContent") continue;
        for (pugi::xml_node b = c.first_child(); b; b = b.next_sibling()) {
          if (names.split(b).second == "Fallback") fmt = names.word_child(b, "numFmt");
        }
      }
    }
    if (fmt) {
      if (const char* v = names.word_attr(fmt, "val")) level.num_fmt = v;
    }
    if (pugi::xml_node t = names.word_child(lvl, "lvlText")) {
      const char* v = names.word_attr(t, "val");
      level.lvl_text = v != nullptr ? v : "";
    }
    if (pugi::xml_node l = names.word_child(lvl, "isLgl")) {
      level.legal = on_off(names.word_attr(l, "val"), true);
    }
  };

  for (pugi::xml_node n = root.first_child(); n; n = n.next_sibling()) {
    const std::string_view local = names.word_local(n);
    if (local == "abstractNum") {
      const int id = int_value(names.word_attr(n, "abstractNumId"), -1, -1, kMaxId);
      if (id < 0) continue;
      Levels levels;
      for (pugi::xml_node lvl = n.first_child(); lvl; lvl = lvl.next_sibling()) {
        if (!names.is_word(lvl, "lvl")) continue;
        const int ilvl = int_value(names.word_attr(lvl, "ilvl"), -1, -1, 9);
        if (ilvl < 0 || ilvl > 8) continue;
        read_level(lvl, levels[static_cast<std::size_t>(ilvl)]);
      }
      abstracts_[id] = levels;
    } else if (local == "num") {
      const int id = int_value(names.word_attr(n, "numId"), -1, -1, kMaxId);
      if (id < 0) continue;
      Num num;
      if (pugi::xml_node a = names.word_child(n, "abstractNumId")) {
        num.abstract_id = int_value(names.word_attr(a, "val"), -1, -1, kMaxId);
      }
      for (pugi::xml_node o = n.first_child(); o; o = o.next_sibling()) {
        if (!names.is_word(o, "lvlOverride")) continue;
        const int ilvl = int_value(names.word_attr(o, "ilvl"), -1, -1, 9);
        if (ilvl < 0 || ilvl > 8) continue;
        const auto i = static_cast<std::size_t>(ilvl);
        if (pugi::xml_node s = names.word_child(o, "startOverride")) {
          num.start_override[i] = int_value(names.word_attr(s, "val"), 1, 0, kMaxId);
        }
        if (pugi::xml_node lvl = names.word_child(o, "lvl")) {
          read_level(lvl, num.level_override[i]);
        }
      }
      nums_[id] = num;
    }
  }
  return true;
}

const Numbering::Level* Numbering::level(const Num& num, int ilvl) const {
  const auto i = static_cast<std::size_t>(ilvl);
  if (num.level_override[i].defined) return &num.level_override[i];
  auto a = abstracts_.find(num.abstract_id);
  if (a == abstracts_.end() || !a->second[i].defined) return nullptr;
  return &a->second[i];
}

std::string Numbering::next(int num_id, int ilvl) {
  if (num_id <= 0 || ilvl < 0 || ilvl > 8) return {};
  auto n = nums_.find(num_id);
  if (n == nums_.end()) return {};
  const Num& num = n->second;
  const Level* lvl = level(num, ilvl);
  if (lvl == nullptr) return {};

  Counter& counter = counters_[num.abstract_id];
  const auto i = static_cast<std::size_t>(ilvl);
  bool& applied = overridden_[{num_id, ilvl}];
  if (num.start_override[i] && !applied) {
    counter.value[i] = *num.start_override[i];
    applied = true;
  } else if (!counter.started[i]) {
    counter.value[i] = lvl->start;
  } else {
    ++counter.value[i];
  }
  counter.started[i] = true;
  // A higher level advancing restarts every level below it.
  for (std::size_t j = i + 1; j < 9; ++j) counter.started[j] = false;

  std::string out;
  const std::string& text = lvl->lvl_text;
  for (std::size_t k = 0; k < text.size(); ++k) {
    const char c = text[k];
    if (c == '%' && k + 1 < text.size() && text[k + 1] >= '1' && text[k + 1] <= '9') {
      const int ref = text[k + 1] - '1';
      ++k;
      if (ref > ilvl) continue;  // a level below this one shows nothing
      const Level* ref_level = level(num, ref);
      const auto r = static_cast<std::size_t>(ref);
      int value = counter.started[r] ? counter.value[r]
                                     : (num.start_override[r] ? *num.start_override[r]
                                                              : (ref_level ? ref_level->start : 1));
      const std::string fmt =
          lvl->legal ? std::string("decimal") : (ref_level ? ref_level->num_fmt : "decimal");
      out += format_number(value, fmt);
      continue;
    }
    out.push_back(c);
  }
  if (lvl->num_fmt == "bullet") {
    // Bullets are symbol-font characters (often in the private use area, U+F0B7); keep only
    // the ones that mean something as text.
    std::string kept;
    for (std::size_t k = 0; k < out.size();) {
      const unsigned char b = static_cast<unsigned char>(out[k]);
      std::size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : 4;
      if (k + len > out.size()) len = out.size() - k;
      // U+E000..U+F8FF is EE 80 80 .. EF A3 BF in UTF-8.
      const bool private_use =
          len == 3 && (b == 0xEE || (b == 0xEF && static_cast<unsigned char>(out[k + 1]) <= 0xA3));
      if (!private_use) kept.append(out, k, len);
      k += len;
    }
    out = kept;
  }
  return out;
}

}  // namespace xxgknb::docx
