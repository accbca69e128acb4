// Stage 5, template mapping: the cells of a run of digits that a crawler glued together
// ("15130000154" for the seven cells of a row of table 三), recovered only where the
// template's sums and the values printed around leave exactly one reading.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "templates/map_parts.h"

namespace xxgknb::mapping {

// A run of digits that stands for `count` consecutive fields of one table.
struct GluedRun {
  std::size_t first_field = 0;  // index of its first field in the table's fields
  std::size_t count = 0;        // fields it covers, in field order
  std::string_view raw;         // as printed, spaces kept: "230 000023"
  SourceSpan source;            // where the run is
  std::string label;            // the row label as found, for the fields and messages
};

// The stream cell comes from a table of origin "glued_text" (ingest/text_web).
bool is_glued(const Document& document, const StreamCell& cell);

// A glued label holds the row's label at its end, after the header words before it:
// "…现行有效件数规章" → 规章, "…其他一、本年新收政府信息公开申请数量" → new_received. The longest
// ending of at most kMaxGluedLabelCodePoints that names a row exactly wins; `label_begin`
// is the byte where it starts.
struct GluedLabelMatch {
  RowMatch match;
  std::size_t label_begin = 0;
};
GluedLabelMatch match_glued_label(const PreparedTable& table, std::string_view label_raw);

// Fills the fields of every run of one table. The readings of a run are its splits into
// `count` numbers — no leading zero, at most the column's digits, never across a printed
// space — that satisfy the sums (templates.md §7 E1–E4) within the run; the readings of all
// runs together must satisfy the sums across rows. A field on which every remaining reading
// agrees is set, flagged `inferred` and `glued_run`, at kConfidenceInferred; the others stay
// empty (kind Text, raw the whole run, kConfidenceText), flagged `glued_ambiguous`. Each run gets a Flag naming the readings considered.
// At most `max_readings` splits and combinations are tried for the table
// (Limits::max_glued_readings); past it, the runs not yet decided stay empty and flagged.
void resolve_glued_runs(const TableSpec& table, const std::vector<GluedRun>& runs,
                        std::uint64_t max_readings, TableResult& result);

}  // namespace xxgknb::mapping
