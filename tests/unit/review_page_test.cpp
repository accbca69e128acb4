// Stage tests of the review pages (src/review/): every string a document holds reaches the
// page escaped, the CSP names the page's one script by its hash, cells carry the doubt the
// report's JSON states, and pages stay small. The browser tests (tests/review/) check the
// same pages in chromium.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <filesystem>
#include <regex>
#include <string>

#include "review/html_writer.h"
#include "review/review.h"
#include "support/review_page_data.h"
#include "support/temp_dir.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

std::string corpus(const std::string& path) { return std::string(XXGKNB_SOURCE_DIR) + "/corpus/" + path; }

std::string report_json(const std::string& path) {
  auto result = extract_file(corpus(path));
  EXPECT_TRUE(result) << path;
  return result ? to_json(result.value()) : std::string();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The attribute list of the cell of `key`: `<td class="…" id="cell-KEY" …>`.
std::string cell_tag(const std::string& html, const std::string& key) {
  const std::size_t id = html.find("id=\"cell-" + key + "\"");
  if (id == std::string::npos) return {};
  const std::size_t start = html.rfind("<td", id);
  return html.substr(start, html.find('>', id) - start);
}

TEST(ReviewPage, EscapesEveryStringFromTheDocument) {
  nlohmann::ordered_json report = nlohmann::ordered_json::parse(report_json("v2021-docx/filled/input.docx"));
  const std::string attack = "<script>alert(1)</script><img src=x onerror=\"alert(2)\"></textarea>";
  report["meta"]["title"] = attack;
  report["meta"]["agency"] = attack;
  report["source"]["path"] = "</script><script>alert(3)</script>";
  report["sections"][0]["text"] = attack + "\n<a href=\"javascript:alert(4)\">x</a>";
  report["fields"]["t2.regulations.issued"]["raw"] = attack;
  report["fields"]["t2.regulations.issued"]["label"] = attack;
  report["checks"][0]["message"] = attack;
  const review::Page page = review::report_page(report.dump(), nullptr, {});
  ASSERT_EQ(page.error, "");
  EXPECT_EQ(page.html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(page.html.find("<img"), std::string::npos);
  EXPECT_EQ(page.html.find("<a href=\"javascript"), std::string::npos);
  EXPECT_EQ(count(page.html, "</textarea>"), 1u);   // the note field's own
  EXPECT_EQ(count(page.html, "<script"), 3u);       // the identity and cell data blocks, the script
  EXPECT_NE(page.html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  // In the JSON data block: "</script>" cannot close it.
  EXPECT_NE(page.html.find("\\u003c/script\\u003e\\u003cscript\\u003ealert(3)"), std::string::npos);
}

TEST(ReviewPage, ContentSecurityPolicyAllowsOnlyThePagesOwnScriptAndStyle) {
  const std::string html = review::report_page(report_json("v2021-docx/filled/input.docx"), nullptr, {}).html;
  const std::size_t open = html.rfind("<script>");
  const std::size_t close = html.find("</script>", open);
  ASSERT_NE(open, std::string::npos);
  const std::string script = html.substr(open + 8, close - open - 8);
  const std::size_t style_open = html.find("<style>");
  const std::string style = html.substr(style_open + 7, html.find("</style>") - style_open - 7);
  EXPECT_NE(html.find("content=\"" + review::content_security_policy(style, script) + "\""), std::string::npos);
  EXPECT_NE(html.find("default-src 'none'; script-src '" + review::csp_hash(script) + "'"), std::string::npos);
  EXPECT_EQ(html.find("http:"), std::string::npos);
  EXPECT_EQ(html.find("https:"), std::string::npos);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n", 0), 0u);
}

TEST(ReviewPage, CellsOfFailingChecksAndTheirKindsAreMarked) {
  // wrong_sums: E3 fails on 四、结转下年度继续办理 (总计 4, the others add up to 5).
  const std::string html = review::report_page(report_json("messy/wrong_sums/input.docx"), nullptr, {}).html;
  EXPECT_NE(cell_tag(html, "t3.carried_forward.total").find("failing"), std::string::npos);
  EXPECT_NE(cell_tag(html, "t3.carried_forward.total").find("flagged"), std::string::npos);
  EXPECT_EQ(cell_tag(html, "t3.results.granted.total").find("failing"), std::string::npos);
  EXPECT_NE(cell_tag(html, "t3.results.denied.subtotal.total").find("derived"), std::string::npos);
  EXPECT_NE(html.find("报告本身的算术 / the report's own arithmetic"), std::string::npos);
  // 表三 四、结转下年度继续办理 · 总计, linked to its cell, in the reasons.
  // The row's cells named by the check are one item, the row named once.
  const std::size_t link = html.find("<a href=\"#cell-t3.carried_forward.total\" class=\"field-link\">总计</a>");
  ASSERT_NE(link, std::string::npos);
  const std::size_t item = html.rfind("<li>", link);
  EXPECT_EQ(html.substr(item, html.find("</a>", item) - item),
            "<li><a href=\"#cell-t3.carried_forward.natural_person\" class=\"field-link\">表三 四、结转下年度继续办理 · 自然人");
  EXPECT_NE(html.substr(link, html.find("</li>", link) - link).find("：校验未通过 / named by a failing check"),
            std::string::npos);
}

TEST(ReviewPage, DashBlankAndNoneCellsAreTold) {
  const std::string dashes = review::report_page(report_json("messy/dashes/input.txt"), nullptr, {}).html;
  EXPECT_NE(dashes.find("kind-dash"), std::string::npos);
  const std::string zero = review::report_page(report_json("messy/text_zero/input.txt"), nullptr, {}).html;
  EXPECT_NE(zero.find("kind-text_zero"), std::string::npos);
}

TEST(ReviewPage, AGluedRunWithSeveralReadingsIsOneReasonNamingItsCellsAndCandidates) {
  // "行政规范性文件12315": 1|2|315, 1|23|15, … — three cells the document does not determine,
  // listed as one item: the row named once, each cell linked, the candidates once.
  auto result = extract_file(std::string(XXGKNB_SOURCE_DIR) + "/tests/regression/glued_cells_split_by_sums/input.txt");
  ASSERT_TRUE(result);
  const std::string html = review::report_page(to_json(result.value()), nullptr, {}).html;
  const std::size_t at = html.find("<li><a href=\"#cell-t2.normative_docs.issued\" class=\"field-link\">表二 行政规范性文件 · ");
  ASSERT_NE(at, std::string::npos);
  const std::string item = html.substr(at, html.find("</li>", at) - at);
  EXPECT_NE(item.find("</a>、<a href=\"#cell-t2.normative_docs.repealed\" class=\"field-link\">"), std::string::npos) << item;
  EXPECT_NE(item.find("</a>、<a href=\"#cell-t2.normative_docs.in_force\" class=\"field-link\">"), std::string::npos) << item;
  EXPECT_NE(item.find("：粘连数字有多种读法 / glued run with several readings"), std::string::npos) << item;
  EXPECT_EQ(count(item, "候选读法 / candidates: "), 1u) << item;
  EXPECT_NE(item.find("1|2|315, 1|23|15"), std::string::npos) << item;
  const std::size_t reasons = html.find("<ul class=\"reasons\">");
  EXPECT_EQ(count(html.substr(reasons, html.find("</ul>", reasons) - reasons), "1|2|315, 1|23|15"), 1u);
}

TEST(ReviewPage, PagesOfTheCorpusStayUnder200KB) {
  for (const char* path : {"v2021-docx/filled/input.docx", "messy/wrong_sums/input.docx",
                           "v2019-docx/filled/input.docx", "v2021-text/tika/input.txt"}) {
    auto result = extract_bytes_with_model(testing::read_file(corpus(path)), path);
    ASSERT_TRUE(result) << path;
    review::PageExtras extras;
    extras.source = dataset::source_text(result.value().report, result.value().document,
                                         Options{}.limits.max_context_bytes);
    const review::Page page = review::report_page(to_json(result.value().report), &extras, {});
    EXPECT_LT(page.html.size(), 200u * 1024) << path;
    EXPECT_NE(page.html.find("data-at="), std::string::npos) << path;   // the source text shown
  }
}

// The value of attribute `name` in a cell's tag, or "(none)".
std::string attribute(const std::string& tag, const std::string& name) {
  const std::size_t at = tag.find(" " + name + "=\"");
  if (at == std::string::npos) return "(none)";
  const std::size_t start = at + name.size() + 3;
  return tag.substr(start, tag.find('"', start) - start);
}

TEST(ReviewPage, APre2019ReportsTableIsDrawnFromItsRows) {
  // table_cumulative/input.txt: "| 8 | 收到申请数 | 件 | 48 | 301 |",
  // "| 23 | 依申请公开信息收取的费用 | 万元 | 0.35 | 1.2 |", "| 25 | 咨询数 | 人次 | 960 | 5400 |".
  auto result = extract_bytes_with_model(testing::read_file(corpus("legacy-text/table_cumulative/input.txt")),
                                         "input.txt");
  ASSERT_TRUE(result);
  review::PageExtras extras;
  extras.source = dataset::source_text(result.value().report, result.value().document,
                                       Options{}.limits.max_context_bytes);
  const review::Page page = review::report_page(to_json(result.value().report), &extras, {});
  ASSERT_EQ(page.error, "");
  const std::string& html = page.html;
  EXPECT_NE(html.find("<section class=\"table\" id=\"table-legacy\">"), std::string::npos);
  EXPECT_EQ(html.find("id=\"table-t3\""), std::string::npos);   // no national tables
  EXPECT_LT(html.size(), 200u * 1024);
  const std::string requests = cell_tag(html, "legacy.requests.total");
  EXPECT_EQ(attribute(requests, "data-value"), "48");
  EXPECT_NE(attribute(requests, "class").find("kind-number"), std::string::npos);
  EXPECT_EQ(testing::page_words(html, attribute(requests, "data-n")), (std::vector<std::string>{"统计表", "收到申请数", "本年度"}));
  // Its source, the table's row 8 (the header is row 0) and column 3 (本年度), and the text there.
  EXPECT_NE(requests.find("data-source='{\"table\":0,\"row\":8,\"col\":3,"), std::string::npos) << requests;
  EXPECT_EQ(attribute(requests, "data-at"), "48");
  EXPECT_EQ(attribute(requests, "class").find("prose"), std::string::npos);
  EXPECT_EQ(attribute(requests, "class").find("flagged"), std::string::npos);
  EXPECT_EQ(attribute(cell_tag(html, "legacy.requests.total.cumulative"), "data-value"), "301");
  EXPECT_EQ(attribute(cell_tag(html, "legacy.consultations.total"), "data-value"), "960");
  EXPECT_EQ(attribute(cell_tag(html, "legacy.consultations.total.cumulative"), "data-value"), "5400");
  // 0.35 万元 is 3500 yuan, and says so; a conversion is no doubt.
  const std::string fee = cell_tag(html, "legacy.fees.charged_yuan.cumulative");
  EXPECT_EQ(attribute(fee, "data-value"), "12000");
  EXPECT_EQ(attribute(fee, "data-raw"), "1.2");
  EXPECT_EQ(attribute(fee, "data-unit"), "万元");
  EXPECT_EQ(attribute(fee, "data-flags"), "converted_from_wan_yuan");
  EXPECT_EQ(attribute(fee, "class").find("flagged"), std::string::npos);
  EXPECT_NE(html.find("title=\"由万元换算为元 / converted from 万元 to yuan: 0.35\">万元→元</span>"),
            std::string::npos);
  EXPECT_NE(html.find("<th class=\"label\">依申请公开信息收取的费用（元）</th>"), std::string::npos);
  // 行政申诉数 is not in this table: its cells are drawn empty.
  EXPECT_EQ(attribute(cell_tag(html, "legacy.appeals.total"), "class"), "(none)");
  EXPECT_NE(html.find("<td class=\"cell absent\"></td>"), std::string::npos);
}

TEST(ReviewPage, APre2019ReportsValuesFromItsSentencesAreMarkedAsProse) {
  // prose_only/input.txt prints no table rows: "全年共受理政府信息公开申请48件，其中当面申请20件",
  // "收取检索、复制费用共计0.35万元，减免费用0.02万元".
  const std::string html = review::report_page(report_json("legacy-text/prose_only/input.txt"), nullptr, {}).html;
  EXPECT_NE(html.find("id=\"table-legacy\""), std::string::npos);
  const std::string requests = cell_tag(html, "legacy.requests.total");
  EXPECT_EQ(attribute(requests, "data-value"), "48");
  EXPECT_EQ(attribute(requests, "data-raw"), "受理政府信息公开申请48件");
  EXPECT_EQ(attribute(requests, "data-flags"), "prose");
  EXPECT_NE(attribute(requests, "class").find(" prose"), std::string::npos);
  EXPECT_NE(attribute(requests, "data-sentence").find("其中当面申请20件"), std::string::npos);
  EXPECT_EQ(attribute(cell_tag(html, "legacy.requests.in_person"), "data-value"), "20");
  const std::string waived = cell_tag(html, "legacy.fees.waived_yuan");
  EXPECT_EQ(attribute(waived, "data-value"), "200");
  EXPECT_EQ(attribute(waived, "data-raw"), "减免费用0.02万元");
  EXPECT_EQ(attribute(waived, "data-flags"), "prose converted_from_wan_yuan");
  // Sentences give no 历年累计.
  EXPECT_EQ(cell_tag(html, "legacy.requests.total.cumulative"), "");
  // Each prose value is a reason to look, named as such.
  const std::size_t reason = html.find("<li><a href=\"#cell-legacy.requests.total\"");
  ASSERT_NE(reason, std::string::npos);
  EXPECT_NE(html.substr(reason, html.find("</li>", reason) - reason).find("取自正文句子 / read from a sentence of the prose"),
            std::string::npos);
  EXPECT_NE(html.find("title=\"取自正文句子 / read from a sentence of the prose\">文</span>"), std::string::npos);
}

TEST(ReviewPage, EachCellsSourceTextIsKeptOnceAndUnpacksExactly) {
  // The cells of a .docx row share their row, those of a flattened table's line their line:
  // each cell's text before, at and after is found again in the merged texts.
  for (const char* path : {"v2021-docx/filled/input.docx", "v2021-text/tika/input.txt",
                           "legacy-text/table_cumulative/input.txt"}) {
    auto result = extract_bytes_with_model(testing::read_file(corpus(path)), path);
    ASSERT_TRUE(result) << path;
    review::PageExtras extras;
    extras.source = dataset::source_text(result.value().report, result.value().document,
                                         Options{}.limits.max_context_bytes);
    const std::string html = review::report_page(to_json(result.value().report), &extras, {}).html;
    const nlohmann::json data = testing::page_cell_data(html);
    ASSERT_TRUE(data.contains("texts")) << path;
    std::size_t unpacked = 0, kept = 0;
    for (const dataset::FieldContext& c : extras.source.contexts) {
      const std::string tag = cell_tag(html, c.key);
      if (tag.empty()) continue;   // a key the page draws no cell for
      const std::string x = attribute(tag, "data-x");
      ASSERT_NE(x, "(none)") << path << " " << c.key;
      EXPECT_EQ(testing::page_context(html, x), (std::vector<std::string>{c.before, c.at, c.after})) << path << " " << c.key;
      ++unpacked;
      kept += c.before.size() + c.at.size() + c.after.size();
    }
    EXPECT_GT(unpacked, 20u) << path;
    std::size_t merged = 0;
    for (const auto& t : data["texts"]) merged += t.get<std::string>().size();
    EXPECT_LT(merged * 2, kept) << path << ": the neighbours' texts were not merged";
  }
}

TEST(ReviewPage, RealReportsPagesStayUnder200KB) {
  // The 平潭 reports as a crawler kept them: about 230 cells, most of them from glued runs.
  const std::filesystem::path real = std::filesystem::path(XXGKNB_SHARED_CORPUS) / "real";
  if (!std::filesystem::exists(real)) GTEST_SKIP() << real << " is not here (../shared/corpus absent)";
  std::size_t pages = 0;
  for (const auto& entry : std::filesystem::directory_iterator(real)) {
    for (const char* name : {"page.txt", "page.html", "report.txt", "report.html"}) {
      const std::filesystem::path input = entry.path() / name;
      if (!std::filesystem::exists(input)) continue;
      auto result = extract_bytes_with_model(testing::read_file(input), input.string());
      if (!result) continue;   // a report we cannot read has an error page, not this one
      review::PageExtras extras;
      extras.source = dataset::source_text(result.value().report, result.value().document,
                                           Options{}.limits.max_context_bytes);
      const review::Page page = review::report_page(to_json(result.value().report), &extras, {});
      EXPECT_EQ(page.error, "") << input;
      EXPECT_LT(page.html.size(), 200u * 1024) << input;
      ++pages;
    }
  }
  EXPECT_GE(pages, 10u);
}

TEST(ReviewPage, AnErrorObjectGivesAPageThatSaysSo) {
  const std::string error = R"({"schema":"xxgknb.report/1","error":{"code":"zip_corrupt","message":"bad <zip>"},"source":{"path":"a.docx"}})";
  const review::Page page = review::report_page(error, nullptr, {});
  ASSERT_EQ(page.error, "");
  EXPECT_NE(page.html.find("zip_corrupt"), std::string::npos);
  EXPECT_NE(page.html.find("bad &lt;zip&gt;"), std::string::npos);
  EXPECT_EQ(review::report_page("[1, 2]", nullptr, {}).error, "not a JSON object");
  const review::IndexEntry entry = review::index_entry(error);
  EXPECT_EQ(entry.status, "error");
  EXPECT_EQ(entry.error_code, "zip_corrupt");
}

TEST(ReviewIndex, EntriesCarryStatusChecksAndDoubtsAndReviewComesFirst) {
  review::IndexEntry wrong = review::index_entry(report_json("messy/wrong_sums/input.docx"));
  EXPECT_EQ(wrong.status, "review");
  EXPECT_EQ(wrong.failing_checks, (std::vector<std::string>{"E1", "E3"}));
  EXPECT_EQ(wrong.agency, "桐乡县卫生健康委员会");
  review::IndexEntry ok = review::index_entry(report_json("v2021-docx/filled/input.docx"));
  EXPECT_EQ(ok.status, "ok");
  EXPECT_EQ(ok.doubtful_cells, 0);
  ok.id = 1;
  wrong.id = 2;
  wrong.corrections = 1;
  const std::string html = review::index_page({ok, wrong}, "t");
  const std::size_t data = html.find("id=\"index-data\">");
  ASSERT_NE(data, std::string::npos);
  const auto json = nlohmann::json::parse(html.substr(data + 16, html.find("</script>", data) - data - 16));
  EXPECT_EQ(json["reports"][0][0], 2);   // the report needing review first
  EXPECT_EQ(json["reports"][1][0], 1);
  EXPECT_NE(html.find("<strong id=\"count-review\" class=\"status-review\">1</strong>"), std::string::npos);
  EXPECT_NE(html.find("<strong id=\"count-corrected\">1</strong>"), std::string::npos);
  EXPECT_EQ(json["columns"].back(), "corrections");
  EXPECT_EQ(json["reports"][0].back(), 1);   // wrong_sums, one correction in force
  EXPECT_EQ(json["reports"][1].back(), 0);
}

}  // namespace
}  // namespace xxgknb
