// Stage 5, template mapping: reads the runs of glued digits of a crawler's text by the
// template's sums — every split of each run, then the combinations of runs, within a budget
// — and sets only the cells that every surviving reading agrees on.
#include "templates/glued_run.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "normalize/normalize.h"

namespace xxgknb::mapping {
namespace {

// Readings of one run shown in its flag's message; the count says how many there were.
constexpr std::size_t kShownReadings = 4;
// Only the last this many code points of a glued label are tried as the row's label: the
// longest label of the templates has about 35.
constexpr std::size_t kMaxGluedLabelCodePoints = 80;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A run's digits without its spaces and signs; a printed space is a cell boundary for
// certain, and so is a minus sign, which opens a signed cell ("2648-18538": 2648, then -…).
struct RunDigits {
  std::string digits;
  std::vector<std::size_t> byte_of;  // byte of each digit in the run as printed
  std::vector<bool> cut_after;       // a space or a sign follows the digit
  std::vector<bool> negative;        // a minus sign stands before the digit
  bool only_digits = true;           // nothing but digits, spaces and minus signs
};

RunDigits run_digits(std::string_view raw) {
  RunDigits d;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (is_digit(raw[i])) {
      d.negative.push_back(i > 0 && raw[i - 1] == '-');
      d.digits.push_back(raw[i]);
      d.byte_of.push_back(i);
      d.cut_after.push_back(false);
    } else if (raw[i] == ' ' || raw[i] == '-') {
      if (!d.cut_after.empty()) d.cut_after.back() = true;
    } else {
      d.only_digits = false;
    }
  }
  return d;
}

// One reading of a run: where each of its numbers ends in RunDigits::digits.
using Reading = std::vector<std::size_t>;

// A sum of the template as terms over the table's fields: sum of sign × value == 0.
struct Constraint {
  std::vector<std::pair<std::size_t, int>> terms;  // field index, +1 or -1
  std::size_t last_run = 0;                        // the last run (in search order) it needs
};

const TemplateSpec& template_of_table(const TableSpec& table) {
  const TemplateSpec& v2019 = template_v2019();
  const bool is_v2019 = &table == v2019.t2 || &table == v2019.t3 || &table == v2019.t4;
  return is_v2019 ? v2019 : template_v2021();
}

class Solver {
 public:
  Solver(const TableSpec& table, const std::vector<GluedRun>& runs, std::uint64_t budget,
         TableResult& result)
      : table_(table), runs_(runs), budget_(budget), result_(result) {}

  void run() {
    field_run_.assign(result_.fields.size(), -1);
    for (std::size_t r = 0; r < runs_.size(); ++r) {
      for (std::size_t k = 0; k < runs_[r].count; ++k) {
        field_run_[runs_[r].first_field + k] = static_cast<int>(r);
      }
    }
    make_constraints();
    digits_.reserve(runs_.size());
    readings_.resize(runs_.size());
    splits_.assign(runs_.size(), 0);
    local_exhausted_.assign(runs_.size(), false);
    for (std::size_t r = 0; r < runs_.size(); ++r) {
      digits_.push_back(run_digits(runs_[r].raw));
      enumerate(r);
    }
    search();
    write();
  }

 private:
  // The template's sums whose every field is printed in this table, as a number or in a run.
  void make_constraints() {
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < result_.fields.size(); ++i) index.emplace(result_.fields[i].key, i);
    for (const SumRule& rule : sum_rules(template_of_table(table_))) {
      Constraint c;
      bool usable = true;
      bool has_run = false;
      auto add = [&](const std::vector<SumTerm>& side, int sign) {
        for (const SumTerm& term : side) {
          for (const std::string& key : term.keys) {
            const auto it = index.find(key);
            if (it == index.end()) {
              usable = false;
              return;
            }
            const Field& f = result_.fields[it->second];
            const int run = field_run_[it->second];
            if (run >= 0) {
              has_run = true;
              c.last_run = std::max(c.last_run, static_cast<std::size_t>(run));
            } else if (!(f.kind == Kind::Number && f.value && f.value->is_integer() &&
                         f.value->to_int64())) {
              usable = false;  // a blank, unread or fractional cell: the sum says nothing here
              return;
            }
            c.terms.emplace_back(it->second, sign);
          }
        }
      };
      add(rule.lhs, 1);
      add(rule.rhs, -1);
      if (usable && has_run) constraints_.push_back(std::move(c));
    }
  }

  // The value of a field under the current assignment, for a field in no run its print.
  std::optional<long long> value_of(std::size_t field) const {
    const int run = field_run_[field];
    if (run < 0) return result_.fields[field].value->to_int64();
    const auto r = static_cast<std::size_t>(run);
    if (chosen_[r] < 0) return std::nullopt;
    return number_in(r, readings_[r][static_cast<std::size_t>(chosen_[r])],
                     field - runs_[r].first_field);
  }

