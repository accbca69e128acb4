// Stage 6, checks: the review verdict — whether a person must look at this report, why, and
// how sure we are of what we read.
#include <algorithm>
#include <cstdio>
#include <string_view>

#include "checks/checks.h"
#include "checks/rules.h"

namespace xxgknb {
namespace {

constexpr std::size_t kMaxReasons = 20;
constexpr std::size_t kMaxReasonBytes = 300;
constexpr std::size_t kKeysNamed = 5;
// Ceiling on the review confidence while an error flag, an error rule blamed on our reading
// or a missing section or table (E7) stands, whatever share of cells read well.
constexpr double kConfidenceCeilingWhenDoubted = 0.5;

// "t3.results.granted.total" → "t3"; "t2v19.x" → "t2" (table 二 of either template).
std::string table_of(std::string_view key) {
  const std::size_t dot = key.find('.');
  std::string_view head = key.substr(0, dot);
  if (head == "t2v19") head = "t2";
  return std::string(head);
}

const char* table_label(const std::string& table) {
  if (table == "t2") return "表二";
  if (table == "t3") return "表三";
  if (table == "t4") return "表四";
  return "";
}

std::string format_threshold(double threshold) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", threshold);
  std::string s = buffer;
  while (s.size() > 1 && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string count_and_keys(std::size_t count, const std::string& what,
                           const std::vector<std::string>& keys) {
  std::string out = std::to_string(count) + " " + what + ": ";
  for (std::size_t i = 0; i < keys.size() && i < kKeysNamed; ++i) {
    out += (i > 0 ? ", " : "") + keys[i];
  }
  if (keys.size() > kKeysNamed) out += ", …";
  return out;
}

class Reasons {
 public:
  void add(const std::string& reason) {
    const std::string clipped = checks::clip_utf8(reason, kMaxReasonBytes);
    if (std::find(all_.begin(), all_.end(), clipped) == all_.end()) all_.push_back(clipped);
  }
  std::vector<std::string> take() {
    if (all_.size() > kMaxReasons) {
      const std::size_t more = all_.size() - (kMaxReasons - 1);
      all_.resize(kMaxReasons - 1);
      all_.push_back("… 另有 " + std::to_string(more) + " 条 (" + std::to_string(more) +
                     " more reasons)");
    }
    return std::move(all_);
  }
  bool empty() const { return all_.empty(); }

 private:
  std::vector<std::string> all_;
};

}  // namespace

// Confidence is the share of non-derived cells, outside wholly missing tables, whose
// confidence is at least the review threshold; capped at 0.5 while an error flag, an error
// rule blamed on our reading or an E7 failure stands; 0 when no cell was read at all.
// So 1.0 means nothing is in doubt. A failure of the report's own arithmetic does not lower
// it: that value is what the report says.
void assess_review(Report& report, const Options& options) {
  const double threshold = options.review_threshold;
  Reasons reasons;

  // 1. Error rules that fail.
  bool part_in_doubt = false;
  std::vector<std::string> e7_failed;   // E7 failures on t2/t3/t4
  for (const Check& check : report.checks) {
    if (check.severity != Severity::Error || check.status != CheckStatus::Fail) continue;
    if (check.blame == Blame::Extraction) part_in_doubt = true;
    if (check.id == "E7") {
      part_in_doubt = true;   // a required part we could not read
      e7_failed.push_back(check.column);
    }
    reasons.add(check.id + " " + check.column + ": " + check.message);
  }

  // 1b. Error rules we could not assess because of our own reading (several values in a
  // cell, a cell not found) are a doubt about the report, said once for all of them; a
  // table wholly missing is said by E7 already.
  std::vector<std::string> unassessed;
  for (const Check& check : report.checks) {
    if (check.severity != Severity::Error || check.status != CheckStatus::NotAssessable ||
        check.blame != Blame::Extraction || check.id == "E7") {
      continue;
    }
    const bool said_by_e7 = !check.fields.empty() &&
                            std::all_of(check.fields.begin(), check.fields.end(), [&](const std::string& k) {
                              return std::find(e7_failed.begin(), e7_failed.end(), table_of(k)) !=
                                     e7_failed.end();
                            });
    if (said_by_e7) continue;
    part_in_doubt = true;
    unassessed.push_back(check.id + " " + check.column);
  }
  if (!unassessed.empty()) {
    reasons.add(count_and_keys(unassessed.size(),
                               "项勾稽检查因读取存疑未能核对 (error checks not assessable: an input we "
                               "could not read)",
                               unassessed));
  }

  // 2. Error flags (section_missing, table_missing, …), unless an E7 failure said it already.
  bool error_flag = false;
  for (const Flag& flag : report.flags) {
    if (flag.severity != "error") continue;
    error_flag = true;
    const bool said_by_e7 =
        !flag.field.empty() &&
        std::find(e7_failed.begin(), e7_failed.end(), table_of(flag.field)) !=
            e7_failed.end();
    if (said_by_e7) continue;
    reasons.add(flag.code + (flag.field.empty() ? "" : " (" + flag.field + ")") + ": " +
                flag.message);
  }

  // 2b. Warnings a person must look at even though no rule fails: a table left wholly blank
  // (螅镇 2022: the report or its figures are in an image), a data row printed twice, and
  // glued digits whose split the document does not determine.
  for (const Flag& flag : report.flags) {
    if (flag.code != "table_unfilled" && flag.code != "row_repeated" &&
        flag.code != "glued_ambiguous") {
      continue;
    }
    reasons.add(flag.code + (flag.field.empty() ? "" : " (" + flag.field + ")") + ": " +
                flag.message);
  }

  // 3. Cells: a table none of whose cells was found is one reason, not one per cell.
  std::vector<std::string> tables, wholly_missing;
  for (const Field& f : report.fields) {
    const std::string t = table_of(f.key);
    if (std::find(tables.begin(), tables.end(), t) == tables.end()) tables.push_back(t);
  }
  for (const std::string& t : tables) {
    const bool all_missing =
        std::all_of(report.fields.begin(), report.fields.end(), [&](const Field& f) {
          return table_of(f.key) != t || f.kind == Kind::Missing;
        });
    if (!all_missing) continue;
    wholly_missing.push_back(t);
    if (std::find(e7_failed.begin(), e7_failed.end(), t) == e7_failed.end()) {
      reasons.add(std::string(table_label(t)) + " (" + t + ") 未读到: none of its cells was found");
    }
  }
  std::vector<std::string> missing_cells, doubtful_cells;
  std::size_t counted = 0, sure = 0;
  for (const Field& f : report.fields) {
    if (f.derived) continue;
    if (std::find(wholly_missing.begin(), wholly_missing.end(), table_of(f.key)) !=
        wholly_missing.end()) {
      continue;
    }
    ++counted;
    if (f.confidence >= threshold) {
      ++sure;
    } else if (f.kind == Kind::Missing) {
      missing_cells.push_back(f.key);
    } else {
      doubtful_cells.push_back(f.key);
    }
  }
  if (!missing_cells.empty()) {
    reasons.add(count_and_keys(missing_cells.size(), "个单元格未找到 (cells not found)",
                               missing_cells));
  }
  if (!doubtful_cells.empty()) {
    reasons.add(count_and_keys(doubtful_cells.size(),
                               "个单元格读取置信度低于 " + format_threshold(threshold) +
                                   " (cells read with low confidence)",
                               doubtful_cells));
  }

  report.review.needs_review = !reasons.empty();
  report.review.reasons = reasons.take();
  if (counted == 0) {
    report.review.confidence = 0.0;
  } else {
    double confidence = static_cast<double>(sure) / static_cast<double>(counted);
    if (error_flag || part_in_doubt) {
      confidence = std::min(confidence, kConfidenceCeilingWhenDoubted);
    }
    report.review.confidence = confidence;
  }
}

}  // namespace xxgknb
