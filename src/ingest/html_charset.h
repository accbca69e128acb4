// Stage 1, ingest (HTML): the charset of a page — its BOM, the charset its <meta> declares,
// or what its bytes prove or ICU's detector finds — and the page decoded to UTF-8.
#pragma once

#include <string>
#include <string_view>

#include "ingest/text_decode.h"
#include "xxgknb/report.h"
#include "xxgknb/result.h"

namespace xxgknb::html {

struct PageCharset {
  DecodedText decoded;
  std::string declared;       // the label as the page writes it ("gb2312"), or empty
  std::int64_t declared_at = -1;  // byte offset of the <meta> that declares it
  // The page declares one charset and is written in another: decoded by what the bytes are.
  bool mismatch = false;
};

// The label in the first <meta charset="…"> or <meta http-equiv="Content-Type"
// content="…; charset=…"> of the first kPrescanBytes, lower-cased; empty when none.
std::string declared_charset(std::string_view bytes, std::int64_t* at = nullptr);

// The ICU converter name for a declared label: GBK, GB2312, … → "GB18030" (GBK and GB2312
// are subsets of it); Big5 → "Big5"; UTF-8 → "UTF-8"; empty for labels not acted on
// (UTF-16 named in ASCII-compatible bytes is a contradiction; single-byte Western charsets
// never hold a Chinese report and would decode its bytes into garbage without an error).
std::string converter_for(const std::string& label);

// "UTF-16LE" or "UTF-16BE" when the page is written in UTF-16: by its BOM ("FF FE", "FE FF"),
// or, without one, by the zero bytes its ASCII markup puts on one side of nearly every code
// unit of its first kHtmlUtf16SniffBytes ("<\0h\0t\0m\0l\0"); "" otherwise.
std::string utf16_order(std::string_view bytes);

// Decides and decodes, stopping at invalid bytes (encoding_invalid) like decode_text. A page
// in UTF-16 without a BOM is decoded in the byte order its zero bytes give, its declaration
// read from the decoded markup: `<meta charset="utf-16">` confirms it (basis Declared),
// another label is a mismatch, none leaves it a guess (basis NulPattern).
Result<PageCharset, Error> decode_page(std::string_view bytes);

}  // namespace xxgknb::html
