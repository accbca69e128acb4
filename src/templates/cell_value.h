// Stage 5, template mapping: what one value cell says — a number (with sign, decimals and
// a unit told apart), blank, a dash, "无", or other text. Empty is never turned into zero.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xxgknb/report.h"

namespace xxgknb {

struct CellValue {
  Kind kind = Kind::Blank;
  std::optional<std::string> value;  // exact decimal text: "12", "-3", "0.5"; "0" for 无
  std::string unit;                  // "万元", "元", "件", … when the cell carried one
  bool signed_explicitly = false;    // "+3" or "-2"
  bool negative = false;
  bool decimal = false;
  bool thousands_separator = false;
};

// Reads a cell from its folded text (normalize::fold: NFKC digits, unified dashes).
CellValue read_cell_value(std::string_view folded);

// True for cells a value column may hold: numbers, blanks, dashes and "无".
bool is_value_like(std::string_view folded);

// Splits a loose line into its label and the value tokens that end it:
// "一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0" → label + seven tokens; "0 0 0" → no label.
struct LabelAndValues {
  std::string label;                 // folded label text, may be empty
  std::vector<std::string> values;   // folded value tokens in order
};
LabelAndValues split_trailing_values(std::string_view folded);

}  // namespace xxgknb
