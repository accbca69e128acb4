// Stage 5, meta: the figures a pre-2019 report (2007 条例) states in its prose, as legacy.*
// fields with the sentence each came from, merged with its 统计表's (docs/output-format.md,
// "Pre-2019 reports").
#pragma once

#include <vector>

#include "util/deadline.h"
#include "xxgknb/document.h"
#include "xxgknb/report.h"

namespace xxgknb {

// Reads a normalized Document. Each key once, from the first sentence that states it; a
// statement of none ("未收到政府信息公开申请") is 0 with its sentence, flag prose_none; a
// number stated is flag prose. `label` holds the sentence, `raw` the words matched, `source`
// where they stand in the input (the paragraph's place, without a length, where folding changed
// them or markup splits them); an amount ("0.05万元") is in yuan, `unit` the unit printed.
std::vector<Field> legacy_prose_fields(const Document& document,
                                       const Deadline& deadline = Deadline::none());

// Adds the prose figures to what the 统计表 gave (`fields`): a key the table gave keeps the
// table's value; when the sentence states another, the field gets flag prose_disagrees and
// `flags` a legacy_prose_disagrees warning naming both. Then legacy.requests.letter_fax (and
// its .cumulative) is derived as 信函 + 传真 where both were read apart and no row gave it.
void merge_legacy_fields(std::vector<Field>& fields, std::vector<Field> prose,
                         std::vector<Flag>& flags);

}  // namespace xxgknb
