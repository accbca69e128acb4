// Stage 1, ingest (HTML): the article of a page → Document blocks, and the page's own fields.
//
// Chrome. An element is chrome — never read as report text — when any of these holds (they
// are combined in chrome_criteria/is_chrome, nowhere else):
//   chrome_tag      nav, header, footer, aside, form, button, select, iframe, object, svg;
//   chrome_name     its class or id names site furniture ("breadcrumb", "footer", "share",
//                   "nav", "menu", "qrcode", "xglj" 相关链接, …);
//   link_list       three links or more and most of its text is link text (menus, 相关链接);
//   location_bar    short, its text starts "当前位置" / "您现在的位置", and it holds nothing
//                   but that run, links and separators (breadcrumbs);
//   metadata_table  a short table naming two of 索引号, 发布机构, 成文日期, 发文字号, … (read
//                   for page fields, not as a report table).
// The tag, name and link criteria count only for an element that holds less than half of
// the page's text, so a wrapper misnamed "nav-content" cannot hide the article. Hidden
// elements (display:none, mso-hide:all), scripts and styles are never read.
//
// The article. From <body> down, while one child element holds at least kDominantShare of
// the text left after chrome, go into that child: the article is the element where the
// text stops being held by one child (the paragraphs of the report). The page's title
// (<meta name="ArticleTitle">, else <h1>, else <title>), when it names a report (报告, 年报),
// is read before the article if the article does not start with it.
//
// <br> ends a paragraph, as web editors use it between paragraphs.
//
// Tables. A data table goes through GridBuilder (colspan, rowspan) like a .docx table; a
// layout table — one that holds another table, a cell with more than kLayoutCellText
// characters, or a single cell — is read as a container of paragraphs and tables. Text:
// runs are joined as written ("20</span><span>23" → "2023"), whitespace (with "&nbsp;")
// collapses to one space and is trimmed at paragraph ends, so "<o:p> </o:p>" and "&nbsp;"
// cells are blank, never 0.
#include "ingest/html_body.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ingest/grid_builder.h"
#include "ingest/page_fields.h"
#include "util/limit_error.h"

namespace xxgknb::html {
namespace {

constexpr double kDominantShare = 0.7;
constexpr std::uint32_t kLayoutCellText = 400;     // characters in one cell of a data table
constexpr std::uint32_t kLocationBarText = 300;    // characters of a breadcrumb line
constexpr std::uint32_t kLocationBarSeparators = 20;  // its " > " between the links
constexpr std::uint32_t kMetadataTableText = 1500; // characters of a 索引号/发布机构 table
constexpr std::int32_t kMetadataTableNodes = 4000;
constexpr std::size_t kPageFieldBytes = 240;       // label and value of one page field
constexpr std::uint32_t kDeadlineEvery = 4096;

bool is_space_at(std::string_view s, std::size_t i, std::size_t* width) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
    *width = 1;
    return true;
  }
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    *width = 2;  // U+00A0, "&nbsp;"
    return true;
  }
  return false;
}

// Characters that show: code points other than whitespace and no-break spaces.
std::uint32_t visible_chars(std::string_view s) {
  std::uint32_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t w = 1;
    if (is_space_at(s, i, &w)) {
      i += w;
      continue;
    }
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
    ++i;
  }
  return n;
}

// Collapses whitespace runs to one space and trims both ends.
std::string collapsed(std::string_view s) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t w = 1;
    if (is_space_at(s, i, &w)) {
      space = true;
      i += w;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += s[i++];
  }
  return out;
}

std::string without_spaces(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t w = 1;
    if (is_space_at(s, i, &w)) {
      i += w;
      continue;
    }
    // U+3000 ideographic space: "索　引　号".
    if (s.substr(i, 3) == "\xE3\x80\x80") {
      i += 3;
      continue;
    }
    out += s[i++];
  }
  return out;
}

bool never_read(const Node& n) {
  switch (n.tag) {
    case Tag::Head: case Tag::Title: case Tag::Meta: case Tag::Script: case Tag::Style:
    case Tag::Noscript: case Tag::Template: case Tag::Textarea: case Tag::Select:
      return true;
    default:
      return n.hidden;
  }
}

