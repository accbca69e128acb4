// Test support: the one bound pathological tests hold a whole read to. It is a guard against
// hangs and blow-ups (a quadratic step on these megabyte inputs takes minutes), not a
// benchmark: under ASan and UBSan, on a two-core machine running ctest -j2 beside other work,
// the slowest of these reads took 11.7 s. Speed is measured in bench/.
#pragma once

#include <chrono>

namespace xxgknb::testing {

inline constexpr auto kHangBound = std::chrono::seconds(60);
inline constexpr double kHangBoundSeconds = 60.0;

}  // namespace xxgknb::testing
