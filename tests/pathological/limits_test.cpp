// Every limit of Limits, driven through the whole pipeline (extract_bytes): an input just
// past the limit, with the limit lowered so the input stays small, gives that limit's own
// error code with the limit named in the error and its JSON valid against the schema — or,
// for the limits that refuse nothing, the bounded result and its flag. The table of limits
// (limit_infos) is checked against the struct itself, so a new limit without a name, a flag
// and a test here fails.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/schema.h"
#include "support/temp_dir.h"
#include "support/zip_builder.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

using ::xxgknb::testing::DocxParts;
using ::xxgknb::testing::make_docx;
using ::xxgknb::testing::read_file;
using ::xxgknb::testing::schema_errors;

// The names declared in `struct Limits { … };` of the public header, in order.
std::vector<std::string> declared_limits() {
  const std::string header = read_file(std::string(XXGKNB_SOURCE_DIR) + "/include/xxgknb/options.h");
  const std::size_t begin = header.find("struct Limits {");
  const std::size_t end = header.find("\n};", begin);
  std::vector<std::string> names;
  std::istringstream lines(header.substr(begin, end - begin));
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("  std::uint", 0) != 0) continue;  // "  std::uint64_t max_input_bytes = …;"
    const std::size_t name = line.find(' ', 3) + 1;
    names.push_back(line.substr(name, line.find(' ', name) - name));
  }
  return names;
}

TEST(Limits, TheTableNamesEveryMemberInOrder) {
  std::vector<std::string> tabled;
  std::set<std::string> codes;
  for (const LimitInfo& info : limit_infos()) {
    tabled.emplace_back(info.name);
    EXPECT_FALSE(info.unit.empty()) << info.name;
    EXPECT_FALSE(info.what.empty()) << info.name;
    if (!info.error_code.empty()) {
      EXPECT_TRUE(codes.insert(std::string(info.error_code)).second)
          << info.error_code << " is the code of two limits";
    }
    EXPECT_EQ(find_limit(info.name), &info);
  }
  EXPECT_EQ(tabled, declared_limits());
  EXPECT_EQ(find_limit("max_nothing"), nullptr);
}

TEST(Limits, TheDocsListEveryLimitWithItsFlagAndCode) {
  const std::string docs = read_file(std::string(XXGKNB_SOURCE_DIR) + "/docs/reliability.md");
  ASSERT_FALSE(docs.empty());
  for (const LimitInfo& info : limit_infos()) {
    std::string flag = "--" + std::string(info.name);
    for (char& c : flag) c = c == '_' ? '-' : c;
    const std::string row = "| `" + std::string(info.name) + "` | `" + flag + "` |";
    const std::size_t at = docs.find(row);
    ASSERT_NE(at, std::string::npos) << row << " is not in docs/reliability.md";
    const std::string line = docs.substr(at, docs.find('\n', at) - at);
    if (!info.error_code.empty()) {
      EXPECT_NE(line.find("`" + std::string(info.error_code) + "`"), std::string::npos) << line;
    }
  }
}

TEST(Limits, SetAndGetByName) {
  Limits limits;
  const LimitInfo* cells = find_limit("max_table_cells");
  ASSERT_NE(cells, nullptr);
  EXPECT_EQ(cells->get(limits), 200000u);
  ASSERT_TRUE(cells->set(limits, 7));
  EXPECT_EQ(limits.max_table_cells, 7u);
  // A 32-bit limit refuses a value it cannot hold and keeps its own.
  const LimitInfo* pages = find_limit("max_pdf_pages");
  ASSERT_NE(pages, nullptr);
  EXPECT_FALSE(pages->set(limits, 1ull << 32));
  EXPECT_EQ(limits.max_pdf_pages, Limits{}.max_pdf_pages);
}

std::string lines(const std::string& line, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out += line + "\n";
  return out;
}

std::string paragraphs_xml(int count, const std::string& text) {
  std::string body;
  for (int i = 0; i < count; ++i) body += "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>";
  return body;
}

std::string nested_sdt(int depth) {
  std::string body;
  for (int i = 0; i < depth; ++i) body += "<w:sdt><w:sdtContent>";
  body += "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>";
  for (int i = 0; i < depth; ++i) body += "</w:sdtContent></w:sdt>";
  return body;
}

