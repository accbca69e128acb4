// Stage tests of review pages made from a dataset (src/dataset/source_text.cpp,
// src/review/report_page.cpp): the dataset keeps the source text around each cell and each
// PDF page's size, so that a page made from it shows what a page made from the file shows;
// a PDF cell's box is drawn on its own page's frame, not an A4 one.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "dataset/batch.h"
#include "dataset/corrections.h"
#include "dataset/cross_checks.h"
#include "dataset/source_text.h"
#include "dataset/sqlite_util.h"
#include "review/review.h"
#include "support/dataset_rows.h"
#include "support/review_page_data.h"
#include "support/temp_dir.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

namespace fs = std::filesystem;

std::string corpus(const std::string& path) { return std::string(XXGKNB_SOURCE_DIR) + "/corpus/" + path; }

// The attribute list of the cell of `key`: `<td class="…" id="cell-KEY" …>`.
std::string cell_tag(const std::string& html, const std::string& key) {
  const std::size_t id = html.find("id=\"cell-" + key + "\"");
  if (id == std::string::npos) return {};
  const std::size_t start = html.rfind("<td", id);
  return html.substr(start, html.find('>', id) - start);
}

const dataset::FieldContext* context_of(const dataset::SourceText& source, const std::string& key) {
  for (const dataset::FieldContext& c : source.contexts) {
    if (c.key == key) return &c;
  }
  return nullptr;
}

// A dataset of `inputs` made by the batch, open for reading.
struct Batched {
  testing::TempDir dir;
  sqlite3* db = nullptr;
  explicit Batched(const std::vector<std::string>& inputs) {
    dataset::BatchOptions options;
    options.paths = inputs;
    options.db_path = (dir.path() / "ds.sqlite").string();
    options.jobs = 1;
    const dataset::BatchResult r = dataset::run_batch(options, nullptr);
    EXPECT_EQ(r.problem, "");
    EXPECT_EQ(sqlite3_open_v2(options.db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  }
  ~Batched() { sqlite3_close(db); }
  std::string report_json(std::int64_t id) const {
    dataset::Statement q(db, "SELECT report_json FROM documents WHERE id = ?");
    q.bind(1, id);
    return q.step() == SQLITE_ROW ? q.text(0) : std::string();
  }
};

TEST(ReviewDataset, APageMadeFromADatasetShowsTheSourceLineOfACell) {
  // messy/dashes, a tab-separated text report: its line "行政许可\t706" between
  // "信息内容\t本年处理决定数量" and "第二十条第（六）项".
  Batched data({corpus("messy/dashes/input.txt")});
  dataset::SourceText source;
  ASSERT_EQ(dataset::read_source_text(data.db, 1, source), "");
  const dataset::FieldContext* c = context_of(source, "t2.licensing.decisions");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->at, "706");
  EXPECT_TRUE(c->before.ends_with("信息内容\t本年处理决定数量\n行政许可\t")) << c->before;
  EXPECT_TRUE(c->after.starts_with("\n第二十条第（六）项")) << c->after;
  EXPECT_LE(c->before.size(), Options{}.limits.max_context_bytes);
  EXPECT_LE(c->after.size(), Options{}.limits.max_context_bytes);
  EXPECT_TRUE(source.pages.empty());   // a text input has no pages

  review::PageExtras extras;
  extras.source = source;
  const review::Page page = review::report_page(data.report_json(1), &extras, {});
  ASSERT_EQ(page.error, "");
  const std::string tag = cell_tag(page.html, "t2.licensing.decisions");
  EXPECT_NE(tag.find("data-at=\"706\""), std::string::npos) << tag;
  const std::size_t x = tag.find("data-x=\"");
  ASSERT_NE(x, std::string::npos) << tag;
  const std::vector<std::string> shown = testing::page_context(page.html, tag.substr(x + 8, tag.find('"', x + 8) - x - 8));
  EXPECT_EQ(shown, (std::vector<std::string>{c->before, "706", c->after}));
  EXPECT_NE(shown[0].find("行政许可"), std::string::npos);
  // Without the dataset's source text the page names the place only.
  EXPECT_EQ(cell_tag(review::report_page(data.report_json(1), nullptr, {}).html, "t2.licensing.decisions")
                .find("data-at="),
            std::string::npos);
}

TEST(ReviewDataset, ADocxCellsContextIsItsTableRowWithinTheLimit) {
  // v2021-docx/filled, its first table's row "规章 | 2 | 0 | 16" (本年制发 2, 废止 0, 现行有效
  // 16), and table 三's "一、本年新收政府信息公开申请数量 | 94 | 3 | 1 | 0 | 1 | 1 | 100", whose
  // label spans three grid columns (drawn once).
  Batched data({corpus("v2021-docx/filled/input.docx")});
  dataset::SourceText source;
  ASSERT_EQ(dataset::read_source_text(data.db, 1, source), "");
  const dataset::FieldContext* c = context_of(source, "t2.regulations.repealed");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->before, "规章 | 2 | ");
  EXPECT_EQ(c->at, "0");
  EXPECT_EQ(c->after, " | 16");
  c = context_of(source, "t3.new_received.commercial");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->before, "一、本年新收政府信息公开申请数量 | 94 | ");
  EXPECT_EQ(c->at, "3");
  EXPECT_EQ(c->after, " | 1 | 0 | 1 | 1 | 100");
  EXPECT_GT(source.contexts.size(), 150u);
}

