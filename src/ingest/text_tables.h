// Stage 1, ingest (text): splits decoded text into paragraphs and rebuilds the tables that
// text extractors flattened (Tika's one cell per line after a tab, pipe rows, tab rows).
#pragma once

#include <optional>

#include "util/deadline.h"
#include "xxgknb/document.h"
#include "xxgknb/options.h"
#include "xxgknb/report.h"

namespace xxgknb {

// Reads `doc.text` line by line and appends Paragraphs, Tables and their Blocks to `doc`.
// Blank lines (spaces, U+00A0, U+3000 only) are not paragraphs. Returns the Error that stops
// the whole input (too_many_paragraphs, table_too_large, too_many_cells past max_paragraphs,
// max_table_cells, max_document_cells; time_limit past the deadline), or nothing.
std::optional<Error> read_text_blocks(Document& doc, const Limits& limits,
                                      const Deadline& deadline);

}  // namespace xxgknb
