// Stage 5, template mapping: the cell lexer — what one value cell says, read once from its
// raw text: a number (an exact Decimal, with its sign, decimals, grouping and unit told
// apart), blank, a dash, "无", several values run together, or other text. Empty is never
// turned into zero, and two numbers in one cell are never read as one.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xxgknb/decimal.h"
#include "xxgknb/report.h"

namespace xxgknb {

struct CellValue {
  Kind kind = Kind::Blank;
  std::optional<Decimal> value;      // for Number and TextZero ("无" is 0)
  std::string unit;                  // "万元", "元", "件", … when the cell carried one
  bool signed_explicitly = false;    // "+3" or "-2"
  bool negative = false;
  bool decimal = false;              // printed with a fraction: "0.5"
  bool thousands_separator = false;  // "1,234" or "1 234"
  // Several numbers in one cell: "24 1", "2" and "0" on two lines, "3、4". Kind Text, no
  // value: which of them (or what sum) the cell means is not ours to guess.
  bool multiple_values = false;
  // Digits beyond what a Decimal holds (Decimal::kMaxDigits): kind Text, no value.
  bool too_long = false;
  // The bytes of the text that hold the value (spaces and invisible characters trimmed).
  std::size_t begin = 0, end = 0;

  // A value column may hold this: anything but a label-like text.
  bool value_like() const { return kind != Kind::Text || multiple_values || too_long; }
};

// Reads a whole cell from its raw text (any line breaks of the cell kept). Full-width digits
// and signs read like ASCII ones; whitespace inside a number is allowed only between
// three-digit groups ("1 234") or before a unit ("12 件"), never across a line break.
CellValue read_cell_value(std::string_view raw);

// A loose line of text split into its label and the values that end it:
// "一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0" → label [0, label_end) and seven values,
// each with its own bytes within the line. Tokens are separated by whitespace; invisible
// characters (U+200B …) are no token. "0 0 0" → label_end 0.
struct LineValue {
  std::size_t begin = 0, end = 0;    // bytes of the token within the line
  CellValue value;
};
// A line of more values than this keeps the first ones and their count: no row of the
// template takes more than 15.
inline constexpr std::size_t kMaxLineValues = 64;

struct LineSplit {
  std::size_t label_end = 0;         // the label is line[0, label_end), trimmed; 0: none
  std::vector<LineValue> values;     // the first kMaxLineValues of them
  std::size_t value_count = 0;       // how many values end the line
};
LineSplit split_line(std::string_view raw);

}  // namespace xxgknb
