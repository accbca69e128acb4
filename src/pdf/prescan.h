// Stage 1, ingest (PDF): a cheap scan of the raw bytes before the PDF library sees them, so
// that what poppler would parse is already known to fit the Limits: the file ends (%%EOF),
// declared page counts, objects, nesting and the bytes of every stream once decompressed.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "util/deadline.h"
#include "xxgknb/options.h"
#include "xxgknb/report.h"

namespace xxgknb::pdf {

struct PrescanFigures {
  std::uint64_t objects = 0;          // "n g obj" in the file plus /N of object streams
  std::uint64_t declared_pages = 0;   // the largest /Count of a page tree node
  std::uint64_t stream_bytes = 0;     // all Flate streams once inflated, others as stored
  std::uint32_t deepest = 0;          // deepest nesting of << >> and [ ]
};

// nullopt when the bytes fit the limits (figures filled in), else the error to report:
// pdf_corrupt (no %%EOF after the last object: a truncated file), pdf_too_many_pages,
// pdf_too_many_objects, pdf_stream_too_large, pdf_too_deep, time_limit.
std::optional<Error> prescan(std::string_view bytes, const Limits& limits,
                             const Deadline& deadline, PrescanFigures& figures);

}  // namespace xxgknb::pdf
