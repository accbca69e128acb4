// Stage 5, template mapping: finds the three statistics tables in the cell stream, tells the
// template version by its labels, and maps every value to its canonical key by row label
// (never by position alone), reading grids, rebuilt text tables and loose lines alike.
#include <re2/re2.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "normalize/normalize.h"
#include "templates/cell_value.h"
#include "templates/labels.h"
#include "templates/spec.h"
#include "templates/map_parts.h"
#include "templates/templates.h"

namespace xxgknb {
namespace {

using namespace mapping;  // NOLINT: the parts of this stage

// Regions: a table is looked for in its own section, else anywhere.
struct Region {
  std::size_t begin = 0, end = 0;
  bool from_section = false;
};

Region section_region(const Context& ctx, const Segments& segments, const char* key) {
  Region r;
  r.end = ctx.layout.cells.size();
  for (const Section& s : segments.sections) {
    if (s.key != key || s.first_block < 0) continue;
    const auto& first = ctx.layout.block_first_cell;
    const std::size_t nblocks = first.empty() ? 0 : first.size() - 1;
    const std::size_t b0 = std::min<std::size_t>(static_cast<std::size_t>(s.first_block), nblocks);
    const std::size_t b1 = s.end_block < 0 ? nblocks
                                           : std::min<std::size_t>(static_cast<std::size_t>(s.end_block), nblocks);
    if (first.empty() || b1 <= b0) break;
    r.begin = static_cast<std::size_t>(first[b0]);
    r.end = static_cast<std::size_t>(first[b1]);
    r.from_section = true;
    break;
  }
  return r;
}

template <typename MapFn>
TableResult map_in_region(const Context& ctx, const PreparedTable& table, const Region& region,
                          MapFn map) {
  TableResult result = map(ctx, table, region.begin, region.end);
  if (result.rows_found == 0 && region.from_section) {
    result = map(ctx, table, 0, ctx.layout.cells.size());
    if (result.rows_found > 0) {
      result.flags.push_back(Flag{"table_outside_section", "info", table.spec->name,
                                  std::string(table.spec->caption) +
                                      " was found outside its numbered section"});
    }
  }
  return result;
}

bool all_kind(const std::vector<Field>& fields, Kind kind) {
  return !fields.empty() &&
         std::all_of(fields.begin(), fields.end(), [kind](const Field& f) { return f.kind == kind; });
}

// A row's 总计 left blank while its other cells hold non-zero counts: the template wants the
// total, and extractions lose a row's last cell ("| 1 | 0 | 0 | 0 | 0 | 0 | |"), so the blank
// is as likely ours as the report's (§6.3). It is kept blank but doubted.
void doubt_blank_totals(const TableSpec& spec, std::vector<Field>& fields) {
  std::size_t first = 0;
  for (const RowSpec& row : spec.rows) {
    const std::size_t n = row.columns.size();
    if (first + n > fields.size()) break;
    bool parts_counted = false;
    Field* total = nullptr;
    for (std::size_t k = 0; k < n; ++k) {
      Field& f = fields[first + k];
      if (row.columns[k].is_total) {
        total = &f;
      } else if (f.kind == Kind::Number && f.value && !f.value->is_zero()) {
        parts_counted = true;
      }
    }
    if (total != nullptr && total->kind == Kind::Blank && parts_counted) {
      add_flag(*total, "total_blank");
      total->confidence = std::min(total->confidence, kConfidenceCountMismatch);
    }
    first += n;
  }
}

void finish_table(const TableSpec& spec, TableResult& result, Mapping& mapping) {
  if (result.rows_found > 0) doubt_blank_totals(spec, result.fields);
  if (result.rows_found == 0) {
    mapping.flags.push_back(Flag{"table_missing", "error", spec.name,
                                 std::string(spec.caption) +
                                     " was not found: no row of it could be read (an image, an "
                                     "attachment, or left out)"});
  } else if (all_kind(result.fields, Kind::Blank)) {
    mapping.flags.push_back(Flag{"table_unfilled", "warning", spec.name,
                                 std::string(spec.caption) + " is present but every cell is blank"});
  }
  if (std::string_view(spec.name) == "t3") mapping.t3_read = result.rows_found > 0;
  for (Flag& f : result.flags) mapping.flags.push_back(std::move(f));
  for (Field& f : result.fields) mapping.fields.push_back(std::move(f));
  for (ExtraRow& e : result.extra_rows) mapping.extra_rows.push_back(std::move(e));
}

}  // namespace

Mapping map_template(const Document& document, const Layout& layout, const Segments& segments,
                     const Deadline& deadline, const Limits& limits) {
  Context ctx{document, layout, deadline, {}, limits.max_glued_readings};
  ctx.views.reserve(layout.cells.size());
  for (const StreamCell& cell : layout.cells) {
    // Past the deadline the rest of the cells are left unread; the pipeline refuses the input.
    ctx.views.push_back(deadline.expired_at(ctx.views.size()) ? CellView{} : view_cell(cell));
  }

  Mapping mapping;
  const VersionScores scores = score_versions(ctx);
  const int v2021 = scores.t2_v2021 + scores.t3_v2021;
  const int v2019 = scores.t2_v2019 + scores.t3_v2019;
  const std::optional<int> year = segments.meta.year;

  // A report under the 2007 条例 with no label of either national template: its one old
  // 统计表, where it has one. The national tables do not apply, so their absence is no error.
  if (segments.pre_2019 && v2021 == 0 && v2019 == 0) {
    mapping.template_version = "legacy";
    TableResult legacy = map_legacy_table(ctx, prepared_legacy());
    for (Flag& f : legacy.flags) mapping.flags.push_back(std::move(f));
    for (Field& f : legacy.fields) mapping.fields.push_back(std::move(f));
    return mapping;
  }

  const TemplateSpec* t2_template = nullptr;
  const TemplateSpec* t3_template = nullptr;
  if (v2021 > 0 && v2019 > 0) {
    mapping.template_version = "mixed";
    mapping.meta_flags.push_back("mixed_template");
    mapping.flags.push_back(Flag{"mixed_template", "error", "",
                                 "labels of both the 2019 and the 2021 template are present"});
    const TemplateSpec& overall = v2021 >= v2019 ? template_v2021() : template_v2019();
    t2_template = scores.t2_v2021 > scores.t2_v2019   ? &template_v2021()
                  : scores.t2_v2019 > scores.t2_v2021 ? &template_v2019()
                                                      : &overall;
    t3_template = scores.t3_v2021 > scores.t3_v2019   ? &template_v2021()
                  : scores.t3_v2019 > scores.t3_v2021 ? &template_v2019()
                                                      : &overall;
  } else if (v2021 > 0 || v2019 > 0) {
    t2_template = t3_template = v2021 > 0 ? &template_v2021() : &template_v2019();
    mapping.template_version = t2_template->version;
  } else {
    // No version-specific label: the report year is the last tie-breaker (§4.2), and only
    // when some row of the tables can be read at all.
    t2_template = t3_template = (year && *year <= 2020) ? &template_v2019() : &template_v2021();
    mapping.template_version = t2_template->version;
    mapping.meta_flags.push_back("version_from_year");
    mapping.flags.push_back(Flag{"version_from_year", "warning", "",
                                 std::string("no label tells the template version; ") +
                                     (year ? "the report year decided it" : "assumed the 2021 template")});
  }

  // The years each layout is for come from the spec, as for check E6.
  const TemplateSpec* used = template_of(mapping.template_version);
  if (year && used != nullptr && (*year < used->first_year || *year > used->last_year)) {
    mapping.meta_flags.push_back("version_year_mismatch");
    mapping.flags.push_back(Flag{"version_year_mismatch", "warning", "",
                                 std::string("the ") + used->version +
                                     " template is used in a report for " + std::to_string(*year) +
                                     "; it is for reports on " + std::to_string(used->first_year) +
                                     (used->last_year < 9999 ? "–" + std::to_string(used->last_year)
                                                             : " and later")});
  }

  const PreparedTable& t2 = prepared(*t2_template).t2;
  const PreparedTable& t3 = prepared(*t3_template).t3;
  mapping.t3_version = t3_template->version;
  const PreparedTable& t4 = prepared(*t3_template).t4;
  TableResult r2 = map_in_region(ctx, t2, section_region(ctx, segments, "s2_proactive"),
                                 map_labelled_table);
  TableResult r3 = map_in_region(ctx, t3, section_region(ctx, segments, "s3_requests"),
                                 map_labelled_table);
  TableResult r4 = map_in_region(ctx, t4, section_region(ctx, segments, "s4_review_litigation"),
                                 map_review_table);
  const bool version_labelled = v2021 > 0 || v2019 > 0;
  if (!version_labelled && r2.rows_found + r3.rows_found + r4.rows_found == 0) {
    Mapping none;
    none.template_version = "unknown";
    none.flags.push_back(Flag{"tables_not_found", "error", "",
                              "none of the three statistics tables of the national template was "
                              "found"});
    return none;
  }
  finish_table(*t2.spec, r2, mapping);
  finish_table(*t3.spec, r3, mapping);
  finish_table(*t4.spec, r4, mapping);
  return mapping;
}

}  // namespace xxgknb
