// Stage 1, ingest (text): find a text input's encoding and decode it to UTF-8 with ICU.
#pragma once

#include <string>
#include <string_view>

#include "xxgknb/report.h"
#include "xxgknb/result.h"

namespace xxgknb {

struct DecodedText {
  std::string utf8;           // no BOM; "\r\n" and "\r" become "\n", nothing else changes
  std::string encoding;       // "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030", "Big5", …
  bool had_bom = false;
  double confidence = 1.0;    // 1 for BOM or valid UTF-8; the detector's otherwise
};

// BOM first; else valid UTF-8; else ICU's charset detector over GB18030, Big5, UTF-16, …
// Decoding stops at the first invalid sequence (UCNV_TO_U_CALLBACK_STOP) and fails with
// "encoding_invalid" rather than producing plausible garbage.
Result<DecodedText, Error> decode_text(std::string_view bytes);

}  // namespace xxgknb
