// Public API: the table of limits by name (include/xxgknb/options.h), and the error an input
// past one of them gets — each limit its own code, the limit named in the error.
#include <algorithm>
#include <limits>
#include <type_traits>

#include "util/limit_error.h"
#include "xxgknb/options.h"

namespace xxgknb {

namespace {

template <auto Member>
std::uint64_t get(const Limits& limits) {
  return limits.*Member;
}

template <auto Member>
bool set(Limits& limits, std::uint64_t value) {
  using T = std::remove_reference_t<decltype(limits.*Member)>;
  if (value > std::numeric_limits<T>::max()) return false;
  limits.*Member = static_cast<T>(value);
  return true;
}

#define XXGKNB_LIMIT(member, code, unit, what) \
  LimitInfo { #member, code, unit, what, &get<&Limits::member>, &set<&Limits::member> }

constexpr LimitInfo kLimits[] = {
    XXGKNB_LIMIT(max_input_bytes, "input_too_large", "bytes",
                 "bytes of one input file, and of the text a legacy Word converter prints"),
    XXGKNB_LIMIT(max_zip_entries, "zip_too_many_entries", "entries", "entries in a .docx zip"),
    XXGKNB_LIMIT(max_part_bytes, "zip_part_too_large", "bytes",
                 "uncompressed bytes of one XML part read from a .docx"),
    XXGKNB_LIMIT(max_total_uncompressed, "zip_too_large", "bytes",
                 "uncompressed bytes of all parts read from a .docx together"),
    XXGKNB_LIMIT(max_inflate_ratio, "zip_bomb", "ratio",
                 "uncompressed/compressed size of a .docx part larger than 1 MiB"),
    XXGKNB_LIMIT(max_xml_depth, "xml_too_deep", "levels",
                 "element nesting in .docx XML and in HTML"),
    XXGKNB_LIMIT(max_table_cells, "table_too_large", "cells",
                 "logical cells (rows × grid columns) of one table"),
    XXGKNB_LIMIT(max_document_cells, "too_many_cells", "cells",
                 "logical cells of all tables of one document"),
    XXGKNB_LIMIT(max_html_nodes, "html_too_large", "nodes",
                 "elements and text runs of one HTML page"),
    XXGKNB_LIMIT(max_paragraphs, "too_many_paragraphs", "paragraphs",
                 "paragraphs (or text lines) of one document"),
    XXGKNB_LIMIT(max_milliseconds, "time_limit", "ms",
                 "wall-clock time for one document, converters included"),
    XXGKNB_LIMIT(max_memory_bytes, "memory_limit", "bytes",
                 "working memory one document may take after ingest (estimated), and the "
                 "address space of a converter"),
    XXGKNB_LIMIT(max_glued_readings, "", "readings",
                 "readings tried for the glued digit runs of one table; past it they stay "
                 "empty, flagged glued_ambiguous"),
    XXGKNB_LIMIT(max_pdf_pages, "pdf_too_many_pages", "pages", "pages of one PDF"),
    XXGKNB_LIMIT(max_pdf_objects, "pdf_too_many_objects", "objects",
                 "indirect objects of one PDF, object streams included"),
    XXGKNB_LIMIT(max_pdf_stream_bytes, "pdf_stream_too_large", "bytes",
                 "decompressed bytes of all streams of one PDF"),
    XXGKNB_LIMIT(max_pdf_nesting, "pdf_too_deep", "levels",
                 "nesting of PDF dictionaries and arrays"),
    XXGKNB_LIMIT(max_pdf_boxes_per_page, "pdf_too_many_boxes", "boxes",
                 "text boxes on one PDF page"),
    XXGKNB_LIMIT(max_region_candidates, "", "divisions",
                 "divisions named as candidates of an ambiguous region; the rest are counted"),
    XXGKNB_LIMIT(max_citations, "", "notices", "notices kept in meta.citations"),
    XXGKNB_LIMIT(max_prose_facts, "", "facts", "numbers stated in the section texts kept as prose facts"),
    XXGKNB_LIMIT(max_context_bytes, "", "bytes",
                 "source text kept on each side of a field for the review pages and the "
                 "dataset's source_text"),
};

#undef XXGKNB_LIMIT

}  // namespace

std::span<const LimitInfo> limit_infos() { return kLimits; }

const LimitInfo* find_limit(std::string_view name) {
  const auto* it = std::find_if(std::begin(kLimits), std::end(kLimits),
                                [&](const LimitInfo& l) { return l.name == name; });
  return it == std::end(kLimits) ? nullptr : it;
}

Error limit_error(std::string_view limit, std::string message) {
  const LimitInfo* info = find_limit(limit);
  // A name not in the table is a bug in the caller, not in the input: said in the code.
  Error error{info && !info->error_code.empty() ? std::string(info->error_code)
                                                : std::string("limit_unknown"),
              std::move(message), {}, std::string(limit)};
  return error;
}

}  // namespace xxgknb
