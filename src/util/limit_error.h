// Shared utility: the error of an input past one of the Limits — its own code from the
// table of limits (src/limits.cpp), the limit named in `Error::limit`.
#pragma once

#include <string>
#include <string_view>

#include "xxgknb/report.h"

namespace xxgknb {

// `limit` is a member name of Limits ("max_table_cells"); the message says what was found
// and names the limit too, for a reader of the message alone.
Error limit_error(std::string_view limit, std::string message);

}  // namespace xxgknb
