// Public API: a value-or-error type shaped like C++23 std::expected, for the one case where
// nothing usable can be read. Everything else is a diagnostic inside the value.
#pragma once

#include <cstdlib>
#include <utility>
#include <variant>

namespace xxgknb {

template <typename T, typename E>
class Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}       // NOLINT
  Result(E error) : v_(std::in_place_index<1>, std::move(error)) {}       // NOLINT

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  // Asking for the value of an error, or the error of a value, is a bug in the caller: it
  // stops the program (std::abort) rather than throw. Check ok() first.
  T& value() & noexcept { return *get<0>(); }
  const T& value() const& noexcept { return *get<0>(); }
  T&& value() && noexcept { return std::move(*get<0>()); }
  const E& error() const& noexcept { return *get<1>(); }
  E&& error() && noexcept { return std::move(*get<1>()); }

  T* operator->() noexcept { return get<0>(); }
  const T* operator->() const noexcept { return get<0>(); }

 private:
  template <std::size_t I>
  auto* get() noexcept {
    auto* p = std::get_if<I>(&v_);
    if (p == nullptr) std::abort();
    return p;
  }
  template <std::size_t I>
  const auto* get() const noexcept {
    const auto* p = std::get_if<I>(&v_);
    if (p == nullptr) std::abort();
    return p;
  }
  std::variant<T, E> v_;
};

}  // namespace xxgknb