TEST(ReviewDataset, APageShowsTheCorrectionsInForceAndTheChecksRunAgain) {
  // wrong_sums: 四、结转下年度继续办理 总计 4, 1 + 2 + 1 + 1 + 0 + 0 = 5; 商业企业 2 → 1 balances it.
  Batched data({corpus("messy/wrong_sums/input.docx")});
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((data.dir.path() / "ds.sqlite").c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  const std::unique_ptr<sqlite3, int (*)(sqlite3*)> close(db, sqlite3_close);
  const nlohmann::json report = nlohmann::json::parse(data.report_json(1));
  const std::string file =
      R"({"schema":"xxgknb.corrections/1","reports":[{"sha256":")" + report["source"]["sha256"].get<std::string>() +
      R"(","path":"wrong_sums","corrections":[{"key":"t3.carried_forward.commercial","extracted":"2",)"
      R"("corrected":"1","note":"原件为 1","who":"审计员甲","when":"2026-12-01T15:40:02.113Z"}]}]})";
  ASSERT_EQ(dataset::apply_corrections(db, file, "2026-12-01T16:00:00Z").applied, 1);

  review::PageExtras extras;
  ASSERT_EQ(dataset::corrections_in_force(db, 1, extras.corrections), "");
  std::string error;
  extras.corrected_checks = dataset::corrected_checks_json(db, 1, error);
  ASSERT_EQ(error, "");
  const review::Page page = review::report_page(data.report_json(1), &extras, {});
  ASSERT_EQ(page.error, "");
  const std::string tag = cell_tag(page.html, "t3.carried_forward.commercial");
  EXPECT_NE(tag.find(" applied\""), std::string::npos) << tag;
  EXPECT_NE(tag.find("data-applied-value=\"1\" data-applied-extracted=\"2\" data-applied-note=\"原件为 1\" "
                     "data-applied-who=\"审计员甲\" data-applied-when=\"2026-12-01T15:40:02.113Z\""),
            std::string::npos) << tag;
  EXPECT_NE(page.html.find("<span class=\"struck\">2</span> → <span class=\"a\">1</span> · 审计员甲 · "
                           "2026-12-01T15:40:02.113Z · <span class=\"note\">原件为 1</span>"),
            std::string::npos);
  // E3 of 结转下年度 passes on the corrected values; E1 of 商业企业 fails (5 vs 3 + 1).
  EXPECT_NE(page.html.find("<tr class=\"changed\" data-check=\"E3\"><td>E3</td><td>carried_forward</td>"
                           "<td class=\"status-fail\">未通过 / fail</td><td class=\"status-pass\">通过 / pass</td>"),
            std::string::npos);
  EXPECT_NE(page.html.find("<tr class=\"changed\" data-check=\"E1\"><td>E1</td><td>commercial</td>"),
            std::string::npos);
  // A page without the layer shows none of it.
  const std::string plain = review::report_page(data.report_json(1), nullptr, {}).html;
  EXPECT_EQ(plain.find("id=\"applied\""), std::string::npos);
  EXPECT_EQ(plain.find("id=\"corrected-checks\""), std::string::npos);
}

#ifdef XXGKNB_HAVE_PDF
// A landscape page (842 × 595 pt) written by tests/regression/make_pdf_cases.py's writer:
// table 三's first rows, 自然人 at x 300.
fs::path landscape_pdf(const fs::path& dir) {
  const fs::path script = dir / "landscape.py";
  std::ofstream(script) << "import sys\n"
                           "sys.path.insert(0, sys.argv[1])\n"
                           "import make_pdf_cases as m\n"
                           "m.PAGE_W, m.PAGE_H = 842, 595\n"
                           "page = [(100, 60, 12, '青河县人民政府2024年政府信息公开工作年度报告'),\n"
                           "        (60, 100, 10, '三、收到和处理政府信息公开申请情况')]\n"
                           "page += m.header(130)\n"
                           "page += m.row(200, '一、本年新收政府信息公开申请数量', '20 1 0 0 0 0 21')\n"
                           "page += m.row(222, '二、上年结转政府信息公开申请数量', '2 0 0 0 0 0 2')\n"
                           "m.write_pdf(sys.argv[2], [page])\n";
  const fs::path pdf = dir / "landscape.pdf";
  const std::string command = "python3 '" + script.string() + "' '" + std::string(XXGKNB_SOURCE_DIR) +
                              "/tests/regression' '" + pdf.string() + "'";
  return std::system(command.c_str()) == 0 ? pdf : fs::path();
}

// How often `what` occurs in `text`.
std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The text of the element that opens at `start` in `html`, up to its closing `close`.
std::string element_at(const std::string& html, std::size_t start, const std::string& close) {
  if (start == std::string::npos) return {};
  return html.substr(start, html.find(close, start) - start);
}

TEST(ReviewDataset, APageShowsItsCrossReportChecksWithTheEarlierReport) {
  // corpus/v2021-docx/filled prints 四、结转下年度继续办理 自然人 2, 商业企业 1; the same body a
  // year later carries over 2 and 4: W1 passes in 自然人 and fails in 商业企业 (4 − 1 = 3).
  auto read = extract_file(corpus("v2021-docx/filled/input.docx"));
  ASSERT_TRUE(read);
  Report earlier = read.value();
  Report later = earlier;
  later.source.path = "next-year.docx";
  later.source.sha256 = "next-year";
  later.meta.year = *earlier.meta.year + 1;
  for (const auto& [key, value] : {std::pair{"t3.carried_over.natural_person", 2}, {"t3.carried_over.commercial", 4}}) {
    Field* f = later.field(key);
    ASSERT_NE(f, nullptr);
    f->value = Decimal::from_int(value);
    f->raw = std::to_string(value);
  }
  testing::TempDir dir;
  testing::TestDataset data((dir.path() / "d.sqlite").string());
  ASSERT_TRUE(data.ok()) << data.error();
  const std::int64_t a = data.add(earlier);
  const std::int64_t b = data.add(later);
  ASSERT_GT(b, 0) << data.error();
  ASSERT_EQ(dataset::run_cross_checks(data.db()), "");
  const auto page_of = [&](std::int64_t id) {
    review::PageExtras extras;
    std::string why;
    extras.cross_checks = review::cross_checks_json(data.db(), id, false, why);
    EXPECT_EQ(why, "");
    extras.corrected_cross_checks = review::cross_checks_json(data.db(), id, true, why);
    EXPECT_EQ(why, "");
    EXPECT_EQ(dataset::corrections_in_force(data.db(), id, extras.corrections), "");
    dataset::Statement q(data.db(), "SELECT report_json FROM documents WHERE id = ?");
    q.bind(1, id);
    EXPECT_EQ(q.step(), SQLITE_ROW);
    const review::Page page = review::report_page(q.text(0), &extras, {"../index.html"});
    EXPECT_EQ(page.error, "");
    EXPECT_LT(page.html.size(), 200u * 1024);
    return page.html;
  };

  const std::string html = page_of(b);
  const std::string panel = element_at(html, html.find("<section id=\"cross-checks\">"), "</section>");
  ASSERT_NE(panel, "");
  const std::string failing = element_at(panel, panel.find("<span class=\"check-id\">W1</span> commercial"), "</div>");
  ASSERT_NE(failing, "") << panel;
  EXPECT_NE(failing.find("未通过 / fail"), std::string::npos);
  EXPECT_NE(failing.find("<dd class=\"lhs\">4</dd>"), std::string::npos) << failing;
  EXPECT_NE(failing.find("<dd class=\"rhs\">1</dd>"), std::string::npos);
  EXPECT_NE(failing.find("<dd class=\"diff\">3</dd>"), std::string::npos);
  // The earlier report, linked to its page beside this one, and how the two were paired.
  EXPECT_NE(failing.find("<a href=\"" + std::to_string(a) + ".html\" class=\"other-report\">梅林镇人民政府 2021 · "),
            std::string::npos) << failing;
  EXPECT_NE(failing.find("配对 / pairing: agency_exact (1"), std::string::npos);
  // This report's 上年结转 links to its cell; last year's 结转下年度 to the earlier page's.
  EXPECT_NE(failing.find("href=\"#cell-t3.carried_over.commercial\" class=\"field-link\""), std::string::npos);
  EXPECT_NE(failing.find("<a href=\"" + std::to_string(a) + ".html#cell-t3.carried_forward.commercial\" class=\"other-field\">"),
            std::string::npos) << failing;
  // A passing one is a line, linking the earlier report too.
  const std::string passing = element_at(panel, panel.find("<li class=\"check-line status-pass\""), "</li>");
  EXPECT_NE(passing.find("<span class=\"check-id\">W1</span> 通过 / pass · "), std::string::npos) << panel;
  EXPECT_NE(passing.find("<a href=\"" + std::to_string(a) + ".html\" class=\"other-report\">"), std::string::npos);
  EXPECT_EQ(html.find("corrected-cross-checks"), std::string::npos);   // no correction yet
  // The cell the failing check names is marked as a failing check's, with its cause, and the
  // header and the index count the failing cross-report check.
  const std::string tag = cell_tag(html, "t3.carried_over.commercial");
  ASSERT_NE(tag, "");
  EXPECT_NE(tag.find(" failing"), std::string::npos) << tag;
  EXPECT_NE(tag.find(" flagged"), std::string::npos) << tag;
  EXPECT_NE(html.find("跨报告校验未通过 / named by a failing cross-report check"), std::string::npos);
  EXPECT_EQ(cell_tag(html, "t3.carried_over.natural_person").find(" failing"), std::string::npos);
  std::string why;
  const std::string stored = review::cross_checks_json(data.db(), b, false, why);
  const std::size_t failing_cross = count_of(stored, "\"status\":\"fail\"");
  EXPECT_GE(failing_cross, 1u);
  EXPECT_NE(html.find(" · " + std::to_string(failing_cross) + " 项跨报告校验未通过 / cross-report checks failing</p>"),
            std::string::npos)
      << element_at(html, html.find("<p class=\"counts\">"), "</p>");
  {
    dataset::Statement q(data.db(), "SELECT report_json FROM documents WHERE id = ?");
    q.bind(1, b);
    ASSERT_EQ(q.step(), SQLITE_ROW);
    const review::IndexEntry entry = review::index_entry(q.text(0), stored);
    EXPECT_NE(std::find(entry.failing_checks.begin(), entry.failing_checks.end(), "W1"), entry.failing_checks.end());
  }
  // The earlier report is paired with none before it.
  EXPECT_NE(page_of(a).find("没有与其他报告配对 / paired with no other report"), std::string::npos);

  // 上年结转 商业企业 4 → 1: W1 passes on the corrected values, the extracted check still fails.
  const std::string file =
      R"({"schema":"xxgknb.corrections/1","reports":[{"sha256":"next-year","path":"next-year.docx",)"
      R"("corrections":[{"key":"t3.carried_over.commercial","extracted":"4","corrected":"1",)"
      R"("note":"原件为 1","who":"审计员","when":"2026-12-01T18:00:00.000Z"}]}]})";
  ASSERT_EQ(dataset::apply_corrections(data.db(), file, "2026-12-01T18:02:00Z").applied, 1);
  const std::string corrected = page_of(b);
  const std::string section = element_at(corrected, corrected.find("<section id=\"corrected-cross-checks\">"), "</section>");
  ASSERT_NE(section, "");
  const std::string changed = element_at(section, section.find("<tr class=\"changed\" data-check=\"W1\">"), "</tr>");
  EXPECT_NE(changed.find("<td>commercial</td><td class=\"status-fail\">未通过 / fail</td><td class=\"status-pass\">通过 / pass</td>"),
            std::string::npos) << section;
  EXPECT_EQ(section.find("<tr class=\"changed\" data-check=\"W2\">"), std::string::npos);
  const std::string still = element_at(corrected, corrected.find("<section id=\"cross-checks\">"), "</section>");
  EXPECT_NE(element_at(still, still.find("<span class=\"check-id\">W1</span> commercial"), "</div>").find("未通过 / fail"),
            std::string::npos);
}

TEST(ReviewDataset, APdfCellsBoxIsOnItsOwnPagesFrame) {
  if (std::system("python3 -c '' 2>/dev/null") != 0) GTEST_SKIP() << "python3 is not installed";
  testing::TempDir dir;
  const fs::path pdf = landscape_pdf(dir.path());
  ASSERT_FALSE(pdf.empty());
  // pdfinfo -box: "MediaBox: 0.00 0.00 842.00 595.00", no CropBox of its own.
  auto result = extract_bytes_with_model(testing::read_file(pdf), pdf.string());
  ASSERT_TRUE(result);
  const Document& document = result.value().document;
  ASSERT_EQ(document.pages.size(), 1u);
  EXPECT_EQ(document.pages[0].number, 1);
  EXPECT_DOUBLE_EQ(document.pages[0].width, 842);
  EXPECT_DOUBLE_EQ(document.pages[0].height, 595);
  const Field* f = result.value().report.field("t3.new_received.natural_person");
  ASSERT_NE(f, nullptr);
  ASSERT_TRUE(f->source.box);
  // "20" was placed at x 300, its baseline 200 pt from the top: the box holds that point,
  // 35.6% across the page (300 / 842), not the 50.4% an A4 frame (300 / 595) would put it.
  const std::array<double, 4> box = *f->source.box;
  EXPECT_NEAR(box[0], 300, 1);
  EXPECT_LT(box[1], 200);
  EXPECT_GT(box[3], 195);
  EXPECT_EQ(f->source.page, 1);

  // Through the dataset: the page's size is kept, and the cell names it for the page's script.
  Batched data({pdf.string()});
  dataset::SourceText source;
  ASSERT_EQ(dataset::read_source_text(data.db, 1, source), "");
  ASSERT_EQ(source.pages.size(), 1u);
  EXPECT_DOUBLE_EQ(source.pages[0].width, 842);
  EXPECT_DOUBLE_EQ(source.pages[0].height, 595);
  review::PageExtras extras;
  extras.source = source;
  const std::string tag = cell_tag(review::report_page(data.report_json(1), &extras, {}).html,
                                   "t3.new_received.natural_person");
  EXPECT_NE(tag.find("data-page-size=\"842.0 595.0\""), std::string::npos) << tag;
}
#endif

}  // namespace
}  // namespace xxgknb
