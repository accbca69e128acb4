// Stage 1, ingest (HTML): the page → a flat tree, through libxml2's HTML parser in SAX mode.
// libxml2 repairs markup as HTML 4 browsers did (implied end tags, stray cells); we keep one
// Node per element and per text run in document order and an explicit stack of open
// elements, so neither building nor freeing recurses over the depth the page controls.
//
// Read: element names and the attributes the readers use (class, id, style, hidden,
// colspan, rowspan; name/http-equiv/content/charset of <meta>); text with entities resolved
// ("&nbsp;" is U+00A0). Not read: comments, so Word's conditional comments
// ("<!--[if gte mso 9]>…<![endif]-->") vanish; script and style bodies; processing
// instructions. Word's downlevel-revealed markers ("<![if !supportLists]>", "<![endif]>"),
// which libxml2 passes on as text, are cut from the text.
#include "ingest/html_tree.h"

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <memory>
#include <utility>

#include "util/limit_error.h"

namespace xxgknb::html {
namespace {

constexpr std::uint32_t kDeadlineEvery = 4096;  // elements between clock reads

struct TagName {
  std::string_view name;
  Tag tag;
};

// Sorted by name for binary search; names as libxml2 reports them (lower case).
constexpr std::array<TagName, 53> kTags = {{
    {"a", Tag::A},           {"address", Tag::Address}, {"article", Tag::Article},
    {"aside", Tag::Aside},   {"blockquote", Tag::Blockquote}, {"body", Tag::Body},
    {"br", Tag::Br},         {"button", Tag::Button},   {"caption", Tag::Caption},
    {"center", Tag::Center}, {"dd", Tag::Dd},           {"dir", Tag::List},
    {"div", Tag::Div},       {"dl", Tag::List},         {"dt", Tag::Dt},
    {"footer", Tag::Footer}, {"form", Tag::Form},       {"h1", Tag::Heading1},
    {"h2", Tag::Heading},    {"h3", Tag::Heading},      {"h4", Tag::Heading},
    {"h5", Tag::Heading},    {"h6", Tag::Heading},      {"head", Tag::Head},
    {"header", Tag::Header}, {"hr", Tag::Hr},           {"html", Tag::Html},
    {"iframe", Tag::Iframe}, {"li", Tag::Li},           {"main", Tag::Main},
    {"menu", Tag::List},     {"meta", Tag::Meta},       {"nav", Tag::Nav},
    {"noscript", Tag::Noscript}, {"object", Tag::Object}, {"ol", Tag::List},
    {"p", Tag::P},           {"pre", Tag::Pre},         {"script", Tag::Script},
    {"section", Tag::Section}, {"select", Tag::Select}, {"style", Tag::Style},
    {"svg", Tag::Svg},       {"table", Tag::Table},     {"tbody", Tag::RowGroup},
    {"td", Tag::Td},         {"template", Tag::Template}, {"textarea", Tag::Textarea},
    {"tfoot", Tag::RowGroup}, {"th", Tag::Th},          {"thead", Tag::RowGroup},
    {"title", Tag::Title},   {"tr", Tag::Tr},
}};

Tag tag_of(std::string_view name) {
  const auto it = std::lower_bound(kTags.begin(), kTags.end(), name,
                                   [](const TagName& t, std::string_view n) { return t.name < n; });
  if (it != kTags.end() && it->name == name) return it->tag;
  return Tag::Other;  // "o:p", "span", "font", "ucapcontent", …
}

// Elements whose text is never report text.
bool skips_text(Tag t) {
  return t == Tag::Script || t == Tag::Style || t == Tag::Template || t == Tag::Textarea;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// "colspan=3" → 3; absent, unreadable or < 1 → 1. Large values pass through: GridBuilder
// refuses grids past Limits::max_table_cells.
std::int32_t span_value(const char* v) {
  if (v == nullptr) return 1;
  while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r') ++v;
  std::int64_t n = 0;
  bool digits = false;
  for (; *v >= '0' && *v <= '9'; ++v) {
    digits = true;
    n = std::min<std::int64_t>(n * 10 + (*v - '0'), std::numeric_limits<std::int32_t>::max());
  }
  return digits && n >= 1 ? static_cast<std::int32_t>(n) : 1;
}

// style="DISPLAY: none" or "mso-hide:all": not shown, so not read.
bool hidden_style(std::string_view style) {
  std::string compact;
  compact.reserve(std::min<std::size_t>(style.size(), 4096));
  for (char c : style.substr(0, 4096)) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    compact.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return compact.find("display:none") != std::string::npos ||
         compact.find("mso-hide:all") != std::string::npos;
}

class Builder {
 public:
  Builder(std::string_view html, const Limits& limits, const Deadline& deadline, Tree& tree)
      : html_(html), limits_(limits), deadline_(deadline), tree_(tree) {}

  void start(htmlParserCtxtPtr ctxt, const char* name, const char** atts);
  void finish_element();
  void characters(htmlParserCtxtPtr ctxt, const char* text, int size);
  void close_all() {
    while (open_.size() > 1) finish_element();
    if (!open_.empty()) finish_element();
  }
  void open_root() {
    tree_.nodes.push_back(Node{Tag::Html, false, -1, 0, 0, 0, 0, 1, 1});
    open_.push_back(0);
  }
  std::optional<Error> error;

 private:
  bool add_node(htmlParserCtxtPtr ctxt) {
    if (tree_.nodes.size() >= limits_.max_html_nodes) {
      stop(ctxt, "max_html_nodes",
           "the page has more than " + std::to_string(limits_.max_html_nodes) +
               " elements and text runs (max_html_nodes)");
      return false;
    }
    return true;
  }
  // `limit` names the Limits member the page went past (limit_error gives its code).
  void stop(htmlParserCtxtPtr ctxt, std::string_view limit, std::string message) {
    if (!error) error = limit_error(limit, std::move(message));
    xmlStopParser(ctxt);
  }

  std::string_view html_;
  const Limits& limits_;
  const Deadline& deadline_;
  Tree& tree_;
  std::vector<std::int32_t> open_;  // the open elements, root first
  int skipping_ = 0;                // open elements whose text is not read
  std::uint32_t started_ = 0;
};

void Builder::start(htmlParserCtxtPtr ctxt, const char* name, const char** atts) {
  if (error) return;
  if (++started_ % kDeadlineEvery == 0 && deadline_.expired()) {
    stop(ctxt, "max_milliseconds", "the time limit ran out while parsing the HTML page");
    return;
  }
  const std::string_view element(name != nullptr ? name : "");
  const Tag tag = tag_of(element);
  // Our root stands for html; libxml2 reports no second <html>, and none is kept.
  if (tag == Tag::Html) return;
  if (open_.size() >= limits_.max_xml_depth) {
    stop(ctxt, "max_xml_depth",
         "the page nests elements more than " + std::to_string(limits_.max_xml_depth) +
             " levels deep (near byte " + std::to_string(xmlByteConsumed(ctxt)) +
             "); such a page is not read");
    return;
  }
  if (!add_node(ctxt)) return;
  Node node;
  node.tag = tag;
  node.parent = open_.back();
  // The parser reports the start tag's closing ">" as not yet consumed: step past it.
  node.offset = xmlByteConsumed(ctxt);
  if (node.offset >= 0 && static_cast<std::size_t>(node.offset) < html_.size() &&
      html_[static_cast<std::size_t>(node.offset)] == '>') {
    ++node.offset;
  }
  MetaTag meta;
  std::string names;
  for (const char** a = atts; a != nullptr && a[0] != nullptr; a += 2) {
    const std::string_view attr(a[0]);
    const char* value = a[1];
    if (attr == "class" || attr == "id") {
      if (value != nullptr) {
        if (!names.empty()) names += ' ';
        names += lower(value);
      }
    } else if (attr == "style") {
      if (value != nullptr && hidden_style(value)) node.hidden = true;
    } else if (attr == "hidden") {
      node.hidden = true;
    } else if (attr == "colspan") {
      node.col_span = span_value(value);
    } else if (attr == "rowspan") {
      node.row_span = span_value(value);
    } else if (tag == Tag::Meta && value != nullptr) {
      if (attr == "name" || attr == "property") meta.name = lower(value);
      if (attr == "http-equiv") meta.http_equiv = lower(value);
      if (attr == "content") meta.content = value;
      if (attr == "charset") meta.charset = value;
    }
  }
  node.text_begin = static_cast<std::uint32_t>(tree_.chars.size());
  node.text_size = static_cast<std::uint32_t>(names.size());
  tree_.chars += names;
  if (tag == Tag::Meta) {
    meta.offset = node.offset;
    tree_.metas.push_back(std::move(meta));
  }
  const auto index = static_cast<std::int32_t>(tree_.nodes.size());
  tree_.nodes.push_back(node);
  open_.push_back(index);
  if (skips_text(tag)) ++skipping_;
}

void Builder::finish_element() {
  if (open_.empty()) return;
  const std::int32_t index = open_.back();
  open_.pop_back();
  Node& node = tree_.nodes[static_cast<std::size_t>(index)];
  node.end = static_cast<std::int32_t>(tree_.nodes.size());
  if (skips_text(node.tag)) --skipping_;
}

void Builder::characters(htmlParserCtxtPtr ctxt, const char* text, int size) {
  if (error || skipping_ > 0 || size <= 0 || open_.empty()) return;
  const std::int32_t parent = open_.back();
  // A run delivered in pieces continues the text node it began.
  if (!tree_.nodes.empty()) {
    Node& last = tree_.nodes.back();
    if (last.tag == Tag::Text && last.parent == parent &&
        last.text_begin + last.text_size == tree_.chars.size()) {
      tree_.chars.append(text, static_cast<std::size_t>(size));
      last.text_size += static_cast<std::uint32_t>(size);
      return;
    }
  }
  if (!add_node(ctxt)) return;
  Node node;
  node.tag = Tag::Text;
  node.parent = parent;
  node.offset = std::max<std::int64_t>(0, xmlByteConsumed(ctxt) - size);
  node.text_begin = static_cast<std::uint32_t>(tree_.chars.size());
  node.text_size = static_cast<std::uint32_t>(size);
  node.end = static_cast<std::int32_t>(tree_.nodes.size()) + 1;
  tree_.chars.append(text, static_cast<std::size_t>(size));
  tree_.nodes.push_back(node);
}

Builder& builder_of(void* ctx) {
  auto* ctxt = static_cast<htmlParserCtxtPtr>(ctx);
  return *static_cast<Builder*>(ctxt->_private);
}

void on_start(void* ctx, const xmlChar* name, const xmlChar** atts) {
  builder_of(ctx).start(static_cast<htmlParserCtxtPtr>(ctx), reinterpret_cast<const char*>(name),
                        reinterpret_cast<const char**>(atts));
}

void on_end(void* ctx, const xmlChar* name) {
  Builder& b = builder_of(ctx);
  if (b.error) return;
  const std::string_view element(reinterpret_cast<const char*>(name));
  // The implicit html start was not pushed (see Builder::start); neither is its end.
  if (tag_of(element) == Tag::Html) return;
  b.finish_element();
}

void on_characters(void* ctx, const xmlChar* text, int size) {
  builder_of(ctx).characters(static_cast<htmlParserCtxtPtr>(ctx),
                             reinterpret_cast<const char*>(text), size);
}

// Markup errors are repaired, not reported; the library never prints.
void on_error(void* /*ctx*/, xmlErrorPtr /*error*/) {}

// "<![if !supportLists]>", "<![endif]>": Word's downlevel-revealed conditionals, which the
// parser passes on as text, cut out in place.
void cut_downlevel_markers(Tree& tree) {
  for (Node& n : tree.nodes) {
    if (n.tag != Tag::Text) continue;
    std::string_view run = tree.text(n);
    if (run.find("<![") == std::string_view::npos) continue;
    std::string kept;
    std::size_t at = 0;
    while (at < run.size()) {
      const std::size_t open = run.find("<![", at);
      if (open == std::string_view::npos) break;
      const std::size_t close = run.find("]>", open + 3);
      if (close == std::string_view::npos) break;
      kept.append(run.substr(at, open - at));
      at = close + 2;
    }
    kept.append(run.substr(at));
    // The kept text is never longer than the run: written back over it.
    std::memcpy(tree.chars.data() + n.text_begin, kept.data(), kept.size());
    n.text_size = static_cast<std::uint32_t>(kept.size());
  }
}

struct ContextCloser {
  void operator()(htmlParserCtxtPtr c) const { htmlFreeParserCtxt(c); }
};

}  // namespace

std::optional<Error> parse(std::string_view html, const Limits& limits, const Deadline& deadline,
                           Tree& out) {
  if (html.size() >= std::numeric_limits<std::int32_t>::max()) {
    return limit_error("max_input_bytes", "HTML pages of 2 GiB or more are not read");
  }
  out = Tree{};
  Builder builder(html, limits, deadline, out);
  builder.open_root();

  std::unique_ptr<htmlParserCtxt, ContextCloser> ctxt(
      htmlCreateMemoryParserCtxt(html.data(), static_cast<int>(html.size())));
  if (!ctxt) return Error{"out_of_memory", "libxml2 could not start parsing the page: it could not allocate its parser", {}};
  htmlSAXHandler sax;
  std::memset(&sax, 0, sizeof sax);
  sax.startElement = on_start;
  sax.endElement = on_end;
  sax.characters = on_characters;
  sax.ignorableWhitespace = on_characters;
  sax.serror = on_error;
  sax.initialized = XML_SAX2_MAGIC;
  std::memcpy(ctxt->sax, &sax, sizeof sax);
  ctxt->_private = &builder;
  ctxt->userData = ctxt.get();
  // The text is UTF-8 already (html_decode): a <meta charset> must not switch it. HUGE lifts
  // (XML_PARSE_HUGE, which htmlCtxtUseOptions honours) libxml2's own depth cap of 256; ours (max_xml_depth) stops the parse instead.
  htmlCtxtUseOptions(ctxt.get(), HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NOERROR |
                                     HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED |
                                     XML_PARSE_HUGE);
  xmlSwitchEncoding(ctxt.get(), XML_CHAR_ENCODING_UTF8);
  ctxt->sax->serror = on_error;
  ctxt->sax->error = nullptr;
  ctxt->sax->warning = nullptr;
  ctxt->sax->fatalError = nullptr;
  htmlParseDocument(ctxt.get());
  if (builder.error) return builder.error;
  builder.close_all();
  out.nodes[0].end = static_cast<std::int32_t>(out.nodes.size());
  cut_downlevel_markers(out);
  return std::nullopt;
}

}  // namespace xxgknb::html
