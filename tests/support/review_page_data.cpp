// Test support: a review page's shared cell data, unpacked (review_page_data.h).
#include "support/review_page_data.h"

#include <unicode/unistr.h>

#include <sstream>

namespace xxgknb::testing {

nlohmann::json page_cell_data(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"cell-data\">";
  const std::size_t at = html.find(open);
  if (at == std::string::npos) return {};
  const std::size_t start = at + open.size();
  return nlohmann::json::parse(html.substr(start, html.find("</script>", start) - start));
}

std::vector<std::string> page_words(const std::string& html, const std::string& list) {
  const nlohmann::json data = page_cell_data(html);
  std::vector<std::string> out;
  std::istringstream in(list);
  for (std::size_t i; in >> i;) out.push_back(data.at("words").at(i).get<std::string>());
  return out;
}

std::vector<std::string> page_context(const std::string& html, const std::string& x) {
  const nlohmann::json data = page_cell_data(html);
  std::istringstream in(x);
  std::size_t text = 0;
  std::int32_t offset = 0, before = 0, at = 0, after = 0;
  in >> text >> offset >> before >> at >> after;
  const icu::UnicodeString t = icu::UnicodeString::fromUTF8(data.at("texts").at(text).get<std::string>());
  std::vector<std::string> out(3);
  t.tempSubString(offset, before).toUTF8String(out[0]);
  t.tempSubString(offset + before, at).toUTF8String(out[1]);
  t.tempSubString(offset + before + at, after).toUTF8String(out[2]);
  return out;
}

}  // namespace xxgknb::testing