bool chrome_tag(Tag t) {
  switch (t) {
    case Tag::Nav: case Tag::Header: case Tag::Footer: case Tag::Aside: case Tag::Form:
    case Tag::Button: case Tag::Iframe: case Tag::Object: case Tag::Svg:
      return true;
    default:
      return false;
  }
}

// Class and id words of site furniture, matched inside the lower-cased class and id.
constexpr std::array<std::string_view, 20> kChromeNames = {
    "breadcrumb", "crumb", "footer", "header", "share", "copyright", "qrcode", "ewm",
    "search", "login", "sidebar", "toolbar", "banner", "weather", "xglj", "related",
    "relnews", "nav", "menu", "fenxiang"};

bool chrome_name(std::string_view names) {
  if (names.empty()) return false;
  return std::any_of(kChromeNames.begin(), kChromeNames.end(),
                     [&](std::string_view w) { return names.find(w) != std::string_view::npos; });
}

constexpr std::array<std::string_view, 4> kLocationLeads = {"当前位置", "您现在的位置",
                                                            "您的位置", "当前的位置"};

// Labels of metadata tables that are not read as fields, so never taken for a value.
constexpr std::array<std::string_view, 14> kOtherLabels = {
    "名称", "标题", "分类", "主题分类", "组配分类", "体裁分类", "关键词", "主题词", "时效",
    "有效性", "文件下载", "服务对象", "公文种类", "所属机构"};
// <meta name="…"> of the site systems Chinese government sites run (TRS, 大汉): the name
// lower-cased → the field.
struct MetaName {
  std::string_view name;
  std::string_view key;
};
constexpr std::array<MetaName, 4> kMetaNames = {{
    {"articletitle", "article_title"},
    {"contentsource", "content_source"},
    {"pubdate", "published_date"},
    {"firstimgsrc_unused", ""},
}};

struct Masses {
  std::vector<std::uint32_t> text;   // visible characters in the subtree
  std::vector<std::uint32_t> link;   // of which inside <a>
  std::vector<std::uint32_t> links;  // <a> elements
};

class PageReader {
 public:
  PageReader(const Tree& tree, const Limits& limits, const Deadline& deadline, Document& doc)
      : t_(tree), limits_(limits), deadline_(deadline), doc_(doc) {}

  void measure();
  std::int32_t article() const;
  void read_fields();
  std::optional<Error> read_article(std::int32_t root);

 private:
  struct ChromeCriteria {
    bool chrome_tag = false;
    bool chrome_name = false;
    bool link_list = false;
    bool location_bar = false;
    bool metadata_table = false;
  };
  ChromeCriteria chrome_criteria(std::int32_t i, bool minor) const;
  static bool is_chrome(const ChromeCriteria& c) {
    return c.chrome_tag || c.chrome_name || c.link_list || c.location_bar || c.metadata_table;
  }
  std::string subtree_text(std::int32_t i, std::int32_t max_nodes) const;
  bool is_layout_table(std::int32_t i) const { return layout_[static_cast<std::size_t>(i)] != 0; }
  void mark_layout_tables();
  void add_field(std::string_view key, std::string value, std::string source, std::int64_t at);
  std::string title_candidate(std::string* source, std::int64_t* at) const;

  // The article walk.
  struct TableState {
    explicit TableState(std::uint64_t max_cells) : builder(max_cells) {}
    GridBuilder builder;
    int index = 0;
    bool layout = false;
    bool cell_open = false;
    bool cell_has_paragraph = false;
    std::string cell_text;
    int col_span = 1;
    int row_span = 1;
    SourceSpan cell_source;
  };
  void enter(std::int32_t i);
  void leave(std::int32_t i);
  void add_text(const Node& n);
  void end_paragraph();
  void begin_table(std::int32_t i);
  void end_table();
  // The table whose cells take text now: the innermost open one, unless it is for layout.
  TableState* data_table() {
    if (tables_.empty() || tables_.back().layout) return nullptr;
    return &tables_.back();
  }
  void fail(std::string code, std::string message) {
    if (!error_) error_ = Error{std::move(code), std::move(message), {}};
  }
  void fail_limit(std::string_view limit, std::string message) {
    if (!error_) error_ = limit_error(limit, std::move(message));
  }

