// Stage 7, emit: Report → JSON of docs/output-format.md, written straight to text by a
// streaming writer (RapidJSON), keys in a fixed order so that the same Report always gives
// the same bytes.
#include "emit/json.h"

// RapidJSON copies the runs of a string that need no escape 16 bytes at a time with SSE2,
// which every x86-64 processor has; the text written is the same either way.
#if defined(__SSE2__) && !defined(RAPIDJSON_SSE2)
#define RAPIDJSON_SSE2
#endif
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

// How a string's JSON text is made. Well-formed UTF-8 with no control character but "\t",
// "\n" and "\r" is RapidJSON's (Escaped), which escapes `"`, `\` and those three as
// nlohmann::json does; without any of them the text is the bytes themselves (Verbatim).
// Anything else (invalid UTF-8, which becomes U+FFFD, or a control character, which nlohmann
// writes as a lower-case "\u001f") is rare, and is escaped by nlohmann::json itself (Other),
// so the output never depends on which path was taken.
enum class StringText { Verbatim, Escaped, Other };

StringText classify_string(std::string_view s) {
  bool escapes = false;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    // Eight ASCII bytes at a time, none of them below 0x20: the bulk of keys and numbers.
    if (end - p >= 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, p, sizeof word);
      constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
      constexpr std::uint64_t kSpaces = 0x2020202020202020ULL;
      // A byte's high bit in (b | 0x80) - 0x20 is set exactly when its low seven bits are
      // 0x20 or more; the bytes do not borrow from each other.
      const std::uint64_t at_least_space = (word | kHigh) - kSpaces;
      // A zero byte of word ^ '"'… or word ^ '\'… is a quote or a backslash.
      constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
      const std::uint64_t quotes = word ^ (kOnes * '"');
      const std::uint64_t slashes = word ^ (kOnes * '\\');
      const std::uint64_t has_zero =
          ((quotes - kOnes) & ~quotes) | ((slashes - kOnes) & ~slashes);
      if (((word | ~at_least_space | has_zero) & kHigh) == 0) {
        p += 8;
        continue;
      }
    }
    const unsigned char c = *p;
    // The common CJK case first: a lead byte E1…EC or EE…EF and two continuation bytes.
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && end - p >= 3 && (p[1] & 0xC0) == 0x80 &&
        (p[2] & 0xC0) == 0x80) {
      p += 3;
      continue;
    }
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return StringText::Other;
      escapes = escapes || c < 0x20 || c == '"' || c == '\\';
      ++p;
      continue;
    }
    // Well-formed sequences of Unicode's table 3-7: no overlong forms, no surrogates,
    // nothing above U+10FFFF.
    int trail = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      trail = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      trail = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      trail = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return StringText::Other;
    }
    if (end - p <= trail) return StringText::Other;
    if (p[1] < lo || p[1] > hi) return StringText::Other;
    for (int i = 2; i <= trail; ++i) {
      if (p[i] < 0x80 || p[i] > 0xBF) return StringText::Other;
    }
    p += trail + 1;
  }
  return escapes ? StringText::Escaped : StringText::Verbatim;
}

template <class Writer>
class Emitter {
 public:
  Emitter(Writer& w, rapidjson::StringBuffer& out) : w_(w), out_(out) {}

  void key(std::string_view k) { string(k); }
  // A member name of the format: plain ASCII, written as it is.
  template <std::size_t N>
  void name(const char (&literal)[N]) {
    w_.Key(literal, static_cast<rapidjson::SizeType>(N - 1));
  }

  void string(std::string_view s) {
    const StringText how = classify_string(s);
    if (how == StringText::Verbatim) {
      // The writer puts the separator before the value, then the bytes go straight in.
      w_.RawValue("", 0, rapidjson::kStringType);
      char* text = out_.Push(s.size() + 2);
      text[0] = '"';
      std::memcpy(text + 1, s.data(), s.size());
      text[s.size() + 1] = '"';
      return;
    }
    if (how == StringText::Escaped) {
      w_.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
      return;
    }
    // Invalid UTF-8 in a string becomes U+FFFD instead of an exception: the library throws
    // nothing of its own, and the raw bytes are still identified by source.sha256.
    const std::string text = nlohmann::json(std::string(s)).dump(
        -1, ' ', false, nlohmann::json::error_handler_t::replace);
    w_.RawValue(text.data(), text.size(), rapidjson::kStringType);
  }

