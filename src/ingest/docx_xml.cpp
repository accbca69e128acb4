// Stage 1, ingest (.docx): namespace-aware name matching over pugixml.
#include "ingest/docx_xml.h"

#include <unicode/utf8.h>

#include <charconv>
#include <cstring>

namespace xxgknb::docx {

Ns classify_namespace(std::string_view uri) {
  if (uri == kWordNs || uri == kWordStrictNs) return Ns::Word;
  if (uri == kMarkupCompatibilityNs) return Ns::Mc;
  // Namespaces that mc:Choice branches require and whose content we can read: DrawingML
  // (transitional and strict), Word 2010+ shapes, groups and canvases, VML and Word's
  // extension namespaces (w14, w15, w16…), math.
  static constexpr std::string_view kUnderstood[] = {
      "http://schemas.openxmlformats.org/drawingml/2006/",
      "http://purl.oclc.org/ooxml/drawingml/",
      "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
      "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
      "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
      "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
      "http://schemas.microsoft.com/office/word/2010/wordprocessingInk",
      "http://schemas.microsoft.com/office/word/2010/wordml",
      "http://schemas.microsoft.com/office/word/2012/wordml",
      "http://schemas.microsoft.com/office/word/2015/wordml",
      "http://schemas.microsoft.com/office/word/2016/wordml",
      "http://schemas.microsoft.com/office/word/2018/wordml",
      "http://schemas.microsoft.com/office/drawing/2010/main",
      "urn:schemas-microsoft-com:vml",
      "urn:schemas-microsoft-com:office:office",
      "urn:schemas-microsoft-com:office:word",
      "http://schemas.openxmlformats.org/officeDocument/2006/math",
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "http://purl.oclc.org/ooxml/officeDocument/relationships",
  };
  for (std::string_view known : kUnderstood) {
    if (known.back() == '/' ? uri.substr(0, known.size()) == known : uri == known) {
      return Ns::Understood;
    }
  }
  return Ns::Other;
}

std::pair<std::string_view, std::string_view> split_qname(std::string_view qname) {
  const std::size_t colon = qname.find(':');
  if (colon == std::string_view::npos) return {std::string_view(), qname};
  return {qname.substr(0, colon), qname.substr(colon + 1)};
}

int Names::push(pugi::xml_node element) {
  int added = 0;
  for (pugi::xml_attribute a = element.first_attribute(); a; a = a.next_attribute()) {
    const char* name = a.name();
    if (std::strncmp(name, "xmlns", 5) != 0) continue;
    std::string_view prefix;
    if (name[5] == ':') {
      prefix = std::string_view(name + 6);
    } else if (name[5] != '\0') {
      continue;
    }
    bindings_.emplace_back(prefix, classify_namespace(a.value()));
    ++added;
  }
  if (added > 0) last_valid_ = false;
  return added;
}

void Names::pop(int count) {
  if (count > 0) last_valid_ = false;
  while (count-- > 0 && !bindings_.empty()) bindings_.pop_back();
}

Ns Names::ns_of_prefix(std::string_view prefix) const {
  if (last_valid_ && prefix == last_prefix_) return last_ns_;
  Ns ns = Ns::Other;
  for (auto it = bindings_.rbegin(); it != bindings_.rend(); ++it) {
    if (it->first == prefix) {
      ns = it->second;
      break;
    }
  }
  last_prefix_ = prefix;
  last_ns_ = ns;
  last_valid_ = true;
  return ns;
}

std::pair<Ns, std::string_view> Names::split(pugi::xml_node node) const {
  auto [prefix, local] = split_qname(node.name());
  return {ns_of_prefix(prefix), local};
}

std::string_view Names::word_local(pugi::xml_node node) const {
  auto [ns, local] = split(node);
  return ns == Ns::Word ? local : std::string_view();
}

pugi::xml_node Names::word_child(pugi::xml_node node, std::string_view local) const {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (is_word(c, local)) return c;
  }
  return {};
}

const char* Names::word_attr(pugi::xml_node node, std::string_view local) const {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    auto [prefix, name] = split_qname(a.name());
    if (name != local) continue;
    // Unprefixed attributes are in no namespace; Word never writes them, but generators do.
    if (prefix.empty() || ns_of_prefix(prefix) == Ns::Word) return a.value();
  }
  return nullptr;
}

bool on_off(const char* value, bool dflt) {
  if (value == nullptr) return dflt;
  std::string_view v(value);
  if (v == "0" || v == "false" || v == "off") return false;
  return true;
}

int int_value(const char* value, int dflt, int lo, int hi) {
  if (value == nullptr) return dflt;
  std::string_view v(value);
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  long long n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec == std::errc::result_out_of_range) {
    return v.substr(0, 1) == "-" ? lo : hi;
  }
  if (ec != std::errc() || end == v.data()) return dflt;
  if (n < lo) return lo;
  if (n > hi) return hi;
  return static_cast<int>(n);
}

long long element_offset(pugi::xml_node node) {
  const std::ptrdiff_t at = node.offset_debug();
  if (at <= 0) return -1;
  return static_cast<long long>(at) - 1;
}

void append_utf8(std::string& out, char32_t cp) {
  UChar32 c = static_cast<UChar32>(cp);
  if (c < 0 || c > 0x10FFFF || U_IS_SURROGATE(c)) c = 0xFFFD;
  char buffer[U8_MAX_LENGTH];
  int32_t length = 0;
  U8_APPEND_UNSAFE(buffer, length, c);
  out.append(buffer, static_cast<std::size_t>(length));
}

}  // namespace xxgknb::docx