  const Tree& t_;
  const Limits& limits_;
  const Deadline& deadline_;
  Document& doc_;
  Masses raw_, kept_;
  std::vector<std::int32_t> first_text_;
  std::vector<std::uint8_t> chrome_, layout_;
  std::vector<PageField> fields_;

  std::string para_;
  std::int64_t para_offset_ = -1;
  bool pending_space_ = false;
  std::vector<TableState> tables_;
  std::uint64_t paragraphs_ = 0;
  std::uint64_t document_cells_ = 0;
  std::optional<Error> error_;
};

const Node& node_at(const Tree& t, std::int32_t i) { return t.nodes[static_cast<std::size_t>(i)]; }

std::string PageReader::subtree_text(std::int32_t i, std::int32_t max_nodes) const {
  std::string out;
  const Node& n = node_at(t_, i);
  if (n.end - i > max_nodes) return out;
  for (std::int32_t k = i + 1; k < n.end; ++k) {
    const Node& c = node_at(t_, k);
    if (c.tag == Tag::Text) {
      out += t_.text(c);
      out += ' ';
    } else if (never_read(c)) {
      k = c.end - 1;
    }
  }
  return out;
}

PageReader::ChromeCriteria PageReader::chrome_criteria(std::int32_t i, bool minor) const {
  const Node& n = node_at(t_, i);
  const auto u = static_cast<std::size_t>(i);
  ChromeCriteria c;
  c.chrome_tag = minor && chrome_tag(n.tag);
  c.chrome_name = minor && chrome_name(t_.text(n));
  c.link_list = minor && raw_.links[u] >= 3 && raw_.link[u] * 2 >= raw_.text[u];
  if (raw_.text[u] < kLocationBarText && first_text_[u] >= 0) {
    // Only the breadcrumb: its lead run, links and a few separators (" > "), nothing else.
    const std::size_t first = static_cast<std::size_t>(first_text_[u]);
    const std::string lead = without_spaces(t_.text(t_.nodes[first]));
    const bool only_breadcrumb =
        raw_.text[u] - raw_.link[u] <= raw_.text[first] + kLocationBarSeparators;
    c.location_bar = only_breadcrumb &&
                     std::any_of(kLocationLeads.begin(), kLocationLeads.end(),
                                 [&](std::string_view w) { return lead.rfind(w, 0) == 0; });
  }
  if (n.tag == Tag::Table && raw_.text[u] < kMetadataTableText) {
    const std::string text = without_spaces(subtree_text(i, kMetadataTableNodes));
    int labels = 0;
    for (std::string_view w : {"索引号", "发布机构", "成文日期", "发文字号", "主题分类",
                               "公开日期", "发布日期"}) {
      if (text.find(w) != std::string::npos) ++labels;
    }
    c.metadata_table = labels >= 2;
  }
  return c;
}

void PageReader::measure() {
  const std::size_t count = t_.nodes.size();
  raw_.text.assign(count, 0);
  raw_.link.assign(count, 0);
  raw_.links.assign(count, 0);
  first_text_.assign(count, -1);
  // Children follow their parent: one pass from the end sees every subtree complete.
  for (std::size_t k = count; k-- > 1;) {
    const Node& n = t_.nodes[k];
    if (n.tag == Tag::Text) {
      raw_.text[k] = visible_chars(t_.text(n));
      if (raw_.text[k] > 0) first_text_[k] = static_cast<std::int32_t>(k);
    } else if (never_read(n)) {
      continue;
    }
    if (n.tag == Tag::A) {
      raw_.link[k] = raw_.text[k];
      raw_.links[k] += 1;
    }
    const auto p = static_cast<std::size_t>(n.parent);
    raw_.text[p] += raw_.text[k];
    raw_.link[p] += raw_.link[k];
    raw_.links[p] += raw_.links[k];
    if (first_text_[k] >= 0) first_text_[p] = first_text_[k];  // the earliest child wins
  }
  // Chrome, and the text left once it is taken out.
  const std::uint32_t page = raw_.text[0];
  chrome_.assign(count, 0);
  kept_.text.assign(count, 0);
  for (std::size_t k = count; k-- > 1;) {
    const Node& n = t_.nodes[k];
    if (n.tag == Tag::Text) {
      kept_.text[k] = raw_.text[k];
    } else {
      if (never_read(n)) continue;
      const bool minor = static_cast<std::uint64_t>(raw_.text[k]) * 2 < page;
      if (is_chrome(chrome_criteria(static_cast<std::int32_t>(k), minor))) {
        chrome_[k] = 1;
        continue;
      }
      if (n.tag == Tag::A) continue;  // link text is not article text
    }
    kept_.text[static_cast<std::size_t>(n.parent)] += kept_.text[k];
  }
  mark_layout_tables();
}

