// PLACEHOLDER (to be replaced by the real normalize stage): lets the tree link meanwhile.
#include "normalize/normalize.h"
namespace xxgknb {
std::string fold(std::string_view raw) { return std::string(raw); }
std::string label_key(std::string_view raw) {
  std::string out; for (char c : raw) if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c; return out;
}
void normalize(Document& d) {
  for (auto& p : d.paragraphs) { p.folded = fold(p.numbering + p.text); p.key = label_key(p.numbering + p.text); }
  for (auto& t : d.tables) for (auto& r : t.rows) for (auto& c : r) { c.folded = fold(c.text); c.key = label_key(c.text); }
}
}  // namespace xxgknb
