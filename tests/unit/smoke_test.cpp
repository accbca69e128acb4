// Smoke tests of the public value types: the library links and reports its version; Report
// looks fields up by key; spans carry page and box.
#include <gtest/gtest.h>
#include "xxgknb/xxgknb.h"
TEST(Smoke, Version) { EXPECT_STREQ(xxgknb::version(), "0.1.0"); }

// Report::field: keyed once indexed, and an index the fields have outgrown is never trusted.
TEST(ReportField, LooksUpByKeyAndNeverTrustsAStaleIndex) {
  xxgknb::Report r;
  for (const char* key : {"t3.new_received.total", "t2.regulations.issued", "t4.review.total"}) {
    xxgknb::Field f;
    f.key = key;
    r.fields.push_back(f);
  }
  r.index_fields();
  ASSERT_NE(r.field("t2.regulations.issued"), nullptr);
  EXPECT_EQ(r.field("t2.regulations.issued")->key, "t2.regulations.issued");
  EXPECT_EQ(r.field("t9.none"), nullptr);
  r.fields.erase(r.fields.begin());   // every position shifts
  ASSERT_NE(r.field("t4.review.total"), nullptr);
  EXPECT_EQ(r.field("t4.review.total")->key, "t4.review.total");
  EXPECT_EQ(r.field("t3.new_received.total"), nullptr);
  const xxgknb::Report copy = r;
  EXPECT_EQ(copy.field("t2.regulations.issued"), &copy.fields[0]);
}

// A span's page and box (for paginated inputs) are written only when known.
TEST(ReportField, SpanPageAndBoxAreWrittenWhenKnown) {
  xxgknb::Report r;
  xxgknb::Field f;
  f.key = "t2.regulations.issued";
  f.source.page = 3;
  f.source.box = std::array<double, 4>{72, 100.5, 90, 112};
  r.fields.push_back(f);
  const std::string json = xxgknb::to_json(r);
  EXPECT_NE(json.find(R"("source":{"page":3,"box":[72.0,100.5,90.0,112.0]})"), std::string::npos) << json;
}