  long long number_in(std::size_t r, const Reading& reading, std::size_t k) const {
    const std::size_t begin = k == 0 ? 0 : reading[k - 1];
    const long long magnitude = std::stoll(digits_[r].digits.substr(begin, reading[k] - begin));
    return digits_[r].negative[begin] ? -magnitude : magnitude;
  }

  bool holds(const Constraint& c) const {
    long long sum = 0;
    for (const auto& [field, sign] : c.terms) {
      const std::optional<long long> v = value_of(field);
      if (!v) return true;  // not all known yet
      sum += sign * *v;
    }
    return sum == 0;
  }

  // Every split of run r into its count numbers that its own sums allow.
  void enumerate(std::size_t r) {
    const RunDigits& d = digits_[r];
    const GluedRun& run = runs_[r];
    if (!d.only_digits || d.digits.size() < run.count) return;
    chosen_.assign(runs_.size(), -1);
    std::vector<const Constraint*> local;
    for (const Constraint& c : constraints_) {
      const bool within = std::all_of(c.terms.begin(), c.terms.end(), [&](const auto& t) {
        return field_run_[t.first] < 0 || field_run_[t.first] == static_cast<int>(r);
      });
      if (within) local.push_back(&c);
    }
    // The most digits the numbers from the k-th on can hold: a longer rest has no reading.
    std::vector<std::size_t> room(run.count + 1, 0);
    for (std::size_t k = run.count; k > 0; --k) {
      room[k - 1] = room[k] + static_cast<std::size_t>(table_column(run.first_field + k - 1).max_digits);
    }
    if (d.digits.size() > room[0]) return;
    Reading reading;
    // Depth-first over the end of each number; the depth is the run's count, at most the 15
    // cells of table 四, never the input's length.
    auto step = [&](auto&& self, std::size_t begin) -> void {
      if (tried_ >= budget_) {
        local_exhausted_[r] = true;
        return;
      }
      const std::size_t k = reading.size();
      const std::size_t left = run.count - k - 1;  // numbers after this one
      const ColumnSpec& column = table_column(run.first_field + k);
      const auto max_digits = static_cast<std::size_t>(column.max_digits);
      // "-185" only where the template allows a sign (本年增/减 of the 2019 template).
      if (d.negative[begin] && column.rule != ValueRule::SignedCount) return;
      for (std::size_t len = 1; len <= max_digits && begin + len + left <= d.digits.size(); ++len) {
        const std::size_t end = begin + len;
        if (len > 1 && d.digits[begin] == '0') break;    // "05" is no number
        if (len > 1 && d.cut_after[end - 2]) break;      // no number across a space or sign
        if (left == 0 && end != d.digits.size()) continue;
        if (left > 0 && end == d.digits.size()) break;
        if (d.digits.size() - end > room[k + 1]) continue;  // the rest would not fit
        ++tried_;
        reading.push_back(end);
        if (left == 0) {
          ++splits_[r];
          readings_[r].push_back(reading);
          chosen_[r] = static_cast<int>(readings_[r].size() - 1);
          const bool ok = std::all_of(local.begin(), local.end(),
                                      [&](const Constraint* c) { return holds(*c); });
          if (!ok) readings_[r].pop_back();
          chosen_[r] = -1;
        } else {
          self(self, end);
        }
        reading.pop_back();
        if (tried_ >= budget_) {
          local_exhausted_[r] = true;
          return;
        }
      }
    };
    step(step, 0);
  }

  const ColumnSpec& table_column(std::size_t field) const {
    std::size_t first = 0;
    for (const RowSpec& row : table_.rows) {
      if (field < first + row.columns.size()) return row.columns[field - first];
      first += row.columns.size();
    }
    return table_.rows.back().columns.back();
  }

