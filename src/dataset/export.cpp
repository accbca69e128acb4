// Dataset: what every export shares (export.h) — the columns of the wide and long shapes,
// their Chinese names from the template spec, and the rows read from the dataset.
#include "dataset/export.h"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>

#include "dataset/corrections.h"
#include "dataset/sqlite_util.h"
#include "emit/read_json.h"
#include "templates/spec.h"
#include "xxgknb/options.h"

namespace xxgknb::dataset {
namespace {

// Kind flags say what the cell held, not a doubt: they do not highlight it.
constexpr const char* kKindFlags[] = {"blank", "dash", "text_zero"};

struct DocumentColumn {
  const char* name;
  const char* label_zh;
  bool numeric;
};
constexpr DocumentColumn kWideDocumentColumns[] = {
    {"document_id", "文档编号", true}, {"path", "文件", false},   {"sha256", "SHA-256", false},
    {"agency", "机关", false},         {"year", "年度", true},    {"template", "模板", false},
    {"status", "状态", false},         {"confidence", "置信度", true}};
constexpr DocumentColumn kLongColumns[] = {
    {"document_id", "文档编号", true}, {"path", "文件", false},       {"agency", "机关", false},
    {"year", "年度", true},            {"template", "模板", false},   {"key", "字段", false},
    {"value", "数值", true},           {"raw", "原文", false},        {"kind", "类型", false},
    {"confidence", "置信度", true},    {"flags", "标记", false},      {"label", "行标签", false},
    {"source", "来源", false}};

// "表三 一、本年新收政府信息公开申请数量 自然人" for every key of both templates; the 2019
// table 二 is "表二(2019)".
const std::map<std::string, std::string>& chinese_labels() {
  static const std::map<std::string, std::string> labels = [] {
    std::map<std::string, std::string> out;
    for (const TemplateSpec* spec : {&template_v2021(), &template_v2019()}) {
      for (const TableSpec* table : {spec->t2, spec->t3, spec->t4}) {
        std::string caption(table->caption);
        caption = caption.substr(0, caption.find(' '));
        if (std::string_view(table->name) == "t2v19") caption += "(2019)";
        for (const RowSpec& row : table->rows) {
          for (const ColumnSpec& column : row.columns) {
            std::string label = caption + " " + row.labels.front();
            if (*column.label != '\0') label += std::string(" ") + column.label;
            out.emplace(field_key(*table, row, column), label);
          }
        }
      }
    }
    return out;
  }();
  return labels;
}

// The exact decimal of a field row: `exact` when the batch stored it, else the REAL printed
// in its shortest round-trip form (what the report's JSON said); empty for NULL.
std::optional<std::string> value_text(const Statement& q, int value, int exact) {
  if (!q.is_null(exact)) return q.text(exact);
  if (q.is_null(value)) return std::nullopt;
  const double v = q.real(value);
  char buffer[400];
  const auto done = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::fixed);
  if (done.ec != std::errc()) return std::nullopt;
  return std::string(buffer, done.ptr);
}

std::optional<std::string> integer_text(const Statement& q, int i) {
  if (q.is_null(i)) return std::nullopt;
  return std::to_string(q.integer(i));
}

std::optional<std::string> confidence_text(const Statement& q, int i) {
  if (q.is_null(i)) return std::nullopt;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", q.real(i));
  std::string s = buffer;
  while (s.size() > 1 && s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

// A field is flagged when it carries a flag other than its kind's, or a confidence under
// the review threshold.
bool is_flagged(const std::vector<std::string>& flags, double confidence) {
  const bool doubtful_flag = std::any_of(flags.begin(), flags.end(), [](const std::string& f) {
    return std::none_of(std::begin(kKindFlags), std::end(kKindFlags),
                        [&](const char* k) { return f == k; });
  });
  return doubtful_flag || confidence < Options{}.review_threshold;
}

std::vector<std::string> flags_of(const std::string& json, std::int64_t document,
                                  const std::string& key, std::string& error) {
  std::vector<std::string> out;
  const nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_array()) {
    error = "document " + std::to_string(document) + ", field " + key +
            ": flags is not a JSON array: " + json;
    return out;
  }
  for (const auto& item : j) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

std::string join(const std::vector<std::string>& items, char separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// The position of a key in export order: canonical keys first, then the others by name.
std::vector<std::string> wide_keys(sqlite3* db, std::string& error) {
  std::vector<std::string> keys = canonical_keys();
  Statement q(db, "SELECT DISTINCT key FROM fields ORDER BY key");
  if (!q.ok()) {
    error = q.error();
    return keys;
  }
  int rc;
  while ((rc = q.step()) == SQLITE_ROW) {
    std::string key = q.text(0);
    if (std::find(canonical_keys().begin(), canonical_keys().end(), key) == canonical_keys().end()) {
      keys.push_back(std::move(key));
    }
  }
  if (rc != SQLITE_DONE) error = q.error();
  return keys;
}

// The value and exact text of a field as the export writes them, and whether a correction
// gave them: the extracted ones, or the latest correction's when corrected values are asked
// for and the dataset has the corrections layer.
std::string field_value_sql(sqlite3* db, ExportValues values) {
  if (values == ExportValues::Extracted || !has_corrections(db)) {
    return "f.value, f.exact, 0 FROM fields f";
  }
  return "CASE WHEN c.id IS NULL THEN f.value ELSE CAST(c.corrected AS REAL) END, "
         "CASE WHEN c.id IS NULL THEN f.exact ELSE c.corrected END, c.id IS NOT NULL "
         "FROM fields f LEFT JOIN corrections c ON c.id = (SELECT max(id) FROM corrections "
         "WHERE document_id = f.document_id AND key = f.key)";
}

std::string export_wide(sqlite3* db, ExportSink& sink, ExportValues values, bool& output_failed) {
  std::string error;
  const std::vector<std::string> keys = wide_keys(db, error);
  if (!error.empty()) return error;
  std::map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < keys.size(); ++i) position.emplace(keys[i], i);
  const std::size_t first_key = std::size(kWideDocumentColumns);

  Statement documents(db,
                      "SELECT id, path, sha256, agency, year, template, status, confidence "
                      "FROM documents ORDER BY id");
  Statement fields(db, "SELECT f.key, f.confidence, f.flags, " + field_value_sql(db, values) +
                           " WHERE f.document_id = ?");
  if (!documents.ok()) return documents.error();
  if (!fields.ok()) return fields.error();
  int rc;
  while ((rc = documents.step()) == SQLITE_ROW) {
    std::vector<ExportCell> cells(first_key + keys.size());
    const std::int64_t id = documents.integer(0);
    cells[0].text = std::to_string(id);
    for (int i = 1; i <= 3; ++i) cells[i].text = documents.optional_text(i);
    cells[4].text = integer_text(documents, 4);
    cells[5].text = documents.optional_text(5);
    cells[6].text = documents.optional_text(6);
    cells[7].text = confidence_text(documents, 7);
    fields.reset();
    fields.bind(1, id);
    int frc;
    while ((frc = fields.step()) == SQLITE_ROW) {
      const std::string key = fields.text(0);
      ExportCell& cell = cells[first_key + position.at(key)];
      cell.text = value_text(fields, 3, 4);
      cell.flagged = fields.integer(5) == 0 &&
                     is_flagged(flags_of(fields.text(2), id, key, error), fields.real(1));
      if (!error.empty()) return error;
    }
    if (frc != SQLITE_DONE) return fields.error();
    if (std::string e = sink.row(cells); !e.empty()) {
      output_failed = true;
      return e;
    }
  }
  if (rc != SQLITE_DONE) return documents.error();
  return {};
}

std::string export_long(sqlite3* db, ExportSink& sink, ExportValues values, bool& output_failed) {
  std::map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < canonical_keys().size(); ++i) position.emplace(canonical_keys()[i], i);
  Statement q(db,
              "SELECT d.id, d.path, d.agency, d.year, d.template, f.key, f.raw, f.kind, "
              "f.confidence, f.flags, f.label, f.source, " + field_value_sql(db, values) +
                  " JOIN documents d ON d.id = f.document_id ORDER BY d.id, f.key");
  if (!q.ok()) return q.error();
  // One report's rows at a time, put in template order before they are written.
  struct Pending {
    std::size_t order;
    std::string key;
    std::vector<ExportCell> cells;
  };
  std::vector<Pending> pending;
  std::int64_t current = -1;
  auto flush = [&]() -> std::string {
    std::stable_sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
      return a.order < b.order;
    });
    for (const Pending& p : pending) {
      if (std::string e = sink.row(p.cells); !e.empty()) {
        output_failed = true;
        return e;
      }
    }
    pending.clear();
    return {};
  };
  std::string error;
  int rc;
  while ((rc = q.step()) == SQLITE_ROW) {
    const std::int64_t id = q.integer(0);
    if (id != current) {
      if (std::string e = flush(); !e.empty()) return e;
      current = id;
    }
    const std::string key = q.text(5);
    std::vector<std::string> flags = flags_of(q.text(9), id, key, error);
    if (!error.empty()) return error;
    const bool corrected = q.integer(14) != 0;
    std::vector<ExportCell> cells(std::size(kLongColumns));
    cells[0].text = std::to_string(id);
    cells[1].text = q.optional_text(1);
    cells[2].text = q.optional_text(2);
    cells[3].text = integer_text(q, 3);
    cells[4].text = q.optional_text(4);
    cells[5].text = key;
    cells[6].text = value_text(q, 12, 13);
    cells[6].flagged = !corrected && is_flagged(flags, q.real(8));
    if (corrected) flags.push_back("corrected");
    cells[7].text = q.optional_text(6);
    cells[8].text = q.optional_text(7);
    cells[9].text = confidence_text(q, 8);
    cells[10].text = join(flags, ';');
    if (cells[10].text->empty()) cells[10].text.reset();
    cells[11].text = q.optional_text(10);
    cells[12].text = q.optional_text(11);
    const auto at = position.find(key);
    pending.push_back({at == position.end() ? position.size() : at->second, key, std::move(cells)});
  }
  if (rc != SQLITE_DONE) return q.error();
  return flush();
}

}  // namespace

