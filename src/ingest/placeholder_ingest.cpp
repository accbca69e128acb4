// PLACEHOLDER (to be replaced by the real ingest stage): lets the tree link meanwhile.
#include "ingest/ingest.h"
namespace xxgknb {
InputFormat sniff_format(std::string_view bytes) {
  if (bytes.empty()) return InputFormat::Empty;
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) return InputFormat::Zip;
  return InputFormat::Text;
}
Result<Document, Error> ingest(std::string_view bytes, const Limits& limits, const Deadline& d) {
  switch (sniff_format(bytes)) {
    case InputFormat::Empty: return Error{"empty_input", "the input is empty", {}};
    case InputFormat::Zip: return read_docx(bytes, limits, d);
    case InputFormat::Text: return read_text(bytes, limits, d);
    case InputFormat::Binary: return Error{"not_a_report_file", "binary", {}};
  }
  return Error{"not_a_report_file", "unknown", {}};
}
Result<Document, Error> read_docx(std::string_view, const Limits&, const Deadline&) {
  return Error{"not_docx", "placeholder", {}};
}
Result<Document, Error> read_text(std::string_view bytes, const Limits&, const Deadline&) {
  Document doc; doc.format = "text"; doc.encoding = "UTF-8"; doc.text = std::string(bytes);
  std::size_t start = 0; std::int64_t line = 1;
  while (start <= bytes.size()) {
    std::size_t end = bytes.find('\n', start); if (end == std::string_view::npos) end = bytes.size();
    Paragraph p; p.text = std::string(bytes.substr(start, end - start)); p.source.line = line++;
    p.source.offset = static_cast<std::int64_t>(start);
    doc.blocks.push_back({Block::Kind::Paragraph, static_cast<int>(doc.paragraphs.size())});
    doc.paragraphs.push_back(std::move(p)); start = end + 1;
  }
  return doc;
}
}  // namespace xxgknb
