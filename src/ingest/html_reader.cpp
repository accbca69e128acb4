// Stage 1, ingest (HTML): a web page → Document. Told by content (looks_like_html); decoded
// by its charset (html_charset), parsed by libxml2 (html_tree), its article read among the
// site's chrome (html_body). Offsets in the Document point into the decoded page, which the
// Document keeps as its text.
#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "ingest/html_body.h"
#include "ingest/html_charset.h"
#include "ingest/html_tree.h"
#include "ingest/ingest.h"

namespace xxgknb {
namespace {

constexpr std::size_t kHtmlSniffBytes = 4096;

// Markup at the start of the bytes: "<!DOCTYPE html", "<html", "<table>", … (ASCII).
bool markup_at_start(std::string_view bytes) {
  // A UTF-8 BOM, whitespace and an XML declaration may come first; then markup.
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  const std::size_t start = bytes.find_first_not_of(" \t\r\n\f");
  if (start == std::string_view::npos || bytes[start] != '<') return false;
  std::string sample(bytes.substr(start, kHtmlSniffBytes));
  std::transform(sample.begin(), sample.end(), sample.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  // "<!DOCTYPE html", "<html", … : tags only HTML opens with; "<table>" and "<p>" for a
  // fragment saved without its document.
  static constexpr std::array<std::string_view, 9> kTags = {
      "<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<table", "<div", "<p"};
  return std::any_of(kTags.begin(), kTags.end(), [&](std::string_view tag) {
    const std::size_t at = sample.find(tag);
    if (at == std::string::npos) return false;
    const std::size_t after = at + tag.size();
    // "<p" must be the whole name ("<p>", "<p class"), not "<pre"/"<param" only.
    return after >= sample.size() || tag == "<!doctype html" ||
           sample[after] == '>' || sample[after] == ' ' || sample[after] == '\t' ||
           sample[after] == '\n' || sample[after] == '\r' || sample[after] == '/';
  });
}

// The ASCII of UTF-16 markup, every other code unit as a byte that is no markup: the first
// kHtmlSniffBytes units after the BOM, if any.
std::string ascii_of_utf16(std::string_view bytes, bool little_endian) {
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") bytes.remove_prefix(2);
  std::string out;
  for (std::size_t i = 0; i + 1 < bytes.size() && out.size() < kHtmlSniffBytes; i += 2) {
    const char low = little_endian ? bytes[i] : bytes[i + 1];
    const char high = little_endian ? bytes[i + 1] : bytes[i];
    const bool ascii = high == '\0' && static_cast<unsigned char>(low) < 0x80;
    out += ascii ? low : '\x80';
  }
  return out;
}

}  // namespace

bool looks_like_html(std::string_view bytes) {
  // A page in UTF-16 is sniffed in the ASCII it holds: "<\0h\0t\0m\0l\0".
  const std::string order = html::utf16_order(bytes);
  if (!order.empty()) return markup_at_start(ascii_of_utf16(bytes, order == "UTF-16LE"));
  return markup_at_start(bytes);
}

Result<Document, Error> read_html(std::string_view bytes, const Limits& limits,
                                  const Deadline& deadline) {
  auto charset = html::decode_page(bytes);
  if (!charset) return std::move(charset).error();
  Document doc;
  doc.format = "html";
  doc.encoding = charset->decoded.encoding;
  if (charset->mismatch) {
    SourceSpan where;
    where.offset = charset->declared_at;
    doc.diagnostics.push_back(
        {"charset_mismatch", Diagnostic::Severity::Warning,
         "the page declares the charset \"" + charset->declared + "\" but its bytes are " +
             charset->decoded.encoding + "; it was read as " + charset->decoded.encoding,
         where});
  }
  if (encoding_was_guessed(charset->decoded)) {
    doc.diagnostics.push_back(
        {"encoding_guessed", Diagnostic::Severity::Info,
         "the page declares no charset its bytes bear out and is not UTF-8; its encoding was "
         "guessed by ICU's charset detector as " +
             charset->decoded.encoding + " with confidence " +
             std::to_string(static_cast<int>(charset->decoded.confidence * 100)) + "%",
         {}});
  }
  html::Tree tree;
  if (auto error = html::parse(charset->decoded.utf8, limits, deadline, tree)) {
    return *std::move(error);
  }
  if (auto error = html::read_page(tree, limits, deadline, doc)) return *std::move(error);
  doc.text = std::move(charset->decoded.utf8);
  return doc;
}

}  // namespace xxgknb
