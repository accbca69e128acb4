// Fuzzing: the small limits every fuzz target reads its input under. An input that takes
// longer than libFuzzer's -timeout (10 s) despite a 1 s budget is a place where a long loop
// does not look at the deadline; one that needs more than -rss_limit_mb despite these sizes
// is an allocation a size claim was trusted for.
#pragma once

#include "xxgknb/options.h"

namespace xxgknb::fuzz {

inline Limits small_limits() {
  Limits limits;
  limits.max_input_bytes = 1u << 20;
  limits.max_zip_entries = 256;
  limits.max_part_bytes = 8u << 20;
  limits.max_total_uncompressed = 16u << 20;
  limits.max_xml_depth = 128;
  limits.max_table_cells = 20000;
  limits.max_document_cells = 100000;
  limits.max_paragraphs = 100000;
  limits.max_milliseconds = 1000;
  limits.max_pdf_pages = 50;
  limits.max_pdf_objects = 20000;
  limits.max_pdf_stream_bytes = 16u << 20;
  limits.max_pdf_boxes_per_page = 20000;
  return limits;
}

}  // namespace xxgknb::fuzz
