// Stage 5, template mapping: label matching by "contains after normalisation, never by grid
// position alone" (templates.md §1.5), with named criteria for how close a match is.
#include "templates/labels.h"

#include <re2/re2.h>

namespace xxgknb {
namespace {

// "(三)", "(12)", "三", "12" at the start of a key: "(三)不予公开", "1属于国家秘密".
const RE2& enumerator_pattern() {
  static const RE2 pattern(R"(^(?:\(([一二三四五六七八九十]+|\d+)\)|([一二三四五六七八九十]+)|(\d+)))");
  return pattern;
}

// A fuzzy match may add at most this many bytes (four CJK characters) around the pattern,
// and only for patterns long enough not to turn up inside ordinary words.
constexpr std::size_t kFuzzySlackBytes = 12;
constexpr std::size_t kFuzzyMinPatternBytes = 12;

}  // namespace

LabelParts split_enumerator(std::string_view key) {
  LabelParts out;
  re2::StringPiece input(key.data(), key.size());
  std::string bracketed, cjk, digits;
  if (RE2::Consume(&input, enumerator_pattern(), &bracketed, &cjk, &digits)) {
    out.enumerator = !bracketed.empty() ? bracketed : (!cjk.empty() ? cjk : digits);
    out.core.assign(input.data(), input.size());
    // A lone numeral is no enumerator: "三" alone, or "十" in "十分".
    if (out.core.empty()) {
      out.enumerator.clear();
      out.core = std::string(key);
    }
  } else {
    out.core = std::string(key);
  }
  return out;
}

LabelMatch match_label(const LabelParts& cell, const LabelParts& pattern, bool needs_enumerator) {
  if (cell.core.empty() || pattern.core.empty()) return LabelMatch::None;
  const bool enumerator_ok = !needs_enumerator || cell.enumerator == pattern.enumerator;
  if (!enumerator_ok) return LabelMatch::None;

  const bool same_core = cell.core == pattern.core;
  const bool starts_with_pattern = cell.core.compare(0, pattern.core.size(), pattern.core) == 0;
  const bool annotation_follows =
      starts_with_pattern && cell.core.size() > pattern.core.size() &&
      (cell.core[pattern.core.size()] == '(' || cell.core[pattern.core.size()] == '[');
  const bool contains_pattern = cell.core.find(pattern.core) != std::string::npos;
  const bool little_added = cell.core.size() <= pattern.core.size() + kFuzzySlackBytes;
  const bool pattern_distinctive = pattern.core.size() >= kFuzzyMinPatternBytes;

  if (same_core) return LabelMatch::Exact;
  if (annotation_follows) return LabelMatch::Annotated;
  if (contains_pattern && little_added && pattern_distinctive) return LabelMatch::Fuzzy;
  return LabelMatch::None;
}

}  // namespace xxgknb
