// Shared by every stage: the exact Decimal (see include/xxgknb/decimal.h), parsed once from
// a cell's digits and added in 128-bit integers, never through a double.
#include "xxgknb/decimal.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <system_error>

namespace xxgknb {
namespace {

__extension__ using Int128 = __int128;

Int128 pow10(int n) {
  Int128 p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

// |a| < 10^37 fits the scaling by 10^9 used to align scales, and sums of thousands.
constexpr int kRangeDigits = 37;

}  // namespace

Decimal Decimal::from_int(std::int64_t value) {
  Decimal d;
  d.units_ = value;
  return d;
}

std::optional<Decimal> Decimal::parse(std::string_view text) {
  std::size_t i = 0;
  bool minus = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    minus = text[i] == '-';
    ++i;
  }
  Int128 units = 0;
  int digits = 0, significant = 0, scale = 0;
  bool point = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' && !point) {
      point = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    ++digits;
    if (point) ++scale;
    // Leading zeros are not digits of the value: "007" is 7.
    if (significant > 0 || c != '0') ++significant;
    if (significant > kMaxDigits || scale > kMaxScale) return std::nullopt;
    units = units * 10 + (c - '0');
  }
  const bool digits_before_point = digits > scale;
  if (!digits_before_point || (point && scale == 0)) return std::nullopt;
  Decimal d;
  d.units_ = minus ? -units : units;
  d.scale_ = scale;
  return d;
}

bool Decimal::is_integer() const { return units_ % pow10(scale_) == 0; }

int Decimal::integer_digits() const {
  Int128 whole = units_ / pow10(scale_);
  if (whole < 0) whole = -whole;
  int digits = 1;
  while (whole >= 10) {
    whole /= 10;
    ++digits;
  }
  return digits;
}

std::string Decimal::to_string() const {
  Int128 magnitude = units_ < 0 ? -units_ : units_;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  if (scale_ > 0) {
    if (static_cast<int>(digits.size()) <= scale_) {
      digits.insert(0, static_cast<std::size_t>(scale_ + 1) - digits.size(), '0');
    }
    digits.insert(digits.size() - static_cast<std::size_t>(scale_), 1, '.');
  }
  if (units_ < 0) digits.insert(digits.begin(), '-');
  return digits;
}

std::optional<std::int64_t> Decimal::to_int64() const {
  if (!is_integer()) return std::nullopt;
  const Int128 whole = units_ / pow10(scale_);
  if (whole > INT64_MAX || whole < INT64_MIN) return std::nullopt;
  return static_cast<std::int64_t>(whole);
}

double Decimal::to_double() const {
  // strtod of the exact text is correctly rounded, unlike units / 10^scale in doubles.
  const std::string text = to_string();
  double value = 0.0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

bool Decimal::exact_in_double() const {
  const double value = to_double();
  if (!std::isfinite(value)) return false;
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  if (result.ec != std::errc()) return false;
  const std::optional<Decimal> back = parse(std::string_view(buffer, static_cast<std::size_t>(result.ptr - buffer)));
  return back && *back == *this;
}

std::optional<Decimal> Decimal::plus(const Decimal& other) const {
  const int scale = scale_ > other.scale_ ? scale_ : other.scale_;
  const Int128 a = units_ * pow10(scale - scale_);
  const Int128 b = other.units_ * pow10(scale - other.scale_);
  const Int128 limit = pow10(kRangeDigits);
  const Int128 sum = a + b;
  if (sum >= limit || sum <= -limit) return std::nullopt;
  Decimal d;
  d.units_ = sum;
  d.scale_ = scale;
  return d;
}

int Decimal::compare(const Decimal& a, const Decimal& b) {
  const int scale = a.scale_ > b.scale_ ? a.scale_ : b.scale_;
  const Int128 x = a.units_ * pow10(scale - a.scale_);
  const Int128 y = b.units_ * pow10(scale - b.scale_);
  return x < y ? -1 : (x > y ? 1 : 0);
}

}  // namespace xxgknb
