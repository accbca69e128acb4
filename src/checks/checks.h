// Stage 6, checks: the consistency rules the template states (E1–E7 of templates.md §7) and
// W4 (numbers in section 一 against the tables); then the review verdict.
#pragma once

#include <vector>

#include "xxgknb/document.h"
#include "xxgknb/options.h"
#include "xxgknb/report.h"

namespace xxgknb {

// Appends one Check per rule and column to report.checks, adds `check_failed` to the flags
// of fields in failing checks, and lowers confidences where a failure casts doubt on our
// reading rather than on the report's arithmetic.
void run_checks(Report& report, const Document& document);

// Fills report.review from checks, flags and field confidences.
void assess_review(Report& report, const Options& options);

}  // namespace xxgknb