  // The combinations of the runs' readings that satisfy the sums across runs.
  void search() {
    chosen_.assign(runs_.size(), -1);
    seen_.assign(runs_.size(), {});
    // A run without a reading of its own (more than digits, too few digits, its row's sum
    // fails) or whose splits ran past the budget takes no part: the sums through it say
    // nothing, and the other runs are read together without it.
    std::vector<bool> active(runs_.size());
    for (std::size_t r = 0; r < runs_.size(); ++r) {
      active[r] = !readings_[r].empty() && !local_exhausted_[r];
    }
    std::vector<Constraint> joint;
    for (const Constraint& c : constraints_) {
      const bool all_active = std::all_of(c.terms.begin(), c.terms.end(), [&](const auto& t) {
        return field_run_[t.first] < 0 || active[static_cast<std::size_t>(field_run_[t.first])];
      });
      if (all_active) joint.push_back(c);
    }
    // Runs no sum ties together are read apart: the rows of table 二 multiply no readings.
    group_.resize(runs_.size());
    for (std::size_t r = 0; r < runs_.size(); ++r) group_[r] = r;
    const auto root = [&](std::size_t r) {
      while (group_[r] != r) r = group_[r];
      return r;
    };
    for (const Constraint& c : joint) {
      std::size_t first = runs_.size();
      for (const auto& t : c.terms) {
        const int run = field_run_[t.first];
        if (run < 0) continue;
        const std::size_t g = root(static_cast<std::size_t>(run));
        if (first == runs_.size()) first = g;
        group_[g] = group_[first] = std::min(first, g);
        first = std::min(first, g);
      }
    }
    for (std::size_t r = 0; r < runs_.size(); ++r) group_[r] = root(r);
    solutions_.assign(runs_.size(), 0);
    joint_exhausted_.assign(runs_.size(), false);
    for (std::size_t g = 0; g < runs_.size(); ++g) {
      std::vector<std::size_t> members;
      for (std::size_t r = 0; r < runs_.size(); ++r) {
        if (group_[r] == g && active[r]) members.push_back(r);
      }
      if (!members.empty()) search_group(members, joint, g);
    }
  }

  // Depth-first over the readings of the runs of one group; a sum is checked once the last
  // run it needs is chosen. The depth is the group's runs, at most the rows of a table.
  void search_group(const std::vector<std::size_t>& members, const std::vector<Constraint>& joint,
                    std::size_t g) {
    auto step = [&](auto&& self, std::size_t m) -> void {
      if (m == members.size()) {
        ++solutions_[g];
        for (const std::size_t q : members) {
          auto& s = seen_[q];
          const int c = chosen_[q];
          if (std::find(s.begin(), s.end(), c) == s.end()) s.push_back(c);
        }
        return;
      }
      const std::size_t r = members[m];
      for (std::size_t c = 0; c < readings_[r].size(); ++c) {
        if (++tried_ > budget_) {
          joint_exhausted_[g] = true;
          return;
        }
        chosen_[r] = static_cast<int>(c);
        const bool ok = std::all_of(joint.begin(), joint.end(), [&](const Constraint& k) {
          return k.last_run != r || holds(k);
        });
        if (ok) self(self, m + 1);
        if (joint_exhausted_[g]) return;
      }
      chosen_[r] = -1;
    };
    step(step, 0);
  }

  std::string reading_text(std::size_t r, const Reading& reading) const {
    std::string out;
    for (std::size_t k = 0; k < reading.size(); ++k) {
      if (k > 0) out += '|';
      out += std::to_string(number_in(r, reading, k));
    }
    return out;
  }

  void write() {
    for (std::size_t r = 0; r < runs_.size(); ++r) {
      const GluedRun& run = runs_[r];
      const std::size_t g = group_[r];
      const bool joint = solutions_[g] > 0 && !joint_exhausted_[g];
      // The readings still possible: those of the joint solutions, or, when the runs together
      // fit no reading (the report's own sums fail) or the search ran out, the run's own.
      std::vector<std::size_t> kept;
      if (joint) {
        for (const int c : seen_[r]) kept.push_back(static_cast<std::size_t>(c));
        std::sort(kept.begin(), kept.end());
      } else if (!local_exhausted_[r]) {
        for (std::size_t c = 0; c < readings_[r].size(); ++c) kept.push_back(c);
      }
      std::size_t undecided = 0;
      for (std::size_t k = 0; k < run.count; ++k) {
        Field& f = result_.fields[run.first_field + k];
        f.label = run.label;
        std::optional<long long> agreed;
        bool agree = !kept.empty();
        for (const std::size_t c : kept) {
          const long long v = number_in(r, readings_[r][c], k);
          if (agreed && *agreed != v) agree = false;
          agreed = v;
        }
        if (agree && digits_[r].only_digits) {
          const Reading& reading = readings_[r][kept.front()];
          const std::size_t begin = k == 0 ? 0 : reading[k - 1];
          const std::size_t end = reading[k];
          f.kind = Kind::Number;
          f.value = Decimal::from_int(*agreed);
          const std::size_t first = digits_[r].byte_of[begin] - (digits_[r].negative[begin] ? 1 : 0);
          const std::size_t last = digits_[r].byte_of[end - 1] + 1;
          f.raw = std::string(run.raw.substr(first, last - first));  // "20", "-15"
          f.source = run.source;
          if (f.source.offset >= 0) {
            f.source.offset += static_cast<std::int64_t>(first);
            f.source.length = static_cast<std::int64_t>(last - first);
          }
          f.confidence = kConfidenceInferred;
          add_flag(f, "inferred");
          add_flag(f, "glued_run");
        } else {
          // As for "24 1" in one cell (multiple_values): the printed text, no number.
          ++undecided;
          f.kind = Kind::Text;
          f.value.reset();
          f.raw = std::string(run.raw);
          f.source = run.source;
          f.confidence = kConfidenceText;
          add_flag(f, "glued_ambiguous");
        }
      }
      result_.flags.push_back(run_flag(r, kept, undecided, joint, solutions_[g], joint_exhausted_[g]));
    }
  }

