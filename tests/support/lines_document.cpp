// Test support: builds a normalized Document from lines (lines_document.h).
#include "support/lines_document.h"

#include "normalize/normalize.h"

namespace xxgknb::testing {

Document lines_document(const std::vector<std::string>& lines) {
  Document document;
  document.format = "text";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Paragraph p;
    p.text = lines[i];
    p.source.line = static_cast<std::int64_t>(i + 1);
    document.paragraphs.push_back(p);
    document.blocks.push_back({Block::Kind::Paragraph, static_cast<int>(i)});
  }
  normalize(document);
  return document;
}

}  // namespace xxgknb::testing
