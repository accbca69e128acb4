// Review pages: report JSON (and, when at hand, the Document it was read from) → one
// self-contained HTML page per report, and a dataset's index page (docs/review.md). No
// server and no network: each page holds its one script and stylesheet, and its CSP allows
// nothing else.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dataset/corrections.h"
#include "dataset/source_text.h"

struct sqlite3;

namespace xxgknb::review {

struct PageOptions {
  std::string index_href;   // the link back to the index page ("../index.html"), or empty
};

// What a page shows beside the report's JSON, when it is at hand: the source text around
// each cell and the pages' sizes (from the Document when the page is made from a file, from
// the dataset's source_text and pages when made from a dataset, dataset/source_text.h), the
// corrections in force and the checks run again on them (a dataset's corrections layer).
struct PageExtras {
  dataset::SourceText source;
  std::vector<dataset::AppliedCorrection> corrections;
  std::string corrected_checks;   // a JSON array of checks in the report's shape, or ""
  // The cross-report checks stored on the report (cross_checks_json below), extracted and on
  // the corrected values: JSON arrays, or "" (a page made from a file has none).
  std::string cross_checks;
  std::string corrected_cross_checks;
};

// The cross-report checks (W1–W3, W6) a dataset stores on document `document_id`, from
// `cross_checks` or, when `corrected`, `corrected_cross_checks`: a JSON array of checks in
// the report's shape with `fields` as the dataset has them ([{"document_id", "key"}]),
// `pairing`, `pairing_confidence` and `other`, the earlier report ({"id"}, and when it is in
// the dataset its "href" beside this page, "path", "agency", "year", "title"). "[]" when the
// dataset has no such table (an older schema); "" with `error` set when it cannot be read.
std::string cross_checks_json(sqlite3* db, std::int64_t document_id, bool corrected, std::string& error);

// A page, or why none could be drawn (the JSON is no report object).
struct Page {
  std::string html;
  std::string error;
};

// The review page of one report: `report_json` is what `xxgknb extract` prints. `extras`
// (may be null) gives the text around each cell's source, the size of a PDF cell's page and
// the corrections applied; without it the page names the place only and draws a box on an
// A4 frame. An error object gives a page that shows the error.
Page report_page(std::string_view report_json, const PageExtras* extras,
                 const PageOptions& options);

// One report as the index lists it.
struct IndexEntry {
  std::int64_t id = 0;
  std::string href;          // the report's page, relative to the index
  std::string path;
  std::string agency;
  std::optional<int> year;
  std::string template_version;
  std::string status;        // "ok", "review", "error"
  std::optional<double> confidence;
  // Ids of failing checks in report order, then of failing cross-report checks (W1–W3, W6).
  std::vector<std::string> failing_checks;
  int doubtful_cells = 0;
  std::string error_code;
  int corrections = 0;       // corrections in force in the dataset (set by the caller)
};

// What the index needs of a report, read from its JSON and, for a dataset's report, the
// cross-report checks stored on it (cross_checks_json; "" for none).
IndexEntry index_entry(std::string_view report_json, std::string_view cross_checks = {});

// The dataset's index: counts at the top, reports needing review first, filters by agency,
// year, template, status and check; the list is drawn a page at a time by the page's script
// from the data it holds, so that 10,000 reports open at once. Empty only when the page
// could not be written for want of memory.
std::string index_page(const std::vector<IndexEntry>& entries, std::string_view title);

}  // namespace xxgknb::review
