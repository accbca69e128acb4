// Stage 5, meta: who issued a report, of which type, under whom, where (a region code from
// the division table, or the reason there is none), for which period, published when, and
// the notices it cites (docs/regions.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "meta/divisions.h"
#include "segment/segment.h"
#include "util/deadline.h"
#include "xxgknb/document.h"
#include "xxgknb/options.h"
#include "xxgknb/report.h"

namespace xxgknb {

struct Identity {
  Unit unit;
  Region region;
  std::optional<Period> period;
  std::string published;
  std::string published_source;
  std::vector<Citation> citations;
  std::vector<Flag> flags;   // citation_template_mismatch, year_disagrees
};

// What one printed name says: its places in order ("霍山县", "衡山镇"), a zone's name
// ("平潭综合实验区") and the organ after them ("人民政府", "发展和改革局"). Exposed for tests.
struct NameParts {
  std::vector<std::string> places;  // label keys, as printed
  std::vector<bool> known;          // per place: a name the division table has
  std::string zone;
  std::string organ;
};
NameParts split_name(std::string_view raw, const DivisionTable& table);

// Reads a normalized Document and what segment found in it. `template_version` is the
// version the mapping decided ("v2019", "v2021", …), compared with the notices cited.
Identity identify(const Document& document, const Segments& segments,
                  std::string_view template_version, const Limits& limits,
                  const Deadline& deadline = Deadline::none(),
                  const DivisionTable& table = DivisionTable::builtin());

}  // namespace xxgknb
