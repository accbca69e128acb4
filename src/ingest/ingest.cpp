// Stage 1, ingest: tell the format from the first bytes and hand the input to its reader.
#include "ingest/ingest.h"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/legacy_word.h"
#include "util/limit_error.h"

namespace xxgknb {
namespace {

constexpr std::size_t kSniffBytes = 4096;

std::atomic<PdfReader> pdf_reader{nullptr};

bool starts_with(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

// Valid UTF-8 up to a sequence cut off by the end of the sample.
bool valid_utf8_prefix(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    std::uint32_t min = 0;
    if (b < 0x80) {
      ++i;
      continue;
    } else if ((b & 0xE0) == 0xC0) {
      len = 2;
      min = 0x80;
    } else if ((b & 0xF0) == 0xE0) {
      len = 3;
      min = 0x800;
    } else if ((b & 0xF8) == 0xF0) {
      len = 4;
      min = 0x10000;
    } else {
      return false;
    }
    if (i + len > s.size()) return true;  // cut by the sample's end
    std::uint32_t cp = b & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

// UTF-16 without a BOM: read as 16-bit units, nearly all of them are what a report is written
// in — CJK ideographs, ASCII, CJK and full-width punctuation. Random binary spreads over the
// whole range (and zero bytes fall on both sides of a pair), so it stays well below.
bool plausible_utf16_unit(std::uint32_t u) {
  const bool ascii_text = (u >= 0x20 && u < 0x7F) || u == '\n' || u == '\r' || u == '\t';
  const bool cjk = u >= 0x4E00 && u <= 0x9FFF;
  const bool cjk_punctuation = (u >= 0x3000 && u <= 0x303F) || (u >= 0xFF00 && u <= 0xFFEF) ||
                               (u >= 0x2010 && u <= 0x206F) || u == 0x00A0 || u == 0x00B7;
  return ascii_text || cjk || cjk_punctuation;
}

bool looks_like_utf16(std::string_view s) {
  // Text in UTF-16 has zero bytes (its ASCII: digits, line ends); text in any 8-bit encoding
  // has none, and pairs of ASCII letters would read as ideographs.
  if (s.size() < 8 || s.find('\0') == std::string_view::npos) return false;
  std::size_t little = 0, big = 0;
  const std::size_t units = s.size() / 2;
  for (std::size_t i = 0; i + 1 < s.size(); i += 2) {
    const auto lo = static_cast<unsigned char>(s[i]);
    const auto hi = static_cast<unsigned char>(s[i + 1]);
    if (plausible_utf16_unit(lo | (hi << 8))) ++little;
    if (plausible_utf16_unit((lo << 8) | hi)) ++big;
  }
  return std::max(little, big) * 100 >= units * 90;
}

}  // namespace

InputFormat sniff_format(std::string_view bytes) {
  if (bytes.empty()) return InputFormat::Empty;
  // Local file header, empty archive (end of central directory first), spanned archive.
  if (starts_with(bytes, std::string_view("PK\x03\x04", 4)) ||
      starts_with(bytes, std::string_view("PK\x05\x06", 4)) ||
      starts_with(bytes, std::string_view("PK\x07\x08", 4))) {
    return InputFormat::Zip;
  }
  // BOMs of UTF-8, UTF-16LE (and UTF-32LE, "FF FE 00 00"), UTF-16BE and UTF-32BE: every
  // encoding the text decoder reads by its BOM.
  if (starts_with(bytes, "\xEF\xBB\xBF") || starts_with(bytes, "\xFF\xFE") ||
      starts_with(bytes, "\xFE\xFF") || starts_with(bytes, std::string_view("\0\0\xFE\xFF", 4))) {
    return InputFormat::Text;
  }
  const std::string_view sample = bytes.substr(0, kSniffBytes);
  if (looks_like_utf16(sample)) return InputFormat::Text;
  // Control characters other than whitespace (and the odd form feed, ESC or DOS EOF) do not
  // occur in text of any of the encodings we read.
  std::size_t controls = 0;
  for (char ch : sample) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == 0) return InputFormat::Binary;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1A && c != 0x1B &&
        c != '\v') {
      ++controls;
    }
  }
  if (controls * 100 > sample.size()) return InputFormat::Binary;
  if (valid_utf8_prefix(sample)) return InputFormat::Text;
  // Not UTF-8 yet free of control bytes: GB18030, Big5 and the like; the text reader's
  // detector decides, and says so when it cannot.
  return InputFormat::Text;
}

void install_pdf_reader(PdfReader reader) { pdf_reader.store(reader); }

bool pdf_reader_installed() { return pdf_reader.load() != nullptr; }

PdfReader installed_pdf_reader() { return pdf_reader.load(); }

Result<Document, Error> ingest(std::string_view bytes, const Limits& limits,
                               const Deadline& deadline) {
  if (bytes.size() > limits.max_input_bytes) {
    return limit_error("max_input_bytes",
                 "the file has " + std::to_string(bytes.size()) +
                     " bytes, more than the limit of " + std::to_string(limits.max_input_bytes));
  }
  // OLE2 compound file: a legacy Word .doc or WPS .wps, or a password-protected .docx.
  if (starts_with(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    return read_legacy_word(bytes, limits, deadline);
  }
  // A PDF may start like text ("%PDF-1.7" then binary streams): told apart first.
  if (starts_with(bytes, "%PDF-")) {
    if (const PdfReader reader = pdf_reader.load()) return reader(bytes, limits, deadline);
    return Error{"unsupported_format",
                 "the file is a PDF, and this build has no PDF support (built without "
                 "XXGKNB_PDF, or xxgknb::enable_pdf() not called); convert it to .docx or text",
                 {}};
  }
  switch (sniff_format(bytes)) {
    case InputFormat::Empty:
      return Error{"empty_input", "the input is empty (0 bytes)", {}};
    case InputFormat::Zip:
      return read_docx(bytes, limits, deadline);
    case InputFormat::Text:
      if (looks_like_html(bytes)) return read_html(bytes, limits, deadline);
      return read_text(bytes, limits, deadline);
    case InputFormat::Binary:
      break;
  }
  return Error{"not_a_report_file",
               "the file is binary data that is neither a .docx nor text in a known encoding",
               {}};
}

}  // namespace xxgknb
