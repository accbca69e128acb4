// Dataset: the CSV export (export.h) — RFC 4180 rows written by libcsv, UTF-8 (with a byte
// order mark on request, for Excel), a header of column names; an empty cell is written as
// nothing at all, so that readers see a missing value, never 0.
#include <csv.h>

#include <cerrno>
#include <system_error>

#include "dataset/export.h"

namespace xxgknb::dataset {
namespace {

class CsvSink final : public ExportSink {
 public:
  CsvSink(std::FILE* out, bool bom) : out_(out), bom_(bom) {}

  std::string begin(const std::vector<ExportColumn>& columns) override {
    if (bom_ && std::fputs("\xEF\xBB\xBF", out_) == EOF) return failed();
    std::vector<ExportCell> header;
    for (const ExportColumn& c : columns) header.push_back({c.name, false});
    return row(header);
  }

  std::string row(const std::vector<ExportCell>& cells) override {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0 && std::fputc(',', out_) == EOF) return failed();
      const std::optional<std::string>& text = cells[i].text;
      // libcsv quotes every field it writes and doubles the quotes inside.
      if (text && !text->empty() && csv_fwrite(out_, text->data(), text->size()) != 0) {
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
};

}  // namespace

std::unique_ptr<ExportSink> csv_sink(std::FILE* out, bool bom) {
  return std::make_unique<CsvSink>(out, bom);
}

}  // namespace xxgknb::dataset