void PageReader::mark_layout_tables() {
  const std::size_t count = t_.nodes.size();
  layout_.assign(count, 0);
  std::vector<std::uint32_t> cells(count, 0);
  // The nearest table above each node, by a forward pass (parents come first).
  std::vector<std::int32_t> table_of(count, -1);
  for (std::size_t k = 1; k < count; ++k) {
    const Node& n = t_.nodes[k];
    const auto p = static_cast<std::size_t>(n.parent);
    table_of[k] = t_.nodes[p].tag == Tag::Table ? n.parent : table_of[p];
    const std::int32_t owner = table_of[k];
    if (owner < 0) continue;
    const auto o = static_cast<std::size_t>(owner);
    if (n.tag == Tag::Table) layout_[o] = 1;  // holds another table
    if (n.tag == Tag::Td || n.tag == Tag::Th) {
      ++cells[o];
      if (raw_.text[k] > kLayoutCellText) layout_[o] = 1;
    }
  }
  for (std::size_t k = 1; k < count; ++k) {
    if (t_.nodes[k].tag == Tag::Table && cells[k] == 1) layout_[k] = 1;  // a single cell
  }
}

// Whether the walk may go into an element looking for the article: not into text leaves.
bool can_hold_article(Tag t) {
  switch (t) {
    case Tag::P: case Tag::Heading1: case Tag::Heading: case Tag::Pre: case Tag::A:
    case Tag::Caption: case Tag::Dt: case Tag::Dd: case Tag::Li: case Tag::Text:
      return false;
    default:
      return true;
  }
}

std::int32_t PageReader::article() const {
  std::int32_t current = 0;
  for (std::size_t k = 1; k < t_.nodes.size(); ++k) {
    if (t_.nodes[k].tag == Tag::Body) {
      current = static_cast<std::int32_t>(k);
      break;
    }
  }
  for (;;) {
    const Node& n = node_at(t_, current);
    const std::uint32_t total = kept_.text[static_cast<std::size_t>(current)];
    std::int32_t best = -1;
    std::uint32_t best_text = 0;
    for (std::int32_t c = current + 1; c < n.end; c = node_at(t_, c).end) {
      const Node& child = node_at(t_, c);
      if (child.tag == Tag::Text || chrome_[static_cast<std::size_t>(c)] != 0) continue;
      if (!can_hold_article(child.tag)) continue;
      // A data table is part of the article, never the article.
      if (child.tag == Tag::Table && !is_layout_table(c)) continue;
      if (kept_.text[static_cast<std::size_t>(c)] > best_text) {
        best_text = kept_.text[static_cast<std::size_t>(c)];
        best = c;
      }
    }
    if (best < 0 || total == 0 || static_cast<double>(best_text) < kDominantShare * total) {
      return current;
    }
    current = best;
  }
}

void PageReader::add_field(std::string_view key, std::string value, std::string source,
                           std::int64_t at) {
  if (value.empty() || value.size() > kPageFieldBytes) return;
  // "来源：http://…": a saved page's note of where it was fetched, not the page's field.
  if (value.rfind("http://", 0) == 0 || value.rfind("https://", 0) == 0) return;
  for (const PageField& f : fields_) {
    if (f.key == key) return;  // the first one the page gives
  }
  PageField f;
  f.key = std::string(key);
  f.value = std::move(value);
  f.source = std::move(source);
  f.where.offset = at;
  fields_.push_back(std::move(f));
}

