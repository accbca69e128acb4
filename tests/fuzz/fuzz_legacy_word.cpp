// Fuzzing: the legacy-Word bridge — the OLE2 directory look that tells a Word document from a
// workbook, a presentation or an encrypted .docx, the converter run as a child process
// (catdoc or antiword on PATH, under the document's time, output and memory limits) and its
// text read as flattened text. Inputs are made to start with the OLE2 signature, as ingest
// requires before it calls the bridge. A converter that crashes or hangs on a damaged file
// is the converter's failure and must come back as an error, never as ours.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz_limits.h"
#include "ingest/legacy_word.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string signature("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  std::string bytes(reinterpret_cast<const char*>(data), size);
  if (bytes.compare(0, signature.size(), signature) != 0) bytes.insert(0, signature);
  const xxgknb::Limits limits = xxgknb::fuzz::small_limits();
  const xxgknb::Deadline deadline(limits.max_milliseconds);
  auto doc = xxgknb::read_legacy_word(bytes, limits, deadline);
  if (!doc) {
    if (doc.error().code.empty() || doc.error().message.empty()) std::abort();
    return 0;
  }
  if (doc->format != "doc") std::abort();
  return 0;
}
