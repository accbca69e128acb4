// Stage 1, ingest (.docx): namespace-aware name matching over pugixml, shared by the body,
// styles and numbering readers. WordprocessingML comes in two namespaces (transitional and
// Strict OOXML) under any prefix, so elements are matched by local name after resolving
// their prefix, never by the literal "w:".
#pragma once

#include <pugixml.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xxgknb::docx {

inline constexpr std::string_view kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
inline constexpr std::string_view kWordStrictNs = "http://purl.oclc.org/ooxml/wordprocessingml/main";
inline constexpr std::string_view kMarkupCompatibilityNs =
    "http://schemas.openxmlformats.org/markup-compatibility/2006";

// What a namespace is to us. `Understood` marks the namespaces an mc:Choice may require
// for us to take it: drawing, shapes, VML and Word's own extensions, all of which we can
// walk to find text boxes and text.
enum class Ns { Other, Word, Mc, Understood };

Ns classify_namespace(std::string_view uri);

// The prefix bindings in scope while walking a tree.
class Names {
 public:
  // Adds the xmlns declarations of `element`; returns how many were added (for pop).
  int push(pugi::xml_node element);
  void pop(int count);

  Ns ns_of_prefix(std::string_view prefix) const;
  // The local name of an element in the Word namespace, or an empty view otherwise.
  std::string_view word_local(pugi::xml_node node) const;
  // The local name of an element and its namespace kind.
  std::pair<Ns, std::string_view> split(pugi::xml_node node) const;
  bool is_word(pugi::xml_node node, std::string_view local) const {
    return node.type() == pugi::node_element && word_local(node) == local;
  }
  // First child element in the Word namespace with that local name.
  pugi::xml_node word_child(pugi::xml_node node, std::string_view local) const;
  // A Word-namespace (or unprefixed) attribute by local name; nullptr when absent.
  const char* word_attr(pugi::xml_node node, std::string_view local) const;

 private:
  std::vector<std::pair<std::string_view, Ns>> bindings_;
  // The last prefix looked up and what it was bound to, until the bindings change: nearly
  // every lookup is the same "w", against the thirty or so declarations of a document's root.
  mutable std::string_view last_prefix_;
  mutable Ns last_ns_ = Ns::Other;
  mutable bool last_valid_ = false;
};

// Splits "w:p" into "w" and "p" (prefix empty when there is none).
std::pair<std::string_view, std::string_view> split_qname(std::string_view qname);

// w:val style values: "1", "true", "on" are true; "0", "false", "off" false; absent = `dflt`.
bool on_off(const char* value, bool dflt);
// A decimal attribute value, clamped to [lo, hi]; `dflt` when absent or not a number.
int int_value(const char* value, int dflt, int lo, int hi);

// The byte offset of an element's '<' in the parsed buffer (pugixml's offset_debug points at
// the name), or -1.
long long element_offset(pugi::xml_node node);

// Appends one code point as UTF-8 (w:sym characters, numbering text); an invalid code point
// becomes U+FFFD.
void append_utf8(std::string& out, char32_t cp);

}  // namespace xxgknb::docx
