// Stage 7, emit (read back): a report in our JSON shape → Report, with defaults for what a
// hand-filled form lacks (read_json.h), and every problem said with its place.
#include "emit/read_json.h"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <utility>

#include "prose/prose.h"
#include "templates/spec.h"

namespace xxgknb {
namespace {

using Json = nlohmann::ordered_json;

std::vector<std::string> template_keys(const TemplateSpec& spec) {
  std::vector<std::string> keys;
  for (const TableSpec* table : {spec.t2, spec.t3, spec.t4}) {
    for (const RowSpec& row : table->rows) {
      for (const ColumnSpec& column : row.columns) keys.push_back(field_key(*table, row, column));
    }
  }
  return keys;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// "t3.results.denied.subtotal.total": what derive.cpp adds after table 三.
bool is_subtotal_key(std::string_view key) {
  return starts_with(key, "t3.results.") && key.find(".subtotal.") != std::string_view::npos;
}

// A shape problem, thrown inside this file only and turned into a JsonReadError.
struct ShapeError {
  std::string path;
  std::string message;
};

[[noreturn]] void shape_error(std::string path, std::string message) {
  throw ShapeError{std::move(path), std::move(message)};
}

const char* type_of(const Json& j) { return j.type_name(); }

std::string get_string(const Json& object, const char* name, const std::string& path) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) return {};
  if (!it->is_string()) {
    shape_error(path + "." + name, std::string("expected a string, found ") + type_of(*it));
  }
  return it->get<std::string>();
}

std::vector<std::string> get_strings(const Json& object, const char* name,
                                     const std::string& path) {
  std::vector<std::string> out;
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) return out;
  if (!it->is_array()) {
    shape_error(path + "." + name, std::string("expected an array of strings, found ") + type_of(*it));
  }
  for (const Json& item : *it) {
    if (!item.is_string()) {
      shape_error(path + "." + name, "expected an array of strings, found an item that is " +
                                         std::string(type_of(item)));
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

const Json* get_object(const Json& object, const char* name, const std::string& path) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) return nullptr;
  if (!it->is_object()) {
    shape_error(path + "." + name, std::string("expected an object, found ") + type_of(*it));
  }
  return &*it;
}

// A JSON number as the exact decimal its writer printed: integers as they are, a double by
// its shortest round-trip form ("0.35", never "0.34999…").
Decimal decimal_of(const Json& number, const std::string& path) {
  std::optional<Decimal> d;
  if (number.is_number_integer() && !number.is_number_unsigned()) {
    d = Decimal::from_int(number.get<std::int64_t>());
  } else if (number.is_number_unsigned()) {
    d = Decimal::parse(std::to_string(number.get<std::uint64_t>()));
  } else {
    char buffer[400];
    const auto done = std::to_chars(buffer, buffer + sizeof buffer, number.get<double>(),
                                    std::chars_format::fixed);
    if (done.ec == std::errc()) d = Decimal::parse(std::string_view(buffer, done.ptr - buffer));
  }
  if (!d) {
    shape_error(path, "the number " + number.dump() + " is beyond what a cell may hold (" +
                          std::to_string(Decimal::kMaxDigits) + " digits, " +
                          std::to_string(Decimal::kMaxScale) + " after the point)");
  }
  return *d;
}

std::optional<Kind> kind_of(std::string_view name) {
  for (Kind k : {Kind::Number, Kind::Blank, Kind::Dash, Kind::TextZero, Kind::Text, Kind::Missing}) {
    if (name == kind_name(k)) return k;
  }
  return std::nullopt;
}

SourceSpan source_of(const Json* source, const std::string& path) {
  SourceSpan span;
  if (source == nullptr) return span;
  auto integer = [&](const char* name, auto& out) {
    const auto it = source->find(name);
    if (it == source->end() || it->is_null()) return;
    if (!it->is_number_integer()) {
      shape_error(path + "." + name, std::string("expected an integer, found ") + type_of(*it));
    }
    out = it->get<std::remove_reference_t<decltype(out)>>();
  };
  integer("table", span.table);
  integer("row", span.row);
  integer("col", span.col);
  integer("line", span.line);
  integer("offset", span.offset);
  integer("length", span.length);
  integer("page", span.page);
  return span;
}

Field field_of(const std::string& key, const Json& j, const std::string& path) {
  Field f;
  f.key = key;
  f.confidence = 1.0;   // a hand-filled value is taken as read cleanly unless flagged
  const Json* value = &j;
  if (j.is_object()) {
    const auto it = j.find("value");
    if (it == j.end()) shape_error(path, "a field object needs a \"value\" (a number or null)");
    value = &*it;
    const std::string exact = get_string(j, "exact", path);
    if (!exact.empty()) {
      std::optional<Decimal> d = Decimal::parse(exact);
      if (!d) shape_error(path + ".exact", "\"" + exact + "\" is not a decimal number");
      f.value = d;
    }
    const auto raw = j.find("raw");
    if (raw != j.end() && !raw->is_null()) f.raw = get_string(j, "raw", path);
    const std::string kind = get_string(j, "kind", path);
    if (!kind.empty()) {
      std::optional<Kind> k = kind_of(kind);
      if (!k) shape_error(path + ".kind", "unknown kind \"" + kind + "\"");
      f.kind = *k;
    }
    const auto confidence = j.find("confidence");
    if (confidence != j.end() && !confidence->is_null()) {
      if (!confidence->is_number() || confidence->get<double>() < 0.0 ||
          confidence->get<double>() > 1.0) {
        shape_error(path + ".confidence", "expected a number from 0 to 1");
      }
      f.confidence = confidence->get<double>();
    }
    for (std::string& flag : get_strings(j, "flags", path)) {
      if (flag != "check_failed") f.flags.push_back(std::move(flag));
    }
    f.source = source_of(get_object(j, "source", path), path + ".source");
    f.label = get_string(j, "label", path);
    f.unit = get_string(j, "unit", path);
    const auto derived = j.find("derived");
    f.derived = derived != j.end() && derived->is_boolean() && derived->get<bool>();
    if (!kind.empty() && f.kind != Kind::Number && (!value->is_null() || f.value) &&
        f.kind != Kind::TextZero) {
      shape_error(path, "kind \"" + kind + "\" cannot have a value");
    }
    if (kind.empty() && value->is_null() && !f.value) f.kind = Kind::Blank;
    if (kind.empty() && (!value->is_null() || f.value)) f.kind = Kind::Number;
  } else {
    f.kind = value->is_null() ? Kind::Blank : Kind::Number;
  }
  if (!value->is_null() && !value->is_number()) {
    shape_error(j.is_object() ? path + ".value" : path,
                std::string("expected a number or null, found ") + type_of(*value));
  }
  if (value->is_number() && !f.value) f.value = decimal_of(*value, path + ".value");
  if (f.kind == Kind::Number && !f.value) shape_error(path, "kind \"number\" needs a value");
  if (!f.raw && f.value && !j.is_object()) f.raw = f.value->to_string();
  return f;
}

// One member of `prose`: a key, a value and the rest as written (docs/output-format.md).
ProseFact prose_fact_of(const Json& j, const std::string& path) {
  if (!j.is_object()) shape_error(path, "expected a prose fact object");
  ProseFact f;
  f.key = get_string(j, "key", path);
  if (f.key.rfind("prose.", 0) != 0) shape_error(path + ".key", "a prose fact needs its key (\"prose.…\")");
  const auto value = j.find("value");
  if (value == j.end() || !value->is_number()) shape_error(path + ".value", "a prose fact needs a number");
  f.value = decimal_of(*value, path + ".value");
  const std::string exact = get_string(j, "exact", path);
  if (!exact.empty()) {
    std::optional<Decimal> d = Decimal::parse(exact);
    if (!d) shape_error(path + ".exact", "\"" + exact + "\" is not a decimal number");
    f.value = *d;
  }
  f.unit = get_string(j, "unit", path);
  f.raw = get_string(j, "raw", path);
  f.sentence = get_string(j, "sentence", path);
  f.section = get_string(j, "section", path);
  f.source = source_of(get_object(j, "source", path), path + ".source");
  const auto confidence = j.find("confidence");
  f.confidence = 1.0;
  if (confidence != j.end() && !confidence->is_null()) {
    if (!confidence->is_number() || confidence->get<double>() < 0.0 ||
        confidence->get<double>() > 1.0) {
      shape_error(path + ".confidence", "expected a number from 0 to 1");
    }
    f.confidence = confidence->get<double>();
  }
  f.flags = get_strings(j, "flags", path);
  return f;
}

std::string table_of(std::string_view key) { return std::string(key.substr(0, key.find('.'))); }

Report report_of(const Json& j) {
  if (!j.is_object()) shape_error("", std::string("expected a report object, found ") + type_of(j));
  if (j.contains("error")) {
    shape_error("error", "this is an error object (nothing could be read from its input), not a "
                         "report");
  }
  const std::string schema = get_string(j, "schema", "");
  if (!schema.empty() && schema != kSchemaId) {
    shape_error("schema", "\"" + schema + "\" is not " + kSchemaId);
  }
  Report report;
  if (const Json* source = get_object(j, "source", "")) {
    report.source.path = get_string(*source, "path", "source");
    report.source.sha256 = get_string(*source, "sha256", "source");
    report.source.format = get_string(*source, "format", "source");
    report.source.encoding = get_string(*source, "encoding", "source");
    const auto bytes = source->find("bytes");
    if (bytes != source->end() && bytes->is_number_unsigned()) {
      report.source.bytes = bytes->get<std::uint64_t>();
    }
  }
  if (const Json* meta = get_object(j, "meta", "")) {
    report.meta.title = get_string(*meta, "title", "meta");
    report.meta.agency = get_string(*meta, "agency", "meta");
    report.meta.template_version = get_string(*meta, "template", "meta");
    report.meta.flags = get_strings(*meta, "flags", "meta");
    const auto year = meta->find("year");
    if (year != meta->end() && !year->is_null()) {
      if (!year->is_number_integer()) shape_error("meta.year", "expected an integer year or null");
      report.meta.year = year->get<int>();
    }
  }
  if (const auto sections = j.find("sections"); sections != j.end() && !sections->is_null()) {
    if (!sections->is_array()) shape_error("sections", "expected an array of sections");
    for (std::size_t i = 0; i < sections->size(); ++i) {
      const Json& s = (*sections)[i];
      const std::string path = "sections[" + std::to_string(i) + "]";
      if (!s.is_object()) shape_error(path, "expected a section object");
      Section section;
      section.key = get_string(s, "key", path);
      if (section.key.empty()) shape_error(path + ".key", "a section needs its key (\"s1_overview\" …)");
      section.number = get_string(s, "number", path);
      section.heading = get_string(s, "heading", path);
      section.text = get_string(s, "text", path);
      section.flags = get_strings(s, "flags", path);
      section.source = source_of(get_object(s, "source", path), path + ".source");
      report.sections.push_back(std::move(section));
    }
  }
  // The prose facts as written; a report without them (a hand-filled form) has those its
  // sections' text states, read as extraction reads them.
  if (const auto prose = j.find("prose"); prose != j.end() && !prose->is_null()) {
    if (!prose->is_array()) shape_error("prose", "expected an array of prose facts");
    for (std::size_t i = 0; i < prose->size(); ++i) {
      report.prose.push_back(prose_fact_of((*prose)[i], "prose[" + std::to_string(i) + "]"));
    }
  } else {
    Prose read = find_prose(report.sections, Limits{});
    report.prose = std::move(read.facts);
    for (Flag& f : read.flags) report.flags.push_back(std::move(f));
  }
  if (const auto flags = j.find("flags"); flags != j.end() && !flags->is_null()) {
    if (!flags->is_array()) shape_error("flags", "expected an array of flags");
    for (std::size_t i = 0; i < flags->size(); ++i) {
      const Json& f = (*flags)[i];
      const std::string path = "flags[" + std::to_string(i) + "]";
      if (!f.is_object()) shape_error(path, "expected a flag object");
      Flag flag{get_string(f, "code", path), get_string(f, "severity", path),
                get_string(f, "field", path), get_string(f, "message", path)};
      if (flag.code.empty()) shape_error(path + ".code", "a flag needs its code");
      if (flag.severity != "error" && flag.severity != "warning" && flag.severity != "info") {
        shape_error(path + ".severity", "expected \"error\", \"warning\" or \"info\"");
      }
      report.flags.push_back(std::move(flag));
    }
  }
  const Json* fields = get_object(j, "fields", "");
  if (fields == nullptr) shape_error("fields", "a report needs \"fields\", an object keyed by canonical keys");

  const std::vector<std::string>& known = canonical_keys();
  std::vector<Field> given;
  std::set<std::string> tables_given;
  for (const auto& [key, value] : fields->items()) {
    const std::string path = "fields." + key;
    Field f = field_of(key, value, path);
    // A pre-2019 report's keys (legacy.*) are the spec's too, outside both national templates.
    const bool is_known = std::find(known.begin(), known.end(), key) != known.end() || is_legacy_key(key);
    if (!is_known && !(f.derived && is_subtotal_key(key))) {
      shape_error(path, "\"" + key + "\" is no canonical key of either template (templates.md)");
    }
    if (!f.derived) tables_given.insert(table_of(key));
    given.push_back(std::move(f));
  }
  // The template: as stated, else told by the keys (t2v19.* or the 2019 "（六）其他处理" row).
  const bool v2019_keys = std::any_of(given.begin(), given.end(), [](const Field& f) {
    return starts_with(f.key, "t2v19.") || starts_with(f.key, "t3.results.other.total.");
  });
  if (report.meta.template_version.empty() || report.meta.template_version == "unknown") {
    report.meta.template_version = given.empty() ? "unknown" : v2019_keys ? "v2019" : "v2021";
  }
  // Fields in template order; a key the template has but the report left out, in a table it
  // gave, is a blank cell; derived subtotals follow table 三.
  const TemplateSpec* spec = template_of(report.meta.template_version);
  const std::vector<std::string> order =
      spec != nullptr ? template_keys(*spec) : std::vector<std::string>{};
  std::vector<bool> used(given.size(), false);
  for (const std::string& key : order) {
    const auto it = std::find_if(given.begin(), given.end(),
                                 [&](const Field& f) { return f.key == key; });
    if (it != given.end()) {
      used[it - given.begin()] = true;
      report.fields.push_back(std::move(*it));
    } else if (tables_given.count(table_of(key)) > 0) {
      Field blank;
      blank.key = key;
      blank.kind = Kind::Blank;
      blank.confidence = 1.0;
      report.fields.push_back(std::move(blank));
    }
  }
  for (std::size_t i = 0; i < given.size(); ++i) {
    if (!used[i]) report.fields.push_back(std::move(given[i]));
  }
  report.meta.flags.erase(std::remove(report.meta.flags.begin(), report.meta.flags.end(), ""),
                          report.meta.flags.end());
  report.index_fields();
  return report;
}

// 1-based line and byte column of a byte offset.
void place(std::string_view text, std::int64_t offset, JsonReadError& error) {
  const std::size_t end = std::min<std::size_t>(static_cast<std::size_t>(std::max<std::int64_t>(offset, 0)), text.size());
  error.line = 1 + std::count(text.begin(), text.begin() + end, '\n');
  const std::size_t line_start = text.rfind('\n', end == 0 ? 0 : end - 1);
  error.column = static_cast<std::int64_t>(end - (line_start == std::string_view::npos || end == 0 ? 0 : line_start + 1)) + 1;
}

// Where nlohmann's parser stopped, as it tells a SAX handler. Its exceptions carry the byte for
// a syntax error only: a number beyond a double's range ("1e309") comes as out_of_range 406
// without one.
struct StopLocator : nlohmann::json_sax<Json> {
  std::size_t position = 0;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t at, const std::string&, const Json::exception&) override {
    position = at;
    return false;
  }
};

}  // namespace

