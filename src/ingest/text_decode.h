// Stage 1, ingest (text): find a text input's encoding and decode it to UTF-8 with ICU.
#pragma once

#include <string>
#include <string_view>

#include "xxgknb/report.h"
#include "xxgknb/result.h"

namespace xxgknb {

// How the encoding was decided: declared by the input (a BOM), proven by the bytes (valid
// UTF-8), guessed (UTF-16's NUL pattern, ICU's statistical detector), or named by the input's
// markup (an HTML <meta charset>) and confirmed by decoding without error.
enum class EncodingBasis { Bom, ValidUtf8, NulPattern, Detector, Declared };

struct DecodedText {
  std::string utf8;           // no BOM; "\r\n" and "\r" become "\n", nothing else changes
  std::string encoding;       // "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030", "Big5", …
  bool had_bom = false;
  EncodingBasis basis = EncodingBasis::ValidUtf8;
  double confidence = 1.0;    // 1 for BOM or valid UTF-8; the detector's otherwise (a guess
                              // the detector is sure of may still be 1)
};

// True when the encoding was guessed rather than declared by a BOM or proven by valid UTF-8.
inline bool encoding_was_guessed(const DecodedText& d) {
  return d.basis == EncodingBasis::NulPattern || d.basis == EncodingBasis::Detector;
}

// BOM first; else valid UTF-8; else ICU's charset detector over GB18030, Big5, UTF-16, …
// Decoding stops at the first invalid sequence (UCNV_TO_U_CALLBACK_STOP) and fails with
// "encoding_invalid" rather than producing plausible garbage.
Result<DecodedText, Error> decode_text(std::string_view bytes);

// Decodes `bytes` (no BOM) as the named ICU `encoding`, stopping at the first invalid
// sequence like decode_text; basis Declared. UTF-8 is checked, not converted.
Result<DecodedText, Error> decode_text_as(std::string_view bytes, const std::string& encoding);

// ICU's detector on markup (HTML): tags are filtered out before the statistics and only
// ASCII-compatible charsets (GB18030, Big5) are chosen; basis Detector.
Result<DecodedText, Error> detect_markup_encoding(std::string_view bytes);

}  // namespace xxgknb
