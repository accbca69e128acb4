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

// Decides and decodes, stopping at invalid bytes (encoding_invalid) like decode_text.
Result<PageCharset, Error> decode_page(std::string_view bytes);

}  // namespace xxgknb::html
