// The whole flow, one stage per line: ingest → normalize → segment → tables → template
// mapping → checks → review. Stages never call each other; this file hands values along.
#include <openssl/evp.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

#include "checks/checks.h"
#include "ingest/ingest.h"
#include "ingest/read_input.h"
#include "normalize/normalize.h"
#include "segment/segment.h"
#include "tables/tables.h"
#include "templates/templates.h"
#include "util/deadline.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    return {};
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

const char* severity_name(Diagnostic::Severity s) {
  switch (s) {
    case Diagnostic::Severity::Error: return "error";
    case Diagnostic::Severity::Warning: return "warning";
    case Diagnostic::Severity::Info: return "info";
  }
  return "info";
}

Error make_error(std::string code, std::string message, const SourceInfo& source) {
  return Error{std::move(code), std::move(message), source};
}

}  // namespace

const char* version() { return XXGKNB_VERSION; }

Report extract_document(Document document, const SourceInfo& source, const Options& options) {
  normalize(document);
  Segments segments = segment(document);
  Layout layout = lay_out(document);
  Mapping mapping = map_template(document, layout, segments);

  Report report;
  report.source = source;
  if (report.source.format.empty()) report.source.format = document.format;
  if (report.source.encoding.empty()) report.source.encoding = document.encoding;
  report.meta = std::move(segments.meta);
  report.meta.template_version = mapping.template_version;
  for (auto& f : mapping.meta_flags) report.meta.flags.push_back(std::move(f));
  report.sections = std::move(segments.sections);
  report.fields = std::move(mapping.fields);
  report.extra_rows = std::move(mapping.extra_rows);
  for (const Diagnostic& d : document.diagnostics) {
    report.flags.push_back(Flag{d.code, severity_name(d.severity), "", d.message});
  }
  for (auto* list : {&segments.flags, &layout.flags, &mapping.flags}) {
    for (Flag& f : *list) report.flags.push_back(std::move(f));
  }

  run_checks(report, document);
  assess_review(report, options);
  return report;
}

Result<Report, Error> extract_bytes(std::string_view bytes, std::string_view name,
                                    const Options& options) {
  const Deadline deadline(options.limits.max_milliseconds);
  SourceInfo source;
  source.path = std::string(name);
  source.bytes = bytes.size();
  source.sha256 = sha256_hex(bytes);
  if (bytes.size() > options.limits.max_input_bytes) {
    return make_error("input_too_large",
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
  if (deadline.expired()) {
    return make_error("time_limit", "reading the input took longer than the time limit", source);
  }
  return extract_document(std::move(document).value(), source, options);
}

Result<Report, Error> extract_file(const std::string& path, const Options& options) {
  Result<std::string, Error> bytes = read_input_file(path, options.limits);
  if (!bytes) return std::move(bytes).error();
  return extract_bytes(bytes.value(), path, options);
}

}  // namespace xxgknb
