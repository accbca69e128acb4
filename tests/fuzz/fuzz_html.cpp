// Fuzzing: the HTML reader — charset (BOM, <meta charset>, detection), libxml2's parse into
// the flat tree, the article among the chrome, tables through GridBuilder — through
// read_html, as ingest calls it for a page.
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
  auto doc = xxgknb::read_html(bytes, limits, deadline);
  if (doc) {
    // Every block names a paragraph or table that exists; every offset is inside the text.
    for (const xxgknb::Block& b : doc->blocks) {
      const std::size_t count = b.kind == xxgknb::Block::Kind::Paragraph
                                    ? doc->paragraphs.size()
                                    : doc->tables.size();
      if (b.index < 0 || static_cast<std::size_t>(b.index) >= count) std::abort();
    }
    const auto size_of_text = static_cast<std::int64_t>(doc->text.size());
    for (const xxgknb::Paragraph& p : doc->paragraphs) {
      if (p.source.offset > size_of_text) std::abort();
    }
    for (const xxgknb::Table& t : doc->tables) {
      for (const auto& row : t.rows) {
        if (static_cast<int>(row.size()) != t.columns) std::abort();
      }
    }
  }
  return 0;
}
