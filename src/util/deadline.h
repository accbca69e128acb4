// Shared utility: the wall-clock budget of one extraction, checked by every long loop.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace xxgknb {

class Deadline {
 public:
  explicit Deadline(std::uint32_t milliseconds)
      : end_(std::chrono::steady_clock::now() + std::chrono::milliseconds(milliseconds)) {}
  // A deadline that never expires, for stage tests.
  static const Deadline& none() {
    static const Deadline never(std::chrono::steady_clock::time_point::max());
    return never;
  }
  // Cheap enough for inner loops that call it every few hundred iterations.
  bool expired() const { return std::chrono::steady_clock::now() >= end_; }
  // For the i-th turn of a long loop: looks at the clock every 1024 turns only.
  bool expired_at(std::size_t i) const { return (i & 1023) == 0 && expired(); }
  // Milliseconds left (0 once expired), for waiting on a child process.
  std::int64_t remaining_ms() const {
    const auto now = std::chrono::steady_clock::now();
    if (now >= end_) return 0;
    if (end_ == std::chrono::steady_clock::time_point::max()) return INT64_MAX;
    return std::chrono::duration_cast<std::chrono::milliseconds>(end_ - now).count();
  }

 private:
  explicit Deadline(std::chrono::steady_clock::time_point end) : end_(end) {}
  std::chrono::steady_clock::time_point end_;
};

}  // namespace xxgknb
