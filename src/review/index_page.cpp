// Review pages: a dataset's index — counts at the top, then every report, those needing
// review first, filtered and paged by the page's script from the compact JSON it holds.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "review/assets.h"
#include "review/html_writer.h"
#include "review/review.h"
#include "xxgknb/options.h"

namespace xxgknb::review {
namespace {

using nlohmann::json;

std::string text_of(const json& j, const char* member) {
  const auto it = j.find(member);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int status_rank(const std::string& status) {
  if (status == "review") return 0;
  if (status == "error") return 1;
  return 2;
}

}  // namespace

IndexEntry index_entry(std::string_view report_json, std::string_view cross_checks) {
  IndexEntry e;
  const json report = json::parse(report_json, nullptr, false);
  if (!report.is_object()) {
    e.status = "error";
    e.error_code = "json_unreadable";
    return e;
  }
  const json source = report.value("source", json::object());
  e.path = text_of(source, "path");
  if (report.contains("error")) {
    e.status = "error";
    e.error_code = text_of(report["error"], "code");
    return e;
  }
  const json meta = report.value("meta", json::object());
  e.agency = text_of(meta, "agency");
  if (meta.contains("year") && meta["year"].is_number_integer()) e.year = meta["year"].get<int>();
  e.template_version = text_of(meta, "template");
  const json review = report.value("review", json::object());
  e.status = review.value("needs_review", false) ? "review" : "ok";
  if (review.contains("confidence") && review["confidence"].is_number()) {
    e.confidence = review["confidence"].get<double>();
  }
  const json cross = cross_checks.empty() ? json::array() : json::parse(cross_checks, nullptr, false);
  const json checks = report.value("checks", json::array());
  for (const json* list : {&checks, &cross}) {
    if (!list->is_array()) continue;
    for (const json& check : *list) {
      if (text_of(check, "status") != "fail") continue;
      const std::string id = text_of(check, "id");
      if (std::find(e.failing_checks.begin(), e.failing_checks.end(), id) == e.failing_checks.end()) {
        e.failing_checks.push_back(id);
      }
    }
  }
  const double threshold = Options{}.review_threshold;
  const json fields = report.value("fields", json::object());
  for (const auto& [key, field] : fields.items()) {
    if (!field.is_object() || field.value("derived", false)) continue;
    bool doubt = field.value("confidence", 0.0) < threshold || field.value("kind", "") == "missing";
    for (const json& f : field.value("flags", json::array())) {
      const std::string flag = f.is_string() ? f.get<std::string>() : "";
      if (flag != "blank" && flag != "dash" && flag != "text_zero") doubt = true;
    }
    e.doubtful_cells += doubt;
  }
  return e;
}

std::string index_page(const std::vector<IndexEntry>& entries, std::string_view title) {
  std::vector<const IndexEntry*> order;
  for (const IndexEntry& e : entries) order.push_back(&e);
  // Reports needing review first, then errors, then the rest; within each the least sure first.
  std::stable_sort(order.begin(), order.end(), [](const IndexEntry* a, const IndexEntry* b) {
    if (status_rank(a->status) != status_rank(b->status)) return status_rank(a->status) < status_rank(b->status);
    const double ca = a->confidence.value_or(0), cb = b->confidence.value_or(0);
    if (ca != cb) return ca < cb;
    return a->id < b->id;
  });
  json rows = json::array();
  std::map<std::string, int> by_status, by_check;
  int corrected = 0;
  for (const IndexEntry* e : order) {
    ++by_status[e->status];
    corrected += e->corrections > 0;
    for (const std::string& c : e->failing_checks) ++by_check[c];
    rows.push_back(json::array({e->id, e->href, e->path, e->agency, e->year ? json(*e->year) : json(),
                                e->template_version, e->status,
                                e->confidence ? json(*e->confidence) : json(), e->failing_checks,
                                e->doubtful_cells, e->error_code, e->corrections}));
  }
  const json data = {{"columns", {"id", "href", "path", "agency", "year", "template", "status",
                                  "confidence", "failing_checks", "doubtful_cells", "error_code",
                                  "corrections"}},
                     {"reports", rows}};

  HtmlPage p(std::string(title) + " — 复核 / review", kPageStyle, kIndexScript);
  xmlNodePtr header = p.add(p.body(), "header");
  p.add(header, "h1", {}, std::string(title));
  xmlNodePtr counts = p.add(header, "p", {{"class", "counts"}, {"id", "counts"}});
  p.add(counts, "strong", {{"id", "count-total"}}, std::to_string(entries.size()));
  p.text(counts, " 份报告 / reports · ");
  p.add(counts, "strong", {{"id", "count-review"}, {"class", "status-review"}},
        std::to_string(by_status["review"]));
  p.text(counts, " 需要复核 / need review · ");
  p.add(counts, "strong", {{"id", "count-error"}, {"class", "status-error"}},
        std::to_string(by_status["error"]));
  p.text(counts, " 无法读取 / could not be read · ");
  p.add(counts, "strong", {{"id", "count-ok"}}, std::to_string(by_status["ok"]));
  p.text(counts, " 无需复核 / no review needed · ");
  p.add(counts, "strong", {{"id", "count-corrected"}}, std::to_string(corrected));
  p.text(counts, " 已入库更正 / with corrections in the dataset");
  if (!by_check.empty()) {
    xmlNodePtr c = p.add(header, "p", {{"class", "counts"}, {"id", "check-counts"}}, "未通过的校验 / failing checks: ");
    for (const auto& [id, n] : by_check) {
      p.add(c, "span", {{"class", "check-count"}, {"data-check", id}}, id + " × " + std::to_string(n) + "  ");
    }
  }

  xmlNodePtr filters = p.add(p.body(), "nav", {{"class", "filters toolbar"}});
  auto select = [&](const char* id, const char* label, std::initializer_list<std::pair<const char*, const char*>> fixed) {
    xmlNodePtr l = p.add(filters, "label", {}, std::string(label) + " ");
    xmlNodePtr s = p.add(l, "select", {{"id", id}});
    p.add(s, "option", {{"value", ""}}, "全部 / all");
    for (const auto& [value, words] : fixed) p.add(s, "option", {{"value", value}}, words);
  };
  xmlNodePtr agency = p.add(filters, "label", {}, "机关 / agency ");
  p.add(agency, "input", {{"id", "filter-agency"}, {"type", "search"}});
  select("filter-year", "年度 / year", {});
  select("filter-template", "模板 / template", {});
  select("filter-status", "状态 / status",
         {{"review", "需要复核 / review"}, {"error", "无法读取 / error"}, {"ok", "无需复核 / ok"}});
  select("filter-check", "校验 / check", {});
  p.add(filters, "button", {{"id", "export-all"}, {"type", "button"}}, "导出全部更正 / export all corrections");

  xmlNodePtr table = p.add(p.body(), "table", {{"class", "index"}});
  xmlNodePtr head = p.add(table, "tr");
  for (const char* h : {"状态 / status", "机关 / agency", "年度 / year", "模板 / template",
                        "置信度 / confidence", "未通过 / failing", "存疑单元格 / cells in doubt",
                        "已入库更正 / corrections", "文件 / file"}) {
    p.add(head, "th", {}, h);
  }
  p.add(table, "tbody", {{"id", "index-rows"}});
  xmlNodePtr pager = p.add(p.body(), "div", {{"class", "pager"}});
  p.add(pager, "button", {{"id", "page-prev"}, {"type", "button"}}, "← 上一页 / previous");
  p.add(pager, "span", {{"id", "index-shown"}});
  p.add(pager, "button", {{"id", "page-next"}, {"type", "button"}}, "下一页 / next →");
  p.add_json(p.body(), "index-data", data.dump());
  return p.serialize();
}

}  // namespace xxgknb::review
