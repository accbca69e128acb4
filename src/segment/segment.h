// Stage 3, segment: title, issuing body, year and the six numbered sections 一…六 (or, in a
// pre-2019 report, the old list's parts).
#pragma once

#include <vector>

#include "util/deadline.h"
#include "xxgknb/document.h"
#include "xxgknb/report.h"

namespace xxgknb {

struct Segments {
  Meta meta;                     // title, agency, year (template_version is set later)
  std::vector<Section> sections; // the sections found, in document order
  std::vector<Flag> flags;       // e.g. section_missing, year_not_found
  // A report under the 2007 条例 (year <= 2018, or no year and the old list's headings): its
  // sections carry the keys of legacy_sections() (templates/spec.h), not s1…s6.
  bool pre_2019 = false;
  // What the meta stage reads of the issuer, as printed: the body's name in the title
  // ("霍山县衡山镇"), the signature after the last heading ("霍山县衡山镇人民政府") and the date
  // line under it ("2021年1月20日"), each empty when absent.
  std::string title_agency;
  std::string signature;
  SourceSpan signature_source;
  std::string signature_date;
  SourceSpan signature_date_source;
};

// Reads a normalized Document (folded/key filled). Headings, title and names are matched in
// folded text; meta.title and meta.agency are cut from the raw text, as printed. A report
// from before 2019 (year <= 2018, or no year and the old section list's headings) is cut by
// the old list (legacy_overview … legacy_annex) and gets no section_missing: the national
// list does not apply, and the old one had no fixed set of parts.
// Stops early once `deadline` has expired (the pipeline then refuses the input).
Segments segment(const Document& document, const Deadline& deadline = Deadline::none());

}  // namespace xxgknb
