// Dataset: the CSV export (export.h) — RFC 4180 rows written by libcsv, UTF-8 (with a byte
// order mark on request, for Excel), a header of column names; an empty cell is written as
// nothing at all, so that readers see a missing value, never 0. A text cell that a
// spreadsheet would take for a formula gets a leading apostrophe (formula_guarded).
#include <csv.h>

#include <cerrno>
#include <string_view>
#include <system_error>

#include "dataset/export.h"

namespace xxgknb::dataset {

// "=HYPERLINK(…)", "@SUM(…)", "+cmd|' /C calc'!A0", "-2+3", a leading tab or CR: Excel,
// LibreOffice and Sheets run what follows, so such a text from a document (a title, a raw
// cell, a file name) is written with a leading apostrophe, which they show as text. A number
// ("-3", "+1.5") and a dash cell ("-", "--", "—") are written as they are.
bool formula_guarded(std::string_view text) {
  if (text.empty()) return false;
  const char first = text.front();
  if (first == '=' || first == '@' || first == '\t' || first == '\r') return true;
  if (first != '+' && first != '-') return false;
  const std::string_view rest = text.substr(1);
  const bool number = !rest.empty() && rest.find_first_not_of("0123456789.") == std::string_view::npos;
  const bool dashes = first == '-' && rest.find_first_not_of("- ") == std::string_view::npos;
  return !number && !dashes;
}

namespace {

class CsvSink final : public ExportSink {
 public:
  CsvSink(std::FILE* out, bool bom) : out_(out), bom_(bom) {}

  std::string begin(const std::vector<ExportColumn>& columns) override {
    if (bom_ && std::fputs("\xEF\xBB\xBF", out_) == EOF) return failed();
    std::vector<ExportCell> header;
    for (const ExportColumn& c : columns) header.push_back({c.name, false});
    std::string failure = row(header);
    for (const ExportColumn& c : columns) numeric_.push_back(c.numeric);
    return failure;
  }

  std::string row(const std::vector<ExportCell>& cells) override {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0 && std::fputc(',', out_) == EOF) return failed();
      const std::optional<std::string>& text = cells[i].text;
      if (!text || text->empty()) continue;
      const bool numeric = i < numeric_.size() && numeric_[i];
      // libcsv quotes every field it writes and doubles the quotes inside.
      if (!numeric && formula_guarded(*text)) {
        const std::string guarded = "'" + *text;
        if (csv_fwrite(out_, guarded.data(), guarded.size()) != 0) return failed();
      } else if (csv_fwrite(out_, text->data(), text->size()) != 0) {
        return failed();
      }
    }
    if (std::fputs("\r\n", out_) == EOF) return failed();
    return {};
  }

  std::string end() override { return std::fflush(out_) == 0 ? std::string() : failed(); }

 private:
  static std::string failed() {
    return "cannot write the CSV: " + std::error_code(errno, std::generic_category()).message();
  }
  std::FILE* out_;
  bool bom_;
  std::vector<bool> numeric_;  // by column, from begin(); the header itself is never guarded
};

}  // namespace

std::unique_ptr<ExportSink> csv_sink(std::FILE* out, bool bom) {
  return std::make_unique<CsvSink>(out, bom);
}

}  // namespace xxgknb::dataset