  void text_or_null(const std::string& text) {
    if (text.empty()) {
      w_.Null();
    } else {
      string(text);
    }
  }

  void string_array(const std::vector<std::string>& items) {
    w_.StartArray();
    for (const std::string& item : items) string(item);
    w_.EndArray();
  }

  void integer(std::int64_t n) { w_.Int64(n); }

  // A double as nlohmann::json prints it (shortest round-trip digits, "1.0", "1e+20"),
  // null when it is not finite.
  void real(double x) {
    if (!std::isfinite(x)) {
      w_.Null();
      return;
    }
    std::array<char, 64> buffer{};
    char* end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(), x);
    w_.RawValue(buffer.data(), static_cast<std::size_t>(end - buffer.data()),
                rapidjson::kNumberType);
  }

  // A Decimal as a JSON number: an integer when it is one that fits, else the double printed
  // in its shortest round-trip form. Whether that double is exactly the Decimal is
  // Decimal::exact_in_double(); where it is not, the caller writes the exact text beside it.
  void decimal(const Decimal& value) {
    if (value.scale() == 0) {
      if (std::optional<std::int64_t> n = value.to_int64()) {
        integer(*n);
        return;
      }
    }
    real(value.to_double());
  }

  void optional_decimal(const std::optional<Decimal>& value) {
    if (value) {
      decimal(*value);
    } else {
      w_.Null();
    }
  }

  // 0..1 rounded to 3 decimals, so that noise in the last bits never changes the output.
  void confidence(double c) {
    if (!std::isfinite(c) || c < 0.0) {
      real(0.0);
    } else if (c > 1.0) {
      real(1.0);
    } else {
      real(std::round(c * 1000.0) / 1000.0);
    }
  }

  // Only the members that are known (not -1), in a fixed order.
  void source_span(const SourceSpan& span) {
    w_.StartObject();
    if (span.table != -1) member_int("table", span.table);
    if (span.row != -1) member_int("row", span.row);
    if (span.col != -1) member_int("col", span.col);
    if (span.line != -1) member_int("line", span.line);
    if (span.offset != -1) member_int("offset", span.offset);
    if (span.length != -1) member_int("length", span.length);
    if (span.page != -1) member_int("page", span.page);
    if (span.box) {
      name("box");
      w_.StartArray();
      for (double x : *span.box) real(x);
      w_.EndArray();
    }
    w_.EndObject();
  }

  void source_info(const SourceInfo& source) {
    w_.StartObject();
    name("path");
    string(source.path);
    name("sha256");
    text_or_null(source.sha256);
    name("bytes");
    w_.Uint64(source.bytes);
    name("format");
    text_or_null(source.format);
    name("encoding");
    text_or_null(source.encoding);
    w_.EndObject();
  }

  void meta(const Meta& m) {
    w_.StartObject();
    name("title");
    string(m.title);
    name("agency");
    string(m.agency);
    name("year");
    if (m.year) {
      integer(*m.year);
    } else {
      w_.Null();
    }
    // A template nobody could tell is "unknown", never an empty string.
    name("template");
    string(m.template_version.empty() ? std::string_view("unknown") : m.template_version);
    name("flags");
    string_array(m.flags);
    // A web page's own fields, one per key in the reader's fixed order; absent for other
    // inputs.
    if (!m.page.empty()) {
      name("page");
      w_.StartObject();
      for (const PageField& f : m.page) {
        key(f.key);
        w_.StartObject();
        name("value");
        string(f.value);
        name("source");
        string(f.source);
        name("offset");
        integer(f.where.offset);
        w_.EndObject();
      }
      w_.EndObject();
    }
    unit(m.unit);
    region(m.region);
    name("period");
    if (m.period) {
      w_.StartObject();
      name("start");
      string(m.period->start);
      name("end");
      string(m.period->end);
      name("source");
      source_span(m.period->source);
      w_.EndObject();
    } else {
      w_.Null();
    }
    name("published");
    text_or_null(m.published);
    name("published_source");
    text_or_null(m.published_source);
    name("citations");
    w_.StartArray();
    for (const Citation& c : m.citations) {
      w_.StartObject();
      name("text");
      string(c.text);
      name("year");
      integer(c.year);
      name("number");
      integer(c.number);
      name("template");
      text_or_null(c.template_version);
      name("source");
      source_span(c.source);
      w_.EndObject();
    }
    w_.EndArray();
    w_.EndObject();
  }

  // meta.unit: who issued the report (docs/regions.md); empty strings are written as null.
  void unit(const Unit& u) {
    name("unit");
    w_.StartObject();
    name("printed");
    text_or_null(u.printed);
    name("name");
    text_or_null(u.name);
    name("type");
    text_or_null(u.type);
    name("level");
    text_or_null(u.level);
    name("parent");
    text_or_null(u.parent);
    name("source");
    text_or_null(u.source);
    name("parent_source");
    text_or_null(u.parent_source);
    name("confidence");
    confidence(u.confidence);
    w_.EndObject();
  }

  // meta.region: the division code, or the reason there is none, and the data's version.
  void region(const Region& r) {
    name("region");
    w_.StartObject();
    name("status");
    string(r.status.empty() ? std::string_view("not_found") : r.status);
    name("code");
    text_or_null(r.code);
    name("level");
    text_or_null(r.level);
    name("kind");
    text_or_null(r.kind);
    name("names");
    string_array(r.names);
    name("valid_in_year");
    w_.Bool(r.valid_in_year);
    name("reason");
    text_or_null(r.reason);
    name("candidates");
    w_.StartArray();
    for (const RegionCandidate& c : r.candidates) {
      w_.StartObject();
      name("code");
      string(c.code);
      name("names");
      string_array(c.names);
      w_.EndObject();
    }
    w_.EndArray();
    name("data");
    string(r.data);
    w_.EndObject();
  }

  void section(const Section& s) {
    w_.StartObject();
    name("key");
    string(s.key);
    name("number");
    string(s.number);
    name("heading");
    string(s.heading);
    name("text");
    string(s.text);
    name("source");
    source_span(s.source);
    name("flags");
    string_array(s.flags);
    w_.EndObject();
  }

  void field(const Field& f) {
    w_.StartObject();
    name("value");
    optional_decimal(f.value);
    // Never rounded silently: the exact text stands beside a number a double cannot hold, and
    // the mapping has flagged the field `beyond_double`.
    if (f.value && !f.value->exact_in_double()) {
      name("exact");
      string(f.value->to_string());
    }
    name("raw");
    if (f.raw) {
      string(*f.raw);
    } else {
      w_.Null();
    }
    name("kind");
    string(kind_name(f.kind));
    name("confidence");
    confidence(f.confidence);
    name("flags");
    string_array(f.flags);
    name("source");
    source_span(f.source);
    if (!f.unit.empty()) {
      name("unit");
      string(f.unit);
    }
    if (!f.label.empty()) {
      name("label");
      string(f.label);
    }
    if (f.derived) {
      name("derived");
      w_.Bool(true);
    }
    w_.EndObject();
  }

  // One member per key. A key given twice (the mapping never does) keeps its first place and
  // its last value, as a JSON object built key by key would.
  void fields(const std::vector<Field>& all) {
    w_.StartObject();
    std::vector<std::string_view> keys;
    keys.reserve(all.size());
    for (const Field& f : all) keys.push_back(f.key);
    std::sort(keys.begin(), keys.end());
    const bool unique = std::adjacent_find(keys.begin(), keys.end()) == keys.end();
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (unique) {
        key(all[i].key);
        field(all[i]);
        continue;
      }
      const auto same_key = [&](const Field& other) { return other.key == all[i].key; };
      if (std::find_if(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(i), same_key) !=
          all.begin() + static_cast<std::ptrdiff_t>(i)) {
        continue;  // written at its first place
      }
      const auto last = std::find_if(all.rbegin(), all.rend(), same_key);
      key(all[i].key);
      field(*last);
    }
    w_.EndObject();
  }

  void extra_row(const ExtraRow& row) {
    w_.StartObject();
    name("table");
    string(row.table);
    name("label");
    string(row.label);
    name("cells");
    string_array(row.cells);
    name("source");
    source_span(row.source);
    w_.EndObject();
  }

  void prose_fact(const ProseFact& f) {
    w_.StartObject();
    name("key");
    string(f.key);
    name("value");
    decimal(f.value);
    if (!f.value.exact_in_double()) {
      name("exact");
      string(f.value.to_string());
    }
    name("unit");
    string(f.unit);
    name("raw");
    string(f.raw);
    name("sentence");
    string(f.sentence);
    name("section");
    string(f.section);
    name("source");
    source_span(f.source);
    name("confidence");
    confidence(f.confidence);
    name("flags");
    string_array(f.flags);
    w_.EndObject();
  }

  void check(const Check& c) {
    w_.StartObject();
    name("id");
    string(c.id);
    name("severity");
    string(severity_name(c.severity));
    name("status");
    string(status_name(c.status));
    name("column");
    text_or_null(c.column);
    name("expr");
    string(c.expr);
    name("lhs");
    optional_decimal(c.lhs);
    name("rhs");
    optional_decimal(c.rhs);
    if (c.lhs && !c.lhs->exact_in_double()) {
      name("lhs_exact");
      string(c.lhs->to_string());
    }
    if (c.rhs && !c.rhs->exact_in_double()) {
      name("rhs_exact");
      string(c.rhs->to_string());
    }
    name("fields");
    string_array(c.fields);
    name("message");
    string(c.message);
    name("blame");
    text_or_null(blame_name(c.blame));
    w_.EndObject();
  }

  void flag(const Flag& f) {
    w_.StartObject();
    name("code");
    string(f.code);
    name("severity");
    string(f.severity);
    name("field");
    text_or_null(f.field);
    name("message");
    string(f.message);
    w_.EndObject();
  }

  void review(const Review& r) {
    w_.StartObject();
    name("needs_review");
    w_.Bool(r.needs_review);
    name("confidence");
    confidence(r.confidence);
    name("reasons");
    string_array(r.reasons);
    w_.EndObject();
  }

  void report(const Report& r) {
    w_.StartObject();
    name("schema");
    string(kSchemaId);
    name("source");
    source_info(r.source);
    name("meta");
    meta(r.meta);
    name("sections");
    w_.StartArray();
    for (const Section& s : r.sections) section(s);
    w_.EndArray();
    name("fields");
    fields(r.fields);
    name("extra_rows");
    w_.StartArray();
    for (const ExtraRow& row : r.extra_rows) extra_row(row);
    w_.EndArray();
    name("prose");
    w_.StartArray();
    for (const ProseFact& f : r.prose) prose_fact(f);
    w_.EndArray();
    name("checks");
    w_.StartArray();
    for (const Check& c : r.checks) check(c);
    w_.EndArray();
    name("flags");
    w_.StartArray();
    for (const Flag& f : r.flags) flag(f);
    w_.EndArray();
    name("review");
    review(r.review);
    w_.EndObject();
  }

  void error(const Error& e) {
    w_.StartObject();
    name("schema");
    string(kSchemaId);
    name("error");
    w_.StartObject();
    name("code");
    string(e.code);
    name("message");
    string(e.message);
    name("limit");
    if (e.limit.empty()) {
      w_.Null();
    } else {
      string(e.limit);
    }
    w_.EndObject();
    name("source");
    source_info(e.source);
    w_.EndObject();
  }

 private:
  template <std::size_t N>
  void member_int(const char (&literal)[N], std::int64_t n) {
    name(literal);
    integer(n);
  }

  Writer& w_;
  rapidjson::StringBuffer& out_;   // what w_ writes to
};

