// Stage 7, emit: Report → JSON of docs/output-format.md, keys in a fixed order so that the
// same Report always gives the same bytes.
#include "emit/json.h"

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

using Json = nlohmann::ordered_json;

// A Decimal as a JSON number: an integer when it is one that fits, else the double printed
// in its shortest round-trip form. Whether that double is exactly the Decimal is
// Decimal::exact_in_double(); where it is not, the caller writes the exact text beside it.
Json decimal_number(const Decimal& value) {
  if (value.scale() == 0) {
    if (std::optional<std::int64_t> n = value.to_int64()) return Json(*n);
  }
  return Json(value.to_double());
}

Json optional_decimal(const std::optional<Decimal>& value) {
  return value ? decimal_number(*value) : Json(nullptr);
}

// 0..1 rounded to 3 decimals, so that noise in the last bits never changes the output.
double stable_confidence(double confidence) {
  if (!std::isfinite(confidence) || confidence < 0.0) return 0.0;
  if (confidence > 1.0) return 1.0;
  return std::round(confidence * 1000.0) / 1000.0;
}

Json text_or_null(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

Json string_array(const std::vector<std::string>& items) {
  Json array = Json::array();
  for (const std::string& item : items) array.push_back(item);
  return array;
}

// Only the members that are known (not -1), in a fixed order.
Json source_span_json(const SourceSpan& span) {
  Json j = Json::object();
  if (span.table != -1) j["table"] = span.table;
  if (span.row != -1) j["row"] = span.row;
  if (span.col != -1) j["col"] = span.col;
  if (span.line != -1) j["line"] = span.line;
  if (span.offset != -1) j["offset"] = span.offset;
  if (span.length != -1) j["length"] = span.length;
  if (span.page != -1) j["page"] = span.page;
  if (span.box) j["box"] = Json::array({(*span.box)[0], (*span.box)[1], (*span.box)[2], (*span.box)[3]});
  return j;
}

Json source_info_json(const SourceInfo& source) {
  Json j = Json::object();
  j["path"] = source.path;
  j["sha256"] = text_or_null(source.sha256);
  j["bytes"] = source.bytes;
  j["format"] = text_or_null(source.format);
  j["encoding"] = text_or_null(source.encoding);
  return j;
}

Json meta_json(const Meta& meta) {
  Json j = Json::object();
  j["title"] = meta.title;
  j["agency"] = meta.agency;
  j["year"] = meta.year ? Json(*meta.year) : Json(nullptr);
  // A template nobody could tell is "unknown", never an empty string.
  j["template"] = meta.template_version.empty() ? "unknown" : meta.template_version;
  j["flags"] = string_array(meta.flags);
  // A web page's own fields, by key in the reader's fixed order; absent for other inputs.
  if (!meta.page.empty()) {
    Json page = Json::object();
    for (const PageField& f : meta.page) {
      page[f.key] = Json{{"value", f.value}, {"source", f.source}, {"offset", f.where.offset}};
    }
    j["page"] = std::move(page);
  }
  return j;
}

Json section_json(const Section& section) {
  Json j = Json::object();
  j["key"] = section.key;
  j["number"] = section.number;
  j["heading"] = section.heading;
  j["text"] = section.text;
  j["source"] = source_span_json(section.source);
  j["flags"] = string_array(section.flags);
  return j;
}

Json field_json(const Field& field) {
  Json j = Json::object();
  j["value"] = optional_decimal(field.value);
  // Never rounded silently: the exact text stands beside a number a double cannot hold, and
  // the mapping has flagged the field `beyond_double`.
  if (field.value && !field.value->exact_in_double()) j["exact"] = field.value->to_string();
  j["raw"] = field.raw ? Json(*field.raw) : Json(nullptr);
  j["kind"] = kind_name(field.kind);
  j["confidence"] = stable_confidence(field.confidence);
  j["flags"] = string_array(field.flags);
  j["source"] = source_span_json(field.source);
  if (!field.unit.empty()) j["unit"] = field.unit;
  if (!field.label.empty()) j["label"] = field.label;
  if (field.derived) j["derived"] = true;
  return j;
}

Json extra_row_json(const ExtraRow& row) {
  Json j = Json::object();
  j["table"] = row.table;
  j["label"] = row.label;
  j["cells"] = string_array(row.cells);
  j["source"] = source_span_json(row.source);
  return j;
}

Json check_json(const Check& check) {
  Json j = Json::object();
  j["id"] = check.id;
  j["severity"] = severity_name(check.severity);
  j["status"] = status_name(check.status);
  j["column"] = text_or_null(check.column);
  j["expr"] = check.expr;
  j["lhs"] = optional_decimal(check.lhs);
  j["rhs"] = optional_decimal(check.rhs);
  if (check.lhs && !check.lhs->exact_in_double()) j["lhs_exact"] = check.lhs->to_string();
  if (check.rhs && !check.rhs->exact_in_double()) j["rhs_exact"] = check.rhs->to_string();
  j["fields"] = string_array(check.fields);
  j["message"] = check.message;
  j["blame"] = text_or_null(blame_name(check.blame));
  return j;
}

Json flag_json(const Flag& flag) {
  Json j = Json::object();
  j["code"] = flag.code;
  j["severity"] = flag.severity;
  j["field"] = text_or_null(flag.field);
  j["message"] = flag.message;
  return j;
}

Json review_json(const Review& review) {
  Json j = Json::object();
  j["needs_review"] = review.needs_review;
  j["confidence"] = stable_confidence(review.confidence);
  j["reasons"] = string_array(review.reasons);
  return j;
}

// Invalid UTF-8 in a string becomes U+FFFD instead of an exception: the library throws
// nothing of its own, and the raw bytes are still identified by source.sha256.
std::string dump(const Json& j, JsonStyle style) {
  return j.dump(style.pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

nlohmann::ordered_json report_json(const Report& report) {
  Json j = Json::object();
  j["schema"] = kSchemaId;
  j["source"] = source_info_json(report.source);
  j["meta"] = meta_json(report.meta);
  j["sections"] = Json::array();
  for (const Section& section : report.sections) j["sections"].push_back(section_json(section));
  j["fields"] = Json::object();
  for (const Field& field : report.fields) j["fields"][field.key] = field_json(field);
  j["extra_rows"] = Json::array();
  for (const ExtraRow& row : report.extra_rows) j["extra_rows"].push_back(extra_row_json(row));
  j["checks"] = Json::array();
  for (const Check& check : report.checks) j["checks"].push_back(check_json(check));
  j["flags"] = Json::array();
  for (const Flag& flag : report.flags) j["flags"].push_back(flag_json(flag));
  j["review"] = review_json(report.review);
  return j;
}

nlohmann::ordered_json error_json(const Error& error) {
  Json j = Json::object();
  j["schema"] = kSchemaId;
  j["error"] = Json::object();
  j["error"]["code"] = error.code;
  j["error"]["message"] = error.message;
  j["source"] = source_info_json(error.source);
  return j;
}

std::string to_json(const Report& report, JsonStyle style) {
  return dump(report_json(report), style);
}

std::string to_json(const Error& error, JsonStyle style) { return dump(error_json(error), style); }

}  // namespace xxgknb
