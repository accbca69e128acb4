// Public API: the knobs of one extraction, above all the limits that untrusted input meets.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace xxgknb {

// Every limit is a hard stop: input past it yields an error (for the input as a whole) or a
// diagnostic (for a part that is skipped), never a crash, a hang or unbounded memory.
struct Limits {
  // Bytes of one input file (any format). A larger file is refused before it is read whole.
  // Also the most text a converter of a legacy Word file (catdoc) may print for it.
  std::uint64_t max_input_bytes = 64ull << 20;
  // Entries in a .docx zip; more is taken as a zip bomb.
  std::uint64_t max_zip_entries = 4096;
  // Uncompressed bytes of one XML part we read (document.xml, numbering.xml, …).
  std::uint64_t max_part_bytes = 64ull << 20;
  // Uncompressed bytes of all parts we read together.
  std::uint64_t max_total_uncompressed = 128ull << 20;
  // Largest uncompressed/compressed ratio accepted for a part larger than 1 MiB
  // (Apache POI's ZipSecureFile uses 100; XML of real reports compresses 5–20×).
  std::uint64_t max_inflate_ratio = 200;
  // Element nesting depth in XML we walk (nested tables, w:sdt inside w:sdt, …).
  std::uint32_t max_xml_depth = 256;
  // Logical table cells in one table (rows × grid columns) and in the whole document.
  std::uint64_t max_table_cells = 200000;
  std::uint64_t max_document_cells = 1000000;
  // Elements and text runs of one HTML page (a real report page has under 20,000); each
  // takes about 48 bytes while the page is read.
  std::uint64_t max_html_nodes = 4000000;
  // Paragraphs (or text lines) in one document.
  std::uint64_t max_paragraphs = 2000000;
  // Wall-clock budget for one document, checked between stages and inside long loops; a
  // converter run for a legacy Word file is killed when it runs out.
  std::uint32_t max_milliseconds = 20000;
  // Working memory one document may take in the stages after ingest, as estimated from the
  // document read (kMemoryPerInputByte per byte of text, kMemoryPerPiece per paragraph or
  // cell): a document past it is refused (memory_limit) before those stages allocate.
  // Measured peaks (bench/memory.sh): about 9× the input for prose, 6× for a one-line dump,
  // and about 800 bytes per line for text of very short lines.
  // Also the address-space limit (RLIMIT_AS) of a converter's child process.
  std::uint64_t max_memory_bytes = 1ull << 30;
  // Readings tried for the runs of glued digits of one table (a crawler's text that glues
  // every cell to the next, "15130000154" for seven cells): splits of each run and their
  // combinations across rows, checked against the template's sums. The 平潭 reports need
  // at most a few thousand; past it the runs not yet decided are left empty and flagged
  // glued_ambiguous, never guessed.
  std::uint64_t max_glued_readings = 200000;
  // PDF input (docs/pdf.md). Checked on the raw bytes before the PDF library parses them,
  // then again on what it reads: pages declared (/Count) or read; indirect objects (counted
  // in the file and inside object streams); bytes of all streams once decompressed (a
  // FlateDecode bomb stops here); nesting of dictionaries and arrays; text boxes on one page.
  std::uint32_t max_pdf_pages = 2000;
  std::uint64_t max_pdf_objects = 500000;
  std::uint64_t max_pdf_stream_bytes = 256ull << 20;
  std::uint32_t max_pdf_nesting = 64;
  std::uint64_t max_pdf_boxes_per_page = 50000;
  // Divisions a unit's name is matched against and reported as candidates (docs/regions.md):
  // "梅林镇" alone is seven townships; past this many the region is ambiguous with this many
  // candidates named and the rest counted.
  std::uint32_t max_region_candidates = 16;
  // Notices cited ("国办公开办函〔2021〕30号") kept in meta.citations; a report cites a handful.
  std::uint32_t max_citations = 64;
  // Numbers stated in the section texts kept as prose facts (docs/output-format.md, "prose"):
  // a report states a few dozen; past this many the rest are left out and the flag
  // prose_limit says so. At most 64 are read from one section in any case.
  std::uint32_t max_prose_facts = 512;
  // Bytes of source text kept around a field for the review pages (docs/review.md), on each
  // side of the field's own text, which is cut to this many too: what a page made from the
  // file shows and what a dataset keeps (its source_text table, at most 3 × this per field).
  std::uint32_t max_context_bytes = 60;
};

// One limit by name, for what names limits: the CLI's --max-… flags (docs/cli.md), the
// table of docs/reliability.md, and the `limit` member of an error object. Every member of
// Limits has exactly one entry.
struct LimitInfo {
  std::string_view name;        // the member: "max_table_cells"; the flag is --max-table-cells
  std::string_view error_code;  // the error an input past it gets ("table_too_large"), or
                                // empty when exceeding it refuses nothing (a list is cut, a
                                // search stops and is flagged)
  std::string_view unit;        // "bytes", "cells", "ms", …
  std::string_view what;        // one line: what is counted
  std::uint64_t (*get)(const Limits&);
  // Sets the member; false (and nothing set) when `value` does not fit its type.
  bool (*set)(Limits&, std::uint64_t value);
};

// Every limit, in the order of Limits' members.
std::span<const LimitInfo> limit_infos();
// The entry named `name` ("max_table_cells"), or null.
const LimitInfo* find_limit(std::string_view name);

// The estimate Limits::max_memory_bytes is compared with.
inline constexpr std::uint64_t kMemoryPerInputByte = 10;
inline constexpr std::uint64_t kMemoryPerPiece = 1024;

struct Options {
  Limits limits;
  // A field whose confidence is below this makes review.needs_review true.
  double review_threshold = 0.9;
};

}  // namespace xxgknb
