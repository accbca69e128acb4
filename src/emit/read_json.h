// Stage 7, emit (read back): the JSON of docs/output-format.md → Report, for reports filled in
// by hand or produced by another tool, so that the same checks can run on them
// (`xxgknb check`, docs/cli.md). Also the canonical keys of both templates in one order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "xxgknb/report.h"
#include "xxgknb/result.h"

namespace xxgknb {

// Why a JSON text is not a report: a syntax error (with its place) or a shape that is not
// ours (with the JSON path of the member at fault).
struct JsonReadError {
  std::string message;
  std::int64_t offset = -1;   // byte offset of a syntax error, else -1
  std::int64_t line = -1;     // 1-based line and column (in bytes) of that offset
  std::int64_t column = -1;
  std::string path;           // "fields.t3.new_received.total.value", or empty
};

// Reads one report object. Required: a top-level object with `fields`, an object keyed by
// canonical keys (of either template, or a derived subtotal marked "derived": true), each a
// number, null (a cell left blank) or an object with at least `value`. Everything else is
// optional and defaults to what a clean hand-filled form means: `kind` "number" when there
// is a value, else "blank"; `confidence` 1; no flags; no source. `exact` (the decimal text)
// wins over `value` when both are given. `meta.template` may be left out: the keys tell it.
// A template key left out of a table that has others is a blank cell; a table with no key
// at all stays absent (E7 then fails). `checks`, `review` and the `check_failed` flags are
// ignored: they are recomputed. `prose` is read as written; left out, it is what the
// sections' text states (as extraction reads it), so that rule W4 runs. An error object ({"error": …}) is refused.
Result<Report, JsonReadError> report_from_json(std::string_view text);

// Every canonical key of both national templates, in one stable order: the 2021 template's
// tables (t2, t3, t4), with the 2019 template's own keys (t2v19.*, its single "（六）其他处理"
// row) each placed after the key that precedes it in the 2019 template.
const std::vector<std::string>& canonical_keys();

}  // namespace xxgknb
