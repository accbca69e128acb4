// Stage 7, emit: Report → JSON per docs/output-format.md, keys in a fixed order.
#pragma once

#include <nlohmann/json.hpp>

#include "xxgknb/report.h"

namespace xxgknb {

// The text of to_json read back as a JSON value, for callers (and tests) that look members
// up; to_json itself streams the text and builds no value.
nlohmann::ordered_json report_json(const Report& report);
nlohmann::ordered_json error_json(const Error& error);

}  // namespace xxgknb
