// Public API: the one exact number type of xxgknb. Every value read from a report is parsed
// once into a Decimal (sign, digits, scale); checks add Decimals exactly; emit prints them
// without rounding. A double is only ever a view for JSON, never the value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace xxgknb {

class Decimal {
 public:
  // Bounds of what a report cell may hold and still be a Decimal: at most kMaxDigits digits
  // in all, at most kMaxScale of them after the point. Sums of a few thousand such values
  // stay exact (the arithmetic is 128-bit).
  static constexpr int kMaxDigits = 27;
  static constexpr int kMaxScale = 9;

  Decimal() = default;
  static Decimal from_int(std::int64_t value);

  // "12", "-3", "+7", "0.50", "007": ASCII digits with an optional sign and fraction, nothing
  // else (no spaces, separators or units: the cell lexer has removed those). nullopt for
  // anything else or beyond the bounds. The scale is kept as printed: "0.50" has scale 2.
  static std::optional<Decimal> parse(std::string_view text);

  bool negative() const { return units_ < 0; }
  bool is_zero() const { return units_ == 0; }
  int scale() const { return scale_; }
  bool is_integer() const;   // no non-zero digit after the point ("3.0" is an integer)
  int integer_digits() const;   // digits before the point, "0" counting as one

  // Exact decimal text: "12", "-3", "0.50" (the printed scale), never an exponent.
  std::string to_string() const;
  // The value as an int64 when it is an integer that fits.
  std::optional<std::int64_t> to_int64() const;
  // The nearest double, and whether it is exactly this value's decimal as printed by the
  // shortest round-trip form (so a JSON reader gets the same number back).
  double to_double() const;
  bool exact_in_double() const;

  // Exact sum; nullopt only if it would leave the 128-bit range (it cannot for values in
  // bounds unless thousands are summed).
  std::optional<Decimal> plus(const Decimal& other) const;

  // Numeric equality and order: "0.5" == "0.50".
  friend bool operator==(const Decimal& a, const Decimal& b) { return compare(a, b) == 0; }
  friend bool operator<(const Decimal& a, const Decimal& b) { return compare(a, b) < 0; }

 private:
  __extension__ using Int128 = __int128;
  static int compare(const Decimal& a, const Decimal& b);
  Int128 units_ = 0;   // value × 10^scale_
  int scale_ = 0;
};

}  // namespace xxgknb
