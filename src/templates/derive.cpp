// Stage 5b, derive: values the template leaves out, computed from what was read, after the
// mapping and before the checks: the subtotals of table 三's result blocks.
#include "templates/derive.h"

#include <algorithm>
#include <string>
#include <vector>

#include "templates/map_parts.h"
#include "templates/spec.h"

namespace xxgknb {
namespace {

using mapping::make_field;

// Subtotals the template leaves out (templates.md §2.3): for table 三's groups 不予公开,
// 无法提供, 不予处理 and (2021) 其他处理, per column, "t3.results.denied.subtotal.total" etc.
// Computed only when every cell of the group reads as a count; otherwise present, missing.
void append_subtotals(const TableSpec& spec, std::vector<Field>& fields) {
  std::vector<std::string> groups = {"results.denied", "results.unable", "results.not_processed"};
  const bool other_has_rows = std::any_of(spec.rows.begin(), spec.rows.end(), [](const RowSpec& r) {
    return std::string_view(r.key) == "results.other.no_correction";
  });
  if (other_has_rows) groups.emplace_back("results.other");
  const std::vector<ColumnSpec>& columns = spec.rows.front().columns;
  std::vector<Field> subtotals;
  for (const std::string& group : groups) {
    const std::string prefix = "t3." + group + ".";
    for (const ColumnSpec& column : columns) {
      const std::string suffix = std::string(".") + column.key;
      Field sum = make_field(prefix + "subtotal." + column.key);
      sum.derived = true;
      sum.label = "小计";
      Decimal total;
      double confidence = 1.0;
      bool computable = true;
      for (const Field& f : fields) {
        const bool in_group = f.key.compare(0, prefix.size(), prefix) == 0 &&
                              f.key.size() > suffix.size() &&
                              f.key.compare(f.key.size() - suffix.size(), suffix.size(), suffix) == 0;
        if (!in_group) continue;
        const bool count = (f.kind == Kind::Number || f.kind == Kind::TextZero) && f.value &&
                           f.value->is_integer() && !f.value->negative();
        std::optional<Decimal> next = count ? total.plus(*f.value) : std::nullopt;
        if (!next) {
          computable = false;
          break;
        }
        total = *next;
        confidence = std::min(confidence, f.confidence);
      }
      if (computable) {
        sum.kind = Kind::Number;
        sum.value = total;
        sum.confidence = confidence;
      }
      subtotals.push_back(std::move(sum));
    }
  }
  // In the output they follow table 三's own fields.
  const auto after_t3 = std::find_if(fields.rbegin(), fields.rend(), [](const Field& f) {
                          return f.key.compare(0, 3, "t3.") == 0;
                        }).base();
  fields.insert(after_t3, std::make_move_iterator(subtotals.begin()),
                std::make_move_iterator(subtotals.end()));
}

}  // namespace

void derive(Mapping& mapping) {
  if (!mapping.t3_read) return;
  const TemplateSpec* spec = template_of(mapping.t3_version);
  if (spec == nullptr) return;
  append_subtotals(*spec->t3, mapping.fields);
}

}  // namespace xxgknb
