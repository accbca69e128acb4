// Stage 5, template mapping: the template's row labels prepared once, and a cell's label
// matched against them.
#include <string>
#include <vector>

#include "normalize/normalize.h"
#include "templates/map_parts.h"

namespace xxgknb::mapping {

PreparedTable prepare(const TableSpec& spec) {
  PreparedTable out;
  out.spec = &spec;
  for (const RowSpec& row : spec.rows) {
    PreparedRow prepared;
    prepared.spec = &row;
    for (const char* label : row.labels) prepared.labels.push_back(split_enumerator(label_key(label)));
    out.rows.push_back(std::move(prepared));
  }
  for (const char* label : spec.known_labels) out.known.push_back(split_enumerator(label_key(label)));
  return out;
}


const PreparedTemplate& prepared(const TemplateSpec& spec) {
  static const PreparedTemplate v2021{prepare(*template_v2021().t2), prepare(*template_v2021().t3),
                                      prepare(*template_v2021().t4)};
  static const PreparedTemplate v2019{prepare(*template_v2019().t2), prepare(*template_v2019().t3),
                                      prepare(*template_v2019().t4)};
  return &spec == &template_v2019() ? v2019 : v2021;
}

// A label cut by a line break: the cell is a long enough beginning of the template's label.
bool is_truncated_label(const LabelParts& cell, const LabelParts& pattern) {
  constexpr std::size_t kMinPrefixBytes = 18;  // six CJK characters
  return cell.core.size() >= kMinPrefixBytes && cell.core.size() < pattern.core.size() &&
         pattern.core.compare(0, cell.core.size(), cell.core) == 0;
}


RowMatch match_row(const PreparedTable& table, const LabelParts& cell) {
  RowMatch best;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const PreparedRow& row = table.rows[r];
    for (const LabelParts& pattern : row.labels) {
      LabelMatch q = match_label(cell, pattern, row.spec->needs_enumerator);
      // A label the line break cut short, or the template's label with more after it.
      const bool long_prefix = cell.core.size() > pattern.core.size() &&
                               pattern.core.size() >= 18 &&
                               cell.core.compare(0, pattern.core.size(), pattern.core) == 0;
      if (q == LabelMatch::None && !row.spec->needs_enumerator &&
          (is_truncated_label(cell, pattern) || long_prefix)) {
        q = LabelMatch::Annotated;
      }
      if (q > best.quality) {
        best.row = static_cast<int>(r);
        best.quality = q;
      }
    }
  }
  return best;
}

// A merged group label printed before the row's own, in one line: "三、本年度办理结果 （一）予以公开",
// "（四）无 1.本机关不掌握相关政府信息". Only the first few words are tried as the group's: a label
// is short, and trying every suffix of a long line would cost its length squared.
RowMatch match_row_after_group(const PreparedTable& table, std::string_view label_raw) {
  constexpr int kMaxGroupWords = 3;
  std::size_t space = 0;
  for (int words = 0; words < kMaxGroupWords; ++words) {
    space = label_raw.find(' ', space);
    if (space == std::string_view::npos) break;
    ++space;
    const RowMatch m = match_row(table, split_enumerator(label_key(label_raw.substr(space))));
    if (m.row >= 0) return m;
  }
  return {};
}

bool is_known_label(const PreparedTable& table, const LabelParts& cell) {
  for (const LabelParts& pattern : table.known) {
    if (match_label(cell, pattern, false) != LabelMatch::None) return true;
  }
  return false;
}

}  // namespace xxgknb::mapping
