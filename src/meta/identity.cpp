// Stage 5, meta: reads the issuing unit from the names a report prints (title, signature, a
// web page's or a crawler's 发布机构), matches its places exactly against the division table
// for the report's year, and reads the statistical period, the publication date and the
// notices cited (docs/regions.md).
#include "meta/identity.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <utility>

#include "normalize/normalize.h"

namespace xxgknb {
namespace {

// Non-empty paragraphs read from the top for the period, the citations and a self-reference
// ("我镇"); a web crawler's text is one paragraph, so it is read whole.
constexpr int kTopWindow = 60;
// Rows at the top of a table read for a year in its header ("2012年度").
constexpr int kTableHeaderRows = 3;

// How many characters the words in front of a place or zone word may have, and an issuer's
// code in a citation. The patterns leave these counts open and the code bounds them: a counted
// repeat of \p{Han} compiles to that many copies of a class of thousands of ranges, which made
// these patterns a third of a process's start.
constexpr std::size_t kGenericPlaceLead = 8;
constexpr std::size_t kZoneLead = 16;
constexpr std::size_t kCitationIssuer = 12;

std::size_t utf8_chars(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

// The last `most` characters of `text`.
std::string last_chars(const std::string& text, std::size_t most) {
  std::size_t chars = utf8_chars(text);
  std::size_t at = 0;
  while (chars > most && at < text.size()) {
    ++at;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
    --chars;
  }
  return text.substr(at);
}

struct Patterns {
  // A place at the start of a name that the table does not know: "临川市", "桐乡县", "云溪县";
  // its lead (group 2) at most kGenericPlaceLead characters.
  RE2 generic_place{R"(^((\p{Han}+?)(?:自治区|自治州|自治县|省|市|州|盟|地区|县|旗|区|镇|乡|街道)))"};
  // A development or functional zone: "平潭综合实验区", "苏州工业园区", "经济技术开发区"; its
  // lead (group 2) at most kZoneLead characters.
  RE2 zone{R"(^((\p{Han}*?)(?:开发区|实验区|试验区|高新区|园区|示范区|合作区|管理区|保税区|)"
           R"(产业园|新城|新区)))"};
  // "统计期限自2020年1月1日起至2020年12月31日止", "2020年1月1日至12月31日"
  RE2 period{R"(((?:19|20)[0-9]{2})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日\s*起?\s*)"
             R"((?:至|到|-|~)\s*(?:((?:19|20)[0-9]{2})\s*年)?\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日)"};
  RE2 period_word{"统计期限|统计时限|统计期间|统计区间|统计时间|统计截止"};
  // "国办公开办函[2021]30号" (folded from "〔2021〕"), "国办函[2020]109号", "闽政办[2019]5号"
  // (the issuer's code: the last kCitationIssuer characters of the run of Han before "[")
  RE2 citation{R"((\p{Han}{2,})\[((?:19|20)[0-9]{2})\]\s*第?\s*([0-9]{1,5})\s*号)"};
  // "2012年度", "2012年": a year heading a column of the old 统计表
  RE2 table_year{R"(^((?:19|20)[0-9]{2})\s*年度?$)"};
  // "2021年1月20日", "2013-01-17 00:00", "2013/1/17"
  RE2 date_arabic{R"(((?:19|20)[0-9]{2})\s*(?:年|-|/|\.)\s*([0-9]{1,2})\s*(?:月|-|/|\.)\s*([0-9]{1,2}))"};
  // "二〇二一年一月二十日"
  RE2 date_chinese{R"(([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日)"};
};

const Patterns& patterns() {
  static const Patterns instance;
  return instance;
}

// Organs that are the government of the place itself: "人民政府", "街道办事处".
bool is_government_organ(std::string_view organ) {
  return organ.empty() || organ == "人民政府" || organ == "政府" || organ == "办事处" ||
         organ == "街道办事处" || organ == "人民政府办事处";
}

// Organs that are a zone's own administration: "管委会", "管理委员会", "党工委管委会".
bool is_zone_organ(std::string_view organ) {
  return organ.empty() || organ == "管委会" || organ == "管理委员会" || organ == "党工委管委会" ||
         organ == "党工委、管委会" || organ == "党工委" || organ == "管理局";
}

// A department's name ends in what an organ of government is called: "发展和改革局",
// "卫生健康委员会", "人民政府办公室", "市科委", "财政厅", "政务服务中心", "档案馆".
bool is_department_organ(std::string_view organ) {
  static constexpr std::array<std::string_view, 17> kTails = {
      "局", "委员会", "委", "办公室", "办公厅", "厅", "中心", "院", "署", "办",
      "所", "站", "队", "处", "馆", "部", "会"};
  for (std::string_view tail : kTails) {
    if (organ.size() > tail.size() && organ.ends_with(tail)) return true;
    if (organ == tail) return false;
  }
  return false;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += p;
  return out;
}

// The government's own name for a place: "霍山县衡山镇" → "霍山县衡山镇人民政府", a street
// "东华门街道" → "东华门街道办事处".
std::string government_of(const std::string& places) {
  if (places.ends_with("街道")) return places + "办事处";
  return places + "人民政府";
}

std::string zone_government_of(const std::string& zone) { return zone + "管理委员会"; }

// The level a place's name says by its last word, when the table cannot: "临川市" → city.
std::string level_by_suffix(std::string_view place) {
  if (place.ends_with("镇") || place.ends_with("乡") || place.ends_with("街道")) return "township";
  if (place.ends_with("县") || place.ends_with("区") || place.ends_with("旗")) return "county";
  if (place.ends_with("省") || place.ends_with("自治区")) return "province";
  if (place.ends_with("市") || place.ends_with("州") || place.ends_with("盟") ||
      place.ends_with("地区")) {
    return "city";
  }
  return "";
}

// The ancestors' codes of a division: province, city, county (those above its level).
std::vector<std::string> ancestor_codes(std::string_view code) {
  std::vector<std::string> out;
  const std::string c(code);
  if (c.size() == 9) {
    out = {c.substr(0, 2) + "0000", c.substr(0, 4) + "00", c.substr(0, 6)};
  } else if (c.substr(4) != "00") {
    out = {c.substr(0, 2) + "0000", c.substr(0, 4) + "00"};
  } else if (c.substr(2) != "0000") {
    out = {c.substr(0, 2) + "0000"};
  }
  return out;
}

// Names from the province down to the division, placeholders ("市辖区") left out.
std::vector<std::string> names_up(const DivisionTable& table, std::string_view code,
                                  std::optional<int> year) {
  std::vector<std::string> out;
  std::vector<std::string> codes = ancestor_codes(code);
  codes.emplace_back(code);
  for (const std::string& c : codes) {
    const auto name = table.name_of(c, year);
    if (name && !DivisionTable::is_placeholder(*name)) out.emplace_back(*name);
  }
  return out;
}

// An earlier place of the name ("霍山县" before "衡山镇") is an ancestor of a candidate when
// one of its ancestors has that name in the year, or is the province of that short name.
bool has_ancestor_named(const DivisionTable& table, const Division& d, std::string_view place,
                        std::optional<int> year) {
  for (const std::string& c : ancestor_codes(d.code)) {
    for (const Division& a : table.coded(c)) {
      if (a.name == place && table.validity(a, year) != Validity::No) return true;
    }
  }
  std::string_view province;
  if (table.province_short_at(place, &province) == place.size() && !place.empty()) {
    return d.code.substr(0, 2) == province.substr(0, 2);
  }
  return false;
}

// The division a known place is, in a year: its entries of that name.
std::vector<const Division*> divisions_named(const DivisionTable& table, std::string_view place,
                                             std::optional<int> year) {
  std::vector<const Division*> out;
  for (const Division* d : table.named(place)) {
    if (table.validity(*d, year) != Validity::No) out.push_back(d);
  }
  std::string_view province;
  if (out.empty() && table.province_short_at(place, &province) == place.size() && !place.empty()) {
    for (const Division& d : table.coded(province)) out.push_back(&d);
  }
  return out;
}

RegionCandidate candidate_of(const DivisionTable& table, const Division& d, std::optional<int> year) {
  return RegionCandidate{std::string(d.code), names_up(table, d.code, year)};
}

struct Resolution {
  Region region;
  const Division* division = nullptr;
};

// Matches a name's places against the table: the last place names the division, every
// earlier one must name one of its ancestors. Exact names only; nothing is guessed.
Resolution resolve(const NameParts& parts, const DivisionTable& table, std::optional<int> year,
                   const Limits& limits) {
  Resolution out;
  Region& region = out.region;
  region.data = table.version();
  if (parts.places.empty()) {
    region.status = parts.zone.empty() ? "not_found" : "no_place";
    return out;
  }
  for (std::size_t i = 0; i < parts.places.size(); ++i) {
    if (!parts.known[i]) {
      region.status = "not_found";
      region.reason = "\"" + parts.places[i] + "\" is no division name in the data";
      return out;
    }
  }
  std::vector<const Division*> found = divisions_named(table, parts.places.back(), year);
  std::erase_if(found, [&](const Division* d) {
    for (std::size_t i = 0; i + 1 < parts.places.size(); ++i) {
      if (!has_ancestor_named(table, *d, parts.places[i], year)) return true;
    }
    return false;
  });
  // A name listed in the year beats one only possible then; one line per code.
  const bool any_listed = std::any_of(found.begin(), found.end(), [&](const Division* d) {
    return table.validity(*d, year) == Validity::Listed;
  });
  if (any_listed) {
    std::erase_if(found, [&](const Division* d) { return table.validity(*d, year) != Validity::Listed; });
  }
  std::set<std::string_view> seen;
  std::erase_if(found, [&](const Division* d) { return !seen.insert(d->code).second; });
  const std::string printed = join(parts.places);
  if (found.empty()) {
    region.status = "not_found";
    region.reason = "no division is named \"" + printed + "\"" +
                    (year ? " in " + std::to_string(*year) : std::string());
    return out;
  }
  if (found.size() > 1) {
    region.status = "ambiguous";
    region.reason = std::to_string(found.size()) + " divisions are named \"" + printed + "\"";
    for (const Division* d : found) {
      if (region.candidates.size() >= limits.max_region_candidates) break;
      region.candidates.push_back(candidate_of(table, *d, year));
    }
    return out;
  }
  const Division& d = *found.front();
  out.division = &d;
  region.status = "matched";
  region.code = std::string(d.code);
  region.level = division_level_name(d.level());
  region.kind = d.kind == 'g' ? "gb2260" : "statistical";
  region.names = names_up(table, d.code, year);
  region.valid_in_year = table.validity(d, year) == Validity::Listed;
  return out;
}

// Divisions whose name is a zone's leading place with its county or city word: "平潭综合实验区"
// → "平潭县". Offered as candidates of a zone, never chosen.
std::vector<RegionCandidate> zone_candidates(const NameParts& parts, const DivisionTable& table,
                                             std::optional<int> year, const Limits& limits) {
  std::vector<RegionCandidate> out;
  if (parts.zone.empty()) return out;
  // A zone's own statistical code ("苏州工业园区" 320571) is the zone itself.
  for (const Division* d : divisions_named(table, parts.zone, year)) {
    if (out.size() < limits.max_region_candidates) out.push_back(candidate_of(table, *d, year));
  }
  if (!out.empty()) return out;
  static constexpr std::array<std::string_view, 3> kWords = {"县", "市", "区"};
  const std::string_view zone = parts.zone;
  // Stems of two to four characters (three bytes each).
  for (std::size_t chars = 2; chars <= 4 && chars * 3 <= zone.size(); ++chars) {
    const std::string stem(zone.substr(0, chars * 3));
    for (std::string_view word : kWords) {
      for (const Division* d : divisions_named(table, stem + std::string(word), year)) {
        if (out.size() < limits.max_region_candidates) out.push_back(candidate_of(table, *d, year));
      }
    }
  }
  return out;
}

// One printed name of the issuer, where it was printed, and what it says.
struct Sighting {
  std::string printed;
  std::string source;
  NameParts parts;
};

bool same_organ(const NameParts& a, const NameParts& b) {
  if (a.zone != b.zone && !a.zone.empty() && !b.zone.empty()) return false;
  if (is_government_organ(a.organ) && is_government_organ(b.organ)) return true;
  return a.organ == b.organ;
}

// `fuller` names the same unit as `base` with more of its places in front:
// "霍山县衡山镇" / "衡山镇人民政府"; "沭阳县发展和改革局" / "发展和改革局".
bool is_fuller(const NameParts& fuller, const NameParts& base) {
  if (fuller.places.size() <= base.places.size() || !same_organ(fuller, base)) return false;
  if (!base.zone.empty() && fuller.zone != base.zone) return false;
  return std::equal(base.places.rbegin(), base.places.rend(), fuller.places.rbegin());
}

// "我镇", "本局", "我区": the report calling itself by its type.
std::string self_reference(const Document& document) {
  static const RE2 re(R"((?:我|本)(镇|乡|街道|县|区|市|省|局|委|办|厅|中心|管委会))");
  int read = 0;
  for (const Paragraph& p : document.paragraphs) {
    if (p.folded.empty()) continue;
    if (++read > kTopWindow) break;
    std::string word;
    if (RE2::PartialMatch(p.folded, re, &word)) return word;
  }
  return {};
}

bool self_reference_agrees(std::string_view word, const Unit& unit) {
  if (word.empty()) return false;
  if (unit.type == "township_gov") return word == "镇" || word == "乡" || word == "街道";
  if (unit.type == "county_gov") return word == "县" || word == "区" || word == "市";
  if (unit.type == "city_gov") return word == "市";
  if (unit.type == "province_gov") return word == "省" || word == "市";
  if (unit.type == "zone") return word == "区" || word == "管委会";
  if (unit.type == "department") return unit.name.ends_with(word);
  return false;
}

// The unit from its sightings: the first of title, signature, page and header; a fuller
// printing of the same name elsewhere gives the places it leaves out.
Unit read_unit(const std::vector<Sighting>& sightings, const Resolution& resolution,
               const std::string& self_word) {
  Unit unit;
  if (sightings.empty()) return unit;
  const Sighting& primary = sightings.front();
  const Sighting* full = &primary;
  for (const Sighting& s : sightings) {
    if (is_fuller(s.parts, full->parts)) full = &s;
  }
  const NameParts& parts = full->parts;
  unit.printed = primary.printed;
  unit.source = primary.source;
  const std::string places = join(parts.places);
  const Region& region = resolution.region;
  const std::string level =
      region.status == "matched" ? region.level
      : parts.places.empty()     ? std::string()
                                 : level_by_suffix(parts.places.back());
  // Criteria, combined below.
  const bool has_zone = !parts.zone.empty();
  const bool zone_itself = has_zone && is_zone_organ(parts.organ);
  const bool government = !has_zone && !parts.places.empty() && is_government_organ(parts.organ);
  const bool office_of_government = parts.organ.starts_with("人民政府") && parts.organ.size() > 12;
  const bool department = is_department_organ(parts.organ) && !zone_itself && !government;
  if (zone_itself) {
    unit.type = "zone";
    unit.level = "zone";
    unit.name = places + zone_government_of(parts.zone);
  } else if (government) {
    unit.type = level.empty() ? "other" : level + "_gov";
    unit.level = level;
    unit.name = government_of(places);
  } else if (department || office_of_government) {
    unit.type = "department";
    unit.level = has_zone ? "zone" : level;
    unit.name = places + parts.zone + parts.organ;
    if (has_zone) {
      unit.parent = places + zone_government_of(parts.zone);
    } else if (!places.empty()) {
      unit.parent = government_of(places);
    }
    if (!unit.parent.empty()) unit.parent_source = full->source;
  } else {
    unit.type = "other";
    unit.level = level;
    unit.name = places + parts.zone + parts.organ;
  }
  // A government's parent is the government above it: printed ("霍山县" before "衡山镇"), else
  // the division data's name for the level above (a matched code only).
  // A name may skip a level ("河南省新华区"): the data's level above wins over the printed one.
  if (government && unit.level != "province") {
    const bool above_in_data = region.status == "matched" && region.names.size() >= 2;
    const bool above_printed = parts.places.size() >= 2;
    if (above_in_data) {
      const std::string& above = region.names[region.names.size() - 2];
      unit.parent = government_of(above);
      unit.parent_source =
          above_printed && parts.places[parts.places.size() - 2] == above ? full->source : "division data";
    } else if (above_printed) {
      unit.parent = government_of(join({parts.places.begin(), parts.places.end() - 1}));
      unit.parent_source = full->source;
    }
  }
  // Confidence: one printing, more when another printing or the report's "我镇" agrees.
  int agreeing = 0;
  for (const Sighting& s : sightings) {
    if (&s != full && (is_fuller(full->parts, s.parts) || (s.parts.places == parts.places &&
                                                            same_organ(s.parts, parts)))) {
      ++agreeing;
    }
  }
  double confidence = unit.type == "other" ? 0.5 : 0.8;
  if (agreeing > 0) confidence += 0.1;
  if (self_reference_agrees(self_word, unit)) confidence += 0.05;
  unit.confidence = std::min(confidence, 0.95);
  return unit;
}

// "1" → "01"
std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::string iso_date(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return {};
  return std::to_string(year) + "-" + two_digits(month) + "-" + two_digits(day);
}

// "二十" → 20, "十一" → 11, "九" → 9; 0 when not a number of one to thirty-one.
int chinese_number(std::string_view text) {
  static constexpr std::array<std::string_view, 10> kDigits = {
      "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  auto digit = [&](std::string_view d) {
    for (std::size_t i = 0; i < kDigits.size(); ++i) {
      if (d == kDigits[i]) return static_cast<int>(i);
    }
    return -1;
  };
  const std::size_t ten = text.find("十");
  if (ten == std::string_view::npos) return text.size() == 3 ? std::max(digit(text), 0) : 0;
  const int tens = ten == 0 ? 1 : digit(text.substr(0, ten));
  const std::string_view rest = text.substr(ten + 3);
  const int ones = rest.empty() ? 0 : digit(rest);
  if (tens < 0 || ones < 0) return 0;
  return tens * 10 + ones;
}

int chinese_year_digits(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, int>, 12> kDigits = {{
      {"〇", 0}, {"零", 0}, {"○", 0}, {"一", 1}, {"二", 2}, {"三", 3}, {"四", 4},
      {"五", 5}, {"六", 6}, {"七", 7}, {"八", 8}, {"九", 9}}};
  int year = 0;
  while (!text.empty()) {
    bool matched = false;
    for (const auto& [d, v] : kDigits) {
      if (text.starts_with(d)) {
        year = year * 10 + v;
        text.remove_prefix(d.size());
        matched = true;
        break;
      }
    }
    if (!matched) return 0;
  }
  return year;
}

// A printed date as "YYYY-MM-DD", or empty.
std::string read_date(std::string_view raw) {
  const std::string folded = fold(raw);
  int year = 0, month = 0, day = 0;
  if (RE2::PartialMatch(folded, patterns().date_arabic, &year, &month, &day)) {
    return iso_date(year, month, day);
  }
  std::string y, m, d;
  if (RE2::PartialMatch(folded, patterns().date_chinese, &y, &m, &d)) {
    return iso_date(chinese_year_digits(y), chinese_number(m), chinese_number(d));
  }
  return {};
}

// The statistical period: the first date range in a paragraph that names it ("统计期限"),
// else the first range from 1月1日 to 12月31日 near the top.
std::optional<Period> read_period(const Document& document) {
  const Patterns& re = patterns();
  std::optional<Period> whole_year;
  int read = 0;
  for (const Paragraph& p : document.paragraphs) {
    if (p.folded.empty()) continue;
    if (++read > kTopWindow) break;
    re2::StringPiece rest(p.folded);
    const bool names_period = RE2::PartialMatch(p.folded, re.period_word);
    int y1 = 0, m1 = 0, d1 = 0, m2 = 0, d2 = 0;
    std::string y2;
    while (RE2::FindAndConsume(&rest, re.period, &y1, &m1, &d1, &y2, &m2, &d2)) {
      const int end_year = y2.empty() ? y1 : std::stoi(y2);
      Period period{iso_date(y1, m1, d1), iso_date(end_year, m2, d2), p.source};
      if (period.start.empty() || period.end.empty()) continue;
      if (names_period) return period;
      if (!whole_year && m1 == 1 && d1 == 1 && m2 == 12 && d2 == 31) whole_year = period;
    }
  }
  return whole_year;
}

std::string citation_template(int year, int number) {
  if (year == 2019 && number == 60) return "v2019";   // 国办公开办函〔2019〕60号
  if (year == 2021 && number == 30) return "v2021";   // 国办公开办函〔2021〕30号
  return {};
}

// Past limits.max_citations, `cut` is set and the rest are not read.
std::vector<Citation> read_citations(const Document& document, const Limits& limits,
                                     const Deadline& deadline, bool& cut) {
  const Patterns& re = patterns();
  std::vector<Citation> out;
  std::size_t read = 0;
  for (const Paragraph& p : document.paragraphs) {
    if (deadline.expired_at(++read)) break;
    re2::StringPiece rest(p.folded);
    std::string issuer;
    int year = 0, number = 0;
    re2::StringPiece before = rest;
    while (RE2::FindAndConsume(&rest, re.citation, &issuer, &year, &number)) {
      issuer = last_chars(issuer, kCitationIssuer);
      // The text matched ends where `rest` begins; it starts at the issuer's code.
      const std::string_view consumed(before.data(), static_cast<std::size_t>(rest.data() - before.data()));
      const std::size_t at = consumed.rfind(issuer);
      std::string text(consumed.substr(at == std::string_view::npos ? 0 : at));
      before = rest;
      // "国办公开办函" is the code; Han words before it in the sentence are not ("根据国办…").
      const std::size_t code = text.find("国办");
      if (code != std::string::npos) text.erase(0, code);
      std::erase(text, ' ');  // "国办公开办函[2021]30 号"
      const bool known = std::any_of(out.begin(), out.end(), [&](const Citation& c) { return c.text == text; });
      if (known) continue;
      if (out.size() >= limits.max_citations) {
        cut = true;
        return out;
      }
      out.push_back(Citation{text, year, number, citation_template(year, number), p.source});
    }
  }
  return out;
}

// Years a table's header states ("2012年度" over the old 统计表's column of this year).
std::vector<int> table_years(const Document& document) {
  std::vector<int> out;
  for (const Table& t : document.tables) {
    for (int r = 0; r < kTableHeaderRows && r < static_cast<int>(t.rows.size()); ++r) {
      for (const Cell& c : t.rows[static_cast<std::size_t>(r)]) {
        int year = 0;
        if (!c.continuation && RE2::FullMatch(c.key, patterns().table_year, &year) &&
            std::find(out.begin(), out.end(), year) == out.end()) {
          out.push_back(year);
        }
      }
    }
  }
  return out;
}

Flag make_flag(std::string code, std::string severity, std::string field, std::string message) {
  return Flag{std::move(code), std::move(severity), std::move(field), std::move(message)};
}

}  // namespace

NameParts split_name(std::string_view raw, const DivisionTable& table) {
  const Patterns& re = patterns();
  NameParts parts;
  const std::string key = label_key(raw);
  std::string_view rest(key);
  while (!rest.empty()) {
    std::size_t length = table.longest_name_at(rest);
    bool known = length > 0;
    std::string_view province;
    if (!known && parts.places.empty()) {
      length = table.province_short_at(rest, &province);
      known = length > 0;
    }
    // A zone comes before a place the table does not know ("平潭综合实验区"), and is no place
    // when the table has its name only as a statistical code ("苏州工业园区" 320576).
    re2::StringPiece piece(rest.data(), rest.size());
    std::string zone;
    re2::StringPiece zone_lead;
    const bool zone_named = RE2::PartialMatch(piece, re.zone, &zone, &zone_lead) &&
                            utf8_chars(std::string_view(zone_lead.data(), zone_lead.size())) <=
                                kZoneLead;
    if (!zone_named) zone.clear();
    const bool statistics_only = known && zone.size() == length && [&] {
      for (const Division* d : table.named(rest.substr(0, length))) {
        if (d->kind == 'g') return false;
      }
      return true;
    }();
    if (zone_named && (!known || statistics_only)) {
      parts.zone = zone;
      rest.remove_prefix(zone.size());
      break;
    }
    std::string generic;
    re2::StringPiece generic_lead;
    if (!known && parts.places.empty() &&
        RE2::PartialMatch(piece, re.generic_place, &generic, &generic_lead) &&
        utf8_chars(std::string_view(generic_lead.data(), generic_lead.size())) <= kGenericPlaceLead) {
      length = generic.size();
    }
    // A place word that a county's or province's word continues is part of a longer place the
    // table does not know: "桐乡县" is not "桐乡" followed by "县卫生健康委员会".
    // (Not "市", "镇", "乡": "北京市市场监督管理局".)
    static constexpr std::array<std::string_view, 5> kPlaceWords = {"县", "区", "旗", "省", "州"};
    for (std::string_view word : kPlaceWords) {
      if (length > 0 && rest.substr(length).starts_with(word)) {
        length += word.size();
        known = false;
        break;
      }
    }
    if (length == 0) break;
    parts.places.emplace_back(rest.substr(0, length));
    parts.known.push_back(known);
    rest.remove_prefix(length);
  }
  parts.organ = std::string(rest);
  return parts;
}

Identity identify(const Document& document, const Segments& segments,
                  std::string_view template_version, const Limits& limits,
                  const Deadline& deadline, const DivisionTable& table) {
  Identity out;
  const std::optional<int> year = segments.meta.year;

  // Names of the issuer, in the order they are trusted.
  std::vector<Sighting> sightings;
  auto add = [&](const std::string& printed, const char* source) {
    if (printed.empty()) return;
    sightings.push_back(Sighting{printed, source, split_name(printed, table)});
  };
  add(segments.title_agency, "title");
  add(segments.signature, "signature");
  // A page's own fields, or a crawler header's, which the reader also keeps as page fields
  // ("source": "header 发布机构").
  auto page_or_header = [](const PageField& f) { return f.source.starts_with("header") ? "header" : "page"; };
  for (const PageField& f : document.page_fields) {
    if (f.key == "publisher") add(f.value, page_or_header(f));
  }
  for (const Property& p : document.properties) {
    if (p.name == "发布机构") add(p.value, "header");
  }

  // The region of the fullest printing of the name.
  const NameParts* parts = nullptr;
  for (const Sighting& s : sightings) {
    if (parts == nullptr || is_fuller(s.parts, *parts)) parts = &s.parts;
  }
  Resolution resolution;
  if (parts != nullptr) {
    resolution = resolve(*parts, table, year, limits);
    if (resolution.region.status == "no_place") {
      resolution.region.reason = "\"" + parts->zone + "\" is a zone, not a division";
      resolution.region.candidates = zone_candidates(*parts, table, year, limits);
    } else if (resolution.region.status == "not_found" && resolution.region.reason.empty()) {
      resolution.region.reason = "the name \"" + label_key(sightings.front().printed) + "\" names no place";
    }
  } else {
    resolution.region.data = table.version();
    resolution.region.status = "not_found";
    resolution.region.reason = "no issuing unit was found";
  }
  out.unit = read_unit(sightings, resolution, self_reference(document));
  out.region = std::move(resolution.region);

  out.period = read_period(document);
  bool citations_cut = false;
  out.citations = read_citations(document, limits, deadline, citations_cut);
  if (citations_cut) {
    out.flags.push_back(make_flag("citations_cut", "info", "meta.citations",
                                  "the report cites more than " +
                                      std::to_string(limits.max_citations) +
                                      " notices; the first are kept (max_citations)"));
  }

  // Published: under the signature, else the page's or the crawler header's date.
  out.published = read_date(segments.signature_date);
  if (!out.published.empty()) out.published_source = "signature";
  for (const PageField& f : document.page_fields) {
    if (out.published.empty() && f.key == "published_date") {
      out.published = read_date(f.value);
      if (!out.published.empty()) out.published_source = page_or_header(f);
    }
  }
  for (const Property& p : document.properties) {
    if (out.published.empty() && (p.name == "发布时间" || p.name == "发布日期")) {
      out.published = read_date(p.value);
      if (!out.published.empty()) out.published_source = "header";
    }
  }

  // The notices cited against the template read: "国办公开办函〔2019〕60号" in a 2021-format
  // report says one of the two is wrong.
  const bool template_known = template_version == "v2019" || template_version == "v2021";
  bool cites_read = false;
  const Citation* other = nullptr;
  for (const Citation& c : out.citations) {
    if (c.template_version == template_version) cites_read = true;
    if (!c.template_version.empty() && c.template_version != template_version) other = &c;
  }
  if (template_known && other != nullptr && !cites_read) {
    out.flags.push_back(make_flag(
        "citation_template_mismatch", "warning", "meta.citations",
        "the report cites " + other->text + " (the " + other->template_version +
            " template) but its tables are of the " + std::string(template_version) + " template"));
  }

  // The year: title (or period, when the title has none), period and table headers agree.
  std::vector<std::pair<std::string, int>> years;
  if (year) years.emplace_back("meta.year", *year);
  if (out.period) years.emplace_back("period", std::stoi(out.period->end.substr(0, 4)));
  for (int y : table_years(document)) years.emplace_back("table header", y);
  for (const auto& [where, y] : years) {
    if (y == years.front().second) continue;
    out.flags.push_back(make_flag("year_disagrees", "warning", "meta.year",
                                  "the " + years.front().first + " says " +
                                      std::to_string(years.front().second) + " but the " + where +
                                      " says " + std::to_string(y)));
    break;
  }
  return out;
}

}  // namespace xxgknb
