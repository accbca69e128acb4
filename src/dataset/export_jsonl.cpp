// Dataset: the JSON Lines export (export.h) — one object per row, keys the column names in
// order; an empty cell is null, a number a JSON number (its exact decimal text as a string
// where a double cannot hold it).
#include <cerrno>
#include <charconv>
#include <nlohmann/json.hpp>
#include <system_error>

#include "dataset/export.h"
#include "xxgknb/decimal.h"

namespace xxgknb::dataset {
namespace {

using Json = nlohmann::ordered_json;

Json number_or_text(const std::string& text) {
  const std::optional<Decimal> d = Decimal::parse(text);
  if (!d) return Json(text);
  if (d->scale() == 0) {
    if (const std::optional<std::int64_t> n = d->to_int64()) return Json(*n);
  }
  if (d->exact_in_double()) return Json(d->to_double());
  return Json(text);
}

class JsonlSink final : public ExportSink {
 public:
  explicit JsonlSink(std::FILE* out) : out_(out) {}

  std::string begin(const std::vector<ExportColumn>& columns) override {
    columns_ = columns;
    return {};
  }

  std::string row(const std::vector<ExportCell>& cells) override {
    Json j = Json::object();
    for (std::size_t i = 0; i < cells.size() && i < columns_.size(); ++i) {
      const std::optional<std::string>& text = cells[i].text;
      if (!text) {
        j[columns_[i].name] = columns_[i].name == "flags" ? Json::array() : Json(nullptr);
      } else if (columns_[i].name == "flags") {
        // "a;b" back to ["a", "b"]
        Json flags = Json::array();
        for (std::size_t start = 0; start <= text->size();) {
          const std::size_t end = std::min(text->find(';', start), text->size());
          if (end > start) flags.push_back(text->substr(start, end - start));
          start = end + 1;
        }
        j[columns_[i].name] = std::move(flags);
      } else if (columns_[i].name == "source") {
        j[columns_[i].name] = Json::parse(*text, nullptr, false);
        if (j[columns_[i].name].is_discarded()) j[columns_[i].name] = *text;
      } else {
        j[columns_[i].name] = columns_[i].numeric ? number_or_text(*text) : Json(*text);
      }
    }
    const std::string line = j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
    if (std::fwrite(line.data(), 1, line.size(), out_) != line.size()) {
      return "cannot write the JSON Lines: " +
             std::error_code(errno, std::generic_category()).message();
    }
    return {};
  }

  std::string end() override {
    if (std::fflush(out_) == 0) return {};
    return "cannot write the JSON Lines: " + std::error_code(errno, std::generic_category()).message();
  }

 private:
  std::FILE* out_;
  std::vector<ExportColumn> columns_;
};

}  // namespace

std::unique_ptr<ExportSink> jsonl_sink(std::FILE* out) { return std::make_unique<JsonlSink>(out); }

}  // namespace xxgknb::dataset
