// Stage 5, template mapping: what the pre-2019 table reader shares with the prose reader of
// the meta stage — amounts in 万元 turned into yuan, exactly.
#pragma once

#include <optional>

#include "xxgknb/decimal.h"

namespace xxgknb {

// An amount in 万元 as yuan: the decimal point moved four places ("0.05" → "500",
// "1.23456" → "12345.6"); none when the result holds more digits than a Decimal.
std::optional<Decimal> wan_to_yuan(const Decimal& wan);

}  // namespace xxgknb