std::string corpus_text(const std::string& relative) {
  return read_file(std::string(XXGKNB_SOURCE_DIR) + "/" + relative);
}

// One input and the limit lowered for it.
struct Case {
  std::string name;       // given to extract_bytes; its extension says nothing, the bytes do
  std::string bytes;
  std::uint64_t value;    // the limit's value for this case
};

// The cases of the limits that refuse an input, by limit name. Those of PDF input are in
// tests/pdf/pdf_input_test.cpp (they need the PDF reader); kPdfLimits names them.
std::map<std::string, Case> refusing_cases() {
  std::map<std::string, Case> cases;
  const std::string report = corpus_text("corpus/v2021-text/tab/input.txt");
  cases["max_input_bytes"] = {"big.txt", lines("正文一行", 200), 1000};
  {
    DocxParts parts;
    parts.body = paragraphs_xml(1, "一、总体情况");
    for (int i = 0; i < 8; ++i) parts.extra.emplace_back("word/media/image" + std::to_string(i) + ".png", "x");
    cases["max_zip_entries"] = {"entries.docx", make_docx(parts), 6};
  }
  cases["max_part_bytes"] = {"part.docx", make_docx(paragraphs_xml(200, "一、总体情况")), 4096};
  cases["max_total_uncompressed"] = {"total.docx", make_docx(paragraphs_xml(200, "一、总体情况")), 4096};
  {
    // 1.2 MiB of numbered paragraphs deflates about 25 to 1: within the default ratio of 200,
    // past a ratio of 10.
    std::string body;
    for (int i = 0; i < 20000; ++i) {
      body += "<w:p><w:r><w:t>第" + std::to_string(i) + "段，一、总体情况</w:t></w:r></w:p>";
    }
    cases["max_inflate_ratio"] = {"ratio.docx", make_docx(body), 10};
  }
  cases["max_xml_depth"] = {"deep.docx", make_docx(nested_sdt(40)), 20};
  cases["max_table_cells"] = {"table.txt", "| a | b |\n| c | d |\n", 3};
  cases["max_document_cells"] = {"tables.txt", "| a | b |\n| c | d |\n正文\n| e | f |\n| g | h |\n", 5};
  {
    std::string page = "<html><body><p>一、总体情况</p>";
    for (int i = 0; i < 200; ++i) page += "<span>" + std::to_string(i) + "</span>";
    page += "</body></html>";
    cases["max_html_nodes"] = {"nodes.html", page, 100};
  }
  cases["max_paragraphs"] = {"lines.txt", lines("正文一行", 20), 10};
  cases["max_milliseconds"] = {"report.txt", report, 0};
  cases["max_memory_bytes"] = {"report.txt", report, 1024};
  return cases;
}

const std::map<std::string, std::string> kPdfLimits = {
    {"max_pdf_pages", "PdfInput.AbsurdPageCountIsRefusedBeforeParsing"},
    {"max_pdf_objects", "PdfInput.TooManyObjectsAreRefused"},
    {"max_pdf_stream_bytes", "PdfInput.DecompressionBombIsRefused"},
    {"max_pdf_nesting", "PdfInput.DeepNestingIsRefused"},
    {"max_pdf_boxes_per_page", "PdfInput.TooManyBoxesOnAPageAreRefused"},
};

TEST(Limits, EveryRefusingLimitIsDrivenByACase) {
  const std::map<std::string, Case> cases = refusing_cases();
  for (const LimitInfo& info : limit_infos()) {
    if (info.error_code.empty()) continue;
    const std::string name(info.name);
    EXPECT_TRUE(cases.count(name) == 1 || kPdfLimits.count(name) == 1)
        << name << " has no case here nor in tests/pdf/pdf_input_test.cpp";
  }
}

TEST(Limits, EachGivesItsOwnCodeThroughTheWholePipeline) {
  for (const auto& [name, c] : refusing_cases()) {
    SCOPED_TRACE(name);
    const LimitInfo* info = find_limit(name);
    ASSERT_NE(info, nullptr);
    // With the default limits the input is read (or refused for another reason, never this
    // limit); with the lowered one it is refused by this limit alone.
    auto roomy = extract_bytes(c.bytes, c.name);
    if (!roomy.ok()) {
      EXPECT_NE(roomy.error().limit, name) << roomy.error().message;
    }
    Options options;
    ASSERT_TRUE(info->set(options.limits, c.value));
    auto refused = extract_bytes(c.bytes, c.name, options);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, info->error_code) << refused.error().message;
    EXPECT_EQ(refused.error().limit, name);
    EXPECT_FALSE(refused.error().message.empty());
    const std::string json = to_json(refused.error());
    EXPECT_EQ(schema_errors(json), std::vector<std::string>{}) << json;
    EXPECT_EQ(nlohmann::json::parse(json)["error"]["limit"], name);
  }
}

