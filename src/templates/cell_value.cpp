// Stage 5, template mapping: reads value cells — numbers with their sign, decimals and
// unit, blanks, dashes and "无" — exactly, keeping the decimal text as written.
#include "templates/cell_value.h"

#include <re2/re2.h>

namespace xxgknb {
namespace {

// "12", "+3", "-2", "1,234", "0.5", "251000元", "1.5 万元" (spaces are removed first).
const RE2& number_pattern() {
  static const RE2 pattern(
      R"(^([+-])?((?:\d{1,3}(?:,\d{3})+)|\d+)(?:\.(\d+))?(万元|元|件|个|项|条|次|家|人次|人)?$)");
  return pattern;
}

// "-", "--", "—" (folded to "-"), "/", "\".
const RE2& dash_pattern() {
  static const RE2 pattern(R"(^(?:-+|/+|\\+|─+|_+)$)");
  return pattern;
}

std::string without_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out.push_back(c);
  }
  return out;
}

std::string strip_leading_zeros(std::string digits) {
  std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return "0";
  return digits.substr(first);
}

}  // namespace

CellValue read_cell_value(std::string_view folded) {
  CellValue out;
  const std::string text = without_spaces(folded);
  if (text.empty()) {
    out.kind = Kind::Blank;
    return out;
  }
  if (RE2::FullMatch(text, dash_pattern())) {
    out.kind = Kind::Dash;
    return out;
  }
  // "无" (none), "零" (zero) and their kin mean 0 in words (§6.3 text_zero).
  if (text == "无" || text == "没有" || text == "暂无" || text == "零" || text == "无此项") {
    out.kind = Kind::TextZero;
    out.value.emplace(1, '0');
    return out;
  }
  std::string sign, integer, fraction, unit;
  if (RE2::FullMatch(text, number_pattern(), &sign, &integer, &fraction, &unit)) {
    out.kind = Kind::Number;
    out.signed_explicitly = !sign.empty();
    out.thousands_separator = integer.find(',') != std::string::npos;
    std::string digits;
    for (char c : integer) {
      if (c != ',') digits.push_back(c);
    }
    std::string value = strip_leading_zeros(std::move(digits));
    if (!fraction.empty()) {
      out.decimal = true;
      value += '.';
      value += fraction;
    }
    const bool zero = value.find_first_not_of("0.") == std::string::npos;
    out.negative = sign == "-" && !zero;
    if (out.negative) value.insert(value.begin(), '-');
    out.value = std::move(value);
    out.unit = unit;
    return out;
  }
  out.kind = Kind::Text;
  return out;
}

bool is_value_like(std::string_view folded) {
  return read_cell_value(folded).kind != Kind::Text;
}

LabelAndValues split_trailing_values(std::string_view folded) {
  LabelAndValues out;
  // Tokens are separated by single spaces in folded text.
  std::vector<std::string_view> tokens;
  std::size_t start = 0;
  while (start <= folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string_view::npos) end = folded.size();
    if (end > start) tokens.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  std::size_t first_value = tokens.size();
  while (first_value > 0) {
    const CellValue v = read_cell_value(tokens[first_value - 1]);
    if (v.kind == Kind::Text || v.kind == Kind::Blank) break;
    --first_value;
  }
  for (std::size_t i = 0; i < first_value; ++i) {
    if (i > 0) out.label += ' ';
    out.label.append(tokens[i]);
  }
  for (std::size_t i = first_value; i < tokens.size(); ++i) out.values.emplace_back(tokens[i]);
  return out;
}

}  // namespace xxgknb