// The title as the page states it, outside the article's paragraphs.
std::string PageReader::title_candidate(std::string* source, std::int64_t* at) const {
  for (const PageField& f : fields_) {
    if (f.key == "article_title") {
      *source = f.source;
      *at = f.where.offset;
      return f.value;
    }
  }
  std::int32_t title = -1;
  for (std::size_t k = 1; k < t_.nodes.size(); ++k) {
    const Node& n = t_.nodes[k];
    if (n.tag == Tag::Heading1 && !n.hidden && raw_.text[k] > 0) {
      *source = "<h1>";
      *at = n.offset;
      return collapsed(subtree_text(static_cast<std::int32_t>(k), 1000));
    }
    if (n.tag == Tag::Title && title < 0) title = static_cast<std::int32_t>(k);
  }
  if (title < 0) return {};
  *source = "<title>";
  *at = node_at(t_, title).offset;
  std::string text = collapsed(subtree_text(title, 1000));
  // "沭阳县…年度报告-沭阳县发改局": the site's name after the title's last separator.
  for (std::string_view sep : {" - ", "-", "_", "|", "—"}) {
    const std::size_t cut = text.rfind(sep);
    if (cut != std::string::npos && cut > 0 &&
        text.substr(cut).find("报告") == std::string::npos &&
        text.substr(0, cut).find("报告") != std::string::npos) {
      text = collapsed(text.substr(0, cut));
      break;
    }
  }
  return text;
}

void PageReader::read_fields() {
  for (const MetaTag& m : t_.metas) {
    for (const MetaName& name : kMetaNames) {
      if (name.key.empty() || m.name != name.name) continue;
      add_field(name.key, collapsed(m.content), "<meta name=\"" + std::string(name.name) + "\">",
                m.offset);
    }
  }
  // Label and value: "来源：平潭综合实验区管委会办公室" in one run, or "发布机构" in one cell
  // and "沭阳县发展和改革局" in the next run of text.
  const PageFieldLabel* pending = nullptr;
  for (std::size_t k = 1; k < t_.nodes.size(); ++k) {
    const Node& n = t_.nodes[k];
    if (n.tag != Tag::Text) {
      if (never_read(n)) k = static_cast<std::size_t>(n.end) - 1;
      continue;
    }
    const std::string_view run = t_.text(n);
    if (run.size() > kPageFieldBytes || raw_.text[k] == 0) continue;
    const std::string text = collapsed(run);
    const std::string bare = without_spaces(text);
    const PageFieldLabel* label = nullptr;
    std::string value;
    for (const PageFieldLabel& f : kPageFieldLabels) {
      if (bare.rfind(f.label, 0) != 0) continue;
      std::string_view rest = std::string_view(bare).substr(f.label.size());
      if (!rest.empty() && rest.substr(0, 1) != ":" && rest.substr(0, 3) != "：") continue;
      label = &f;
      // The value as printed, after the label's colon.
      const std::size_t colon = std::min(text.find(':'), text.find("："));
      if (colon != std::string::npos) {
        value = collapsed(text.substr(colon + (text.compare(colon, 1, ":") == 0 ? 1 : 3)));
      }
      break;
    }
    if (label != nullptr) {
      if (value.empty()) {
        pending = label;
      } else {
        add_field(label->key, value, "label " + std::string(label->label), n.offset);
        pending = nullptr;
      }
      continue;
    }
    if (pending != nullptr) {
      // "文号" then an empty cell then "关键词": the next label is no value.
      const bool other_label = std::find(kOtherLabels.begin(), kOtherLabels.end(), bare) !=
                               kOtherLabels.end();
      if (!other_label) {
        add_field(pending->key, text, "label " + std::string(pending->label), n.offset);
      }
      pending = nullptr;
    }
  }
  doc_.page_fields = in_page_field_order(fields_);
}

