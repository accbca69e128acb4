// Test support: this test binary reads PDFs as the CLI does, xxgknb::enable_pdf() called once
// before any test runs.
#include "xxgknb/pdf.h"

namespace {

const bool kPdfEnabled = (xxgknb::enable_pdf(), true);

}  // namespace
