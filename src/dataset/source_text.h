// Dataset: the source text kept beside each report (schema version 3), so that a review page
// made from a dataset shows a cell in its document as a page made from the file does — for
// each field read, the text around it, and for a paginated input each page's size — without
// the dataset keeping the document itself.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "xxgknb/document.h"
#include "xxgknb/report.h"

struct sqlite3;

namespace xxgknb::dataset {

// The source text around one field: for a text or HTML input the decoded text around its
// offset; else the other cells of its table row (.docx, PDF), joined with " | ". `at` is the
// field's own text. Each part holds at most Limits::max_context_bytes bytes, cut at a
// character boundary ("…" marks a cut `at`).
struct FieldContext {
  std::string key;
  std::string before, at, after;
};

struct SourceText {
  std::vector<FieldContext> contexts;   // in the report's field order
  std::vector<PageSize> pages;          // Document::pages
};

// What `report` read from `document` (extract_bytes_with_model gives both): one context per
// field whose source can be found in the document; derived fields have none.
SourceText source_text(const Report& report, const Document& document, std::size_t max_bytes);

// Adds the rows of one document to source_text and pages, inside the caller's transaction
// (the batch writer's, with the document's other rows); "" or why not.
std::string write_source_text(sqlite3* db, std::int64_t document_id, const SourceText& source);

// The rows of one document; empty for a dataset older than version 3 or a document read
// before it; "" or why not.
std::string read_source_text(sqlite3* db, std::int64_t document_id, SourceText& out);

}  // namespace xxgknb::dataset
