// Fuzzing: the .docx reader — the zip package (libzip, the zip-bomb limits, relationships),
// styles and numbering, and the body walk into paragraphs and table grids — through read_docx.
// An input that starts with "PK" is read as the .docx it is. Any other input is the XML of
// the parts, "document.xml\0numbering.xml\0styles.xml", stored in a fresh zip: mutations of a
// real zip mostly break its CRCs and stop at the package, these reach the XML readers.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_limits.h"
#include "ingest/ingest.h"
#include "support/zip_builder.h"

namespace {

std::string stored_docx(std::string_view parts) {
  constexpr const char* kNames[] = {"word/document.xml", "word/numbering.xml", "word/styles.xml"};
  std::vector<xxgknb::testing::ZipEntry> entries;
  for (const char* name : kNames) {
    const std::size_t end = std::min(parts.find('\0'), parts.size());
    // An absent optional part is left out; document.xml is always there.
    if (entries.empty() || end > 0) {
      entries.push_back({name, std::string(parts.substr(0, end)), true});
    }
    parts.remove_prefix(std::min(end + 1, parts.size()));
  }
  return xxgknb::testing::make_zip(entries);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const xxgknb::Limits limits = xxgknb::fuzz::small_limits();
  const xxgknb::Deadline deadline(limits.max_milliseconds);
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string bytes = input.substr(0, 2) == "PK" ? std::string(input) : stored_docx(input);
  auto doc = xxgknb::read_docx(bytes, limits, deadline);
  if (doc) {
    // Every table is a grid: each row as wide as the table says.
    for (const xxgknb::Table& t : doc->tables) {
      for (const auto& row : t.rows) {
        if (static_cast<std::int64_t>(row.size()) != static_cast<std::int64_t>(t.columns)) {
          std::abort();
        }
      }
    }
  }
  return 0;
}
