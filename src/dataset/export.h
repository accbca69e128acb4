// Dataset: exports of a batch dataset for researchers and auditors (docs/dataset.md) — CSV,
// JSON Lines or XLSX, one row per report (wide) or one row per field (long). Empty stays
// empty, never 0.
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace xxgknb::dataset {

enum class ExportFormat { Csv, Jsonl, Xlsx };
enum class ExportShape {
  Wide,   // one row per report: the report's columns, then one column per canonical key
  Long,   // one row per field: the report's id, the key, value, raw, kind, confidence, flags
};

// Which values an export writes: those read from the documents, or those with the
// corrections applied by `xxgknb apply-corrections` in their place (the latest correction of
// a field; a field without one keeps its extracted value).
enum class ExportValues { Extracted, Corrected };

struct ExportOptions {
  ExportFormat format = ExportFormat::Csv;
  ExportShape shape = ExportShape::Wide;
  bool bom = false;   // CSV only: a UTF-8 byte order mark first, for Excel
};

// One column of an export: its name (the header of CSV and the key of JSON Lines) and, for
// the XLSX header, its name in Chinese.
struct ExportColumn {
  std::string name;
  std::string label_zh;
  bool numeric = false;   // a number when not empty
};

// One cell: empty (nullopt) or its text; numbers as exact decimal text ("0.35", "12").
struct ExportCell {
  std::optional<std::string> text;
  bool flagged = false;   // a field read with doubt (highlighted in XLSX)
};

// Where rows go: one implementation per format (export_csv.cpp, export_jsonl.cpp,
// export_xlsx.cpp). Each call returns "" or a message naming what failed.
class ExportSink {
 public:
  virtual ~ExportSink() = default;
  virtual std::string begin(const std::vector<ExportColumn>& columns) = 0;
  virtual std::string row(const std::vector<ExportCell>& cells) = 0;
  virtual std::string end() = 0;
};

// Whether the CSV writes `text` of a text column with a leading apostrophe: it starts as a
// spreadsheet formula would (=, @, a tab or CR; + or - before anything but a number or
// dashes). Exposed for its test.
bool formula_guarded(std::string_view text);

std::unique_ptr<ExportSink> csv_sink(std::FILE* out, bool bom);
std::unique_ptr<ExportSink> jsonl_sink(std::FILE* out);
// XLSX is a zip: it is written to `path`, a file (libxlsxwriter cannot stream).
std::unique_ptr<ExportSink> xlsx_sink(const std::string& path, ExportShape shape);

// The columns of a shape, in order: for wide, the report's columns and every canonical key
// of both templates (t2.* and t2v19.* side by side) and any other key the dataset holds
// (derived subtotals); for long, the field's columns.
std::vector<ExportColumn> export_columns(sqlite3* db, ExportShape shape, std::string& error);

// What became of an export: `error` is empty on success; else it says what failed, and
// `output_failed` whether it was the output (the sink) rather than the dataset.
struct ExportResult {
  std::string error;
  bool output_failed = false;
};

// Writes every report of the dataset (reports with an error have no fields: in wide they
// are a row of empty cells with their status) through `sink`. With corrected values, a
// corrected cell is not highlighted as doubtful, and in the long shape its flags gain
// "corrected".
ExportResult export_dataset(sqlite3* db, ExportShape shape, ExportSink& sink,
                            ExportValues values = ExportValues::Extracted);

}  // namespace xxgknb::dataset
