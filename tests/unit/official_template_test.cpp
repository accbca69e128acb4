// Acceptance on real geometry: the official blank 2021 template (.docx written by WPS, from
// the shared corpus), filled in by this test with a balanced set of figures — every value
// cell of its three tables written into its real merged-cell layout — must read back exactly,
// every cell under its own key and every sum check passing. Nothing is copied into the
// project; the test skips cleanly when the shared corpus is absent.
#include <gtest/gtest.h>
#include <pugixml.hpp>
#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/zip_builder.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

namespace fs = std::filesystem;

const fs::path kTemplate = fs::path(XXGKNB_SHARED_CORPUS) / "peers" /
                           "zxj6827111-blip__govnianbao" / "政务公开年报模版.docx";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every entry of a zip held in memory, in order.
std::vector<testing::ZipEntry> unzip(const std::string& bytes) {
  std::vector<testing::ZipEntry> entries;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  EXPECT_NE(archive, nullptr) << zip_error_strerror(&error);
  if (archive == nullptr) {
    if (source) zip_source_free(source);
    zip_error_fini(&error);
    return entries;
  }
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat);
    std::string data(static_cast<std::size_t>(stat.size), '\0');
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    EXPECT_NE(file, nullptr);
    if (file == nullptr) continue;
    EXPECT_EQ(zip_fread(file, data.data(), stat.size), static_cast<zip_int64_t>(stat.size));
    zip_fclose(file);
    entries.emplace_back(stat.name, std::move(data));
  }
  zip_close(archive);
  zip_error_fini(&error);
  return entries;
}

std::string cell_text(pugi::xml_node tc) {
  std::string text;
  for (pugi::xpath_node t : tc.select_nodes(".//w:t")) text += t.node().child_value();
  return text;
}

// Writes `value` as the only run of the cell's first paragraph.
void set_cell(pugi::xml_node tc, const std::string& value) {
  pugi::xml_node p = tc.child("w:p");
  ASSERT_TRUE(p);
  while (pugi::xml_node r = p.child("w:r")) p.remove_child(r);
  p.append_child("w:r").append_child("w:t").text().set(value.c_str());
}

std::vector<pugi::xml_node> children(pugi::xml_node node, const char* name) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node c : node.children(name)) out.push_back(c);
  return out;
}

// A balanced table 三 (E1–E3 hold in every column) and table 四 (E4 holds), as the 175 and
// 15 values in template order.
std::vector<std::string> balanced_t3() {
  constexpr int kResultRows = 21;  // granted … other.other: 2 + 8 + 3 + 5 + 3
  std::vector<std::vector<long>> rows(25, std::vector<long>(7, 0));
  for (int c = 0; c < 6; ++c) {
    long results = 0;
    for (int r = 0; r < kResultRows; ++r) {
      rows[static_cast<std::size_t>(2 + r)][static_cast<std::size_t>(c)] = (r * 7 + c * 3) % 5;
      results += (r * 7 + c * 3) % 5;
    }
    rows[23][static_cast<std::size_t>(c)] = results;       // (七)总计
    rows[24][static_cast<std::size_t>(c)] = c % 3;         // 四、结转下年度继续办理
    rows[1][static_cast<std::size_t>(c)] = 1 + c % 2;      // 二、上年结转
    // 一 + 二 == 三(七) + 四 (E1); the results sum to about 40, so 一 stays positive.
    rows[0][static_cast<std::size_t>(c)] = results + c % 3 - (1 + c % 2);
  }
  std::vector<std::string> out;
  for (auto& row : rows) {
    long total = 0;
    for (int c = 0; c < 6; ++c) total += row[static_cast<std::size_t>(c)];
    row[6] = total;
    for (long v : row) out.push_back(std::to_string(v));
  }
  return out;
}

std::vector<std::string> balanced_t4() {
  std::vector<std::string> out;
  for (int g = 0; g < 3; ++g) {
    const long upheld = g + 1, corrected = g, other = 2, pending = 1;
    for (long v : {upheld, corrected, other, pending, upheld + corrected + other + pending}) {
      out.push_back(std::to_string(v));
    }
  }
  return out;
}

