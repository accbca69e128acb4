// Dataset: the XLSX export (export.h), written by libxlsxwriter for auditors who live in
// Excel — one sheet, a header row naming each column in Chinese and by its key, numbers as
// numbers, empty cells empty, and the cells of fields read with doubt highlighted.
#include <xlsxwriter.h>

#include "dataset/export.h"
#include "xxgknb/decimal.h"

namespace xxgknb::dataset {
namespace {

constexpr lxw_color_t kFlaggedFill = 0xFFEB9C;   // Excel's light orange "neutral" fill

class XlsxSink final : public ExportSink {
 public:
  XlsxSink(const std::string& path, ExportShape shape) : path_(path), shape_(shape) {}
  ~XlsxSink() override {
    if (workbook_ != nullptr) workbook_close(workbook_);
  }
  XlsxSink(const XlsxSink&) = delete;
  XlsxSink& operator=(const XlsxSink&) = delete;

  std::string begin(const std::vector<ExportColumn>& columns) override {
    // constant_memory: each row goes to disk once written, so a large dataset fits.
    lxw_workbook_options options = {};
    options.constant_memory = LXW_TRUE;
    workbook_ = workbook_new_opt(path_.c_str(), &options);
    if (workbook_ == nullptr) return "cannot create the XLSX file " + path_;
    sheet_ = workbook_add_worksheet(workbook_, shape_ == ExportShape::Wide ? "reports" : "fields");
    header_ = workbook_add_format(workbook_);
    format_set_bold(header_);
    format_set_text_wrap(header_);
    format_set_align(header_, LXW_ALIGN_VERTICAL_TOP);
    flagged_ = workbook_add_format(workbook_);
    format_set_bg_color(flagged_, kFlaggedFill);
    if (sheet_ == nullptr || header_ == nullptr || flagged_ == nullptr) {
      return "cannot set up the XLSX sheet";
    }
    columns_ = columns;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i >= LXW_COL_MAX) return "too many columns for one XLSX sheet";
      // "表三 一、本年新收政府信息公开申请数量 自然人\nt3.new_received.natural_person"
      const std::string label = columns[i].label_zh == columns[i].name
                                    ? columns[i].name
                                    : columns[i].label_zh + "\n" + columns[i].name;
      if (const std::string e = check(worksheet_write_string(
              sheet_, 0, static_cast<lxw_col_t>(i), label.c_str(), header_));
          !e.empty()) {
        return e;
      }
    }
    worksheet_freeze_panes(sheet_, 1, 0);
    return {};
  }

  std::string row(const std::vector<ExportCell>& cells) override {
    ++row_;
    if (row_ >= LXW_ROW_MAX) {
      return "more rows than one XLSX sheet holds (" + std::to_string(LXW_ROW_MAX - 1) +
             "): export this dataset as CSV";
    }
    for (std::size_t i = 0; i < cells.size() && i < columns_.size(); ++i) {
      const ExportCell& cell = cells[i];
      lxw_format* format = cell.flagged ? flagged_ : nullptr;
      const auto col = static_cast<lxw_col_t>(i);
      lxw_error rc = LXW_NO_ERROR;
      const std::optional<Decimal> number =
          cell.text && columns_[i].numeric ? Decimal::parse(*cell.text) : std::nullopt;
      if (!cell.text) {
        // Empty stays empty; a flagged empty cell is still highlighted.
        if (format != nullptr) rc = worksheet_write_blank(sheet_, row_, col, format);
      } else if (number && number->exact_in_double()) {
        rc = worksheet_write_number(sheet_, row_, col, number->to_double(), format);
      } else {
        // Text, or a number a double cannot hold: its exact decimal as text.
        rc = worksheet_write_string(sheet_, row_, col, cell.text->c_str(), format);
      }
      if (const std::string e = check(rc); !e.empty()) return e;
    }
    return {};
  }

  std::string end() override {
    lxw_workbook* workbook = workbook_;
    workbook_ = nullptr;
    return check(workbook_close(workbook));
  }

 private:
  std::string check(lxw_error rc) const {
    if (rc == LXW_NO_ERROR) return {};
    return "cannot write the XLSX file " + path_ + ": " + lxw_strerror(rc);
  }

  std::string path_;
  ExportShape shape_;
  std::vector<ExportColumn> columns_;
  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format* header_ = nullptr;
  lxw_format* flagged_ = nullptr;
  lxw_row_t row_ = 0;
};

}  // namespace

std::unique_ptr<ExportSink> xlsx_sink(const std::string& path, ExportShape shape) {
  return std::make_unique<XlsxSink>(path, shape);
}

}  // namespace xxgknb::dataset
