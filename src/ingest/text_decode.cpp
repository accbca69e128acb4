// Stage 1, ingest (text): finds a text input's encoding (BOM, a full UTF-8 check, the UTF-16
// NUL pattern, ICU's charset detector) and decodes it to UTF-8 with ICU, stopping at the
// first invalid byte sequence instead of producing plausible garbage.
#include "ingest/text_decode.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <memory>
#include <optional>
#include <string>

#include "util/limit_error.h"

namespace xxgknb {
namespace {

struct Bom {
  std::string_view bytes;
  const char* encoding;
};

// Longest first: the UTF-32LE BOM "FF FE 00 00" starts like the UTF-16LE one "FF FE".
constexpr std::array<Bom, 5> kBoms = {{
    {std::string_view("\xEF\xBB\xBF", 3), "UTF-8"},
    {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
    {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
    {std::string_view("\xFF\xFE", 2), "UTF-16LE"},
    {std::string_view("\xFE\xFF", 2), "UTF-16BE"},
}};

// What ICU's detector may choose. GBK and GB2312 are subsets of GB18030 and the detector
// reports them as "GB18030"; single-byte Western charsets accept any byte and would turn a
// Chinese report that failed every other test into garbage, so they are not offered.
constexpr std::array<std::string_view, 6> kDetectable = {
    "GB18030", "Big5", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"};

// ICU's confidences run 0–100; below this a match is a shrug, not a detection.
constexpr std::int32_t kMinDetectorConfidence = 10;
// The detector reads a prefix: its statistics settle long before a megabyte.
constexpr std::size_t kDetectorSampleBytes = 1u << 20;
// ICU's UTF-16 → UTF-8 step counts in int32_t; UTF-8 may be 3 bytes per input byte.
constexpr std::size_t kMaxDecodableBytes = std::numeric_limits<std::int32_t>::max() / 4;
// Text has almost no control characters; binary data has about one byte in eight.
constexpr std::size_t kMaxControlPercent = 1;
// UTF-16 without BOM: NUL bytes in at least this share of the code units, and this share
// of the units read as report text in the chosen byte order; judged on a prefix.
constexpr std::size_t kMinNulUnitPercent = 2;
constexpr std::size_t kMinReportUnitPercent = 90;
constexpr std::size_t kUtf16SampleBytes = 1u << 16;

// A C0/C1 control other than the whitespace controls text uses ("\t", "\n", "\r", "\f", "\v").
bool is_binary_control(std::uint32_t c) {
  if (c < 0x20) return c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v';
  return c == 0x7F || (c >= 0x80 && c <= 0x9F);
}

bool mostly_text(std::size_t controls, std::size_t units) {
  return controls * 100 <= units * kMaxControlPercent;
}

struct Utf8Scan {
  bool valid = true;
  std::size_t error_offset = 0;
  std::size_t nuls = 0;
  std::size_t controls = 0;
  std::size_t code_points = 0;
};

Utf8Scan scan_utf8(std::string_view s) {
  Utf8Scan scan;
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int64_t>(s.size());
  std::int64_t i = 0;
  while (i < n) {
    const std::int64_t start = i;
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      scan.valid = false;
      scan.error_offset = static_cast<std::size_t>(start);
      return scan;
    }
    ++scan.code_points;
    if (c == 0) ++scan.nuls;
    if (is_binary_control(static_cast<std::uint32_t>(c))) ++scan.controls;
  }
  return scan;
}

// "\r\n" and a lone "\r" become "\n", in place; nothing else changes.
void normalize_line_ends(std::string& s) {
  std::size_t out = 0;
  for (std::size_t in = 0; in < s.size(); ++in) {
    if (s[in] == '\r') {
      s[out++] = '\n';
      if (in + 1 < s.size() && s[in + 1] == '\n') ++in;
    } else {
      s[out++] = s[in];
    }
  }
  s.resize(out);
}

std::string hex_bytes(std::string_view bytes) {
  std::string out;
  for (unsigned char b : bytes) {
    std::array<char, 8> buf{};
    std::snprintf(buf.data(), buf.size(), "%s0x%02X", out.empty() ? "" : " ", b);
    out += buf.data();
  }
  return out;
}

Error invalid_at(const std::string& encoding, std::size_t offset, std::string_view bad) {
  return Error{"encoding_invalid",
               "the input is not valid " + encoding + ": invalid byte sequence at byte offset " +
                   std::to_string(offset) + (bad.empty() ? "" : " (" + hex_bytes(bad) + ")"),
               {}};
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

struct Utf16Text {
  std::u16string units;
  std::size_t controls = 0;
};

// Converts `bytes` (which sit at `base_offset` in the input) to UTF-16, stopping at the
// first invalid sequence.
Result<Utf16Text, Error> to_utf16(std::string_view bytes, std::size_t base_offset,
                                  const std::string& encoding) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> cnv(ucnv_open(encoding.c_str(), &status));
  if (U_FAILURE(status)) {
    return Error{"encoding_invalid", "no converter for " + encoding + ": " + u_errorName(status),
                 {}};
  }
  ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  // No supported charset yields more UTF-16 units than it has bytes.
  Utf16Text out;
  out.units.resize(bytes.size() + 1);
  const char* source = bytes.data();
  UChar* target = out.units.data();
  ucnv_toUnicode(cnv.get(), &target, out.units.data() + out.units.size(), &source,
                 bytes.data() + bytes.size(), nullptr, true, &status);
  if (U_FAILURE(status)) {
    std::array<char, 32> bad{};
    auto bad_length = static_cast<std::int8_t>(bad.size());
    UErrorCode ignored = U_ZERO_ERROR;
    ucnv_getInvalidChars(cnv.get(), bad.data(), &bad_length, &ignored);
    if (U_FAILURE(ignored)) bad_length = 0;
    const auto consumed = static_cast<std::size_t>(source - bytes.data());
    const std::size_t bad_size =
        std::min<std::size_t>(static_cast<std::size_t>(bad_length), consumed);
    return invalid_at(encoding, base_offset + consumed - bad_size,
                      std::string_view(bad.data(), bad_size));
  }
  out.units.resize(static_cast<std::size_t>(target - out.units.data()));
  for (char16_t u : out.units) {
    if (is_binary_control(u)) ++out.controls;
  }
  return out;
}

Result<std::string, Error> to_utf8(const std::u16string& units, const std::string& encoding) {
  UErrorCode status = U_ZERO_ERROR;
  const auto length = static_cast<std::int32_t>(units.size());
  std::int32_t needed = 0;
  u_strToUTF8(nullptr, 0, &needed, units.data(), length, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) {
    return Error{"encoding_invalid", encoding + " text does not convert to UTF-8", {}};
  }
  status = U_ZERO_ERROR;
  std::string out(static_cast<std::size_t>(needed), '\0');
  u_strToUTF8(out.data(), needed, &needed, units.data(), length, &status);
  if (U_FAILURE(status)) {
    return Error{"encoding_invalid", encoding + " text does not convert to UTF-8", {}};
  }
  return out;
}

// Decodes with ICU and checks the result reads as text.
Result<DecodedText, Error> decode_as(std::string_view bytes, std::size_t bom_size,
                                     const std::string& encoding, EncodingBasis basis,
                                     double confidence) {
  auto utf16 = to_utf16(bytes.substr(bom_size), bom_size, encoding);
  if (!utf16) return std::move(utf16).error();
  if (!mostly_text(utf16->controls, utf16->units.size())) {
    return Error{"not_a_report_file",
                 "decoded as " + encoding + " the input is full of control characters", {}};
  }
  auto utf8 = to_utf8(utf16->units, encoding);
  if (!utf8) return std::move(utf8).error();
  DecodedText out;
  out.utf8 = std::move(utf8).value();
  normalize_line_ends(out.utf8);
  out.encoding = encoding;
  out.had_bom = bom_size > 0;
  out.basis = basis;
  out.confidence = confidence;
  return out;
}

DecodedText keep_utf8(std::string_view bytes, std::size_t bom_size) {
  DecodedText out;
  out.utf8 = std::string(bytes.substr(bom_size));
  normalize_line_ends(out.utf8);
  out.encoding = "UTF-8";
  out.had_bom = bom_size > 0;
  out.basis = bom_size > 0 ? EncodingBasis::Bom : EncodingBasis::ValidUtf8;
  out.confidence = 1.0;
  return out;
}

// A code unit that Chinese report text is made of: ASCII, Latin-1 signs ("×"), general
// punctuation ("“”—"), CJK punctuation ("、。"), CJK ideographs and full-width forms ("，（）").
bool is_report_unit(std::uint32_t u) {
  const bool ascii = (u >= 0x20 && u < 0x7F) || u == '\t' || u == '\n' || u == '\r';
  const bool latin1_sign = u >= 0xA0 && u <= 0xFF;
  const bool punctuation = (u >= 0x2000 && u <= 0x206F) || (u >= 0x3000 && u <= 0x303F);
  const bool ideograph = u >= 0x4E00 && u <= 0x9FFF;
  const bool full_width = u >= 0xFF00 && u <= 0xFFEF;
  return ascii || latin1_sign || punctuation || ideograph || full_width;
}

// "UTF-16LE", "UTF-16BE" or nothing. ASCII characters (digits, line ends) put NUL bytes in
// UTF-16 — but so does "开" (U+5F00), on the other side — so the NULs say "UTF-16" and the
// byte order is the one whose code units read as report text.
std::optional<std::string> utf16_by_nul_pattern(std::string_view bytes) {
  if (bytes.size() < 2 || bytes.size() % 2 != 0) return std::nullopt;
  const std::string_view sample = bytes.substr(0, kUtf16SampleBytes);
  const std::size_t units = sample.size() / 2;
  std::size_t nuls = 0;
  std::size_t report_units_le = 0;
  std::size_t report_units_be = 0;
  for (std::size_t i = 0; i + 1 < sample.size(); i += 2) {
    const auto b0 = static_cast<unsigned char>(sample[i]);
    const auto b1 = static_cast<unsigned char>(sample[i + 1]);
    nuls += static_cast<std::size_t>(b0 == 0) + static_cast<std::size_t>(b1 == 0);
    if (is_report_unit(b0 | (b1 << 8))) ++report_units_le;
    if (is_report_unit((b0 << 8) | b1)) ++report_units_be;
  }
  const bool nul_pattern = nuls * 100 >= units * kMinNulUnitPercent;
  const bool reads_le = report_units_le * 100 >= units * kMinReportUnitPercent;
  const bool reads_be = report_units_be * 100 >= units * kMinReportUnitPercent;
  if (nul_pattern && reads_le && report_units_le >= report_units_be) return "UTF-16LE";
  if (nul_pattern && reads_be) return "UTF-16BE";
  return std::nullopt;
}

std::size_t binary_control_bytes(std::string_view bytes) {
  // ESC (0x1B) is left out: ISO-2022 encodings use it.
  return static_cast<std::size_t>(std::count_if(bytes.begin(), bytes.end(), [](char ch) {
    const auto b = static_cast<unsigned char>(ch);
    return b != 0x1B && b < 0x20 && is_binary_control(b);
  }));
}

// ICU's detector, restricted to kDetectable. Only the best candidate is tried: when it
// fails, the next one (Big5 after GB18030: Big5's bytes are valid GBK) would decode the
// same bytes into plausible garbage.
// With `markup`, ICU's input filter drops <…> tags before the statistics, and only charsets
// that keep ASCII as ASCII are offered: markup read as UTF-16 would be no markup at all.
Result<DecodedText, Error> detect_and_decode(std::string_view bytes, bool markup = false) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> det(ucsdet_open(&status));
  if (markup) ucsdet_enableInputFilter(det.get(), 1);
  const std::string_view sample = bytes.substr(0, kDetectorSampleBytes);
  ucsdet_setText(det.get(), sample.data(), static_cast<std::int32_t>(sample.size()), &status);
  std::int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &count, &status);
  if (U_FAILURE(status)) {
    return Error{"not_a_report_file",
                 std::string("the text encoding detector failed: ") + u_errorName(status), {}};
  }
  for (std::int32_t i = 0; i < count; ++i) {
    UErrorCode match_status = U_ZERO_ERROR;
    const char* name = ucsdet_getName(matches[i], &match_status);
    const std::int32_t confidence = ucsdet_getConfidence(matches[i], &match_status);
    if (U_FAILURE(match_status) || name == nullptr) continue;
    if (confidence < kMinDetectorConfidence) break;  // matches come best first
    const std::string encoding(name);
    if (markup && encoding.rfind("UTF-", 0) == 0) continue;
    if (std::find(kDetectable.begin(), kDetectable.end(), encoding) != kDetectable.end()) {
      return decode_as(bytes, 0, encoding, EncodingBasis::Detector, confidence / 100.0);
    }
  }
  return Error{"not_a_report_file",
               "the input is neither UTF-8 nor a text encoding that could be detected", {}};
}

}  // namespace

Result<DecodedText, Error> decode_text(std::string_view bytes) {
  if (bytes.size() > kMaxDecodableBytes) {
    return limit_error("max_input_bytes",
                 "text inputs over " + std::to_string(kMaxDecodableBytes) +
                     " bytes are not decoded");
  }
  for (const Bom& bom : kBoms) {
    if (bytes.substr(0, bom.bytes.size()) != bom.bytes) continue;
    const std::string encoding(bom.encoding);
    if (encoding != "UTF-8") {
      return decode_as(bytes, bom.bytes.size(), encoding, EncodingBasis::Bom, 1.0);
    }
    const Utf8Scan scan = scan_utf8(bytes.substr(bom.bytes.size()));
    if (!scan.valid) {
      const std::size_t at = bom.bytes.size() + scan.error_offset;
      return invalid_at(encoding, at, bytes.substr(at, 4));
    }
    if (!mostly_text(scan.controls, scan.code_points)) {
      return Error{"not_a_report_file", "the UTF-8 input is full of control characters", {}};
    }
    return keep_utf8(bytes, bom.bytes.size());
  }

  const Utf8Scan scan = scan_utf8(bytes);
  const bool plain_utf8 = scan.valid && mostly_text(scan.controls, scan.code_points);
  if (plain_utf8 && scan.nuls == 0) return keep_utf8(bytes, 0);

  // ASCII-heavy UTF-16 is valid UTF-8 full of NULs, so the NUL pattern is asked first.
  if (const auto utf16 = utf16_by_nul_pattern(bytes)) {
    auto decoded = decode_as(bytes, 0, *utf16, EncodingBasis::NulPattern, 0.9);
    if (decoded) return decoded;
  }
  if (plain_utf8) return keep_utf8(bytes, 0);
  if (scan.valid || !mostly_text(binary_control_bytes(bytes), bytes.size())) {
    return Error{"not_a_report_file", "the input is binary data, not text", {}};
  }
  return detect_and_decode(bytes);
}

Result<DecodedText, Error> detect_markup_encoding(std::string_view bytes) {
  if (bytes.size() > kMaxDecodableBytes) {
    return limit_error("max_input_bytes",
                 "text inputs over " + std::to_string(kMaxDecodableBytes) +
                     " bytes are not decoded");
  }
  return detect_and_decode(bytes, true);
}

Result<DecodedText, Error> decode_text_as(std::string_view bytes, const std::string& encoding) {
  if (bytes.size() > kMaxDecodableBytes) {
    return limit_error("max_input_bytes",
                 "text inputs over " + std::to_string(kMaxDecodableBytes) +
                     " bytes are not decoded");
  }
  if (encoding == "UTF-8") {
    const Utf8Scan scan = scan_utf8(bytes);
    if (!scan.valid) return invalid_at(encoding, scan.error_offset, bytes.substr(scan.error_offset, 4));
    DecodedText out = keep_utf8(bytes, 0);
    out.basis = EncodingBasis::Declared;
    return out;
  }
  return decode_as(bytes, 0, encoding, EncodingBasis::Declared, 1.0);
}

}  // namespace xxgknb
