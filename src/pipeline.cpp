// The whole flow, one stage per line: ingest → normalize → segment → tables → template
// mapping → checks → review. Stages never call each other; this file hands values along.

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

#include "checks/checks.h"
#include "ingest/ingest.h"
#include "ingest/read_input.h"
#include "meta/identity.h"
#include "meta/legacy_prose.h"
#include "normalize/normalize.h"
#include "prose/prose.h"
#include "segment/segment.h"
#include "tables/tables.h"
#include "templates/derive.h"
#include "templates/templates.h"
#include "util/deadline.h"
#include "util/limit_error.h"
#include "util/sha256.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

const char* severity_name(Diagnostic::Severity s) {
  switch (s) {
    case Diagnostic::Severity::Error: return "error";
    case Diagnostic::Severity::Warning: return "warning";
    case Diagnostic::Severity::Info: return "info";
  }
  return "info";
}

// An input past the limit named (a member of Limits): its own code, the limit named.
Error make_limit_error(std::string_view limit, std::string message, const SourceInfo& source) {
  Error error = limit_error(limit, std::move(message));
  error.source = source;
  return error;
}

// Flags of one code kept in a report: a hostile input can make a stage say the same thing a
// million times; the rest are counted in one last flag of that code.
constexpr std::size_t kMaxFlagsPerCode = 50;

void add_bounded(std::vector<Flag>& flags, std::vector<std::pair<std::string, std::size_t>>& counts,
                 Flag flag) {
  auto it = std::find_if(counts.begin(), counts.end(),
                         [&](const auto& c) { return c.first == flag.code; });
  if (it == counts.end()) {
    counts.emplace_back(flag.code, 0);
    it = counts.end() - 1;
  }
  if (++it->second <= kMaxFlagsPerCode) flags.push_back(std::move(flag));
}

void say_dropped(std::vector<Flag>& flags,
                 const std::vector<std::pair<std::string, std::size_t>>& counts) {
  for (const auto& [code, count] : counts) {
    if (count <= kMaxFlagsPerCode) continue;
    flags.push_back(Flag{code, "info", "",
                         std::to_string(count - kMaxFlagsPerCode) + " more flags " + code +
                             " were left out (" + std::to_string(count) + " in all)"});
  }
}

// What the stages after ingest will hold of a document (Limits::max_memory_bytes): its text
// (the decoded text of a text input, else the text of its paragraphs and cells) and its pieces.
struct MemoryEstimate {
  std::uint64_t pieces = 0;
  std::uint64_t bytes = 0;
};

MemoryEstimate estimate_memory(const Document& document) {
  MemoryEstimate m;
  std::uint64_t text_bytes = document.text.size();
  const bool count_pieces_text = document.text.empty();
  m.pieces = document.paragraphs.size();
  if (count_pieces_text) {
    for (const Paragraph& p : document.paragraphs) text_bytes += p.text.size();
  }
  for (const Table& t : document.tables) {
    for (const auto& row : t.rows) {
      m.pieces += row.size();
      if (count_pieces_text) {
        for (const Cell& c : row) text_bytes += c.text.size();
      }
    }
  }
  m.bytes = text_bytes * kMemoryPerInputByte + m.pieces * kMemoryPerPiece;
  return m;
}

