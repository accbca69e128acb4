// Public API: a value-or-error type shaped like C++23 std::expected, for the one case where
// nothing usable can be read. Everything else is a diagnostic inside the value.
#pragma once

#include <utility>
#include <variant>

namespace xxgknb {

template <typename T, typename E>
class Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}       // NOLINT
  Result(E error) : v_(std::in_place_index<1>, std::move(error)) {}       // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const E& error() const& { return std::get<1>(v_); }
  E&& error() && { return std::get<1>(std::move(v_)); }

  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, E> v_;
};

}  // namespace xxgknb
