// Stage 5, meta: the figures a pre-2019 report states in its prose ("共收到有关政府信息公开的申请
// 21条", "未收到有关政府信息公开行政复议申请") as legacy.* fields, each with its sentence.
#include "meta/legacy_prose.h"

#include <re2/re2.h>

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace xxgknb {
namespace {

// Figures stated in prose are read with less trust than a table cell.
constexpr double kProseConfidence = 0.7;
// A statement of none ("未收到…申请") names no number at all.
constexpr double kNoneConfidence = 0.6;

struct ProseRule {
  const char* key;
  const char* pattern;   // one capture: the number; or none for a statement of none
  bool states_none;      // the rule's match means 0
  const char* topic;     // the sentence must (or, with '!', must not) hold this word
};

// In order: a sentence gives each key once, the first rule that matches it.
constexpr std::array<ProseRule, 13> kRules = {{
    // "本年度主动公开政府信息2026条", "主动公开信息共计1795条"
    {"legacy.proactive.total", R"(主动公开(?:政府)?信息(?:数)?\s*(?:共计|共|总数|合计)?\s*([0-9]+)\s*条)", false, ""},
    // "共收到有关政府信息公开的申请21条", "受理政府信息公开申请5件"
    {"legacy.requests.total", R"((?:收到|受理)[^,;:]{0,20}?申请(?:共计|共|总数|数)?\s*([0-9]+)\s*(?:条|件|次|份))", false, "!复议"},
    // "未收到政府信息公开申请", "没有受理依申请公开"
    {"legacy.requests.total", R"((?:未|没有)(?:收到|受理|发生)[^,;:]{0,20}?申请)", true, "!复议"},
    // "其中当面申请数18条"
    {"legacy.requests.in_person", R"(当面申请(?:数)?\s*([0-9]+)\s*(?:条|件|次))", false, ""},
    // "对依申请公开的答复总数21条" (not "同意公开答复数17条")
    {"legacy.replies.total", R"((?:^|[^开])答复(?:总数|数)?\s*(?:共计|共)?\s*([0-9]+)\s*(?:条|件|次))", false, ""},
    // "同意公开答复数17条" (not "同意部分公开")
    {"legacy.replies.granted", R"((?:^|[^分])同意公开(?:答复)?(?:数)?\s*([0-9]+)\s*(?:条|件|次))", false, ""},
    // "同意部分公开答复数2条"
    {"legacy.replies.partial", R"(部分公开(?:答复)?(?:数)?\s*([0-9]+)\s*(?:条|件|次))", false, ""},
    // "否决公开答复数2条", "不予公开3件"
    {"legacy.replies.denied", R"((?:否决公开|不予公开|不同意公开)(?:答复)?(?:数)?\s*([0-9]+)\s*(?:条|件|次))", false, ""},
    // "行政复议数 2件", "申请行政复议1件"
    {"legacy.review.total", R"(行政复议(?:申请)?(?:数)?\s*(?:共计|共)?\s*([0-9]+)\s*(?:条|件|起|次))", false, ""},
    // "未收到有关政府信息公开行政复议申请", "没有发生行政复议"
    {"legacy.review.total", R"((?:未|没有|无)[^,;:]{0,24}?行政复议)", true, ""},
    // "行政诉讼1起"
    {"legacy.litigation.total", R"(行政诉讼(?:案件)?(?:数)?\s*(?:共计|共)?\s*([0-9]+)\s*(?:条|件|起|次))", false, ""},
    // "未发生行政诉讼", "无政府信息公开方面的行政诉讼"
    {"legacy.litigation.total", R"((?:未|没有|无)[^,;:]{0,24}?行政诉讼)", true, ""},
    // "未收取任何费用", "没有收取检索、复制等费用"
    {"legacy.fees.charged_yuan", R"((?:未|没有|不)收取[^,;:]{0,12}?费)", true, ""},
}};

struct CompiledRules {
  std::vector<std::unique_ptr<RE2>> patterns;
  CompiledRules() {
    for (const ProseRule& rule : kRules) patterns.push_back(std::make_unique<RE2>(rule.pattern));
  }
};

const CompiledRules& compiled() {
  static const CompiledRules instance;
  return instance;
}

bool topic_allows(const ProseRule& rule, std::string_view sentence) {
  std::string_view topic = rule.topic;
  if (topic.empty()) return true;
  const bool negated = topic.front() == '!';
  if (negated) topic.remove_prefix(1);
  const bool has = sentence.find(topic) != std::string_view::npos;
  return negated ? !has : has;
}

// The sentences of a folded paragraph: cut after "。", "；" (folded ";") and "!".
std::vector<std::string_view> sentences(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::string_view rest = text.substr(i);
    std::size_t cut = 0;
    if (rest.starts_with("。")) cut = 3;
    if (rest.starts_with(";") || rest.starts_with("!")) cut = 1;
    if (cut == 0) continue;
    out.push_back(text.substr(start, i + cut - start));
    start = i + cut;
    i += cut - 1;
  }
  if (start < text.size()) out.push_back(text.substr(start));
  return out;
}

}  // namespace

std::vector<Field> legacy_prose_fields(const Document& document, const Deadline& deadline) {
  std::vector<Field> out;
  const CompiledRules& rules = compiled();
  std::size_t read = 0;
  for (const Paragraph& p : document.paragraphs) {
    if (deadline.expired_at(++read)) break;
    if (!p.furniture.empty()) continue;
    for (std::string_view sentence : sentences(p.folded)) {
      for (std::size_t r = 0; r < kRules.size(); ++r) {
        const ProseRule& rule = kRules[r];
        bool have = false;
        for (const Field& f : out) have = have || f.key == rule.key;
        if (have || !topic_allows(rule, sentence)) continue;
        re2::StringPiece whole;
        std::string number;
        const re2::StringPiece input(sentence.data(), sentence.size());
        bool matched = false;
        if (rule.states_none) {
          matched = rules.patterns[r]->Match(input, 0, input.size(), RE2::UNANCHORED, &whole, 1);
        } else {
          re2::StringPiece groups[2];
          matched = rules.patterns[r]->Match(input, 0, input.size(), RE2::UNANCHORED, groups, 2);
          whole = groups[0];
          number = std::string(groups[1].data(), groups[1].size());
        }
        if (!matched) continue;
        Field f;
        f.key = rule.key;
        f.value = Decimal::parse(rule.states_none ? "0" : number);
        if (!f.value) continue;
        f.raw = std::string(whole.data(), whole.size());
        f.kind = Kind::Number;
        f.label = std::string(sentence);
        f.confidence = rule.states_none ? kNoneConfidence : kProseConfidence;
        f.flags.push_back(rule.states_none ? "prose_none" : "prose");
        f.source = p.source;
        out.push_back(std::move(f));
      }
    }
  }
  return out;
}

}  // namespace xxgknb
