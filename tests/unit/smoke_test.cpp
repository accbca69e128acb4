// Smoke test: the library links and reports its version.
#include <gtest/gtest.h>
#include "xxgknb/xxgknb.h"
TEST(Smoke, Version) { EXPECT_STREQ(xxgknb::version(), "0.1.0"); }
