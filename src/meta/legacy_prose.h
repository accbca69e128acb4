// Stage 5, meta: the figures a pre-2019 report (2007 条例) states in its prose, as legacy.*
// fields with the sentence each came from (docs/regions.md, "Pre-2019 figures").
#pragma once

#include <vector>

#include "util/deadline.h"
#include "xxgknb/document.h"
#include "xxgknb/report.h"

namespace xxgknb {

// Reads a normalized Document. Each key once, from the first sentence that states it; a
// statement of none ("未收到政府信息公开申请") is 0 with its sentence, flag prose_none; a
// number stated is flag prose. `label` holds the sentence, `raw` the words matched, `source`
// the paragraph.
std::vector<Field> legacy_prose_fields(const Document& document,
                                       const Deadline& deadline = Deadline::none());

}  // namespace xxgknb
