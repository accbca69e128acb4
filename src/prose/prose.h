// Stage 5, prose: the numbers the section texts state with a subject and a unit word
// ("受理政府信息公开申请17件", "召开新闻发布会3场") as prose.* facts, each with its sentence and
// its place in the section text (docs/output-format.md, "prose"). Rule W4 compares them with
// the tables; researchers read them for every year, table or not.
#pragma once

#include <vector>

#include "util/deadline.h"
#include "xxgknb/options.h"
#include "xxgknb/report.h"

namespace xxgknb {

struct Prose {
  std::vector<ProseFact> facts;   // in section order, then by offset in the section text
  std::vector<Flag> flags;        // prose_limit when facts were left out
};

// Reads the raw text of each section. A number is read only where the words around it name
// its subject: "收到行政复议申请2件" is a review, not an information request. At most
// kMaxFactsPerSection facts a section and limits.max_prose_facts a document; the deadline
// stops the scan between sections and patterns (what was found so far is kept).
Prose find_prose(const std::vector<Section>& sections, const Limits& limits,
                 const Deadline& deadline = Deadline::none());

// Facts read from one section's text, at most this many.
inline constexpr std::size_t kMaxFactsPerSection = 64;

}  // namespace xxgknb
