// Stage 5, template mapping: the template version told by the labels present (templates.md
// §4.2).
#include <algorithm>
#include <string>
#include <vector>

#include "normalize/normalize.h"
#include "templates/map_parts.h"

namespace xxgknb::mapping {

VersionScores score_versions(const Context& ctx) {
  // Short cells only: a label is not a sentence, and narrative text mentions 政府集中采购 too.
  constexpr std::size_t kMaxVersionLabelBytes = 120;
  static const std::vector<std::string> kT2v2021 = {
      label_key("本年制发件数"), label_key("本年废止件数"), label_key("现行有效件数"),
      label_key("本年处理决定数量"), label_key("本年收费金额")};
  static const std::vector<std::string> kT2v2019 = {
      label_key("本年新制作数量"), label_key("本年新公开数量"), label_key("对外公开总数量"),
      label_key("上一年项目数量"), label_key("本年增/减"), label_key("其他对外管理服务事项"),
      label_key("第二十条第（九）项"), label_key("政府集中采购")};
  static const std::vector<std::string> kT3v2021 = {label_key("逾期不补正"),
                                                    label_key("逾期未按收费通知")};
  VersionScores s;
  std::vector<bool> seen21(kT2v2021.size()), seen19(kT2v2019.size()), seen3(kT3v2021.size());
  const auto& cells = ctx.layout.cells;
  static const LabelParts other_processing = split_enumerator(label_key("（六）其他处理"));
  static const LabelParts grand_total = split_enumerator(label_key("（七）总计"));
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (ctx.deadline.expired_at(i)) break;
    const CellView& view = ctx.views[i];
    if (view.value_only || cells[i].continuation) continue;
    const std::string_view key = cells[i].key;
    if (key.size() > kMaxVersionLabelBytes) continue;
    for (std::size_t m = 0; m < kT2v2021.size(); ++m) {
      if (!seen21[m] && key.find(kT2v2021[m]) != std::string::npos) seen21[m] = true;
    }
    for (std::size_t m = 0; m < kT2v2019.size(); ++m) {
      if (!seen19[m] && key.find(kT2v2019[m]) != std::string::npos) seen19[m] = true;
    }
    for (std::size_t m = 0; m < kT3v2021.size(); ++m) {
      if (!seen3[m] && key.find(kT3v2021[m]) != std::string::npos) seen3[m] = true;
    }
    // "（六）其他处理" followed by "（七）总计" as the next label: the 2019 table 三.
    if (view.label.enumerator == other_processing.enumerator &&
        view.label.core == other_processing.core) {
      for (std::size_t j = i + 1; j < cells.size(); ++j) {
        const CellView& next = ctx.views[j];
        if (next.value_only || cells[j].continuation) continue;
        if (next.label.core == grand_total.core) s.t3_v2019 += 1;
        break;
      }
    }
  }
  s.t2_v2021 = static_cast<int>(std::count(seen21.begin(), seen21.end(), true));
  s.t2_v2019 = static_cast<int>(std::count(seen19.begin(), seen19.end(), true));
  s.t3_v2021 = static_cast<int>(std::count(seen3.begin(), seen3.end(), true));
  return s;
}

}  // namespace xxgknb::mapping
