// CLI: PDF input loaded on first use. The PDF component (src/pdf/, poppler) is built as a
// module beside the executable; loading poppler and its two dozen libraries at every start
// was half of a process's start-up, paid by every run whether or not it meets a PDF.
#pragma once

namespace xxgknb::cli {

// Installs a PDF reader that loads the module on its first PDF, once per process (safe from
// the batch's worker threads). When the module cannot be loaded, a PDF is refused with
// unsupported_format and a message naming the paths tried and why each failed.
void enable_pdf_on_demand();

}  // namespace xxgknb::cli
