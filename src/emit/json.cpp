// Stage 7, emit: Report → JSON of docs/output-format.md, written straight to text by a
// streaming writer (RapidJSON), keys in a fixed order so that the same Report always gives
// the same bytes.
#include "emit/json.h"

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

// The text of a JSON string is RapidJSON's when the bytes are well-formed UTF-8 and hold no
// control character but "\t", "\n" and "\r": RapidJSON copies such text as it is and escapes
// `"` and `\` as nlohmann::json does. Anything else (invalid UTF-8, which becomes U+FFFD, or
// a control character, which nlohmann writes as a lower-case "\u001f") is rare, and is
// escaped by nlohmann::json itself, so the output never depends on which path was taken.
bool plain_string(std::string_view s) {
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
      if (((word | ~at_least_space) & kHigh) == 0) {
        p += 8;
        continue;
      }
    }
    const unsigned char c = *p;
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
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
      return false;
    }
    if (end - p <= trail) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (int i = 2; i <= trail; ++i) {
      if (p[i] < 0x80 || p[i] > 0xBF) return false;
    }
    p += trail + 1;
  }
  return true;
}

template <class Writer>
class Emitter {
 public:
  explicit Emitter(Writer& w) : w_(w) {}

  void key(std::string_view k) { string(k); }

  void string(std::string_view s) {
    if (plain_string(s)) {
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
      key("box");
      w_.StartArray();
      for (double x : *span.box) real(x);
      w_.EndArray();
    }
    w_.EndObject();
  }

  void source_info(const SourceInfo& source) {
    w_.StartObject();
    key("path");
    string(source.path);
    key("sha256");
    text_or_null(source.sha256);
    key("bytes");
    w_.Uint64(source.bytes);
    key("format");
    text_or_null(source.format);
    key("encoding");
    text_or_null(source.encoding);
    w_.EndObject();
  }

  void meta(const Meta& m) {
    w_.StartObject();
    key("title");
    string(m.title);
    key("agency");
    string(m.agency);
    key("year");
    if (m.year) {
      integer(*m.year);
    } else {
      w_.Null();
    }
    // A template nobody could tell is "unknown", never an empty string.
    key("template");
    string(m.template_version.empty() ? std::string_view("unknown") : m.template_version);
    key("flags");
    string_array(m.flags);
    w_.EndObject();
  }

  void section(const Section& s) {
    w_.StartObject();
    key("key");
    string(s.key);
    key("number");
    string(s.number);
    key("heading");
    string(s.heading);
    key("text");
    string(s.text);
    key("source");
    source_span(s.source);
    key("flags");
    string_array(s.flags);
    w_.EndObject();
  }

  void field(const Field& f) {
    w_.StartObject();
    key("value");
    optional_decimal(f.value);
    // Never rounded silently: the exact text stands beside a number a double cannot hold, and
    // the mapping has flagged the field `beyond_double`.
    if (f.value && !f.value->exact_in_double()) {
      key("exact");
      string(f.value->to_string());
    }
    key("raw");
    if (f.raw) {
      string(*f.raw);
    } else {
      w_.Null();
    }
    key("kind");
    string(kind_name(f.kind));
    key("confidence");
    confidence(f.confidence);
    key("flags");
    string_array(f.flags);
    key("source");
    source_span(f.source);
    if (!f.unit.empty()) {
      key("unit");
      string(f.unit);
    }
    if (!f.label.empty()) {
      key("label");
      string(f.label);
    }
    if (f.derived) {
      key("derived");
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
    key("table");
    string(row.table);
    key("label");
    string(row.label);
    key("cells");
    string_array(row.cells);
    key("source");
    source_span(row.source);
    w_.EndObject();
  }

  void check(const Check& c) {
    w_.StartObject();
    key("id");
    string(c.id);
    key("severity");
    string(severity_name(c.severity));
    key("status");
    string(status_name(c.status));
    key("column");
    text_or_null(c.column);
    key("expr");
    string(c.expr);
    key("lhs");
    optional_decimal(c.lhs);
    key("rhs");
    optional_decimal(c.rhs);
    if (c.lhs && !c.lhs->exact_in_double()) {
      key("lhs_exact");
      string(c.lhs->to_string());
    }
    if (c.rhs && !c.rhs->exact_in_double()) {
      key("rhs_exact");
      string(c.rhs->to_string());
    }
    key("fields");
    string_array(c.fields);
    key("message");
    string(c.message);
    key("blame");
    text_or_null(blame_name(c.blame));
    w_.EndObject();
  }

  void flag(const Flag& f) {
    w_.StartObject();
    key("code");
    string(f.code);
    key("severity");
    string(f.severity);
    key("field");
    text_or_null(f.field);
    key("message");
    string(f.message);
    w_.EndObject();
  }

  void review(const Review& r) {
    w_.StartObject();
    key("needs_review");
    w_.Bool(r.needs_review);
    key("confidence");
    confidence(r.confidence);
    key("reasons");
    string_array(r.reasons);
    w_.EndObject();
  }

  void report(const Report& r) {
    w_.StartObject();
    key("schema");
    string(kSchemaId);
    key("source");
    source_info(r.source);
    key("meta");
    meta(r.meta);
    key("sections");
    w_.StartArray();
    for (const Section& s : r.sections) section(s);
    w_.EndArray();
    key("fields");
    fields(r.fields);
    key("extra_rows");
    w_.StartArray();
    for (const ExtraRow& row : r.extra_rows) extra_row(row);
    w_.EndArray();
    key("checks");
    w_.StartArray();
    for (const Check& c : r.checks) check(c);
    w_.EndArray();
    key("flags");
    w_.StartArray();
    for (const Flag& f : r.flags) flag(f);
    w_.EndArray();
    key("review");
    review(r.review);
    w_.EndObject();
  }

  void error(const Error& e) {
    w_.StartObject();
    key("schema");
    string(kSchemaId);
    key("error");
    w_.StartObject();
    key("code");
    string(e.code);
    key("message");
    string(e.message);
    w_.EndObject();
    key("source");
    source_info(e.source);
    w_.EndObject();
  }

 private:
  void member_int(std::string_view name, std::int64_t n) {
    key(name);
    integer(n);
  }

  Writer& w_;
};

// Compact text, or indented by two spaces as nlohmann::json's dump(2) indents.
template <class Value, class Write>
std::string write(const Value& value, JsonStyle style, Write write_value) {
  rapidjson::StringBuffer buffer;
  if (style.pretty) {
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    w.SetIndent(' ', 2);
    Emitter emitter(w);
    write_value(emitter, value);
  } else {
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    Emitter emitter(w);
    write_value(emitter, value);
  }
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

std::string to_json(const Report& report, JsonStyle style) {
  return write(report, style, [](auto& emitter, const Report& r) { emitter.report(r); });
}

std::string to_json(const Error& error, JsonStyle style) {
  return write(error, style, [](auto& emitter, const Error& e) { emitter.error(e); });
}

nlohmann::ordered_json report_json(const Report& report) {
  return nlohmann::ordered_json::parse(to_json(report));
}

nlohmann::ordered_json error_json(const Error& error) {
  return nlohmann::ordered_json::parse(to_json(error));
}

}  // namespace xxgknb
