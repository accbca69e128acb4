// Stage 1, ingest (text): reads a plain-text input into a Document — decoded to UTF-8, one
// paragraph per line, flattened tables rebuilt.
#include <string>

#include "ingest/ingest.h"
#include "ingest/text_decode.h"
#include "ingest/text_tables.h"
#include "util/limit_error.h"

namespace xxgknb {

Result<Document, Error> read_text(std::string_view bytes, const Limits& limits,
                                  const Deadline& deadline) {
  if (bytes.size() > limits.max_input_bytes) {
    return limit_error("max_input_bytes",
                 "the input has " + std::to_string(bytes.size()) + " bytes, more than " +
                     std::to_string(limits.max_input_bytes) + " (max_input_bytes)");
  }
  auto decoded = decode_text(bytes);
  if (!decoded) return std::move(decoded).error();

  Document doc;
  doc.format = "text";
  doc.encoding = decoded->encoding;
  doc.text = std::move(decoded->utf8);
  // Raised for every guess, however sure: ICU's detector says 100% for most GB18030 reports,
  // and a reader of the output must still know nothing in the file declared it.
  if (encoding_was_guessed(decoded.value())) {
    const char* how = decoded->basis == EncodingBasis::NulPattern
                          ? "from its pattern of zero bytes"
                          : "by ICU's charset detector";
    doc.diagnostics.push_back(
        {"encoding_guessed", Diagnostic::Severity::Info,
         "the text has no BOM and is not UTF-8; its encoding was guessed " + std::string(how) +
             " as " + decoded->encoding + " with confidence " +
             std::to_string(static_cast<int>(decoded->confidence * 100)) + "%",
         {}});
  }
  if (deadline.expired()) {
    return limit_error("max_milliseconds",
                 "decoding the text took longer than " + std::to_string(limits.max_milliseconds) +
                     " ms");
  }
  if (auto error = read_text_blocks(doc, limits, deadline)) return *std::move(error);
  return doc;
}

}  // namespace xxgknb
