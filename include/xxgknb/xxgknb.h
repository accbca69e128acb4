// Public API: one report in, one checked Report out; and the Report as JSON.
//
//   auto r = xxgknb::extract_file("report.docx");
//   std::string json = r ? xxgknb::to_json(r.value()) : xxgknb::to_json(r.error());
//
// The library throws nothing of its own, never prints and never exits; untrusted bytes
// meet Options::limits.
#pragma once

#include <string>
#include <string_view>

#include "xxgknb/document.h"
#include "xxgknb/options.h"
#include "xxgknb/report.h"
#include "xxgknb/result.h"

namespace xxgknb {

const char* version();

// Reads a file (format told by content, not by name) and runs the whole pipeline.
Result<Report, Error> extract_file(const std::string& path, const Options& options = {});

// The same for bytes already in memory; `name` is reported as source.path.
Result<Report, Error> extract_bytes(std::string_view bytes, std::string_view name,
                                    const Options& options = {});

// A Report together with the document model it was read from (paragraphs, tables as logical
// grids, each piece with its source): what a review page or a PDF overlay needs to show a
// field in its place.
struct Extraction {
  Report report;
  Document document;
};

Result<Extraction, Error> extract_bytes_with_model(std::string_view bytes, std::string_view name,
                                                   const Options& options = {});

// Runs normalize → … → checks on a Document built elsewhere (a future HTML or PDF reader,
// or a test). `source` is copied into the report. Refused only when the time budget
// (Options::limits.max_milliseconds) runs out.
Result<Report, Error> extract_document(Document document, const SourceInfo& source,
                                       const Options& options = {});
Result<Extraction, Error> extract_document_with_model(Document document, const SourceInfo& source,
                                                      const Options& options = {});

struct JsonStyle {
  bool pretty = false;
};

// The JSON of docs/output-format.md; byte-identical for identical input.
std::string to_json(const Report& report, JsonStyle style = {});
std::string to_json(const Error& error, JsonStyle style = {});

}  // namespace xxgknb
