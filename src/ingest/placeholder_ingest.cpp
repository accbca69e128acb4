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
}  // namespace xxgknb
