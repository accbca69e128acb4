// Stage 1, ingest (PDF): the raw-byte pre-scan. One pass over the file's tokens, skipping
// strings, comments and stream data; each stream's dictionary is read for /Filter
// /FlateDecode, /Type /ObjStm and /N, and page tree nodes for /Count. Flate streams are
// inflated into a fixed buffer and only counted (object streams are kept, to count their
// nesting too), so a decompression bomb costs the limit's worth of inflating, no memory.
#include "pdf/prescan.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <string>

#include "util/limit_error.h"

namespace xxgknb::pdf {
namespace {

constexpr std::size_t kInflateChunk = 64 * 1024;
// The end of a file may be followed by a little junk; "%%EOF" is looked for in its tail.
constexpr std::size_t kTail = 4096;

bool is_space(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}
bool is_delimiter(char c) {
  return is_space(c) || c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' ||
         c == '{' || c == '}' || c == '/' || c == '%';
}

// The integer after `key` in a dictionary's text ("/Count 5", "/N 120"), if any.
std::optional<std::uint64_t> integer_after(std::string_view dict, std::string_view key) {
  std::size_t at = 0;
  while ((at = dict.find(key, at)) != std::string_view::npos) {
    std::size_t i = at + key.size();
    at = i;
    if (i < dict.size() && !is_delimiter(dict[i])) continue;  // "/Counts"
    while (i < dict.size() && is_space(dict[i])) ++i;
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(dict.data() + i, dict.data() + dict.size(), value);
    if (ec == std::errc() && end != dict.data() + i) return value;
  }
  return std::nullopt;
}

bool has_name(std::string_view dict, std::string_view name) {
  std::size_t at = 0;
  while ((at = dict.find(name, at)) != std::string_view::npos) {
    const std::size_t end = at + name.size();
    if (end >= dict.size() || is_delimiter(dict[end])) return true;
    at = end;
  }
  return false;
}

class Scanner {
 public:
  Scanner(const Limits& limits, const Deadline& deadline, PrescanFigures& figures)
      : limits_(limits), deadline_(deadline), figures_(figures) {}

  // Scans `data`; inside an object stream (`nested`), there are no streams.
  std::optional<Error> scan(std::string_view data, bool nested);

 private:
  std::optional<Error> stream(std::string_view data, std::size_t& i, std::string_view dict);
  std::optional<Error> inflate_counted(std::string_view in, std::string* keep);
  std::optional<Error> add_stream_bytes(std::uint64_t n);

