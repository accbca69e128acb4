// Stage 5b, derive: values computed from the mapped fields before the checks run — the
// subtotals of table 三's result blocks (t3.results.denied.subtotal.<col> …), marked derived,
// present whenever table 三 was read and a number only when every input is a count.
#pragma once

#include "templates/templates.h"

namespace xxgknb {

void derive(Mapping& mapping);

}  // namespace xxgknb
