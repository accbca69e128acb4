// Stage 1, ingest (HTML): libxml2's HTML parser, driven through SAX, builds a flat tree of
// the page — elements and text in document order, each subtree a contiguous range — that the
// body finder and the block reader walk by index, never by recursion.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/deadline.h"
#include "xxgknb/options.h"
#include "xxgknb/report.h"

namespace xxgknb::html {

// The elements the readers tell apart; every other element is Other (read as inline).
enum class Tag : std::uint8_t {
  Other, Text, Html, Head, Body, Title, Meta, Script, Style, Noscript, Template, Iframe,
  Object, Svg, Form, Select, Button, Textarea, Nav, Header, Footer, Aside, A, Br, P, Div,
  Section, Article, Main, Heading1, Heading, Li, List, Dt, Dd, Blockquote, Pre, Center, Hr,
  Table, Caption, RowGroup, Tr, Td, Th, Address,
};

struct Node {
  Tag tag = Tag::Other;
  bool hidden = false;           // style "display:none" / "mso-hide:all", or hidden="…"
  std::int32_t parent = -1;
  std::int32_t end = 0;          // one past the last node of this subtree
  std::int64_t offset = -1;      // byte offset in the parsed text: after the start tag, or
                                 // where a text run was read
  std::uint32_t text_begin = 0;  // Text: the run (entities resolved) in Tree::chars;
  std::uint32_t text_size = 0;   //   elements: class and id, lower-cased
  std::int32_t col_span = 1;     // td/th colspan, rowspan (1 when absent or unreadable)
  std::int32_t row_span = 1;
};

// A <meta> element of the page, as written.
struct MetaTag {
  std::string name;        // name="…" (or property="…"), lower-cased
  std::string http_equiv;  // http-equiv="…", lower-cased
  std::string content;
  std::string charset;
  std::int64_t offset = -1;
};

struct Tree {
  std::vector<Node> nodes;   // nodes[0] is the document root (Tag::Html)
  std::string chars;         // text runs and class/id names, referenced by the nodes
  std::vector<MetaTag> metas;
  std::string_view text(const Node& n) const {
    return std::string_view(chars).substr(n.text_begin, n.text_size);
  }
};

// Parses UTF-8 `html`. Errors that stop reading: "xml_too_deep" (elements nested deeper than
// limits.max_xml_depth), "html_too_large" (more than limits.max_html_nodes nodes),
// "time_limit". Markup errors are repaired the way libxml2 repairs them, never reported.
std::optional<Error> parse(std::string_view html, const Limits& limits, const Deadline& deadline,
                           Tree& out);

}  // namespace xxgknb::html
