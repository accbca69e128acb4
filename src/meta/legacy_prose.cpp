// Stage 5, meta: the figures a pre-2019 report states in its prose ("共收到有关政府信息公开的申请
// 21条", "未收到有关政府信息公开行政复议申请") as legacy.* fields, each with its sentence, and
// their merge with what its 统计表 gave.
#include "meta/legacy_prose.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "templates/legacy_table.h"

namespace xxgknb {
namespace {

// Figures stated in prose are read with less trust than a table cell.
constexpr double kProseConfidence = 0.7;
// A statement of none ("未收到…申请") names no number at all.
constexpr double kNoneConfidence = 0.6;

// How a rule's match gives its value.
enum class Reading {
  Number,  // one capture: a count
  Amount,  // two captures: an amount and its unit, 元 or 万元 (turned into yuan)
  None,    // no capture: a statement of none, 0
};

struct ProseRule {
  const char* key;
  const char* pattern;
  Reading reading;
  const char* topic;     // the sentence must (or, with '!', must not) hold this word
  // The most characters the whole match may span. Patterns leave the words between a verb
  // and its number unbounded ("收到…申请"), and the match is measured here: a counted repeat
  // of a UTF-8 class compiles to that many copies of its automaton.
  std::size_t max_chars;
};

// In order: a sentence gives each key once, the first rule that matches it.
constexpr std::array<ProseRule, 33> kRules = {{
    // "本年度主动公开政府信息2026条", "主动公开信息共计1795条"
    {"legacy.proactive.total", R"(主动公开(?:政府)?信息(?:数)?\s*(?:共计|共|总数|合计|为)?\s*([0-9]+)\s*条)", Reading::Number, "", 40},
    // "通过政府网站公开政府信息1795条", "网站公开信息数1795条" (not "网站主动公开的2026条政府信息中")
    {"legacy.proactive.website", R"(网站(?:上)?公开(?:政府)?(?:信息)?(?:数)?\s*(?:共计|共|为)?\s*([0-9]+)\s*条)", Reading::Number, "", 40},
    // "通过政府公报公开政府信息12条"
    {"legacy.proactive.gazette", R"(政府公报(?:上)?公开(?:政府)?(?:信息)?(?:数)?\s*(?:共计|共|为)?\s*([0-9]+)\s*条)", Reading::Number, "", 40},
    // "通过其他方式公开政府信息30条"
    {"legacy.proactive.other", R"(其[他它]方式公开(?:政府)?(?:信息)?(?:数)?\s*(?:共计|共|为)?\s*([0-9]+)\s*条)", Reading::Number, "", 40},
    // "制发规范性文件12件", "制发规范性文件总数3份"
    {"legacy.normative_docs.total", R"(制发(?:各类)?规范性文件(?:总数|数)?\s*(?:共计|共|为)?\s*([0-9]+)\s*(?:件|份|个|条))", Reading::Number, "", 30},
    // "共收到有关政府信息公开的申请21条", "受理政府信息公开申请5件"
    {"legacy.requests.total", R"((?:收到|受理)[^,;:]*?申请(?:共计|共|总数|数)?\s*([0-9]+)\s*(?:条|件|次|份))", Reading::Number, "!复议", 30},
    // "未收到政府信息公开申请", "没有受理依申请公开"
    {"legacy.requests.total", R"((?:未|没有)(?:收到|受理|发生)[^,;:]*?申请)", Reading::None, "!复议", 30},
    // "其中当面申请数18条"
    {"legacy.requests.in_person", R"(当面申请(?:数)?\s*([0-9]+)\s*(?:条|件|次))", Reading::Number, "", 20},
    // "网上申请3件" (not "网上咨询100人次")
    {"legacy.requests.online", R"(网上申请(?:数)?\s*([0-9]+)\s*(?:条|件|次))", Reading::Number, "", 20},
    // "电子邮件申请数3条"
    {"legacy.requests.email", R"(电子邮件申请(?:数)?\s*([0-9]+)\s*(?:条|件|次))", Reading::Number, "", 20},
    // "信函申请2件"
    {"legacy.requests.letter", R"(信函申请(?:数)?\s*([0-9]+)\s*(?:条|件|次))", Reading::Number, "", 20},
    // "传真申请1件"
    {"legacy.requests.fax", R"(传真申请(?:数)?\s*([0-9]+)\s*(?:条|件|次))", Reading::Number, "", 20},
    // "信函、传真申请4件"
    {"legacy.requests.letter_fax", R"(信函(?:、|和|及)?传真申请(?:数)?\s*([0-9]+)\s*(?:条|件|次))", Reading::Number, "", 20},
    // "其他形式申请1件"
    {"legacy.requests.other", R"(其[他它](?:形式|方式)申请(?:数)?\s*([0-9]+)\s*(?:条|件|次))", Reading::Number, "", 20},
    // "对依申请公开的答复总数21条" (not "同意公开答复数17条", "其他答复1件")
    {"legacy.replies.total", R"((?:^|[^开他它])答复(?:总数|数)?\s*(?:共计|共)?\s*([0-9]+)\s*(?:条|件|次))", Reading::Number, "", 20},
    // "同意公开答复数17条" (not "同意部分公开")
    {"legacy.replies.granted", R"((?:^|[^分])同意公开(?:答复)?(?:数)?\s*([0-9]+)\s*(?:条|件|次))", Reading::Number, "", 20},
    // "同意部分公开答复数2条"
    {"legacy.replies.partial", R"(部分公开(?:答复)?(?:数)?\s*([0-9]+)\s*(?:条|件|次))", Reading::Number, "", 20},
    // "否决公开答复数2条", "不予公开3件"
    {"legacy.replies.denied", R"((?:否决公开|不予公开|不同意公开)(?:答复)?(?:数)?\s*([0-9]+)\s*(?:条|件|次))", Reading::Number, "", 20},
    // "信息不存在的2件", "申请信息不存在数1条"
    {"legacy.replies.not_exist", R"(信息不存在(?:的)?(?:数)?\s*([0-9]+)\s*(?:条|件|次))", Reading::Number, "", 20},
    // "非本部门掌握的1件", "不属于本行政机关公开范围的2件"
    {"legacy.replies.not_held", R"((?:非本(?:部门|机关|单位)掌握|不属于本(?:行政)?机关(?:公开)?(?:范围)?)(?:的)?(?:信息)?(?:数)?\s*([0-9]+)\s*(?:条|件|次))", Reading::Number, "", 30},
    // "申请内容不明确的1件"
    {"legacy.replies.unclear", R"(申请内容不明确(?:的)?(?:数)?\s*([0-9]+)\s*(?:条|件|次))", Reading::Number, "", 20},
    // "其他答复1件" (not "其它公开答复数2条", whose meaning the words do not settle)
    {"legacy.replies.other", R"(其[他它]答复(?:数)?\s*([0-9]+)\s*(?:条|件|次))", Reading::Number, "", 20},
    // "行政复议数 2件", "申请行政复议1件"
    {"legacy.review.total", R"(行政复议(?:申请)?(?:数)?\s*(?:共计|共)?\s*([0-9]+)\s*(?:条|件|起|次))", Reading::Number, "", 20},
    // "未收到有关政府信息公开行政复议申请", "没有发生行政复议"
    {"legacy.review.total", R"((?:未|没有|无)[^,;:]*?行政复议)", Reading::None, "", 30},
    // "行政诉讼1起"
    {"legacy.litigation.total", R"(行政诉讼(?:案件)?(?:数)?\s*(?:共计|共)?\s*([0-9]+)\s*(?:条|件|起|次))", Reading::Number, "", 20},
    // "未发生行政诉讼", "无政府信息公开方面的行政诉讼"
    {"legacy.litigation.total", R"((?:未|没有|无)[^,;:]*?行政诉讼)", Reading::None, "", 30},
    // "举报投诉3件", "投诉举报数2起"
    {"legacy.complaints.total", R"((?:举报投诉|投诉举报)(?:案件)?(?:数)?\s*(?:共计|共)?\s*([0-9]+)\s*(?:条|件|起|次))", Reading::Number, "", 20},
    // "收取检索、复制费用共计0.05万元", "收取费用120元" (not "产生的政府信息公开费用1万元", an expense)
    {"legacy.fees.charged_yuan", R"(收取[^,;:]*?费(?:用)?\s*(?:共计|共|合计)?\s*([0-9]+(?:\.[0-9]+)?)\s*(万元|元))", Reading::Amount, "", 30},
    // "未收取任何费用", "没有收取检索、复制等费用"
    {"legacy.fees.charged_yuan", R"((?:未|没有|不)收取[^,;:]*?费)", Reading::None, "", 20},
    // "减免费用0.02万元", "减免收费200元"
    {"legacy.fees.waived_yuan", R"(减免(?:了)?(?:收费|费用)?\s*(?:共计|共|合计)?\s*([0-9]+(?:\.[0-9]+)?)\s*(万元|元))", Reading::Amount, "!税", 20},
    // "有约4900人次通过各种方式向我局…咨询": the number before the word
    {"legacy.consultations.total", R"(([0-9]+)\s*人次[^,;:]*?咨询)", Reading::Number, "", 40},
    // "接受咨询320人次", "咨询数120次" (not "现场咨询1600人次", "电话咨询…": a part, not the total)
    {"legacy.consultations.total", R"((?:^|[^场话上])咨询(?:数|量)?\s*(?:共计|共|达)?\s*([0-9]+)\s*(?:人次|次|件|条))", Reading::Number, "", 20},
    // "未收到咨询"
    {"legacy.consultations.total", R"((?:未|没有)(?:收到|接到|受理)[^,;:]*?咨询)", Reading::None, "", 20},
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

std::size_t char_count(std::string_view utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
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

// Where the words a rule matched stand in the input: their folded form found among the
// paragraph's printed bytes (the same occurrence, counted from the start), so that `raw` is
// the input at the span. Folding that changed them (full-width digits, traditional
// characters), or markup between them, leaves the paragraph's place without a length.
SourceSpan words_span(const Document& document, const Paragraph& p, std::string_view words) {
  SourceSpan span = p.source;
  span.length = -1;
  const std::string_view folded = p.folded;
  const auto at = static_cast<std::size_t>(words.data() - folded.data());
  std::size_t occurrence = 0;
  for (std::size_t i = folded.find(words); i < at && i != std::string_view::npos;
       i = folded.find(words, i + 1)) {
    ++occurrence;
  }
  if (p.source.offset < 0 || p.source.length < 0 || words.empty()) return span;
  const auto begin = static_cast<std::size_t>(p.source.offset);
  const auto length = static_cast<std::size_t>(p.source.length);
  if (begin + length > document.text.size()) return span;
  const std::string_view printed = std::string_view(document.text).substr(begin, length);
  std::size_t found = printed.find(words);
  for (std::size_t n = 0; n < occurrence && found != std::string_view::npos; ++n) {
    found = printed.find(words, found + 1);
  }
  if (found == std::string_view::npos) return span;
  span.offset = static_cast<std::int64_t>(begin + found);
  span.length = static_cast<std::int64_t>(words.size());
  return span;
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
        re2::StringPiece groups[3];
        const int captures = rule.reading == Reading::None ? 0 : rule.reading == Reading::Number ? 1 : 2;
        const re2::StringPiece input(sentence.data(), sentence.size());
        if (!rules.patterns[r]->Match(input, 0, input.size(), RE2::UNANCHORED, groups, captures + 1)) {
          continue;
        }
        std::string_view whole(groups[0].data(), groups[0].size());
        // "(?:^|[^开他它])答复…": the character the guard matched is no part of the words.
        const bool guarded = std::string_view(rule.pattern).starts_with("(?:^|[^");
        if (guarded && whole.data() != sentence.data() && !whole.empty()) {
          std::size_t lead = 1;
          while (lead < whole.size() && (static_cast<unsigned char>(whole[lead]) & 0xC0) == 0x80) ++lead;
          whole.remove_prefix(lead);
        }
        if (char_count(whole) > rule.max_chars) continue;
        Field f;
        f.key = rule.key;
        f.value = Decimal::parse(rule.reading == Reading::None
                                     ? std::string_view("0")
                                     : std::string_view(groups[1].data(), groups[1].size()));
        if (!f.value) continue;
        if (rule.reading == Reading::Amount) {
          // "0.05万元": kept in yuan, the unit printed recorded.
          f.unit = std::string(groups[2].data(), groups[2].size());
          if (f.unit == "万元") {
            f.value = wan_to_yuan(*f.value);
            if (!f.value) continue;
          }
        }
        f.raw = std::string(whole);
        f.kind = Kind::Number;
        f.label = std::string(sentence);
        f.confidence = rule.reading == Reading::None ? kNoneConfidence : kProseConfidence;
        f.flags.push_back(rule.reading == Reading::None ? "prose_none" : "prose");
        if (f.unit == "万元") f.flags.push_back("converted_from_wan_yuan");
        // "有约4900人次…": a figure the sentence itself calls approximate.
        const std::string_view before = sentence.substr(0, static_cast<std::size_t>(whole.data() - sentence.data()));
        if (before.ends_with("约") || before.ends_with("近") || before.ends_with("逾")) {
          f.flags.push_back("prose_approximate");
        }
        f.source = words_span(document, p, whole);
        out.push_back(std::move(f));
      }
    }
  }
  return out;
}

namespace {

Field* find_field(std::vector<Field>& fields, std::string_view key) {
  for (Field& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

bool is_count(const Field* f) {
  return f != nullptr && f->value && (f->kind == Kind::Number || f->kind == Kind::TextZero);
}

// "信函申请数 2" and "传真申请数 1", printed apart, as the one key the issue's channels name:
// legacy.requests.letter_fax = 3, derived, where the report gives no such row itself.
void derive_letter_fax(std::vector<Field>& fields) {
  for (const char* suffix : {"", ".cumulative"}) {
    const std::string key = std::string("legacy.requests.letter_fax") + suffix;
    if (find_field(fields, key) != nullptr) continue;
    const Field* letter = find_field(fields, std::string("legacy.requests.letter") + suffix);
    const Field* fax = find_field(fields, std::string("legacy.requests.fax") + suffix);
    if (!is_count(letter) || !is_count(fax)) continue;
    const std::optional<Decimal> sum = letter->value->plus(*fax->value);
    if (!sum) continue;
    Field f;
    f.key = key;
    f.value = sum;
    f.kind = Kind::Number;
    f.label = "信函 + 传真";
    f.confidence = std::min(letter->confidence, fax->confidence);
    f.derived = true;  // computed by us, like the national subtotals: no source of its own
    fields.push_back(std::move(f));
  }
}

}  // namespace

void merge_legacy_fields(std::vector<Field>& fields, std::vector<Field> prose,
                         std::vector<Flag>& flags) {
  for (Field& p : prose) {
    Field* table = find_field(fields, p.key);
    if (table == nullptr) {
      fields.push_back(std::move(p));
      continue;
    }
    const bool disagree = table->value && p.value && !(*table->value == *p.value);
    if (!disagree) continue;
    if (std::find(table->flags.begin(), table->flags.end(), "prose_disagrees") == table->flags.end()) {
      table->flags.emplace_back("prose_disagrees");
    }
    flags.push_back(Flag{"legacy_prose_disagrees", "warning", p.key,
                         "the table gives " + table->value->to_string() + ", the text " +
                             p.value->to_string() + " (\"" + *p.raw + "\"); the table's is kept"});
  }
  derive_letter_fax(fields);
}

}  // namespace xxgknb
