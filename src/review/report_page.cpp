// Review pages: one report's page — the three tables drawn as the national template prints
// them (rows, columns, labels and groups from the template spec), every cell with its value
// and its doubt, the failing checks with both sides and whose fault they are, the review's
// reasons linked to their cells, and the section texts with the numbers W4 compared.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "review/assets.h"
#include "review/html_writer.h"
#include "review/review.h"
#include "templates/spec.h"
#include "util/utf8.h"
#include "xxgknb/decimal.h"
#include "xxgknb/options.h"

namespace xxgknb::review {
namespace {

using json = nlohmann::ordered_json;

// Kind flags say what a cell held, not a doubt (as in the dataset's exports); an old 统计表's
// amount printed "0.35" in 万元 and read exactly as 3500 yuan is no doubt either.
bool is_kind_flag(const std::string& flag) {
  return flag == "blank" || flag == "dash" || flag == "text_zero" || flag == "converted_from_wan_yuan";
}

std::string text_of(const json& j, const char* member) {
  const auto it = j.find(member);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The exact text of a JSON number ("exact" wins when given), or "" for null.
std::string number_text(const json& value, const json* exact = nullptr) {
  if (exact != nullptr && exact->is_string()) return exact->get<std::string>();
  if (value.is_number()) return value.dump();
  if (value.is_string()) return value.get<std::string>();
  return {};
}

// "lhs − rhs" exactly, or "" when either is not a number.
std::string difference(const std::string& lhs, const std::string& rhs) {
  const auto a = Decimal::parse(lhs);
  auto negated = rhs.empty() ? std::optional<Decimal>()
                             : Decimal::parse(rhs.front() == '-' ? rhs.substr(1) : "-" + rhs);
  if (!a || !negated) return {};
  const auto d = a->plus(*negated);
  return d ? d->to_string() : std::string();
}

// "表三 （三）1.属于国家秘密 · 自然人" for a canonical key, from the template spec.
struct CellName {
  std::string table;    // "表三"
  std::string row;
  std::string column;
};

std::map<std::string, CellName> cell_names() {
  std::map<std::string, CellName> out;
  for (const TemplateSpec* spec : {&template_v2021(), &template_v2019()}) {
    for (const TableSpec* table : {spec->t2, spec->t3, spec->t4}) {
      std::string caption(table->caption);
      caption = caption.substr(0, caption.find(' '));
      for (const RowSpec& row : table->rows) {
        const std::string label = *row.short_label != '\0' ? row.short_label : row.labels.front();
        for (const ColumnSpec& column : row.columns) {
          out.emplace(field_key(*table, row, column), CellName{caption, label, column.label});
        }
      }
    }
  }
  // A pre-2019 report's 统计表: "统计表 收到申请数 · 历年累计".
  for (const RowSpec& row : legacy_table().rows) {
    for (const ColumnSpec& column : row.columns) {
      out.emplace(legacy_field_key(row, column), CellName{"统计表", row.labels.front(), column.label});
    }
  }
  return out;
}

const std::map<std::string, CellName>& names() {
  static const std::map<std::string, CellName> table = cell_names();
  return table;
}

// A cell's name in its parts: table, row and (when the row has columns) column; the key alone
// for a key the template spec does not know.
std::vector<std::string> name_parts(const std::string& key) {
  const auto it = names().find(key);
  if (it == names().end()) return {key};
  if (it->second.column.empty()) return {it->second.table, it->second.row};
  return {it->second.table, it->second.row, it->second.column};
}

// The parts joined as the page's script joins them: "表三 （三）1.属于国家秘密 · 自然人".
std::string cell_name(const std::string& key) {
  const std::vector<std::string> parts = name_parts(key);
  std::string out = parts[0];
  if (parts.size() > 1) out += " " + parts[1];
  if (parts.size() > 2) out += " · " + parts[2];
  return out;
}

// What a page's cells share, written once as its JSON block "cell-data" and unpacked onto the
// cells by the page's script, so that a report of 230 cells stays small: the words of cell
// names and causes, each once, and the source text around the cells, merged where neighbours
// overlap (the cells of a .docx row share their row; the cells of a flattened table's line,
// or of one glued run, their line). Offsets and lengths count UTF-16 units, as scripts do.
class PageData {
 public:
  std::size_t word(const std::string& w) {
    const auto [it, added] = index_.emplace(w, words_.size());
    if (added) words_.push_back(w);
    return it->second;
  }

  // "i j k": the words of a list.
  std::string words(const std::vector<std::string>& list) {
    std::string out;
    for (const std::string& w : list) out += (out.empty() ? "" : " ") + std::to_string(word(w));
    return out;
  }

  // "text offset before at after": where before + at + after stands in the merged texts. It is
  // found in a text already kept, or continues the last one where that ends with its start, or
  // starts a new one.
  std::string context(const dataset::FieldContext& c) {
    const std::string window = c.before + c.at + c.after;
    std::size_t text = texts_.size(), at = std::string::npos;
    for (std::size_t i = texts_.size(); i-- > 0 && at == std::string::npos;) {
      at = texts_[i].find(window);
      if (at != std::string::npos) text = i;
    }
    if (at == std::string::npos && !texts_.empty()) {
      std::string& last = texts_.back();
      for (std::size_t k = std::min(last.size(), window.size()); k > 0; --k) {
        if (last.compare(last.size() - k, k, window, 0, k) == 0) {
          at = last.size() - k;
          last += window.substr(k);
          text = texts_.size() - 1;
          break;
        }
      }
    }
    if (at == std::string::npos) {
      texts_.push_back(window);
      text = texts_.size() - 1;
      at = 0;
    }
    return std::to_string(text) + " " + std::to_string(utf16_length(std::string_view(texts_[text]).substr(0, at))) +
           " " + std::to_string(utf16_length(c.before)) + " " + std::to_string(utf16_length(c.at)) + " " +
           std::to_string(utf16_length(c.after));
  }

  json to_json() const { return {{"words", words_}, {"texts", texts_}}; }

 private:
  std::vector<std::string> words_;
  std::map<std::string, std::size_t> index_;
  std::vector<std::string> texts_;
};

// Why a cell is in doubt, Chinese first with English beside, from its kind and flags.
struct Cause {
  const char* flag;
  const char* words;
};
constexpr Cause kCauses[] = {
    {"glued_ambiguous", "粘连数字有多种读法 / glued run with several readings"},
    {"glued_run", "从粘连数字拆分 / split from glued digits"},
    {"count_mismatch", "数值个数与列数不符 / count mismatch"},
    {"multiple_values", "一格多个数字 / several numbers in one cell"},
    {"multiple_values_in_row", "同行有一格多个数字 / a cell of the row holds several numbers"},
    {"inferred", "推断值 / inferred"},
    {"label_fuzzy", "行标签近似匹配 / label matched approximately"},
    {"total_blank", "总计为空 / total left blank"},
    {"not_a_number", "不是数字 / not a number"},
    {"unit_mismatch", "单位不符 / unit mismatch"},
    {"out_of_range", "超出合理范围 / out of range"},
    {"sign_not_allowed", "不允许符号 / sign not allowed"},
    {"decimal_not_allowed", "不允许小数 / decimal not allowed"},
    {"number_too_long", "数字过长 / number too long"},
    {"check_failed", "校验未通过 / named by a failing check"},
    // A pre-2019 report's value read from a sentence, not from its 统计表.
    {"prose", "取自正文句子 / read from a sentence of the prose"},
    {"prose_none", "正文称没有，读作 0 / the prose states none (read as 0)"},
    {"prose_approximate", "正文为约数 / the prose gives an approximate number"},
    {"prose_disagrees", "正文与统计表不符 / the prose states another value"},
    {"unit_from_template", "未印单位，按万元读 / no unit printed, read in 万元"},
};

struct CellState {
  std::string key;
  std::string value;       // exact text, "" when none
  std::string raw;
  bool has_raw = false;
  std::string kind = "missing";
  double confidence = 0;
  std::vector<std::string> flags;
  const json* source = nullptr;
  bool derived = false;
  std::string label;       // the field's label: a prose value's sentence
  std::string unit;        // the unit printed ("万元", "元"), or ""
  bool failing = false;    // named by a failing check, the report's own or a cross-report one
  bool cross_failing = false;   // named by a failing cross-report check (W1–W3, W6)
  bool low = false;        // confidence under the review threshold
  std::vector<std::string> causes;
};

struct View {
  const json& report;
  std::map<std::string, const dataset::FieldContext*> contexts;
  std::map<int, const PageSize*> pages;
  std::map<std::string, const dataset::AppliedCorrection*> corrections;
  std::map<std::string, CellState> cells;
  std::map<std::string, std::string> report_flag_messages;   // glued_ambiguous by field
  PageData data;
};

CellState read_cell(const std::string& key, const json& field, const std::set<std::string>& failing,
                    const std::set<std::string>& cross_failing) {
  CellState c;
  c.key = key;
  if (field.is_object()) {
    const auto exact = field.find("exact");
    c.value = number_text(field.value("value", json()), exact != field.end() ? &*exact : nullptr);
    if (const auto raw = field.find("raw"); raw != field.end() && raw->is_string()) {
      c.raw = raw->get<std::string>();
      c.has_raw = true;
    }
    c.kind = field.value("kind", std::string("missing"));
    c.confidence = field.value("confidence", 0.0);
    if (const auto flags = field.find("flags"); flags != field.end() && flags->is_array()) {
      for (const json& f : *flags) {
        if (f.is_string()) c.flags.push_back(f.get<std::string>());
      }
    }
    if (const auto source = field.find("source"); source != field.end() && source->is_object()) {
      c.source = &*source;
    }
    c.derived = field.value("derived", false);
    c.label = text_of(field, "label");
    c.unit = text_of(field, "unit");
  }
  c.cross_failing = cross_failing.count(key) > 0;
  c.failing = failing.count(key) > 0 || c.cross_failing;
  c.low = !c.derived && c.confidence < Options{}.review_threshold;
  if (c.kind == "missing") c.causes.push_back("未找到 / not found");
  if (c.cross_failing) c.causes.push_back("跨报告校验未通过 / named by a failing cross-report check");
  for (const Cause& cause : kCauses) {
    if (std::find(c.flags.begin(), c.flags.end(), cause.flag) != c.flags.end()) {
      c.causes.push_back(cause.words);
    }
  }
  if (c.causes.empty() && c.low) c.causes.push_back("置信度低 / low confidence");
  return c;
}

bool has_flag(const CellState& c, const char* flag) {
  return std::find(c.flags.begin(), c.flags.end(), flag) != c.flags.end();
}

bool doubtful(const CellState& c) {
  const bool doubt_flag = std::any_of(c.flags.begin(), c.flags.end(),
                                      [](const std::string& f) { return !is_kind_flag(f); });
  return c.failing || c.low || doubt_flag || c.kind == "missing";
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// What a cell shows: the value; a dash or 无 as printed; a blank cell nothing.
std::string shown(const CellState& c) {
  if (c.kind == "number") return c.value;
  if (c.kind == "dash" || c.kind == "text_zero" || c.kind == "text") return c.raw;
  return {};
}

class ReportPage {
 public:
  ReportPage(View& view, HtmlPage& page) : v_(view), p_(page) {}

  void cell(xmlNodePtr tr, const std::string& key, int colspan = 1) {
    drawn_.insert(key);
    const auto it = v_.cells.find(key);
    if (it == v_.cells.end()) {
      // A key of the drawn template the report does not have (a table it lacks).
      xmlNodePtr td = p_.add(tr, "td", {{"class", "cell absent"}});
      if (colspan > 1) p_.set(td, "colspan", std::to_string(colspan));
      return;
    }
    const CellState& c = it->second;
    std::string classes = "cell kind-" + c.kind;
    if (c.derived) classes += " derived";
    if (std::find(c.flags.begin(), c.flags.end(), "inferred") != c.flags.end()) classes += " inferred";
    if (c.low) classes += " low";
    if (c.failing) classes += " failing";
    const bool flagged = doubtful(c);
    if (flagged) classes += " flagged";
    // The key (from the id), kind (from its class), name, causes and source text are set on
    // the cell by the page's script from what the cells share (PageData).
    xmlNodePtr td = p_.add(tr, "td", {{"class", classes},
                                      {"id", "cell-" + key},
                                      {"data-n", v_.data.words(name_parts(key))},
                                      {"data-value", c.value},
                                      {"data-confidence", json(c.confidence).dump()}});
    if (colspan > 1) p_.set(td, "colspan", std::to_string(colspan));
    if (c.has_raw) p_.set(td, "data-raw", c.raw);
    if (!c.flags.empty()) p_.set(td, "data-flags", join(c.flags, " "));
    if (!c.causes.empty()) p_.set(td, "data-c", v_.data.words(c.causes));
    // The source object as the JSON has it; the script words it on hover and click.
    if (c.source != nullptr) p_.set(td, "data-source", c.source->dump());
    if (!c.unit.empty()) p_.set(td, "data-unit", c.unit);
    // A prose value: the sentence it was read from, and a mark that it is no table cell's.
    const bool prose = has_flag(c, "prose");
    if (prose) {
      p_.set(td, "data-sentence", c.label);
      classes += " prose";
      p_.set(td, "class", classes);
    }
    if (const auto ctx = v_.contexts.find(key); ctx != v_.contexts.end()) {
      p_.set(td, "data-at", ctx->second->at);
      p_.set(td, "data-x", v_.data.context(*ctx->second));
    }
    // The frame a PDF cell's box is drawn in: its page's size in points.
    if (c.source != nullptr && c.source->contains("box")) {
      const auto page = v_.pages.find(c.source->value("page", -1));
      if (page != v_.pages.end()) {
        p_.set(td, "data-page-size", json(page->second->width).dump() + " " + json(page->second->height).dump());
      }
    }
    xmlNodePtr v = p_.add(td, "span", {{"class", "v"}}, shown(c));
    if (prose) p_.add(td, "span", {{"class", "m m-prose"}, {"title", "取自正文句子 / read from a sentence of the prose"}}, "文");
    if (has_flag(c, "converted_from_wan_yuan")) {
      p_.add(td, "span", {{"class", "m m-wan"}, {"title", "由万元换算为元 / converted from 万元 to yuan: " + c.raw}}, "万元→元");
    }
    // A correction the dataset holds: the original struck through, the corrected value beside.
    if (const auto a = v_.corrections.find(key); a != v_.corrections.end()) {
      const dataset::AppliedCorrection& applied = *a->second;
      const std::string value = applied.corrected.value_or("");
      p_.set(td, "class", classes + " applied");
      p_.set(td, "data-applied-value", value);
      p_.set(td, "data-applied-extracted", applied.extracted.value_or(""));
      p_.set(td, "data-applied-note", applied.note);
      p_.set(td, "data-applied-who", applied.who);
      p_.set(td, "data-applied-when", applied.corrected_at);
      p_.set(v, "class", "v struck");
      p_.add(td, "span", {{"class", "a"}, {"title", applied.who + " · " + applied.corrected_at + " · " + applied.note}},
             applied.corrected ? value : "（空）");
    }
  }

  static std::string group_label(const TemplateSpec& spec, const std::string& group) {
    static constexpr const char* kNumerals[] = {"一", "二", "三", "四", "五", "六", "七", "八"};
    for (std::size_t i = 0; i < spec.result_groups.size() && i < std::size(kNumerals); ++i) {
      if (group == spec.result_groups[i].key) {
        return std::string("（") + kNumerals[i] + "）" + spec.result_groups[i].label;
      }
    }
    return group;
  }

  xmlNodePtr table_frame(xmlNodePtr parent, const TableSpec& table) {
    xmlNodePtr section = p_.add(parent, "section", {{"class", "table"}, {"id", std::string("table-") + table.name}});
    p_.add(section, "h3", {}, table.caption);
    return p_.add(section, "table", {{"class", "template"}});
  }

  // Table 二: a header row of column labels wherever the columns change, as printed.
  void draw_t2(xmlNodePtr parent, const TableSpec& table) {
    xmlNodePtr t = table_frame(parent, table);
    std::size_t width = 0;
    for (const RowSpec& row : table.rows) width = std::max(width, row.columns.size());
    std::string previous;
    for (const RowSpec& row : table.rows) {
      std::string columns;
      for (const ColumnSpec& c : row.columns) columns += std::string(c.key) + ",";
      if (columns != previous) {
        xmlNodePtr tr = p_.add(t, "tr", {{"class", "head"}});
        p_.add(tr, "th", {}, "信息内容");
        for (const ColumnSpec& c : row.columns) {
          // "本年收费金额（单位：万元）" names its unit already; a label that does not gets it.
          const std::string label = c.label;
          const bool unit_named = *c.unit == '\0' || label.find(c.unit) != std::string::npos;
          xmlNodePtr th = p_.add(tr, "th", {}, unit_named ? label : label + "（" + c.unit + "）");
          if (&c == &row.columns.back() && row.columns.size() < width) {
            p_.set(th, "colspan", std::to_string(width - row.columns.size() + 1));
          }
        }
        previous = columns;
      }
      xmlNodePtr tr = p_.add(t, "tr");
      p_.add(tr, "th", {{"class", "label"}}, row.labels.front());
      // A row with fewer columns than the widest: its last cell spans the rest.
      for (const ColumnSpec& c : row.columns) {
        const bool last = &c == &row.columns.back();
        cell(tr, field_key(table, row, c), last ? static_cast<int>(width - row.columns.size() + 1) : 1);
      }
    }
  }

  // Table 三: three label columns (三、本年度办理结果 | the block | the row) and the seven
  // applicant columns under 申请人情况 and 法人或其他组织.
  void draw_t3(xmlNodePtr parent, const TemplateSpec& spec, const TableSpec& table) {
    xmlNodePtr t = table_frame(parent, table);
    const std::vector<ColumnSpec>& columns = table.rows.front().columns;
    // The group of columns between 自然人 and 总计 is printed under one header.
    xmlNodePtr r1 = p_.add(t, "tr", {{"class", "head"}});
    xmlNodePtr corner = p_.add(r1, "th");
    p_.set(corner, "colspan", "3");
    p_.set(corner, "rowspan", "3");
    p_.set(p_.add(r1, "th", {}, kT3HeaderApplicants), "colspan", std::to_string(columns.size()));
    xmlNodePtr r2 = p_.add(t, "tr", {{"class", "head"}});
    p_.set(p_.add(r2, "th", {}, columns.front().label), "rowspan", "2");
    p_.set(p_.add(r2, "th", {}, kT3HeaderLegalPersons), "colspan", std::to_string(columns.size() - 2));
    p_.set(p_.add(r2, "th", {}, columns.back().label), "rowspan", "2");
    xmlNodePtr r3 = p_.add(t, "tr", {{"class", "head"}});
    for (std::size_t i = 1; i + 1 < columns.size(); ++i) p_.add(r3, "th", {}, columns[i].label);

    std::size_t results = 0;
    for (const RowSpec& row : table.rows) results += std::string_view(row.key).starts_with("results.");
    bool results_started = false;
    std::string open_group;
    for (const RowSpec& row : table.rows) {
      xmlNodePtr tr = p_.add(t, "tr");
      const bool in_results = std::string_view(row.key).starts_with("results.");
      if (in_results && !results_started) {
        xmlNodePtr th = p_.add(tr, "th", {{"class", "label group"}}, kT3ResultsLabel);
        p_.set(th, "rowspan", std::to_string(results));
        results_started = true;
      }
      const std::string group = row.group;
      const std::vector<const RowSpec*> members = rows_in_group(table, group);
      const bool grouped = in_results && !group.empty() && members.size() > 1;
      if (grouped && group != open_group) {
        xmlNodePtr th = p_.add(tr, "th", {{"class", "label group"}}, group_label(spec, group));
        p_.set(th, "rowspan", std::to_string(members.size()));
      }
      open_group = grouped ? group : "";
      xmlNodePtr label = p_.add(tr, "th", {{"class", "label"}}, row.labels.front());
      if (!grouped) p_.set(label, "colspan", in_results ? "2" : "3");
      for (const ColumnSpec& c : row.columns) cell(tr, field_key(table, row, c));
    }
  }

  // Table 四: its groups as two header rows (行政复议 | 行政诉讼: 未经复议直接起诉, 复议后起诉),
  // their columns, and the one row of values.
  void draw_t4(xmlNodePtr parent, const TableSpec& table) {
    xmlNodePtr t = table_frame(parent, table);
    struct Head {
      std::string top, sub;
      std::size_t columns;
    };
    std::vector<Head> heads;
    for (const RowSpec& row : table.rows) {
      const std::string label = *row.short_label ? row.short_label : row.labels.front();
      const std::size_t space = label.find(' ');
      heads.push_back({label.substr(0, space), space == std::string::npos ? "" : label.substr(space + 1),
                       row.columns.size()});
    }
    xmlNodePtr r1 = p_.add(t, "tr", {{"class", "head"}});
    xmlNodePtr r2 = p_.add(t, "tr", {{"class", "head"}});
    for (std::size_t i = 0; i < heads.size();) {
      std::size_t j = i, width = 0;
      while (j < heads.size() && heads[j].top == heads[i].top) width += heads[j++].columns;
      xmlNodePtr th = p_.add(r1, "th", {}, heads[i].top);
      p_.set(th, "colspan", std::to_string(width));
      if (heads[i].sub.empty()) {
        p_.set(th, "rowspan", "2");
      } else {
        for (std::size_t k = i; k < j; ++k) p_.set(p_.add(r2, "th", {}, heads[k].sub), "colspan", std::to_string(heads[k].columns));
      }
      i = j;
    }
    xmlNodePtr r3 = p_.add(t, "tr", {{"class", "head"}});
    xmlNodePtr values = p_.add(t, "tr");
    for (const RowSpec& row : table.rows) {
      for (const ColumnSpec& c : row.columns) {
        p_.add(r3, "th", {}, c.label);
        cell(values, field_key(table, row, c));
      }
    }
  }

  // A pre-2019 report's 统计表 (指标名称 | 本年度 | 历年累计), its rows from the template spec;
  // amounts are drawn in yuan, the unit they were converted to.
  void draw_legacy(xmlNodePtr parent) {
    const TableSpec& table = legacy_table();
    xmlNodePtr t = table_frame(parent, table);
    xmlNodePtr head = p_.add(t, "tr", {{"class", "head"}});
    p_.add(head, "th", {}, "指标名称");
    for (const ColumnSpec& c : table.rows.front().columns) p_.add(head, "th", {}, c.label);
    for (const RowSpec& row : table.rows) {
      xmlNodePtr tr = p_.add(t, "tr");
      const std::string label = row.labels.front();
      const bool amount = row.columns.front().rule == ValueRule::Amount;
      p_.add(tr, "th", {{"class", "label"}}, amount ? label + "（元）" : label);
      for (const ColumnSpec& c : row.columns) cell(tr, legacy_field_key(row, c));
    }
  }

  // The fields the template does not print — the subtotals of table 三's result blocks we
  // derive ("t3.results.denied.subtotal.natural_person") — one row per block, and any other
  // key a row of its own.
  void draw_undrawn(xmlNodePtr parent, const TemplateSpec& spec, const json& fields) {
    std::vector<std::string> prefixes;
    std::vector<std::string> loose;
    for (const auto& [key, field] : fields.items()) {
      if (drawn_.count(key) > 0) continue;
      const std::size_t dot = key.rfind('.');
      const std::string prefix = key.substr(0, dot);
      if (key.starts_with("t3.") && dot != std::string::npos) {
        if (std::find(prefixes.begin(), prefixes.end(), prefix) == prefixes.end()) prefixes.push_back(prefix);
      } else {
        loose.push_back(key);
      }
    }
    if (prefixes.empty() && loose.empty()) return;
    xmlNodePtr section = p_.add(parent, "section", {{"class", "table"}, {"id", "table-derived"}});
    p_.add(section, "h3", {}, "计算的小计（报告未印）/ derived subtotals (computed, not printed)");
    xmlNodePtr t = p_.add(section, "table", {{"class", "template"}});
    const std::vector<ColumnSpec>& columns = spec.t3->rows.front().columns;
    if (!prefixes.empty()) {
      xmlNodePtr head = p_.add(t, "tr", {{"class", "head"}});
      p_.add(head, "th");
      for (const ColumnSpec& c : columns) p_.add(head, "th", {}, c.label);
    }
    for (const std::string& prefix : prefixes) {
      // "t3.results.denied.subtotal" → the block "denied".
      std::string group = prefix.substr(0, prefix.rfind('.'));
      group = group.substr(group.rfind('.') + 1);
      xmlNodePtr tr = p_.add(t, "tr");
      p_.add(tr, "th", {{"class", "label"}}, group_label(spec, group) + " 小计 / subtotal");
      for (const ColumnSpec& c : columns) cell(tr, prefix + "." + c.key);
    }
    for (const std::string& key : loose) {
      xmlNodePtr tr = p_.add(t, "tr");
      p_.add(tr, "th", {{"class", "label"}}, key);
      cell(tr, key, static_cast<int>(columns.size()));
    }
  }

  View& v_;
  HtmlPage& p_;
  std::set<std::string> drawn_;

  // Header words of table 三 that are no row or column of their own.
  static constexpr const char* kT3HeaderApplicants = "申请人情况";
  static constexpr const char* kT3HeaderLegalPersons = "法人或其他组织";
  static constexpr const char* kT3ResultsLabel = "三、本年度办理结果";
};

const char* blame_words(const std::string& blame) {
  if (blame == "report") return "报告本身的算术 / the report's own arithmetic";
  if (blame == "extraction") return "读取存疑 / a doubt about our reading";
  return "无法判断 / cannot be told";
}

const char* status_words(const std::string& status) {
  if (status == "fail") return "未通过 / fail";
  if (status == "pass") return "通过 / pass";
  return "无法判断 / not assessable";
}

// A check that does not fail: one line, its message.
// A cross check's line also links the earlier report it was compared with.
void draw_check_line(HtmlPage& p, xmlNodePtr parent, const json& check, std::size_t seq,
                     const char* id_prefix = "check-") {
  const std::string status = text_of(check, "status");
  xmlNodePtr li = p.add(parent, "li", {{"class", "check-line status-" + status},
                                       {"id", id_prefix + std::to_string(seq)},
                                       {"data-check", text_of(check, "id")}});
  p.add(li, "span", {{"class", "check-id"}}, text_of(check, "id"));
  p.text(li, " " + std::string(status_words(status)) + " · " + text_of(check, "message"));
  const std::string other_href = text_of(check.value("other", json::object()), "href");
  if (!other_href.empty()) {
    p.text(li, " · ");
    p.add(li, "a", {{"href", other_href}, {"class", "other-report"}}, "对比的报告 / compared with");
  }
}

void draw_check(HtmlPage& p, xmlNodePtr parent, const json& check, std::size_t seq,
                const char* id_prefix = "check-") {
  const std::string id = text_of(check, "id");
  const std::string status = text_of(check, "status");
  xmlNodePtr div = p.add(parent, "div", {{"class", "check status-" + status},
                                         {"id", id_prefix + std::to_string(seq)},
                                         {"data-check", id}});
  xmlNodePtr h = p.add(div, "h4");
  p.add(h, "span", {{"class", "check-id"}}, id);
  p.text(h, " " + text_of(check, "column") + " · " + status_words(status) + " · " +
                text_of(check, "severity"));
  p.add(div, "p", {{"class", "message"}}, text_of(check, "message"));
  xmlNodePtr dl = p.add(div, "dl");
  const std::string lhs = number_text(check.value("lhs", json()));
  const std::string rhs = number_text(check.value("rhs", json()));
  auto item = [&](const char* term, const std::string& value, const char* cls) {
    p.add(dl, "dt", {}, term);
    p.add(dl, "dd", {{"class", cls}}, value.empty() ? "—" : value);
  };
  item("左边 / left side", lhs, "lhs");
  item("右边 / right side", rhs, "rhs");
  item("差 / difference", difference(lhs, rhs), "diff");
  item("表达式 / expression", text_of(check, "expr"), "expr");
  item("责任 / whose fault", status == "fail" ? blame_words(text_of(check, "blame")) : "", "blame");
  // A cross-report check: the earlier report it was paired with, and how.
  const json other = check.value("other", json::object());
  const std::int64_t other_id = other.value("id", std::int64_t{-1});
  const std::string other_href = text_of(other, "href");
  if (check.contains("other")) {
    p.add(dl, "dt", {}, "对比的报告 / compared with");
    xmlNodePtr dd = p.add(dl, "dd", {{"class", "paired"}});
    const std::string year = other.contains("year") && other["year"].is_number() ? other["year"].dump() : "?";
    const std::string words = other_href.empty()
                                  ? "报告 " + std::to_string(other_id) + "（不在数据集中 / not in the dataset）"
                                  : text_of(other, "agency") + " " + year + " · " + text_of(other, "path");
    if (other_href.empty()) {
      p.text(dd, words);
    } else {
      p.add(dd, "a", {{"href", other_href}, {"class", "other-report"}}, words);
    }
    const json confidence = check.value("pairing_confidence", json());
    p.text(dd, " · 配对 / pairing: " + text_of(check, "pairing") +
                   (confidence.is_number() ? " (" + confidence.dump() + ")" : std::string()));
  }
  p.add(dl, "dt", {}, "字段 / fields");
  xmlNodePtr dd = p.add(dl, "dd", {{"class", "fields"}});
  if (const auto fields = check.find("fields"); fields != check.end() && fields->is_array()) {
    for (const json& f : *fields) {
      // A report's own check names its keys; a cross check {"document_id", "key"}, of this
      // report or of the earlier one.
      const bool named = f.is_object() && f.contains("key") && f["key"].is_string();
      if (!f.is_string() && !named) continue;
      const std::string key = named ? f["key"].get<std::string>() : f.get<std::string>();
      if (named && f.value("document_id", std::int64_t{0}) == other_id) {
        const std::string words = cell_name(key) + "（对比的报告 / the earlier report）";
        if (other_href.empty()) {
          p.add(dd, "span", {{"class", "other-field"}}, words);
        } else {
          p.add(dd, "a", {{"href", other_href + "#cell-" + key}, {"class", "other-field"}}, words);
        }
        continue;
      }
      p.add(dd, "a", {{"href", "#cell-" + key}, {"class", "field-link"}}, cell_name(key));
    }
  }
}

// The cross-report checks stored on the report (W1–W3, W6), beside its own: the failing ones
// in full, with the earlier report they were paired with; the others one line each (about
// 1.2 KB a check in full, and a report may be paired with several).
void draw_cross_checks(HtmlPage& p, xmlNodePtr panel, const json& cross) {
  xmlNodePtr section = p.add(panel, "section", {{"id", "cross-checks"}});
  p.add(section, "h3", {}, "跨报告校验 / cross-report checks (W1–W3, W6)");
  if (cross.empty()) {
    p.add(section, "p", {{"class", "none"}}, "没有与其他报告配对 / paired with no other report");
    return;
  }
  std::size_t seq = 0;
  for (const json& check : cross) {
    if (text_of(check, "status") == "fail") draw_check(p, section, check, seq, "cross-check-");
    ++seq;
  }
  xmlNodePtr others = p.add(section, "details");
  p.add(others, "summary", {}, "其他跨报告校验（通过或无法判断）/ the other cross-report checks (passed or not assessable)");
  xmlNodePtr lines = p.add(others, "ul", {{"class", "check-lines"}});
  seq = 0;
  for (const json& check : cross) {
    if (text_of(check, "status") != "fail") draw_check_line(p, lines, check, seq, "cross-check-");
    ++seq;
  }
}

// The corrections the dataset holds for the report, one line each: the cell, the original
// and the corrected value, who, when and why.
void draw_applied(HtmlPage& p, const std::vector<dataset::AppliedCorrection>& corrections) {
  xmlNodePtr section = p.add(p.body(), "section", {{"id", "applied"}});
  p.add(section, "h2", {}, "已入库的更正 / corrections in the dataset");
  xmlNodePtr ul = p.add(section, "ul", {{"class", "applied"}});
  for (const dataset::AppliedCorrection& c : corrections) {
    xmlNodePtr li = p.add(ul, "li");
    p.add(li, "a", {{"href", "#cell-" + c.key}, {"class", "field-link"}}, cell_name(c.key));
    p.text(li, "：");
    p.add(li, "span", {{"class", "struck"}}, c.extracted.value_or("（空）"));
    p.text(li, " → ");
    p.add(li, "span", {{"class", "a"}}, c.corrected.value_or("（空）"));
    p.text(li, " · " + c.who + " · " + c.corrected_at + " · ");
    p.add(li, "span", {{"class", "note"}}, c.note);
  }
}

// The checks run again on the corrected values, beside the extracted ones: each with its
// outcome before and after, the failing ones in full.
// A check is told from the others by its id, its column and, for a cross check, the report
// it was compared with.
std::string check_identity(const json& check) {
  const json other = check.value("other", json::object());
  return text_of(check, "id") + "\n" + text_of(check, "column") + "\n" + other.value("id", json()).dump();
}

void draw_corrected_checks(HtmlPage& p, const json& extracted, const json& corrected, const char* id,
                           const char* heading, const char* id_prefix) {
  xmlNodePtr section = p.add(p.body(), "section", {{"id", id}});
  p.add(section, "h2", {}, heading);
  std::map<std::string, std::string> before;
  for (const json& check : extracted) before[check_identity(check)] = text_of(check, "status");
  xmlNodePtr table = p.add(section, "table", {{"class", "index changed-checks"}});
  xmlNodePtr head = p.add(table, "tr");
  for (const char* h : {"校验 / check", "列 / column", "更正前 / extracted", "更正后 / corrected"}) p.add(head, "th", {}, h);
  std::size_t changed = 0;
  for (const json& check : corrected) {
    const std::string status = text_of(check, "status");
    const auto was = before.find(check_identity(check));
    const std::string old_status = was == before.end() ? std::string() : was->second;
    if (old_status == status) continue;
    ++changed;
    xmlNodePtr tr = p.add(table, "tr", {{"class", "changed"}, {"data-check", text_of(check, "id")}});
    p.add(tr, "td", {}, text_of(check, "id"));
    p.add(tr, "td", {}, text_of(check, "column"));
    p.add(tr, "td", {{"class", "status-" + old_status}}, old_status.empty() ? "—" : status_words(old_status));
    p.add(tr, "td", {{"class", "status-" + status}}, status_words(status));
  }
  if (changed == 0) p.add(section, "p", {{"class", "none"}}, "更正没有改变任何校验结果 / no check changed");
  std::size_t seq = 0;
  for (const json& check : corrected) {
    if (text_of(check, "status") == "fail") draw_check(p, section, check, seq, id_prefix);
    ++seq;
  }
}

// Section 一 with every number W4 compared marked by its check's outcome.
void draw_section_text(HtmlPage& p, xmlNodePtr parent, const std::string& text,
                       const std::map<std::string, std::string>& w4) {
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    xmlNodePtr para = p.add(parent, "p");
    std::size_t plain = 0;
    for (std::size_t i = 0; i < line.size();) {
      if (line[i] < '0' || line[i] > '9') {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < line.size() && ((line[j] >= '0' && line[j] <= '9') || line[j] == '.')) ++j;
      const auto hit = w4.find(line.substr(i, j - i));
      if (hit != w4.end()) {
        p.text(para, line.substr(plain, i - plain));
        p.add(para, "mark", {{"class", "w4 status-" + hit->second}, {"title", "W4: " + hit->second}},
              line.substr(i, j - i));
        plain = j;
      }
      i = j;
    }
    p.text(para, line.substr(plain));
    start = end + 1;
  }
}

const TableSpec* table_for(const json& fields, const TableSpec* v2021, const TableSpec* v2019) {
  const std::string prefix2021 = std::string(v2021->name) + ".";
  const std::string prefix2019 = std::string(v2019->name) + ".";
  for (const auto& [key, value] : fields.items()) {
    if (key.starts_with(prefix2019) && prefix2019 != prefix2021) return v2019;
  }
  return v2021;
}

void draw_error(HtmlPage& p, const json& report) {
  xmlNodePtr main = p.add(p.body(), "main", {{"class", "error-page"}});
  const json& error = report["error"];
  p.add(main, "h1", {}, "无法读取 / could not be read");
  p.add(main, "p", {{"class", "error-code"}}, text_of(error, "code"));
  p.add(main, "p", {{"class", "error-message"}}, text_of(error, "message"));
  if (report.contains("source")) p.add(main, "p", {}, text_of(report["source"], "path"));
}

// The keys of this report that failing cross-report checks name: their fields are
// {"document_id", "key"}, of this report or of the earlier one it was compared with.
std::set<std::string> cross_failing_keys(const json& cross) {
  std::set<std::string> out;
  for (const json& check : cross) {
    if (text_of(check, "status") != "fail" || !check.contains("fields") || !check["fields"].is_array()) continue;
    const json other = check.value("other", json::object());
    const std::int64_t other_id = other.value("id", std::int64_t{-1});
    for (const json& f : check["fields"]) {
      if (f.is_object() && f.contains("key") && f["key"].is_string() &&
          f.value("document_id", std::int64_t{0}) != other_id) {
        out.insert(f["key"].get<std::string>());
      }
    }
  }
  return out;
}

Page finished(HtmlPage& p) {
  std::string html = p.serialize();
  if (html.empty()) return {{}, "out of memory writing the page"};
  return {std::move(html), {}};
}

}  // namespace

Page report_page(std::string_view report_json, const PageExtras* extras, const PageOptions& options) {
  const json report = json::parse(report_json, nullptr, false);
  if (!report.is_object()) return {{}, "not a JSON object"};
  const json& source = report.contains("source") ? report["source"] : json::object();
  const json& meta = report.contains("meta") && report["meta"].is_object() ? report["meta"] : json::object();
  const std::string title = text_of(meta, "title").empty() ? text_of(source, "path") : text_of(meta, "title");
  HtmlPage p(title + " — 复核 / review", kPageStyle, kReportScript);
  const json identity = {{"sha256", source.is_object() ? source.value("sha256", json()) : json()},
                         {"path", text_of(source, "path")},
                         {"title", title}};
  p.add_json(p.body(), "report-identity", identity.dump());
  if (report.contains("error")) {
    draw_error(p, report);
    return finished(p);
  }
  if (!report.contains("fields") || !report["fields"].is_object()) return {{}, "the report has no fields object"};

  View view{report, {}, {}, {}, {}, {}, {}};
  if (extras != nullptr) {
    for (const dataset::FieldContext& c : extras->source.contexts) view.contexts.emplace(c.key, &c);
    for (const PageSize& page : extras->source.pages) view.pages.emplace(page.number, &page);
    for (const dataset::AppliedCorrection& c : extras->corrections) view.corrections.emplace(c.key, &c);
  }
  std::set<std::string> failing;
  const json& checks = report.contains("checks") && report["checks"].is_array() ? report["checks"] : json::array();
  std::map<std::string, std::string> w4;
  for (const json& check : checks) {
    const std::string status = text_of(check, "status");
    if (status == "fail" && check.contains("fields") && check["fields"].is_array()) {
      for (const json& f : check["fields"]) {
        if (f.is_string()) failing.insert(f.get<std::string>());
      }
    }
    if (text_of(check, "id") == "W4") {
      const std::string stated = number_text(check.value("lhs", json()));
      if (!stated.empty()) {
        auto& outcome = w4[stated];
        if (outcome != "fail") outcome = status;
      }
    }
  }
  // A dataset page: the cross-report checks stored on the report, and (once corrections are
  // applied) the same run again on the corrected values. The cells of this report that a
  // failing one names are marked as a failing check's are.
  json cross = json::array();
  json corrected_cross = json::array();
  if (extras != nullptr && !extras->cross_checks.empty()) {
    cross = json::parse(extras->cross_checks, nullptr, false);
    if (!cross.is_array()) return {{}, "the cross-report checks are no JSON array"};
  }
  if (extras != nullptr && !extras->corrected_cross_checks.empty()) {
    corrected_cross = json::parse(extras->corrected_cross_checks, nullptr, false);
    if (!corrected_cross.is_array()) return {{}, "the cross-report checks on the corrected values are no JSON array"};
  }
  const std::set<std::string> cross_failing = cross_failing_keys(cross);
  for (const auto& [key, field] : report["fields"].items()) {
    view.cells.emplace(key, read_cell(key, field, failing, cross_failing));
  }
  const json& review = report.contains("review") && report["review"].is_object() ? report["review"] : json::object();
  const bool needs_review = review.value("needs_review", false);

  xmlNodePtr header = p.add(p.body(), "header");
  if (!options.index_href.empty()) {
    p.add(header, "a", {{"href", options.index_href}, {"class", "back"}}, "← 全部报告 / all reports");
  }
  p.add(header, "h1", {}, title);
  xmlNodePtr facts = p.add(header, "p", {{"class", "facts"}});
  p.add(facts, "span", {{"class", needs_review ? "badge review" : "badge ok"}},
        needs_review ? "需要复核 / needs review" : "无需复核 / no review needed");
  std::string year = meta.contains("year") && meta["year"].is_number() ? meta["year"].dump() : "?";
  p.text(facts, " " + text_of(meta, "agency") + " · " + year + " · " + text_of(meta, "template") +
                    " · " + text_of(source, "format") + " · " + text_of(source, "path"));
  std::size_t doubtful_count = 0;
  for (const auto& [key, c] : view.cells) doubtful_count += doubtful(c);
  std::size_t failed = 0;
  for (const json& check : checks) failed += text_of(check, "status") == "fail";
  std::size_t cross_failed = 0;
  for (const json& check : cross) cross_failed += text_of(check, "status") == "fail";
  p.add(header, "p", {{"class", "counts"}},
        std::to_string(view.cells.size()) + " 个字段 / fields · " + std::to_string(doubtful_count) +
            " 个存疑 / in doubt · " + std::to_string(failed) + " 项校验未通过 / checks failing" +
            (extras != nullptr && !extras->cross_checks.empty()
                 ? " · " + std::to_string(cross_failed) + " 项跨报告校验未通过 / cross-report checks failing"
                 : std::string()));

  xmlNodePtr toolbar = p.add(p.body(), "nav", {{"class", "toolbar"}});
  xmlNodePtr who = p.add(toolbar, "label", {}, "复核人 / reviewer ");
  p.add(who, "input", {{"id", "reviewer"}, {"type", "text"}, {"autocomplete", "name"}});
  p.add(toolbar, "button", {{"id", "export"}, {"type", "button"}}, "导出更正 / export corrections");
  p.add(toolbar, "span", {{"id", "correction-count"}}, "");
  p.add(toolbar, "span", {{"class", "keys"}},
        "n / j: 下一个存疑单元格 next flagged cell · p / k: 上一个 previous · Enter: 更正 edit");

  xmlNodePtr reasons = p.add(p.body(), "section", {{"id", "reasons"}});
  p.add(reasons, "h2", {}, "复核原因 / review reasons");
  xmlNodePtr list = p.add(reasons, "ul", {{"class", "reasons"}});
  if (doubtful_count == 0) p.add(reasons, "p", {{"class", "none"}}, "没有存疑的单元格 / no cell in doubt");
  // One item per row and cause: the cells of one table row in doubt for the same causes (a
  // glued run's cells, say) are listed together, each linked, the row named once.
  struct Item {
    std::vector<std::string> keys;
    std::string row, causes, candidates;
  };
  std::vector<Item> items;
  for (const auto& [key, field] : report["fields"].items()) {
    const CellState& c = view.cells.at(key);
    if (!doubtful(c)) continue;
    std::string candidates;
    if (std::find(c.flags.begin(), c.flags.end(), "glued_ambiguous") != c.flags.end()) {
      for (const json& flag : report.value("flags", json::array())) {
        // The report flag names the run's first cell; every cell of the run's row shows it.
        const std::string named = text_of(flag, "field");
        const bool same_row = named.substr(0, named.rfind('.')) == key.substr(0, key.rfind('.'));
        if (text_of(flag, "code") == "glued_ambiguous" && same_row) {
          candidates = text_of(flag, "message");
          break;
        }
      }
    }
    // A row's cells are grouped only where the name has a column to tell them by.
    const std::vector<std::string> parts = name_parts(key);
    const std::string row = parts.size() == 3 ? parts[0] + "\n" + parts[1] + "\n" + key.substr(0, key.rfind('.'))
                                              : std::string();
    const std::string causes = join(c.causes, "；");
    if (!row.empty() && !items.empty() && items.back().row == row && items.back().causes == causes &&
        items.back().candidates == candidates) {
      items.back().keys.push_back(key);
    } else {
      items.push_back({{key}, row, causes, candidates});
    }
  }
  for (const Item& item : items) {
    xmlNodePtr li = p.add(list, "li");
    for (const std::string& key : item.keys) {
      if (&key != &item.keys.front()) p.text(li, "、");
      p.add(li, "a", {{"href", "#cell-" + key}, {"class", "field-link"}},
            &key == &item.keys.front() ? cell_name(key) : name_parts(key)[2]);
    }
    p.text(li, "：" + item.causes);
    if (!item.candidates.empty()) {
      p.add(li, "div", {{"class", "candidates"}}, "候选读法 / candidates: " + item.candidates);
    }
  }
  if (review.contains("reasons") && review["reasons"].is_array() && !review["reasons"].empty()) {
    xmlNodePtr details = p.add(reasons, "details");
    p.add(details, "summary", {}, "报告的复核原因原文 / the report's reasons as written");
    xmlNodePtr ul = p.add(details, "ul");
    for (const json& r : review["reasons"]) {
      if (r.is_string()) p.add(ul, "li", {}, r.get<std::string>());
    }
  }

  xmlNodePtr panel = p.add(p.body(), "section", {{"id", "checks"}});
  p.add(panel, "h2", {}, "未通过的校验 / failing checks");
  std::size_t seq = 0;
  for (const json& check : checks) {
    if (text_of(check, "status") == "fail") draw_check(p, panel, check, seq);
    ++seq;
  }
  if (failed == 0) p.add(panel, "p", {{"class", "none"}}, "没有未通过的校验 / no check fails");
  xmlNodePtr others = p.add(panel, "details");
  p.add(others, "summary", {}, "其他校验（通过或无法判断）/ the other checks (passed or not assessable)");
  xmlNodePtr lines = p.add(others, "ul", {{"class", "check-lines"}});
  seq = 0;
  for (const json& check : checks) {
    if (text_of(check, "status") != "fail") draw_check_line(p, lines, check, seq);
    ++seq;
  }

  if (extras != nullptr && !extras->cross_checks.empty()) draw_cross_checks(p, panel, cross);

  if (extras != nullptr && !extras->corrections.empty()) draw_applied(p, extras->corrections);
  if (extras != nullptr && !extras->corrected_checks.empty()) {
    const json corrected = json::parse(extras->corrected_checks, nullptr, false);
    if (!corrected.is_array()) return {{}, "the checks on the corrected values are no JSON array"};
    draw_corrected_checks(p, checks, corrected, "corrected-checks", "更正后的校验 / the checks on the corrected values",
                          "corrected-check-");
  }
  if (!corrected_cross.empty()) {
    draw_corrected_checks(p, cross, corrected_cross, "corrected-cross-checks",
                          "更正后的跨报告校验 / the cross-report checks on the corrected values",
                          "corrected-cross-check-");
  }

  xmlNodePtr tables = p.add(p.body(), "section", {{"id", "tables"}});
  p.add(tables, "h2", {}, "统计表 / the tables");
  xmlNodePtr legend = p.add(tables, "p", {{"class", "legend"}});
  for (const auto& [cls, words] : std::initializer_list<std::pair<const char*, const char*>>{
           {"kind-blank", "空白 / blank"}, {"kind-dash", "横线 / dash"}, {"kind-text_zero", "无 / none (0)"},
           {"inferred", "推断 / inferred"}, {"derived", "计算 / derived"}, {"low", "置信度低 / low confidence"},
           {"failing", "校验未通过 / failing check"}, {"kind-missing", "未找到 / not found"},
           {"corrected", "已更正 / corrected"}, {"applied", "已入库更正 / corrected in the dataset"},
           {"prose", "文：取自正文 / from the prose"}, {"wan", "万元→元：由万元换算 / converted from 万元"}}) {
    p.add(legend, "span", {{"class", std::string("cell sample ") + cls}}, words);
  }
  const std::string version = text_of(meta, "template");
  const TemplateSpec& spec = version == "v2019" ? template_v2019() : template_v2021();
  ReportPage drawer(view, p);
  // A pre-2019 report has its one old 统计表 and no national tables; a mixed one both.
  bool legacy = version == "legacy";
  for (const auto& [key, field] : report["fields"].items()) legacy = legacy || is_legacy_key(key);
  if (legacy) drawer.draw_legacy(tables);
  if (version != "legacy") {
    drawer.draw_t2(tables, *table_for(report["fields"], template_v2021().t2, template_v2019().t2));
    drawer.draw_t3(tables, spec, *spec.t3);
    drawer.draw_t4(tables, *spec.t4);
  }
  drawer.draw_undrawn(tables, spec, report["fields"]);

  xmlNodePtr texts = p.add(p.body(), "section", {{"id", "sections"}});
  p.add(texts, "h2", {}, "正文 / the sections");
  for (const json& s : report.value("sections", json::array())) {
    xmlNodePtr div = p.add(texts, "div", {{"class", "section"}, {"id", "section-" + text_of(s, "key")}});
    p.add(div, "h3", {}, text_of(s, "heading"));
    draw_section_text(p, div, text_of(s, "text"), text_of(s, "key") == "s1_overview" ? w4 : std::map<std::string, std::string>{});
  }

  xmlNodePtr aside = p.add(p.body(), "aside", {{"id", "detail"}, {"hidden", "hidden"}});
  p.add(aside, "button", {{"type", "button"}, {"id", "detail-close"}}, "×");
  p.add(aside, "h3", {{"id", "detail-name"}});
  p.add(aside, "dl", {{"id", "detail-facts"}});
  p.add(aside, "p", {{"id", "detail-context"}, {"class", "context"}});
  p.add(aside, "div", {{"id", "detail-page"}, {"class", "page-frame"}, {"hidden", "hidden"}});
  xmlNodePtr form = p.add(aside, "div", {{"class", "correction"}});
  xmlNodePtr l1 = p.add(form, "label", {}, "更正值 / corrected value ");
  p.add(l1, "input", {{"id", "corrected-value"}, {"type", "text"}, {"inputmode", "decimal"}});
  xmlNodePtr l2 = p.add(form, "label", {}, "说明 / note ");
  p.add(l2, "textarea", {{"id", "corrected-note"}, {"rows", "3"}});
  p.add(form, "p", {{"id", "correction-error"}, {"class", "error"}});
  p.add(form, "button", {{"type", "button"}, {"id", "correction-save"}}, "保存 / save");
  p.add(form, "button", {{"type", "button"}, {"id", "correction-remove"}}, "撤销更正 / remove correction");
  p.add_json(p.body(), "cell-data", view.data.to_json().dump());
  return finished(p);
}

}  // namespace xxgknb::review
