// Stage 6, checks: W4 — counts that section 一、总体情况 states in words ("收到政府信息公开申请
// 12件"), as the prose stage read them (report.prose), compared with their cells in tables
// 二/三/四.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checks/rules.h"
#include "templates/spec.h"

namespace xxgknb::checks {
namespace {

// A sentence quoted in a message is cut to this many bytes.
constexpr std::size_t kMaxQuote = 240;

// What a statement is compared with, in the template order of the cells.
enum class Counterpart {
  NormativeIssued,     // t2.normative_docs.issued (2019: new_made)
  NormativePublished,  // t2.normative_docs.issued (2019: new_published)
  Received,            // t3.new_received.total
  ReceivedWithCarry,   // t3.new_received.total + t3.carried_over.total
  CarriedOver,         // t3.carried_over.total
  Granted,             // t3.results.granted.total
  GrantedOrPartial,    // t3.results.granted.total + t3.results.partial.total
  Partial,             // t3.results.partial.total
  Denied,              // the eight rows of （三）不予公开
  Unable,              // the three rows of （四）无法提供
  NotProcessed,        // the five rows of （五）不予处理
  OtherHandling,       // the rows of （六）其他处理
  Results,             // t3.results.total.total
  CarriedForward,      // t3.carried_forward.total
  Review,              // t4.review.total
  Litigation,          // t4.litigation.direct.total + t4.litigation.after_review.total
};

// A stated count and the cells it may mean, most likely first: "共受理…申请749件" is the new
// requests, or the new and carried-over ones together; the statement agrees with the table
// when one reading does.
struct Statement {
  std::vector<Counterpart> readings;
  std::int64_t value;
  const ProseFact* fact;
};

// The cells a prose fact may mean; none for a fact no table holds (press conferences, …).
// "受理" (prose.requests.accepted) is read either way: reports write "共受理 749 件" for 新收 713
// + 上年结转 36; "办理" (prose.requests.handled) as concluded, or as the requests taken in hand
// ("全年办理政府信息公开申请218件" = 新收 218).
std::vector<Counterpart> readings_of(std::string_view key) {
  struct Reading {
    std::string_view key;
    std::vector<Counterpart> readings;
  };
  static const std::vector<Reading> kReadings = {
      {"prose.normative_docs.issued", {Counterpart::NormativeIssued}},
      {"prose.normative_docs.published", {Counterpart::NormativePublished}},
      {"prose.requests.received", {Counterpart::Received}},
      {"prose.requests.accepted", {Counterpart::Received, Counterpart::ReceivedWithCarry}},
      {"prose.requests.total", {Counterpart::ReceivedWithCarry}},
      {"prose.requests.carried_over", {Counterpart::CarriedOver}},
      {"prose.requests.handled",
       {Counterpart::Results, Counterpart::Received, Counterpart::ReceivedWithCarry}},
      {"prose.replies.total", {Counterpart::Results}},
      {"prose.replies.granted", {Counterpart::Granted}},
      {"prose.replies.granted_partial", {Counterpart::GrantedOrPartial}},
      {"prose.replies.partial", {Counterpart::Partial}},
      {"prose.replies.denied", {Counterpart::Denied}},
      {"prose.replies.unable", {Counterpart::Unable}},
      {"prose.replies.not_processed", {Counterpart::NotProcessed}},
      {"prose.replies.other", {Counterpart::OtherHandling}},
      {"prose.requests.carried_forward", {Counterpart::CarriedForward}},
      {"prose.review.total", {Counterpart::Review}},
      {"prose.litigation.total", {Counterpart::Litigation}},
  };
  for (const Reading& r : kReadings) {
    if (r.key == key) return r.readings;
  }
  return {};
}

// The cells of table 三 in one （一）…（六） block, column 总计.
std::vector<std::string> t3_group_keys(const Report& report, std::string_view group) {
  const TemplateSpec& spec = t3_template(report);
  std::vector<std::string> keys;
  for (const RowSpec* row : rows_in_group(*spec.t3, group)) {
    keys.push_back(std::string("t3.") + row->key + ".total");
  }
  return keys;
}

std::vector<std::string> counterpart_keys(Counterpart c, const Report& report) {
  const bool v2019 = report.meta.template_version == "v2019";
  switch (c) {
    case Counterpart::NormativeIssued:
      return {v2019 ? "t2v19.normative_docs.new_made" : "t2.normative_docs.issued"};
    case Counterpart::NormativePublished:
      return {v2019 ? "t2v19.normative_docs.new_published" : "t2.normative_docs.issued"};
    case Counterpart::Received: return {"t3.new_received.total"};
    case Counterpart::ReceivedWithCarry: return {"t3.new_received.total", "t3.carried_over.total"};
    case Counterpart::CarriedOver: return {"t3.carried_over.total"};
    case Counterpart::Granted: return {"t3.results.granted.total"};
    case Counterpart::GrantedOrPartial:
      return {"t3.results.granted.total", "t3.results.partial.total"};
    case Counterpart::Partial: return {"t3.results.partial.total"};
    case Counterpart::Denied: return t3_group_keys(report, "denied");
    case Counterpart::Unable: return t3_group_keys(report, "unable");
    case Counterpart::NotProcessed: return t3_group_keys(report, "not_processed");
    case Counterpart::OtherHandling: return t3_group_keys(report, "other");
    case Counterpart::Results: return {"t3.results.total.total"};
    case Counterpart::CarriedForward: return {"t3.carried_forward.total"};
    case Counterpart::Review: return {"t4.review.total"};
    case Counterpart::Litigation:
      return {"t4.litigation.direct.total", "t4.litigation.after_review.total"};
  }
  return {};
}

const char* counterpart_label(Counterpart c) {
  switch (c) {
    case Counterpart::NormativeIssued:
    case Counterpart::NormativePublished: return "表二 规范性文件";
    case Counterpart::Received: return "表三 一、本年新收 总计";
    case Counterpart::ReceivedWithCarry: return "表三 新收+上年结转 总计";
    case Counterpart::CarriedOver: return "表三 二、上年结转 总计";
    case Counterpart::Granted: return "表三 （一）予以公开 总计";
    case Counterpart::GrantedOrPartial: return "表三 （一）予以公开+（二）部分公开 总计";
    case Counterpart::Partial: return "表三 （二）部分公开 总计";
    case Counterpart::Denied: return "表三 （三）不予公开 总计";
    case Counterpart::Unable: return "表三 （四）无法提供 总计";
    case Counterpart::NotProcessed: return "表三 （五）不予处理 总计";
    case Counterpart::OtherHandling: return "表三 （六）其他处理 总计";
    case Counterpart::Results: return "表三 （七）总计 总计";
    case Counterpart::CarriedForward: return "表三 四、结转下年度 总计";
    case Counterpart::Review: return "表四 行政复议 总计";
    case Counterpart::Litigation: return "表四 行政诉讼 总计 (直接起诉+复议后起诉)";
  }
  return "";
}

std::string joined_keys(const std::vector<std::string>& keys) {
  std::string column;
  for (const std::string& key : keys) column += (column.empty() ? "" : "+") + key;
  return column;
}

// One statement against every reading it has a table counterpart for: it passes when one
// reading agrees (the message names it), fails when none does, and is blamed on the report
// only when every cell compared was read cleanly.
std::optional<Check> assess_statement(const Report& report, const Statement& s) {
  struct Assessed {
    Counterpart reading;
    std::vector<std::string> keys;
    Check check;
  };
  // The sentence as one line: PDF text breaks lines inside a sentence.
  std::string sentence = s.fact->sentence;
  sentence.erase(std::remove_if(sentence.begin(), sentence.end(),
                                [](char c) { return c == '\n' || c == '\r'; }),
                 sentence.end());
  const std::string scope = "一、总体情况 第" + std::to_string(s.fact->source.offset) + "字节 \"" +
                            clip_utf8(sentence, kMaxQuote) + "\"";
  std::vector<Assessed> assessed;
  for (Counterpart reading : s.readings) {
    std::vector<std::string> keys = counterpart_keys(reading, report);
    // Only readings with a table counterpart: none in a pre-2019 or unrecognised report.
    const bool has_counterpart =
        !keys.empty() && std::all_of(keys.begin(), keys.end(), [&](const std::string& k) {
          return report.field(k) != nullptr;
        });
    if (!has_counterpart) continue;
    const std::string column = joined_keys(keys);
    Equation eq{"W4", Severity::Warning, column, "number stated in 一、总体情况 == " + column, scope,
                {{"所述", {}, s.value}},
                {{counterpart_label(reading), keys, {}}},
                "正文与表格不符 / the report's text and its table disagree"};
    Check check = assess_equation(report, eq);
    assessed.push_back({reading, std::move(keys), std::move(check)});
  }
  if (assessed.empty()) return std::nullopt;
  if (assessed.size() == 1) return std::move(assessed.front().check);

  auto others = [&](const Assessed& chosen) {
    std::string out;
    for (const Assessed& a : assessed) {
      if (&a == &chosen) continue;
      out += std::string(out.empty() ? "" : "; ") + counterpart_label(a.reading) + " " +
             (a.check.rhs ? a.check.rhs->to_string() : std::string(status_name(a.check.status)));
    }
    return out;
  };
  for (const Assessed& a : assessed) {
    if (a.check.status != CheckStatus::Pass) continue;
    Check check = a.check;
    check.message += " (读作 / read as " + std::string(counterpart_label(a.reading)) +
                     "; 其他读法 / other readings: " + others(a) + ")";
    return check;
  }
  const auto first_assessable = std::find_if(assessed.begin(), assessed.end(), [](const Assessed& a) {
    return a.check.status == CheckStatus::Fail;
  });
  if (first_assessable == assessed.end()) return std::move(assessed.front().check);

  // No reading agrees. Every cell of every reading tried is named, so that each is looked at.
  Check check = first_assessable->check;
  std::vector<std::string> fields;
  for (const Assessed& a : assessed) {
    for (const std::string& key : a.keys) {
      if (std::find(fields.begin(), fields.end(), key) == fields.end()) fields.push_back(key);
    }
  }
  const bool all_clean = std::all_of(fields.begin(), fields.end(), [&](const std::string& key) {
    const Field* f = report.field(key);
    return f != nullptr && read_cleanly(*f);
  });
  check.fields = fields;
  check.blame = all_clean ? Blame::Report : Blame::Extraction;
  check.message = scope + ": 所述 " + std::to_string(s.value) + ", 但 " +
                  counterpart_label(first_assessable->reading) + " " +
                  (first_assessable->check.rhs ? first_assessable->check.rhs->to_string() : "") + "; " +
                  others(*first_assessable) +
                  (all_clean ? " (正文与表格不符 / the report's text and its table disagree, "
                               "whichever way it is read)"
                             : " (读取存疑 / check our reading of the cells compared)");
  return check;
}

}  // namespace

std::vector<Check> check_narrative_numbers(const Report& report) {
  const auto overview = std::find_if(report.sections.begin(), report.sections.end(),
                                     [](const Section& s) { return s.key == "s1_overview"; });
  if (overview == report.sections.end()) return {};
  std::vector<Statement> statements;
  for (const ProseFact& fact : report.prose) {
    if (fact.section != overview->key) continue;
    std::vector<Counterpart> readings = readings_of(fact.key);
    const std::optional<std::int64_t> value = parse_count(fact.value);
    if (readings.empty() || !value) continue;
    statements.push_back({std::move(readings), *value, &fact});
  }
  // Deterministic order: by the likeliest reading (template order of the cells compared),
  // then text.
  std::stable_sort(statements.begin(), statements.end(),
                   [](const Statement& a, const Statement& b) {
                     if (a.readings.front() != b.readings.front()) {
                       return a.readings.front() < b.readings.front();
                     }
                     return a.fact->source.offset < b.fact->source.offset;
                   });

  std::vector<Check> out;
  for (const Statement& s : statements) {
    if (std::optional<Check> check = assess_statement(report, s)) out.push_back(std::move(*check));
  }
  return out;
}

}  // namespace xxgknb::checks