  Flag run_flag(std::size_t r, const std::vector<std::size_t>& kept, std::size_t undecided,
                bool joint, std::uint64_t solutions, bool joint_exhausted) const {
    const GluedRun& run = runs_[r];
    Flag flag;
    flag.field = result_.fields[run.first_field].key;
    std::string message = std::string(table_.caption) + " \"" + run.label + "\": \"" +
                          std::string(run.raw) + "\" glued for " + std::to_string(run.count) +
                          " cells; ";
    if (!digits_[r].only_digits) {
      message += "it holds more than digits, spaces and minus signs, and is not split";
    } else if (local_exhausted_[r] || (!joint && joint_exhausted)) {
      message += "more than " + std::to_string(budget_) +
                 " readings would have to be tried (max_glued_readings); it is not split";
    } else {
      message += std::to_string(splits_[r]) + " splits considered, " +
                 std::to_string(readings_[r].size()) + " fit the row's own sums";
      if (joint) {
        message += ", " + std::to_string(kept.size()) + " fit the sums across the table";
      } else if (solutions == 0 && !readings_[r].empty()) {
        message += "; no reading of the table's runs together fits its sums, so each run is "
                   "read alone";
      }
      message += kept.empty() ? "" : ": ";
      for (std::size_t i = 0; i < kept.size() && i < kShownReadings; ++i) {
        message += (i > 0 ? ", " : "") + reading_text(r, readings_[r][kept[i]]);
      }
      if (kept.size() > kShownReadings) message += ", …";
    }
    if (undecided == 0) {
      flag.code = "glued_run";
      flag.severity = "info";
      message += "; read as the only reading (inferred)";
    } else {
      flag.code = "glued_ambiguous";
      flag.severity = "warning";
      message += "; " + std::to_string(undecided) + " of its cells are left empty: the document "
                 "does not determine them";
    }
    flag.message = std::move(message);
    return flag;
  }

  const TableSpec& table_;
  const std::vector<GluedRun>& runs_;
  std::uint64_t budget_;
  TableResult& result_;
  std::uint64_t tried_ = 0;
  std::vector<int> field_run_;
  std::vector<Constraint> constraints_;
  std::vector<RunDigits> digits_;
  std::vector<std::vector<Reading>> readings_;
  std::vector<std::uint64_t> splits_;
  std::vector<bool> local_exhausted_;
  std::vector<int> chosen_;
  std::vector<std::vector<int>> seen_;
  std::vector<std::size_t> group_;          // runs tied together by sums share a group
  std::vector<std::uint64_t> solutions_;    // per group: combinations that fit its sums
  std::vector<bool> joint_exhausted_;       // per group: the budget ran out in its search
};

}  // namespace

bool is_glued(const Document& document, const StreamCell& cell) {
  const int t = cell.source.table;
  return t >= 0 && t < static_cast<int>(document.tables.size()) &&
         document.tables[static_cast<std::size_t>(t)].origin == "glued_text";
}

GluedLabelMatch match_glued_label(const PreparedTable& table, std::string_view label_raw) {
  std::vector<std::size_t> starts;  // code point starts, last kMaxGluedLabelCodePoints
  for (std::size_t i = label_raw.size(); i > 0 && starts.size() < kMaxGluedLabelCodePoints;) {
    --i;
    if ((static_cast<unsigned char>(label_raw[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  // Longest ending first: "…其他一、本年新收…" names new_received, not a shorter row.
  for (auto it = starts.rbegin(); it != starts.rend(); ++it) {
    const RowMatch m = match_row(table, split_enumerator(label_key(label_raw.substr(*it))));
    if (m.row >= 0 && m.quality == LabelMatch::Exact) return {m, *it};
  }
  return {};
}

void resolve_glued_runs(const TableSpec& table, const std::vector<GluedRun>& runs,
                        std::uint64_t max_readings, TableResult& result) {
  if (runs.empty()) return;
  Solver(table, runs, max_readings, result).run();
}

}  // namespace xxgknb::mapping
