// Public API: PDF input, an optional component. The core library reads no PDF by itself (a
// PDF gets unsupported_format, saying this build has no PDF support); linking the
// xxgknb_pdf library (poppler, GPL: see README.md) and calling enable_pdf() once makes every
// later extract_* read PDFs. Safe to call more than once and from several threads.
#pragma once

namespace xxgknb {

void enable_pdf();

// Whether enable_pdf() has been called in this program.
bool pdf_enabled();

}  // namespace xxgknb
