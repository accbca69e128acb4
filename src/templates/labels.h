// Stage 5, template mapping: matching a cell's label against the template's labels, after
// normalize::label_key, with the leading enumerator ("1.", "（三）", "一、") set apart.
#pragma once

#include <string>
#include <string_view>

namespace xxgknb {

struct LabelParts {
  std::string enumerator;  // "1", "三", "七"; empty when none
  std::string core;        // the rest of the key
};

// "(三)不予公开" → {"三", "不予公开"}; "1属于国家秘密" → {"1", "属于国家秘密"};
// "一本年新收政府信息公开申请数量" → {"一", "本年新收…"}; "其他" → {"", "其他"}.
LabelParts split_enumerator(std::string_view key);

enum class LabelMatch {
  None,
  Fuzzy,      // the pattern stands inside a slightly longer label: flag label_fuzzy
  Annotated,  // the pattern followed by a note in brackets: "规章(设区的市…应提供相关数据)"
  Exact,
};

// `needs_enumerator`: the cell must carry `enumerator` too ("3.其他" is a row, "其他" is not).
LabelMatch match_label(const LabelParts& cell, const LabelParts& pattern, bool needs_enumerator);

}  // namespace xxgknb
