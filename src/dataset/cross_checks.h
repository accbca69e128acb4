// Dataset: checks across reports of a dataset (templates.md §7, docs/dataset.md) — the same
// agency in consecutive years (W1 carry-over, W2 现行有效 continuity, W3 the 2019 table 二)
// and near-duplicates (W6) — stored on the later report in `cross_checks`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "xxgknb/report.h"

struct sqlite3;

namespace xxgknb::dataset {

// How two reports were paired, and how sure the pairing is (0..1).
struct Pairing {
  std::string how;          // "agency_exact", "agency_normalised", "identical_tables", …
  double confidence = 0.0;
};

// One cross-report check on `later`, against `earlier`. Fields of the later report are named
// by their key; fields of the earlier one are in `earlier_fields`.
struct CrossCheck {
  Check check;                              // id W1/W2/W3/W6, severity warning
  std::vector<std::string> later_fields;
  std::vector<std::string> earlier_fields;
  Pairing pairing;
};

// The agency as pairs are made: folded (NFKC, traditional → simplified, brackets and
// spacing unified) without any whitespace, "平潭综合实验区 管委会" → "平潭综合实验区管委会".
std::string normalised_agency(const std::string& agency);

// How `later` and `earlier` pair as the same agency in consecutive years, or nullopt when
// they do not: years Y and Y−1 and the same agency, exactly (confidence 1) or once
// normalised (0.9). `candidates`: reports of that agency and year Y−1 in the dataset; with
// several, each pairing's confidence is divided by their number; past kMaxPairCandidates there
// is no pairing at all (it would be a guess), which also keeps a dataset holding many copies
// of one agency's report from costing pairs quadratically.
inline constexpr int kMaxPairCandidates = 4;
std::optional<Pairing> pair_consecutive(const Report& later, const Report& earlier,
                                        int candidates = 1);

// W1 per column of table 三; W2 per row of the 2021 table 二 with 现行有效 (when both
// reports have that table); W3 per row of the 2019 table 二 with 上一年项目数量 and 本年增/减
// (when both have it). Exact arithmetic, blame as in the template's own checks.
std::vector<CrossCheck> consecutive_year_checks(const Report& later, const Report& earlier,
                                                const Pairing& pairing);

// The fields of a cross check as the `cross_checks.fields` JSON array:
// [{"document_id": 2, "key": "t3.carried_over.total"}, {"document_id": 1, "key": …}];
// `later_id` is null for a report outside the dataset (`xxgknb check --db`).
std::string cross_check_fields(const CrossCheck& check, std::optional<std::int64_t> later_id,
                               std::int64_t earlier_id);

// Runs every cross-report check over the dataset and replaces the `cross_checks` table with
// the result, in one transaction (so running it again gives the same rows). Reports with an
// error are skipped. When the dataset holds corrections, the checks are run again with the
// corrections in force in place of the extracted values, into `corrected_cross_checks`
// (emptied otherwise); `cross_checks` stays the extracted values' own. A dataset of an older
// schema is migrated first. Returns "" on success, else a message naming what failed.
std::string run_cross_checks(sqlite3* db);

// The same inside the caller's transaction (apply-corrections runs it with the corrections
// it records), on a dataset of the current schema.
std::string replace_cross_checks(sqlite3* db);

}  // namespace xxgknb::dataset