  const Limits& limits_;
  const Deadline& deadline_;
  PrescanFigures& figures_;
};

std::optional<Error> Scanner::add_stream_bytes(std::uint64_t n) {
  figures_.stream_bytes += n;
  if (figures_.stream_bytes > limits_.max_pdf_stream_bytes) {
    return limit_error("max_pdf_stream_bytes",
                 "the PDF's streams decompress to more than " +
                     std::to_string(limits_.max_pdf_stream_bytes) +
                     " bytes (max_pdf_stream_bytes): a decompression bomb, or far larger than a "
                     "report");
  }
  return std::nullopt;
}

std::optional<Error> Scanner::inflate_counted(std::string_view in, std::string* keep) {
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return Error{"pdf_corrupt", "zlib could not be initialised", {}};
  std::array<unsigned char, kInflateChunk> out{};
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(std::min<std::size_t>(in.size(), 0xFFFFFFFFu));
  std::optional<Error> error;
  for (;;) {
    z.next_out = out.data();
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = inflate(&z, Z_NO_FLUSH);
    const std::size_t produced = out.size() - z.avail_out;
    if (keep != nullptr) keep->append(reinterpret_cast<const char*>(out.data()), produced);
    if ((error = add_stream_bytes(produced))) break;
    if (deadline_.expired()) {
      error = limit_error("max_milliseconds", "the time limit of " + std::to_string(limits_.max_milliseconds) +
                                      " ms ran out while checking the PDF's streams");
      break;
    }
    // A damaged stream is poppler's to judge; what inflated so far is counted.
    if (rc != Z_OK || (produced == 0 && z.avail_in == 0)) break;
  }
  inflateEnd(&z);
  return error;
}

std::optional<Error> Scanner::stream(std::string_view data, std::size_t& i, std::string_view dict) {
  // "stream" is followed by CRLF or LF, then the data up to "endstream".
  std::size_t begin = i;
  if (begin < data.size() && data[begin] == '\r') ++begin;
  if (begin < data.size() && data[begin] == '\n') ++begin;
  std::size_t end = std::string_view::npos;
  if (const auto length = integer_after(dict, "/Length")) {
    // A direct /Length is trusted when "endstream" follows it.
    if (*length <= data.size() - begin) {
      std::size_t k = begin + *length;
      while (k < data.size() && is_space(data[k])) ++k;
      if (data.substr(k, 9) == "endstream") end = begin + *length;
    }
  }
  if (end == std::string_view::npos) end = data.find("endstream", begin);
  if (end == std::string_view::npos) end = data.size();
  const std::string_view body = data.substr(begin, end - begin);
  i = std::min(data.size(), end + 9);
  const bool flate = has_name(dict, "/FlateDecode") || has_name(dict, "/Fl");
  const bool object_stream = has_name(dict, "/ObjStm");
  if (object_stream) {
    figures_.objects += integer_after(dict, "/N").value_or(0);
    if (figures_.objects > limits_.max_pdf_objects) return std::nullopt;  // reported by scan()
  }
  if (!flate) return add_stream_bytes(body.size());
  if (!object_stream) return inflate_counted(body, nullptr);
  std::string inflated;
  if (auto error = inflate_counted(body, &inflated)) return error;
  return scan(inflated, true);
}

std::optional<Error> Scanner::scan(std::string_view data, bool nested) {
  std::uint32_t depth = 0;
  std::size_t dict_start = std::string_view::npos;  // of the outermost open dictionary
  std::string_view last_dict;                       // the outermost dictionary last closed
  std::size_t i = 0;
  auto too_deep = [&]() {
    return limit_error("max_pdf_nesting",
                 "the PDF nests dictionaries and arrays more than " +
                     std::to_string(limits_.max_pdf_nesting) + " deep (max_pdf_nesting)");
  };
  while (i < data.size()) {
    const char c = data[i];
    if (c == '%') {  // a comment, to the end of the line
      while (i < data.size() && data[i] != '\n' && data[i] != '\r') ++i;
    } else if (c == '(') {  // a literal string: balanced parentheses, backslash escapes
      int parens = 0;
      for (; i < data.size(); ++i) {
        if (data[i] == '\\') {
          ++i;
        } else if (data[i] == '(') {
          ++parens;
        } else if (data[i] == ')' && --parens == 0) {
          ++i;
          break;
        }
      }
    } else if (c == '<' && i + 1 < data.size() && data[i + 1] == '<') {
      if (depth == 0) dict_start = i;
      if (++depth > limits_.max_pdf_nesting) return too_deep();
      figures_.deepest = std::max(figures_.deepest, depth);
      i += 2;
    } else if (c == '>' && i + 1 < data.size() && data[i + 1] == '>') {
      if (depth > 0 && --depth == 0 && dict_start != std::string_view::npos) {
        last_dict = data.substr(dict_start, i + 2 - dict_start);
        if (has_name(last_dict, "/Pages")) {
          figures_.declared_pages =
              std::max(figures_.declared_pages, integer_after(last_dict, "/Count").value_or(0));
        }
      }
      i += 2;
    } else if (c == '<') {  // a hex string
      const std::size_t close = data.find('>', i);
      i = close == std::string_view::npos ? data.size() : close + 1;
    } else if (c == '[') {
      if (++depth > limits_.max_pdf_nesting) return too_deep();
      figures_.deepest = std::max(figures_.deepest, depth);
      ++i;
    } else if (c == ']') {
      if (depth > 0) --depth;
      ++i;
    } else if (!is_delimiter(c)) {
      std::size_t end = i;
      while (end < data.size() && !is_delimiter(data[end])) ++end;
      const std::string_view word = data.substr(i, end - i);
      if (word == "obj") {
        if (++figures_.objects > limits_.max_pdf_objects) break;
        depth = 0;  // an object starts afresh, whatever a broken one before it left open
      } else if (word == "stream" && !nested) {
        i = end;
        if (auto error = stream(data, i, last_dict)) return error;
        if (figures_.objects > limits_.max_pdf_objects) break;
        if (deadline_.expired()) {
          return limit_error("max_milliseconds", "the time limit of " +
                                         std::to_string(limits_.max_milliseconds) +
                                         " ms ran out while checking the PDF");
        }
        continue;
      }
      i = end;
    } else {
      ++i;
    }
  }
  if (figures_.objects > limits_.max_pdf_objects) {
    return limit_error("max_pdf_objects",
                 "the PDF has more than " + std::to_string(limits_.max_pdf_objects) +
                     " objects (max_pdf_objects)");
  }
  return std::nullopt;
}

}  // namespace

std::optional<Error> prescan(std::string_view bytes, const Limits& limits,
                             const Deadline& deadline, PrescanFigures& figures) {
  figures = PrescanFigures{};
  // A file cut short: no "%%EOF" at its end, or objects after the last one.
  const std::size_t eof = bytes.rfind("%%EOF");
  const bool ends = eof != std::string_view::npos && bytes.size() - eof <= kTail &&
                    bytes.find("endobj", eof) == std::string_view::npos;
  if (!ends) {
    return Error{"pdf_corrupt",
                 "the PDF is truncated: it does not end with %%EOF after its last object (an "
                 "interrupted download?)",
                 {}};
  }
  Scanner scanner(limits, deadline, figures);
  if (auto error = scanner.scan(bytes, false)) return error;
  if (figures.declared_pages > limits.max_pdf_pages) {
    return limit_error("max_pdf_pages",
                 "the PDF declares " + std::to_string(figures.declared_pages) +
                     " pages, more than " + std::to_string(limits.max_pdf_pages) +
                     " (max_pdf_pages)");
  }
  return std::nullopt;
}

}  // namespace xxgknb::pdf
