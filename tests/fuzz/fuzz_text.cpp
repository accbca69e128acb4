// Fuzzing: the text reader — decoding (BOMs, UTF-8, UTF-16's NUL pattern, ICU's detector) and
// rebuilding flattened tables — through read_text, as ingest calls it for text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz_limits.h"
#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const xxgknb::Limits limits = xxgknb::fuzz::small_limits();
  const xxgknb::Deadline deadline(limits.max_milliseconds);
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto doc = xxgknb::read_text(bytes, limits, deadline);
  if (doc) {
    // Every block names a paragraph or table that exists.
    for (const xxgknb::Block& b : doc->blocks) {
      const std::size_t count = b.kind == xxgknb::Block::Kind::Paragraph
                                    ? doc->paragraphs.size()
                                    : doc->tables.size();
      if (b.index < 0 || static_cast<std::size_t>(b.index) >= count) std::abort();
    }
  }
  return 0;
}
