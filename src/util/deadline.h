// Shared utility: the wall-clock budget of one extraction, checked by every long loop.
#pragma once

#include <chrono>
#include <cstdint>

namespace xxgknb {

class Deadline {
 public:
  explicit Deadline(std::uint32_t milliseconds)
      : end_(std::chrono::steady_clock::now() + std::chrono::milliseconds(milliseconds)) {}
  // Cheap enough for inner loops that call it every few hundred iterations.
  bool expired() const { return std::chrono::steady_clock::now() >= end_; }

 private:
  std::chrono::steady_clock::time_point end_;
};

}  // namespace xxgknb
