// Stage 1, ingest: bytes → Document. The format is told by content (zip magic, BOMs, text
// sniffing), never by file name.
#pragma once

#include <string_view>

#include "util/deadline.h"
#include "xxgknb/document.h"
#include "xxgknb/options.h"
#include "xxgknb/report.h"
#include "xxgknb/result.h"

namespace xxgknb {

enum class InputFormat { Empty, Zip, Text, Binary };

// Looks at the first bytes only. Zip = "PK\x03\x04" (or an empty/spanned zip signature);
// Text = a BOM, valid UTF-8, or bytes a text encoding detector accepts; Binary otherwise.
InputFormat sniff_format(std::string_view bytes);

// Dispatches on sniff_format. The Error's `source` is left for the caller to fill.
Result<Document, Error> ingest(std::string_view bytes, const Limits& limits,
                               const Deadline& deadline);

// .docx (WordprocessingML, transitional or strict) read with libzip + pugixml.
Result<Document, Error> read_docx(std::string_view bytes, const Limits& limits,
                                  const Deadline& deadline);

// Plain text in any supported encoding; tables flattened by text extractors are rebuilt.
Result<Document, Error> read_text(std::string_view bytes, const Limits& limits,
                                  const Deadline& deadline);

// True when the first bytes are HTML markup ("<!DOCTYPE html", "<html", "<table", …, after
// an optional UTF-8 BOM and whitespace). Text that merely mentions tags does not start so.
bool looks_like_html(std::string_view bytes);

// A web page (HTML in any charset): the article among the site's chrome, its tables as
// logical grids, the page's own fields (docs/html.md).
Result<Document, Error> read_html(std::string_view bytes, const Limits& limits,
                                  const Deadline& deadline);

// PDF input is an optional component (src/pdf/, enabled by xxgknb::enable_pdf()): it installs
// its reader here. Without one, a PDF is refused with unsupported_format.
using PdfReader = Result<Document, Error> (*)(std::string_view bytes, const Limits& limits,
                                              const Deadline& deadline);
void install_pdf_reader(PdfReader reader);
bool pdf_reader_installed();
PdfReader installed_pdf_reader();   // nullptr when none

}  // namespace xxgknb
