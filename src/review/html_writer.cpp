// Review pages: the HTML writer (html_writer.h) — libxml2 builds the tree and serialises it,
// escaping text and attributes; the inline script and stylesheet are hashed for the CSP
// (SHA-256 and base64 from Nettle).
#include "review/html_writer.h"

#include <libxml/tree.h>
#include <nettle/base64.h>

#include <array>

#include "util/sha256.h"

namespace xxgknb::review {
namespace {

const xmlChar* x(const char* s) { return reinterpret_cast<const xmlChar*>(s); }

std::string base64(const std::uint8_t* data, std::size_t size) {
  std::string out(BASE64_ENCODE_RAW_LENGTH(size), '\0');
  base64_encode_raw(out.data(), size, data);
  return out;
}

// Raw text for a <script> or <style> element, which the HTML writer does not escape (the
// browser would not unescape it): only our own constants and add_json's escaped JSON go
// here.
xmlNodePtr raw_element(xmlDocPtr doc, xmlNodePtr parent, const char* name, std::string_view text) {
  xmlNodePtr node = xmlNewChild(parent, nullptr, x(name), nullptr);
  xmlAddChild(node, xmlNewDocTextLen(doc, reinterpret_cast<const xmlChar*>(text.data()),
                                     static_cast<int>(text.size())));
  return node;
}

}  // namespace

std::string csp_hash(std::string_view text) {
  const std::array<std::uint8_t, 32> digest = sha256_bytes(text);
  return "sha256-" + base64(digest.data(), digest.size());
}

std::string content_security_policy(std::string_view style, std::string_view script) {
  return "default-src 'none'; script-src '" + csp_hash(script) + "'; style-src '" +
         csp_hash(style) + "'; img-src data:; base-uri 'none'; form-action 'none'; frame-src 'none'";
}

HtmlPage::HtmlPage(std::string_view title, std::string_view style, std::string_view script)
    : script_(script) {
  doc_ = htmlNewDocNoDtD(nullptr, nullptr);
  // "<!DOCTYPE html>": the standards-mode doctype.
  xmlCreateIntSubset(doc_, x("html"), nullptr, nullptr);
  xmlNodePtr html = xmlNewDocNode(doc_, nullptr, x("html"), nullptr);
  xmlDocSetRootElement(doc_, html);
  xmlNewProp(html, x("lang"), x("zh-CN"));
  xmlNodePtr head = xmlNewChild(html, nullptr, x("head"), nullptr);
  add(head, "meta", {{"charset", "utf-8"}});
  add(head, "meta", {{"http-equiv", "Content-Security-Policy"},
                     {"content", content_security_policy(style, script)}});
  add(head, "meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
  add(head, "meta", {{"name", "referrer"}, {"content", "no-referrer"}});
  add(head, "title", {}, title);
  raw_element(doc_, head, "style", style);
  body_ = xmlNewChild(html, nullptr, x("body"), nullptr);
}

HtmlPage::~HtmlPage() { xmlFreeDoc(doc_); }

xmlNodePtr HtmlPage::add(xmlNodePtr parent, const char* name, Attributes attributes,
                         std::string_view text) {
  xmlNodePtr node = xmlNewChild(parent, nullptr, x(name), nullptr);
  for (const auto& [attribute, value] : attributes) set(node, attribute, value);
  if (!text.empty()) this->text(node, text);
  return node;
}

void HtmlPage::text(xmlNodePtr parent, std::string_view text) {
  xmlAddChild(parent, xmlNewDocTextLen(doc_, reinterpret_cast<const xmlChar*>(text.data()),
                                       static_cast<int>(text.size())));
}

void HtmlPage::set(xmlNodePtr node, const char* attribute, std::string_view value) {
  const std::string v(value);
  xmlSetProp(node, x(attribute), x(v.c_str()));
}

void HtmlPage::add_json(xmlNodePtr parent, const char* id, std::string_view json) {
  std::string safe;
  safe.reserve(json.size());
  for (const char c : json) {
    switch (c) {
      case '<': safe += "\\u003c"; break;
      case '>': safe += "\\u003e"; break;
      case '&': safe += "\\u0026"; break;
      default: safe += c;
    }
  }
  xmlNodePtr node = raw_element(doc_, parent, "script", safe);
  xmlNewProp(node, x("type"), x("application/json"));
  xmlNewProp(node, x("id"), x(id));
}

std::string HtmlPage::serialize() {
  raw_element(doc_, body_, "script", script_);
  // Written as UTF-8 (the meta charset says so), not as numeric character references.
  // The tree is UTF-8 already: a buffer without an encoder, and the document's encoding
  // named so that text is not escaped into character references.
  if (doc_->encoding == nullptr) doc_->encoding = xmlStrdup(x("UTF-8"));
  xmlOutputBufferPtr buffer = xmlAllocOutputBuffer(nullptr);
  if (buffer == nullptr) return {};
  htmlDocContentDumpFormatOutput(buffer, doc_, "UTF-8", 0);
  xmlOutputBufferFlush(buffer);
  std::string out(reinterpret_cast<const char*>(xmlOutputBufferGetContent(buffer)),
                  xmlOutputBufferGetSize(buffer));
  xmlOutputBufferClose(buffer);
  return out;
}

}  // namespace xxgknb::review