// Compact text, or indented by two spaces as nlohmann::json's dump(2) indents.
template <class Value, class Write>
std::string write(const Value& value, JsonStyle style, std::size_t size_hint,
                  Write write_value) {
  rapidjson::StringBuffer buffer(nullptr, size_hint);
  if (style.pretty) {
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    w.SetIndent(' ', 2);
    Emitter emitter(w, buffer);
    write_value(emitter, value);
  } else {
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    Emitter emitter(w, buffer);
    write_value(emitter, value);
  }
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

// About what a report's text takes, so that the buffer seldom grows: a field is some 400
// bytes of compact JSON, a check some 500, a prose fact with its sentence some 500, plus the
// sections' own text.
std::size_t size_hint(const Report& report) {
  std::size_t bytes = 4096 + 448 * report.fields.size() + 512 * report.checks.size() +
                      512 * report.prose.size();
  for (const Section& s : report.sections) bytes += s.text.size() + s.heading.size() + 256;
  return bytes;
}

std::string to_json(const Report& report, JsonStyle style) {
  return write(report, style, size_hint(report),
               [](auto& emitter, const Report& r) { emitter.report(r); });
}

std::string to_json(const Error& error, JsonStyle style) {
  return write(error, style, 1024, [](auto& emitter, const Error& e) { emitter.error(e); });
}

nlohmann::ordered_json report_json(const Report& report) {
  return nlohmann::ordered_json::parse(to_json(report));
}

nlohmann::ordered_json error_json(const Error& error) {
  return nlohmann::ordered_json::parse(to_json(error));
}

}  // namespace xxgknb