std::vector<ExportColumn> export_columns(sqlite3* db, ExportShape shape, std::string& error) {
  std::vector<ExportColumn> columns;
  if (shape == ExportShape::Long) {
    for (const DocumentColumn& c : kLongColumns) columns.push_back({c.name, c.label_zh, c.numeric});
    return columns;
  }
  for (const DocumentColumn& c : kWideDocumentColumns) {
    columns.push_back({c.name, c.label_zh, c.numeric});
  }
  for (const std::string& key : wide_keys(db, error)) {
    const auto label = chinese_labels().find(key);
    columns.push_back({key, label == chinese_labels().end() ? key : label->second, true});
  }
  return columns;
}

ExportResult export_dataset(sqlite3* db, ExportShape shape, ExportSink& sink, ExportValues values) {
  ExportResult result;
  std::string error;
  const std::vector<ExportColumn> columns = export_columns(db, shape, error);
  if (!error.empty()) return {"cannot read the dataset: " + error, false};
  if (std::string e = sink.begin(columns); !e.empty()) return {e, true};
  const std::string e = shape == ExportShape::Wide
                            ? export_wide(db, sink, values, result.output_failed)
                            : export_long(db, sink, values, result.output_failed);
  if (!e.empty()) {
    result.error = result.output_failed ? e : "cannot read the dataset: " + e;
    return result;
  }
  if (std::string end = sink.end(); !end.empty()) return {end, true};
  return result;
}

}  // namespace xxgknb::dataset
