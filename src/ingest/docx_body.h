// Stage 1, ingest (.docx): the body of document.xml → Document paragraphs, tables and blocks.
#pragma once

#include <pugixml.hpp>

#include <optional>

#include "ingest/docx_numbering.h"
#include "util/deadline.h"
#include "xxgknb/document.h"
#include "xxgknb/options.h"
#include "xxgknb/report.h"

namespace xxgknb::docx {

// Walks the w:body of a parsed WordprocessingML document (transitional or strict) with an
// explicit stack, appending to `doc`. `styles` and `numbering` may be null (parts absent or
// broken). Returns the error that stops reading: "xml_too_deep", "too_many_paragraphs",
// "table_too_large", "too_many_cells", "time_limit"; nullopt when the body was read.
std::optional<Error> read_body(const pugi::xml_document& xml, const Styles* styles,
                               Numbering* numbering, const Limits& limits,
                               const Deadline& deadline, Document& doc);

}  // namespace xxgknb::docx
