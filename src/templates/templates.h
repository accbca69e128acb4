// Stage 5, template mapping: tells the template version by its labels and maps every cell
// of the three statistics tables to its canonical key, by label.
#pragma once

#include <string>
#include <vector>

#include "segment/segment.h"
#include "tables/tables.h"
#include "xxgknb/document.h"
#include "xxgknb/options.h"
#include "xxgknb/report.h"

namespace xxgknb {

struct Mapping {
  std::string template_version;       // "v2021", "v2019", "mixed", "legacy", "unknown"
  std::vector<Field> fields;          // every key of the template, in template order
  std::vector<ExtraRow> extra_rows;
  std::vector<Flag> flags;            // table_missing, version_year_mismatch, …
  std::vector<std::string> meta_flags;
  bool t3_read = false;               // some row of table 三 was read
  std::string t3_version;             // the template table 三 was read with ("v2021", "v2019")
};

// Stops early once `deadline` has expired (the pipeline then refuses the input). `limits`
// bounds the search of glued runs (Limits::max_glued_readings).
Mapping map_template(const Document& document, const Layout& layout, const Segments& segments,
                     const Deadline& deadline = Deadline::none(), const Limits& limits = Limits{});

}  // namespace xxgknb
