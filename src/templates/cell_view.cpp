// Stage 5, template mapping: a stream cell seen as a possible label: its label and the values
// that end it, page markers told apart.
#include <re2/re2.h>

#include <algorithm>
#include <string>
#include <vector>

#include "normalize/normalize.h"
#include "templates/map_parts.h"

namespace xxgknb::mapping {

// "— 4 —", "- 12 -", "第 3 页", "3/12": page numbers that PDF text extraction leaves between
// the rows of a table. Their digits are no values.
bool is_page_marker(std::string_view folded) {
  static const RE2 marker(R"(^(?:-+ ?\d{1,4} ?-+|第 ?\d{1,4} ?页(?: ?[,/] ?共 ?\d{1,4} ?页)?|\d{1,4} ?/ ?\d{1,4})$)");
  return folded.size() <= 40 && RE2::FullMatch(re2::StringPiece(folded.data(), folded.size()), marker);
}

// "### 一、本年新收政府信息公开申请数量": a converter's Markdown heading marker is no part of a label.
std::string_view without_markdown_marker(std::string_view key) {
  while (!key.empty() && key.front() == '#') key.remove_prefix(1);
  return key;
}

// The span in the input of bytes [begin, end) of a stream cell's raw text. A paragraph's raw
// text starts with its automatic numbering, which is not in the input.
SourceSpan span_within(const StreamCell& cell, std::size_t begin, std::size_t end) {
  SourceSpan span = cell.source;
  const auto prefix = static_cast<std::size_t>(cell.raw_prefix);
  if (cell.source.offset >= 0 && begin >= prefix) {
    span.offset = cell.source.offset + static_cast<std::int64_t>(begin - prefix);
    span.length = static_cast<std::int64_t>(end - begin);
  }
  return span;
}

// No label of the template is longer than this (the longest, 2.申请人逾期未按收费通知要求缴纳
// 费用、行政机关不再处理其政府信息公开申请, is 111 bytes; annotations add some): a longer text is
// prose, neither parsed as a label nor kept, which bounds the mapper's memory by the cells.
constexpr std::size_t kMaxLabelBytes = 480;

CellView view_cell(const StreamCell& cell) {
  CellView view;
  if (!cell.in_table && is_page_marker(cell.folded)) {
    view.value_only = true;
    view.page_marker = true;
    return view;
  }
  if (cell.in_table) {
    // A grid cell is one value or one label, never both.
    view.cell = read_cell_value(cell.raw);
    if (view.cell.value_like()) {
      view.value_only = true;
      return view;
    }
    if (cell.key.size() > kMaxLabelBytes) return view;
    view.label = split_enumerator(without_markdown_marker(cell.key));
    view.label_raw = cell.raw;
    return view;
  }
  LineSplit split = split_line(cell.raw);
  if (split.label_end > kMaxLabelBytes) return view;
  const auto prefix = static_cast<std::size_t>(cell.raw_prefix);
  if (split.label_end == 0) {
    view.value_only = true;
  } else if (split.values.empty()) {
    view.label = split_enumerator(without_markdown_marker(cell.key));
    view.label_raw = cell.raw;
  } else {
    // The label is the printed text before the values; the numbering belongs to it.
    const std::string_view label(cell.raw.data(), std::max(split.label_end, prefix));
    view.label = split_enumerator(without_markdown_marker(label_key(label)));
    view.label_raw = label;
  }
  view.value_count = split.value_count;
  return view;
}

// "(七)" or "3." alone on a line: the enumerator of a label that continues on the next line.
// Returns that enumerator ("七", "3"), or nothing for any other cell.
std::optional<std::string> lone_enumerator(const CellView& v) {
  static const RE2 lone(R"(^(?:\(([一二三四五六七八九十]+|\d+)\)|([一二三四五六七八九十]+)|(\d+))$)");
  if (v.value_only || !v.label.enumerator.empty()) return std::nullopt;
  std::string a, b, c;
  if (!RE2::FullMatch(v.label.core, lone, &a, &b, &c)) return std::nullopt;
  return !a.empty() ? a : (!b.empty() ? b : c);
}

}  // namespace xxgknb::mapping
