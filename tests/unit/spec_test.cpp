// Stage 5, template spec: the equations E1–E4 are derived from the spec, so they are checked
// over the spec itself — every key they name exists, every cell takes part, and a table
// filled to balance satisfies all of them while a change to any one cell breaks one.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <string>

#include "templates/spec.h"

namespace xxgknb {
namespace {

std::set<std::string> keys_of(const TableSpec& table) {
  std::set<std::string> keys;
  for (const RowSpec& row : table.rows) {
    for (const ColumnSpec& col : row.columns) keys.insert(field_key(table, row, col));
  }
  return keys;
}

// A table 三 and 四 filled so that every sum of the template holds.
std::map<std::string, long long> balanced_cells(const TemplateSpec& spec, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> small(0, 9);
  std::map<std::string, long long> v;
  const TableSpec& t3 = *spec.t3;
  const auto& columns = t3.rows.front().columns;
  for (const ColumnSpec& col : columns) {
    if (col.is_total) continue;
    long long results = 0;
    for (const RowSpec& row : t3.rows) {
      if (std::string_view(row.group).empty()) continue;
      results += v[field_key(t3, row, col)] = small(rng);
    }
    const std::string c = col.key;
    v["t3.results.total." + c] = results;
    // 新收 + 上年结转 = 办理结果总计 + 结转下年度, 新收 never negative.
    v["t3.carried_over." + c] = small(rng);
    v["t3.carried_forward." + c] = small(rng) + 10;
    v["t3.new_received." + c] = results + v["t3.carried_forward." + c] - v["t3.carried_over." + c];
  }
  for (const TableSpec* table : {spec.t3, spec.t4}) {
    for (const RowSpec& row : table->rows) {
      long long sum = 0;
      const ColumnSpec* total = nullptr;
      for (const ColumnSpec& col : row.columns) {
        if (col.is_total) {
          total = &col;
          continue;
        }
        auto it = v.find(field_key(*table, row, col));
        if (it == v.end()) it = v.emplace(field_key(*table, row, col), small(rng)).first;
        sum += it->second;
      }
      if (total != nullptr) v[field_key(*table, row, *total)] = sum;
    }
  }
  return v;
}

long long side(const std::vector<SumTerm>& terms, const std::map<std::string, long long>& v) {
  long long s = 0;
  for (const SumTerm& t : terms) {
    for (const std::string& k : t.keys) s += v.at(k);
  }
  return s;
}

class TemplateSums : public ::testing::TestWithParam<const TemplateSpec*> {};

TEST_P(TemplateSums, NameOnlyKeysOfTheTemplate) {
  const TemplateSpec& spec = *GetParam();
  std::set<std::string> known = keys_of(*spec.t3);
  for (const std::string& k : keys_of(*spec.t4)) known.insert(k);
  for (const SumRule& rule : sum_rules(spec)) {
    for (const auto* side_terms : {&rule.lhs, &rule.rhs}) {
      ASSERT_FALSE(side_terms->empty()) << rule.id << " " << rule.column;
      for (const SumTerm& t : *side_terms) {
        for (const std::string& k : t.keys) EXPECT_TRUE(known.count(k)) << rule.id << " names " << k;
      }
    }
  }
}

TEST_P(TemplateSums, OneEntryPerColumnRowAndGroup) {
  const TemplateSpec& spec = *GetParam();
  std::map<std::string, int> count;
  for (const SumRule& rule : sum_rules(spec)) ++count[rule.id];
  EXPECT_EQ(count["E1"], 7);
  EXPECT_EQ(count["E2"], 7);
  EXPECT_EQ(count["E3"], static_cast<int>(spec.t3->rows.size()));
  EXPECT_EQ(count["E4"], 3);
  // E2 adds every result row exactly once per column, and nothing else.
  for (const SumRule& rule : sum_rules(spec)) {
    if (std::string_view(rule.id) != "E2") continue;
    std::multiset<std::string> added;
    for (const SumTerm& t : rule.rhs) added.insert(t.keys.begin(), t.keys.end());
    std::multiset<std::string> results;
    for (const RowSpec& row : spec.t3->rows) {
      if (!std::string_view(row.group).empty()) results.insert("t3." + std::string(row.key) + "." + rule.column);
    }
    EXPECT_EQ(added, results) << rule.column;
  }
}

TEST_P(TemplateSums, BalancedTablesSatisfyEverySumAndAnyChangeBreaksOne) {
  const TemplateSpec& spec = *GetParam();
  const std::vector<SumRule> rules = sum_rules(spec);
  for (unsigned seed = 1; seed <= 5; ++seed) {
    std::map<std::string, long long> v = balanced_cells(spec, seed);
    for (const SumRule& rule : rules) {
      EXPECT_EQ(side(rule.lhs, v), side(rule.rhs, v)) << rule.id << " " << rule.column << " seed " << seed;
    }
    // Every cell of tables 三 and 四 takes part in some sum: changing it alone is caught.
    for (auto& [key, value] : v) {
      ++value;
      bool caught = false;
      for (const SumRule& rule : rules) caught = caught || side(rule.lhs, v) != side(rule.rhs, v);
      EXPECT_TRUE(caught) << key << " takes part in no sum";
      --value;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Versions, TemplateSums,
                         ::testing::Values(&template_v2021(), &template_v2019()),
                         [](const ::testing::TestParamInfo<const TemplateSpec*>& param) {
                           return std::string(param.param->version);
                         });

// The two versions differ in table 三 only by the rows of （六）其他处理, and their years meet
// in 2020, the one year both layouts were used for.
TEST(TemplateSpec, VersionsDifferOnlyWhereTheTemplatesDo) {
  std::set<std::string> v21 = keys_of(*template_v2021().t3), v19 = keys_of(*template_v2019().t3);
  std::set<std::string> only21, only19;
  for (const std::string& k : v21) {
    if (!v19.count(k)) only21.insert(k.substr(0, k.rfind('.')));
  }
  for (const std::string& k : v19) {
    if (!v21.count(k)) only19.insert(k.substr(0, k.rfind('.')));
  }
  EXPECT_EQ(only21, (std::set<std::string>{"t3.results.other.no_correction",
                                           "t3.results.other.fee_unpaid", "t3.results.other.other"}));
  EXPECT_EQ(only19, (std::set<std::string>{"t3.results.other.total"}));
  EXPECT_EQ(template_v2019().last_year, 2020);
  EXPECT_EQ(template_v2021().first_year, 2020);
  EXPECT_EQ(template_of("v2021"), &template_v2021());
  EXPECT_EQ(template_of("mixed"), nullptr);
}

}  // namespace
}  // namespace xxgknb