void PageReader::end_paragraph() {
  while (!para_.empty() && (para_.back() == ' ' || para_.back() == '\n')) para_.pop_back();
  pending_space_ = false;
  if (para_.empty()) {
    para_offset_ = -1;
    return;
  }
  TableState* table = data_table();
  if (table != nullptr && table->cell_open) {
    if (table->cell_has_paragraph) table->cell_text += '\n';
    table->cell_has_paragraph = true;
    table->cell_text += para_;
  } else {
    if (++paragraphs_ > limits_.max_paragraphs) {
      fail_limit("max_paragraphs", "the page has more than " +
                                         std::to_string(limits_.max_paragraphs) + " paragraphs");
      return;
    }
    Paragraph p;
    p.text = std::move(para_);
    p.source.offset = para_offset_;
    doc_.blocks.push_back({Block::Kind::Paragraph, static_cast<int>(doc_.paragraphs.size())});
    doc_.paragraphs.push_back(std::move(p));
  }
  para_.clear();
  para_offset_ = -1;
}

void PageReader::add_text(const Node& n) {
  const std::string_view s = t_.text(n);
  for (std::size_t i = 0; i < s.size();) {
    std::size_t w = 1;
    if (is_space_at(s, i, &w)) {
      pending_space_ = true;
      i += w;
      continue;
    }
    if (para_offset_ < 0) para_offset_ = n.offset;
    if (pending_space_ && !para_.empty() && para_.back() != '\n') para_ += ' ';
    pending_space_ = false;
    para_ += s[i++];
  }
}

void PageReader::begin_table(std::int32_t i) {
  const bool in_cell = data_table() != nullptr && data_table()->cell_open;
  Table table;
  table.index = static_cast<int>(doc_.tables.size());
  table.origin = "html";
  table.source.table = table.index;
  table.source.offset = node_at(t_, i).offset;
  if (in_cell) {
    const TableState* outer = data_table();
    int nesting = 0;
    for (const TableState& s : tables_) nesting += s.layout ? 0 : 1;
    table.nesting = nesting;
    table.parent_table = outer->index;
  } else {
    doc_.blocks.push_back({Block::Kind::Table, table.index});
  }
  doc_.tables.push_back(std::move(table));
  TableState state(limits_.max_table_cells);
  state.index = static_cast<int>(doc_.tables.size()) - 1;
  tables_.push_back(std::move(state));
}

void PageReader::end_table() {
  TableState& t = tables_.back();
  Table& table = doc_.tables[static_cast<std::size_t>(t.index)];
  if (auto error = finish_table(t.builder, table, limits_, document_cells_)) {
    if (!error_) error_ = std::move(error);
    return;
  }
  tables_.pop_back();
}

bool breaks_paragraph(Tag t) {
  switch (t) {
    case Tag::P: case Tag::Div: case Tag::Section: case Tag::Article: case Tag::Main:
    case Tag::Heading1: case Tag::Heading: case Tag::Li: case Tag::List: case Tag::Dt:
    case Tag::Dd: case Tag::Blockquote: case Tag::Pre: case Tag::Center: case Tag::Hr:
    case Tag::Caption: case Tag::Address: case Tag::Header: case Tag::Footer: case Tag::Nav:
    case Tag::Aside: case Tag::Form: case Tag::Body:
      return true;
    default:
      return false;
  }
}

void PageReader::enter(std::int32_t i) {
  const Node& n = node_at(t_, i);
  TableState* table = data_table();
  switch (n.tag) {
    case Tag::Br:
      // Pages separate paragraphs with <br> ("…申请。<br>　　四、…"); in a cell the
      // paragraphs are joined with "\n" all the same.
      end_paragraph();
      return;
    case Tag::Table:
      end_paragraph();
      if (is_layout_table(i)) {
        TableState layout(0);
        layout.layout = true;
        tables_.push_back(std::move(layout));
      } else {
        begin_table(i);
      }
      return;
    case Tag::Tr:
      if (table != nullptr) {
        end_paragraph();
        table->builder.begin_row();
      } else {
        end_paragraph();
      }
      return;
    case Tag::Td: case Tag::Th:
      end_paragraph();
      if (table != nullptr && !table->cell_open) {
        table->cell_open = true;
        table->cell_has_paragraph = false;
        table->cell_text.clear();
        table->col_span = n.col_span;
        table->row_span = n.row_span;
        table->cell_source = SourceSpan{};
        table->cell_source.offset = n.offset;
      }
      return;
    default:
      if (breaks_paragraph(n.tag)) end_paragraph();
  }
}