TEST(Limits, AnErrorOfNoLimitNamesNone) {
  auto empty = extract_bytes("", "empty.txt");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, "empty_input");
  EXPECT_TRUE(empty.error().limit.empty());
  EXPECT_TRUE(nlohmann::json::parse(to_json(empty.error()))["error"]["limit"].is_null());
}

std::size_t report_flags(const Report& report, const std::string& code) {
  std::size_t n = 0;
  for (const Flag& f : report.flags) n += f.code == code ? 1 : 0;
  return n;
}

bool has_report_flag(const Report& report, const std::string& code) {
  return report_flags(report, code) > 0;
}

TEST(Limits, GluedReadingsAreBoundedAndFlagged) {
  // One run of this dump ("12315" for three cells) fits the sums six ways whatever the budget;
  // with a budget of one reading every run is left empty and flagged, naming the limit.
  const std::string dump = corpus_text("tests/regression/glued_cells_split_by_sums/input.txt");
  auto read = extract_bytes(dump, "glued.txt");
  ASSERT_TRUE(read.ok()) << read.error().message;
  const std::size_t ambiguous = report_flags(read.value(), "glued_ambiguous");
  Options options;
  options.limits.max_glued_readings = 1;
  auto bounded = extract_bytes(dump, "glued.txt", options);
  ASSERT_TRUE(bounded.ok()) << bounded.error().message;
  EXPECT_GT(report_flags(bounded.value(), "glued_ambiguous"), ambiguous);
  bool named = false;
  for (const Flag& f : bounded.value().flags) {
    named = named || (f.code == "glued_ambiguous" &&
                      f.message.find("max_glued_readings") != std::string::npos);
  }
  EXPECT_TRUE(named);
}

std::string titled_report(const std::string& title, const std::string& body) {
  return title + "\n\n一、总体情况\n" + body + "\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n";
}

TEST(Limits, RegionCandidatesAreBounded) {
  // "梅林镇" is seven townships (tests/unit/identity_test.cpp).
  const std::string text = titled_report("梅林镇人民政府2021年政府信息公开工作年度报告", "本镇政务公开。");
  auto all = extract_bytes(text, "meilin.txt");
  ASSERT_TRUE(all.ok()) << all.error().message;
  EXPECT_EQ(all.value().meta.region.candidates.size(), 7u);
  Options options;
  options.limits.max_region_candidates = 2;
  auto bounded = extract_bytes(text, "meilin.txt", options);
  ASSERT_TRUE(bounded.ok()) << bounded.error().message;
  EXPECT_EQ(bounded.value().meta.region.status, "ambiguous");
  EXPECT_EQ(bounded.value().meta.region.candidates.size(), 2u);
  EXPECT_EQ(bounded.value().meta.region.reason, "7 divisions are named \"梅林镇\"");
}

TEST(Limits, CitationsAreBoundedAndFlagged) {
  std::string cited;
  for (int n = 1; n <= 5; ++n) cited += "依据国办公开办函〔2021〕" + std::to_string(n) + "号。";
  const std::string text = titled_report("青石县人民政府2021年政府信息公开工作年度报告", cited);
  auto all = extract_bytes(text, "cited.txt");
  ASSERT_TRUE(all.ok()) << all.error().message;
  EXPECT_EQ(all.value().meta.citations.size(), 5u);
  EXPECT_FALSE(has_report_flag(all.value(), "citations_cut"));
  Options options;
  options.limits.max_citations = 2;
  auto bounded = extract_bytes(text, "cited.txt", options);
  ASSERT_TRUE(bounded.ok()) << bounded.error().message;
  EXPECT_EQ(bounded.value().meta.citations.size(), 2u);
  EXPECT_TRUE(has_report_flag(bounded.value(), "citations_cut"));
}

}  // namespace
}  // namespace xxgknb
