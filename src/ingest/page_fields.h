// Stage 1, ingest (HTML and crawler text): the fields a web page states about itself —
// "索引号", "发布机构", "发布时间", … — by the labels that print them, and their fixed order in
// Document::page_fields (and so in meta.page).
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "xxgknb/document.h"

namespace xxgknb {

struct PageFieldLabel {
  std::string_view key;
  std::string_view label;
};
// "索引号：014314799/2024-00002", "发布机构: 平潭综合实验区管委会办公室", …
inline constexpr std::array<PageFieldLabel, 12> kPageFieldLabels = {{
    {"index_number", "索引号"},     {"publisher", "发布机构"},     {"publisher", "发布单位"},
    {"document_number", "发文字号"}, {"document_number", "文号"},  {"written_date", "成文日期"},
    {"published_date", "发布日期"}, {"published_date", "公开日期"}, {"published_date", "发布时间"},
    {"content_source", "来源"},     {"content_source", "信息来源"}, {"content_source", "文章来源"},
}};

inline constexpr std::array<std::string_view, 7> kPageFieldOrder = {
    "article_title", "index_number",   "publisher",     "document_number",
    "written_date",  "published_date", "content_source"};

// The key a label names exactly ("发布时间" → "published_date"), or "" for any other label.
inline std::string_view page_field_key(std::string_view label) {
  for (const PageFieldLabel& f : kPageFieldLabels) {
    if (f.label == label) return f.key;
  }
  return {};
}

// `fields` in kPageFieldOrder (each key once, as its reader guarantees).
inline std::vector<PageField> in_page_field_order(const std::vector<PageField>& fields) {
  std::vector<PageField> out;
  for (std::string_view key : kPageFieldOrder) {
    for (const PageField& f : fields) {
      if (f.key == key) out.push_back(f);
    }
  }
  return out;
}

}  // namespace xxgknb