void PageReader::leave(std::int32_t i) {
  const Node& n = node_at(t_, i);
  switch (n.tag) {
    case Tag::Table:
      end_paragraph();
      if (tables_.empty()) return;
      if (tables_.back().layout) {
        tables_.pop_back();
      } else {
        end_table();
      }
      return;
    case Tag::Td: case Tag::Th: {
      end_paragraph();
      TableState* table = data_table();
      if (table != nullptr && table->cell_open) {
        table->builder.add_cell(std::move(table->cell_text), table->col_span,
                                GridBuilder::VMerge::None, table->cell_source, table->row_span);
        table->cell_text.clear();
        table->cell_open = false;
      }
      return;
    }
    case Tag::Tr:
      end_paragraph();
      return;
    default:
      if (breaks_paragraph(n.tag)) end_paragraph();
  }
}

std::optional<Error> PageReader::read_article(std::int32_t root) {
  // The title first, when the article does not open with it.
  std::string source;
  std::int64_t at = -1;
  const std::string title = title_candidate(&source, &at);
  // Only a report's title: "…年度报告", "…年报"; not a site's name.
  const bool names_report =
      title.find("报告") != std::string::npos || title.find("年报") != std::string::npos;
  if (names_report) {
    // The article's opening text, over as many runs as the title may be split into.
    const std::string bare_title = without_spaces(title);
    std::string lead;
    const std::int32_t end_of_root = node_at(t_, root).end;
    for (std::int32_t k = root + 1, runs = 0;
         k < end_of_root && lead.size() < bare_title.size() + 64 && runs < 200; ++k) {
      const Node& n = node_at(t_, k);
      if (n.tag != Tag::Text) {
        if (never_read(n) || chrome_[static_cast<std::size_t>(k)] != 0) k = n.end - 1;
        continue;
      }
      lead += without_spaces(t_.text(n));
      ++runs;
    }
    if (lead.find(bare_title) == std::string::npos) {
      Paragraph p;
      p.text = title;
      p.source.offset = at;
      doc_.diagnostics.push_back(
          {"html_title_from_page", Diagnostic::Severity::Info,
           "the article does not open with its title; the title was taken from the page's " +
               source,
           p.source});
      doc_.blocks.push_back({Block::Kind::Paragraph, static_cast<int>(doc_.paragraphs.size())});
      doc_.paragraphs.push_back(std::move(p));
    }
  }

  std::vector<std::int32_t> open;
  const std::int32_t end = node_at(t_, root).end;
  std::uint32_t steps = 0;
  for (std::int32_t i = root + 1; i < end && !error_;) {
    if (++steps % kDeadlineEvery == 0 && deadline_.expired()) {
      fail_limit("max_milliseconds", "the time limit ran out while reading the HTML page");
      break;
    }
    while (!open.empty() && i >= node_at(t_, open.back()).end) {
      leave(open.back());
      open.pop_back();
    }
    const Node& n = node_at(t_, i);
    if (n.tag == Tag::Text) {
      add_text(n);
      ++i;
      continue;
    }
    if (never_read(n) || chrome_[static_cast<std::size_t>(i)] != 0) {
      i = n.end;
      continue;
    }
    enter(i);
    open.push_back(i);
    ++i;
  }
  while (!open.empty() && !error_) {
    leave(open.back());
    open.pop_back();
  }
  if (!error_) end_paragraph();
  while (!tables_.empty() && !error_) {
    if (tables_.back().layout) {
      tables_.pop_back();
    } else {
      end_table();
    }
  }
  return error_;
}

}  // namespace

std::optional<Error> read_page(const Tree& tree, const Limits& limits, const Deadline& deadline,
                               Document& doc) {
  PageReader reader(tree, limits, deadline, doc);
  reader.measure();
  reader.read_fields();
  const std::int32_t root = reader.article();
  return reader.read_article(root);
}

std::int32_t find_article(const Tree& tree) {
  Document scratch;
  const Limits limits;
  const Deadline deadline(limits.max_milliseconds);
  PageReader reader(tree, limits, deadline, scratch);
  reader.measure();
  return reader.article();
}

}  // namespace xxgknb::html