TEST(OfficialTemplate, FilledInEveryCellReadsBackExactly) {
  if (!fs::exists(kTemplate)) GTEST_SKIP() << "no shared corpus at " << kTemplate;
  std::vector<testing::ZipEntry> entries = unzip(read_file(kTemplate));
  auto document = std::find_if(entries.begin(), entries.end(),
                               [](const auto& e) { return e.name == "word/document.xml"; });
  ASSERT_NE(document, entries.end());
  pugi::xml_document xml;
  ASSERT_TRUE(xml.load_buffer(document->data.data(), document->data.size(),
                              pugi::parse_default, pugi::encoding_utf8));
  const auto tables = children(xml.child("w:document").child("w:body"), "w:tbl");
  ASSERT_EQ(tables.size(), 3u);

  std::vector<std::string> written;  // in template key order
  // Table 二: the cells after a data row's label ("规章 | 3 | 0 | 12").
  const std::set<std::string> t2_labels = {"规章", "行政规范性文件", "行政许可",
                                           "行政处罚", "行政强制", "行政事业性收费"};
  int n = 0;
  for (pugi::xml_node tr : children(tables[0], "w:tr")) {
    const auto tcs = children(tr, "w:tc");
    if (tcs.empty() || t2_labels.count(cell_text(tcs[0])) == 0) continue;
    for (std::size_t k = 1; k < tcs.size(); ++k) {
      const std::string value = cell_text(tcs[0]) == "行政事业性收费" ? "1.25" : std::to_string(++n);
      set_cell(tcs[k], value);
      written.push_back(value);
    }
  }
  ASSERT_EQ(written.size(), 10u);
  // Table 三: rows 4–28, the last seven cells of each.
  const std::vector<std::string> t3 = balanced_t3();
  const auto t3_rows = children(tables[1], "w:tr");
  ASSERT_EQ(t3_rows.size(), 28u);
  std::size_t next = 0;
  for (std::size_t r = 3; r < t3_rows.size(); ++r) {
    const auto tcs = children(t3_rows[r], "w:tc");
    ASSERT_GE(tcs.size(), 7u);
    for (std::size_t k = tcs.size() - 7; k < tcs.size(); ++k) set_cell(tcs[k], t3[next++]);
  }
  written.insert(written.end(), t3.begin(), t3.end());
  // Table 四: its last row of fifteen.
  const std::vector<std::string> t4 = balanced_t4();
  const auto t4_cells = children(children(tables[2], "w:tr").back(), "w:tc");
  ASSERT_EQ(t4_cells.size(), 15u);
  for (std::size_t k = 0; k < 15; ++k) set_cell(t4_cells[k], t4[k]);
  written.insert(written.end(), t4.begin(), t4.end());

  std::ostringstream out;
  xml.save(out, "", pugi::format_raw);
  document->data = out.str();
  auto result = extract_bytes(testing::make_zip(entries), "filled-official-template.docx");
  ASSERT_TRUE(result.ok()) << result.error().message;
  const Report& report = result.value();

  EXPECT_EQ(report.meta.template_version, "v2021");
  EXPECT_EQ(report.sections.size(), 6u);
  std::vector<const Field*> read;
  for (const Field& f : report.fields) {
    if (!f.derived) read.push_back(&f);
  }
  ASSERT_EQ(read.size(), written.size());
  for (std::size_t i = 0; i < written.size(); ++i) {
    const Field& f = *read[i];
    EXPECT_EQ(f.kind, Kind::Number) << f.key;
    EXPECT_EQ(f.value ? f.value->to_string() : "(null)", written[i]) << f.key << " raw=" << f.raw.value_or("");
    EXPECT_TRUE(f.flags.empty()) << f.key << " has flag " << f.flags.front();
    EXPECT_GE(f.confidence, 0.99) << f.key;
    EXPECT_GE(f.source.table, 0) << f.key;
  }
  for (const Check& c : report.checks) {
    if (c.id == "E1" || c.id == "E2" || c.id == "E3" || c.id == "E4" || c.id == "E5") {
      EXPECT_EQ(c.status, CheckStatus::Pass) << c.id << ":" << c.column << " " << c.message;
    }
  }
}

}  // namespace
}  // namespace xxgknb
