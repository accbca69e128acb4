// Review pages: the one stylesheet and the two scripts the pages inline (assets.cpp). The
// CSP of each page allows exactly these by their hashes.
#pragma once

namespace xxgknb::review {

extern const char* const kPageStyle;
// A report's page: the cell panel, corrections kept in the browser (localStorage) and
// exported as JSON (docs/review.md), keyboard moves between flagged cells.
extern const char* const kReportScript;
// The index: filters, counts and the list drawn a page at a time.
extern const char* const kIndexScript;

}  // namespace xxgknb::review