const std::vector<std::string>& canonical_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out = template_keys(template_v2021());
    std::size_t cursor = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (starts_with(out[i], "t2.")) cursor = i + 1;
    }
    for (const std::string& key : template_keys(template_v2019())) {
      const auto it = std::find(out.begin(), out.end(), key);
      if (it != out.end()) {
        cursor = static_cast<std::size_t>(it - out.begin()) + 1;
      } else {
        out.insert(out.begin() + static_cast<std::ptrdiff_t>(cursor), key);
        ++cursor;
      }
    }
    return out;
  }();
  return keys;
}

Result<Report, JsonReadError> report_from_json(std::string_view text) {
  Json j;
  try {
    j = Json::parse(text.begin(), text.end());
  } catch (const Json::exception& e) {
    // A syntax error, or a number too large for a double (out_of_range), which a hostile or
    // broken file may hold anywhere: both are invalid JSON for us, said with where.
    JsonReadError error;
    std::size_t stopped = 0;
    if (const auto* syntax = dynamic_cast<const Json::parse_error*>(&e)) {
      stopped = syntax->byte;
    } else {
      StopLocator locator;
      Json::sax_parse(text.begin(), text.end(), &locator);
      stopped = locator.position;
    }
    // nlohmann counts the byte it stopped at from 1.
    error.offset = stopped > 0 ? static_cast<std::int64_t>(stopped) - 1 : 0;
    place(text, error.offset, error);
    // "[json.exception.parse_error.101] parse error at line 3, column 1: syntax error …" and
    // "[json.exception.out_of_range.406] number overflow parsing '1e309'": what follows.
    std::string why = e.what();
    const std::size_t colon = why.find(": ");
    const std::size_t id_end = why.starts_with("[json.exception.") ? why.find("] ") : std::string::npos;
    if (colon != std::string::npos) {
      why = why.substr(colon + 2);
    } else if (id_end != std::string::npos) {
      why = why.substr(id_end + 2);
    }
    error.message = "invalid JSON at line " + std::to_string(error.line) + ", column " +
                    std::to_string(error.column) + " (byte " + std::to_string(error.offset) +
                    "): " + why;
    return error;
  }
  try {
    return report_of(j);
  } catch (const ShapeError& e) {
    JsonReadError error;
    error.path = e.path;
    error.message = (e.path.empty() ? std::string() : e.path + ": ") + e.message;
    return error;
  } catch (const Json::exception& e) {
    JsonReadError error;
    error.message = std::string("not a report in the xxgknb.report/1 shape: ") + e.what();
    return error;
  }
}

}  // namespace xxgknb
