// Test support: a Document of one paragraph per line, blocks in order, normalized as the
// pipeline would; the input of the segment and meta stage tests.
#pragma once

#include <string>
#include <vector>

#include "xxgknb/document.h"

namespace xxgknb::testing {

Document lines_document(const std::vector<std::string>& lines);

}  // namespace xxgknb::testing
