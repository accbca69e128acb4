// Review pages: the one way HTML is written — a libxml2 tree serialised by libxml2's HTML
// writer, which escapes every text node and attribute value. No string from a document is
// ever pasted into markup; the page's own script and stylesheet are the only raw text, and
// the Content-Security-Policy names them by hash.
#pragma once

#include <libxml/HTMLtree.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace xxgknb::review {

using Attributes = std::initializer_list<std::pair<const char*, std::string_view>>;

class HtmlPage {
 public:
  // <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"> + the CSP for `script`
  // and `style` (each allowed by its SHA-256, nothing remote), <title>, and an empty <body>.
  HtmlPage(std::string_view title, std::string_view style, std::string_view script);
  ~HtmlPage();
  HtmlPage(const HtmlPage&) = delete;
  HtmlPage& operator=(const HtmlPage&) = delete;

  xmlNodePtr body() const { return body_; }

  // A child element of `parent` with escaped attributes and, when not empty, escaped text.
  xmlNodePtr add(xmlNodePtr parent, const char* name, Attributes attributes = {},
                 std::string_view text = {});
  // Escaped text appended to `parent`.
  void text(xmlNodePtr parent, std::string_view text);
  void set(xmlNodePtr node, const char* attribute, std::string_view value);

  // A JSON text the page's script reads: <script type="application/json" id=…>, which no
  // browser executes; '<', '>' and '&' are written as \u003c, \u003e, \u0026 so that no
  // "</script>" can close it early.
  void add_json(xmlNodePtr parent, const char* id, std::string_view json);

  // The page as UTF-8 HTML, the page's script last in the body; empty only when libxml2
  // could not allocate its output buffer.
  std::string serialize();

 private:
  xmlDocPtr doc_ = nullptr;
  xmlNodePtr body_ = nullptr;
  std::string script_;
};

// "sha256-…" (base64) of a script or stylesheet, for a CSP source list.
std::string csp_hash(std::string_view text);

// The Content-Security-Policy of every review page: nothing by default; only the page's
// own script and stylesheet; images only as data: URLs; no base, form or frame.
std::string content_security_policy(std::string_view style, std::string_view script);

}  // namespace xxgknb::review
