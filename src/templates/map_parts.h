// Stage 5, template mapping: what the parts of the mapper share — a stream cell seen as a
// possible label (cell_view), the template's rows prepared for matching (row_match), the
// values gathered for one row (gather), the confidence policy and the fields a row fills
// (assign), tables 二/三 by row label (labelled_table), table 四 (review_table) and version
// scoring (version). Private to src/templates/; mapper.cpp runs them in order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "segment/segment.h"
#include "tables/tables.h"
#include "templates/cell_value.h"
#include "templates/labels.h"
#include "templates/spec.h"
#include "util/deadline.h"
#include "xxgknb/document.h"
#include "xxgknb/report.h"

namespace xxgknb::mapping {

// ---------------------------------------------------------------------------------------
// Confidence of a value read, by how the table reached us (see docs/output-format.md).
constexpr double kConfidenceGrid = 0.99;       // a real grid (.docx, HTML)
constexpr double kConfidenceTextGrid = 0.97;   // a grid rebuilt from text (Tika, pipes, tabs)
constexpr double kConfidenceLoose = 0.95;      // values read from loose lines after a label
constexpr double kFactorFuzzyLabel = 0.8;
constexpr double kConfidenceCountMismatch = 0.5;
constexpr double kConfidenceInferred = 0.7;
constexpr double kConfidenceText = 0.3;
constexpr double kFactorUnitMismatch = 0.6;

// ---------------------------------------------------------------------------------------

enum class ReadMode { Grid, TextGrid, Loose };
// A value read from the stream: its printed text, what the lexer made of it, and where.
struct Token {
  std::string_view raw;       // the printed text of the cell or of the token in a line (a view
                              // of the stream cell, which views the Document)
  CellValue value;
  SourceSpan source;
};

// A stream cell seen as a possible label: its label text (without trailing values) as parts.
struct CellView {
  bool value_only = false;           // the cell holds values (or nothing) and no label
  bool page_marker = false;          // a page footer or header of PDF-made text: "— 4 —"
  LabelParts label;                  // enumerator + core of the label part
  std::string_view label_raw;        // the label as printed (a view of the stream cell)
  CellValue cell;                    // for a grid cell: its value, read once
  // How many values end a loose line. The values themselves are read again from the line
  // when a row takes them (loose_tokens): few are, and keeping them all would cost more
  // than the text itself.
  std::size_t value_count = 0;
};

// ---------------------------------------------------------------------------------------
// Label matching against a table's rows and known (non-row) labels.
struct PreparedRow {
  const RowSpec* spec = nullptr;
  std::vector<LabelParts> labels;  // label_key + split_enumerator of each RowSpec label
};

struct PreparedTable {
  const TableSpec* spec = nullptr;
  std::vector<PreparedRow> rows;
  std::vector<LabelParts> known;
};

// The prepared tables of a template, made once per template: label_key runs ICU.
struct PreparedTemplate {
  PreparedTable t2, t3, t4;
};

struct RowMatch {
  int row = -1;
  LabelMatch quality = LabelMatch::None;
};

struct Gathered {
  std::vector<Token> tokens;
  ReadMode mode = ReadMode::Loose;
  std::size_t end = 0;  // stream index after the last cell consumed
  // Loose values from two lines or more, not one a line: where a line ends a cell may have
  // ended too, or a number wrapped in its narrow cell ("11" / "8" / "5 1 1 0 3").
  bool values_over_lines = false;
};

struct Context {
  const Document& document;
  const Layout& layout;
  const Deadline& deadline;
  std::vector<CellView> views;  // one per stream cell
  std::uint64_t max_glued_readings = 0;  // Limits::max_glued_readings
};

struct TableResult {
  std::vector<Field> fields;
  std::vector<ExtraRow> extra_rows;
  std::vector<Flag> flags;
  int rows_found = 0;
};

// ---------------------------------------------------------------------------------------
// Version detection by the labels present (templates.md §4.2).
struct VersionScores {
  int t2_v2021 = 0, t2_v2019 = 0, t3_v2021 = 0, t3_v2019 = 0;
};

// cell_view.cpp
CellView view_cell(const StreamCell& cell);
std::optional<std::string> lone_enumerator(const CellView& v);
// The span in the input of bytes [begin, end) of a stream cell's raw text.
SourceSpan span_within(const StreamCell& cell, std::size_t begin, std::size_t end);

// row_match.cpp
PreparedTable prepare(const TableSpec& spec);
const PreparedTemplate& prepared(const TemplateSpec& spec);
RowMatch match_row(const PreparedTable& table, const LabelParts& cell);
RowMatch match_row_after_group(const PreparedTable& table, std::string_view label_raw);
bool is_known_label(const PreparedTable& table, const LabelParts& cell);

// gather.cpp
bool is_text_grid(const Document& document, const StreamCell& cell);
void append_loose_tokens(const Context& ctx, std::size_t i, std::vector<Token>& out);
Token grid_token(const Context& ctx, std::size_t i);
Gathered gather_values(const Context& ctx, std::size_t at, std::size_t end, std::size_t wanted);

// assign.cpp: the confidence policy and the fields of one row.
Field make_field(std::string key);
void add_flag(Field& f, const char* flag);
void assign_row(const RowSpec& row, const Gathered& g, LabelMatch quality,
                std::string_view label_raw, std::vector<Field>& fields, std::size_t first_field);
std::vector<Field> blank_fields(const TableSpec& table);
std::vector<std::size_t> first_field_of_rows(const TableSpec& table);

// How a row of the template was read: where its label stands and the grid rows it took.
struct RowReading {
  std::size_t label_at = 0;   // stream index of the label
  bool label_in_grid = false; // the label stands in a grid row, not on a loose line
  int label_row_id = -1;      // StreamCell::row_id of the label
  int values_row_id = -1;     // row_id of the cell its last value came from
};

// row_order.cpp: value rows of a rebuilt text table without a label of their own, placed by
// the template's order between the rows read by their labels (flag row_by_order).
void place_rows_by_order(const Context& ctx, const PreparedTable& table, std::size_t begin,
                         std::size_t end, std::vector<std::optional<RowReading>>& readings,
                         TableResult& result);

// labelled_table.cpp, review_table.cpp: one table within the cells [begin, end).
TableResult map_labelled_table(const Context& ctx, const PreparedTable& table, std::size_t begin,
                               std::size_t end);
TableResult map_review_table(const Context& ctx, const PreparedTable& table, std::size_t begin,
                             std::size_t end);

// version.cpp
VersionScores score_versions(const Context& ctx);

// legacy_table.cpp: the 统计表 of a pre-2019 report (legacy_table() of the spec), read from
// the whole document; only the rows found give fields.
const PreparedTable& prepared_legacy();
TableResult map_legacy_table(const Context& ctx, const PreparedTable& table);

}  // namespace xxgknb::mapping