// The stages after ingest, one per line; each is given the budget and stops in its long
// loops when it runs out, and the pipeline then refuses the input with time_limit.
Result<Extraction, Error> run_stages(Document document, const SourceInfo& source,
                                     const Options& options, const Deadline& deadline) {
  auto out_of_time = [&](const char* stage) {
    return make_limit_error("max_milliseconds",
                      std::string("the time limit of ") +
                          std::to_string(options.limits.max_milliseconds) + " ms ran out in " +
                          stage,
                      source);
  };
  // Memory: refuse what the later stages could not hold within the limit, before they try.
  const MemoryEstimate memory = estimate_memory(document);
  if (memory.bytes > options.limits.max_memory_bytes) {
    return make_limit_error("max_memory_bytes",
                      "the document would take about " + std::to_string(memory.bytes >> 20) +
                          " MiB to check (" + std::to_string(memory.pieces) +
                          " paragraphs and cells), over the limit of " +
                          std::to_string(options.limits.max_memory_bytes >> 20) +
                          " MiB (max_memory_bytes)",
                      source);
  }
  normalize(document, deadline);
  if (deadline.expired()) return out_of_time("normalize");
  Segments segments = segment(document, deadline);
  if (deadline.expired()) return out_of_time("segment");
  Layout layout = lay_out(document, deadline);
  if (deadline.expired()) return out_of_time("tables");
  Mapping mapping = map_template(document, layout, segments, deadline, options.limits);
  if (deadline.expired()) return out_of_time("template mapping");
  derive(mapping);
  Identity identity = identify(document, segments, mapping.template_version, options.limits, deadline);
  if (deadline.expired()) return out_of_time("meta");
  Prose prose = find_prose(segments.sections, options.limits, deadline);
  if (deadline.expired()) return out_of_time("prose");
  // A pre-2019 report has no national tables: the figures its prose states, where its old
  // 统计表 did not give the key (a disagreement is flagged).
  if (mapping.template_version == "legacy") {
    merge_legacy_fields(mapping.fields, legacy_prose_fields(document, deadline), mapping.flags);
  }

  Extraction out;
  Report& report = out.report;
  report.source = source;
  if (report.source.format.empty()) report.source.format = document.format;
  if (report.source.encoding.empty()) report.source.encoding = document.encoding;
  report.meta = std::move(segments.meta);
  report.meta.template_version = mapping.template_version;
  report.meta.page = document.page_fields;
  for (auto& f : mapping.meta_flags) report.meta.flags.push_back(std::move(f));
  report.meta.unit = std::move(identity.unit);
  report.meta.region = std::move(identity.region);
  report.meta.period = std::move(identity.period);
  report.meta.published = std::move(identity.published);
  report.meta.published_source = std::move(identity.published_source);
  report.meta.citations = std::move(identity.citations);
  report.sections = std::move(segments.sections);
  report.fields = std::move(mapping.fields);
  report.extra_rows = std::move(mapping.extra_rows);
  report.prose = std::move(prose.facts);
  std::vector<std::pair<std::string, std::size_t>> counts;
  for (const Diagnostic& d : document.diagnostics) {
    add_bounded(report.flags, counts, Flag{d.code, severity_name(d.severity), "", d.message});
  }
  for (auto* list : {&segments.flags, &layout.flags, &mapping.flags, &identity.flags, &prose.flags}) {
    for (Flag& f : *list) add_bounded(report.flags, counts, std::move(f));
  }
  say_dropped(report.flags, counts);

  report.index_fields();
  run_checks(report, document);
  assess_review(report, options);
  out.document = std::move(document);
  return out;
}

}  // namespace

const char* version() { return XXGKNB_VERSION; }

Result<Extraction, Error> extract_document_with_model(Document document, const SourceInfo& source,
                                                      const Options& options) {
  const Deadline deadline(options.limits.max_milliseconds);
  return run_stages(std::move(document), source, options, deadline);
}

Result<Report, Error> extract_document(Document document, const SourceInfo& source,
                                       const Options& options) {
  Result<Extraction, Error> r = extract_document_with_model(std::move(document), source, options);
  if (!r) return std::move(r).error();
  return std::move(std::move(r).value().report);
}

Result<Extraction, Error> extract_bytes_with_model(std::string_view bytes, std::string_view name,
                                                   const Options& options) {
  const Deadline deadline(options.limits.max_milliseconds);
  SourceInfo source;
  source.path = std::string(name);
  source.bytes = bytes.size();
  source.sha256 = sha256_hex(bytes);
  if (bytes.size() > options.limits.max_input_bytes) {
    return make_limit_error("max_input_bytes",
                      "input is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
                          std::to_string(options.limits.max_input_bytes),
                      source);
  }
  Result<Document, Error> document = ingest(bytes, options.limits, deadline);
  if (!document) {
    Error error = std::move(document).error();
    error.source = source;
    return error;
  }
  source.format = document->format;
  source.encoding = document->encoding;
  return run_stages(std::move(document).value(), source, options, deadline);
}

Result<Report, Error> extract_bytes(std::string_view bytes, std::string_view name,
                                    const Options& options) {
  Result<Extraction, Error> r = extract_bytes_with_model(bytes, name, options);
  if (!r) return std::move(r).error();
  return std::move(std::move(r).value().report);
}

Result<Report, Error> extract_file(const std::string& path, const Options& options) {
  Result<std::string, Error> bytes = read_input_file(path, options.limits);
  if (!bytes) return std::move(bytes).error();
  return extract_bytes(bytes.value(), path, options);
}

}  // namespace xxgknb
