// Stage 1, ingest (text): trimming a line or cell of the spaces a text reader counts as blank.
// Each reader names its own set ("\f" is a page break to one, a space to another); the
// trimming is one function.
#pragma once

#include <span>
#include <string_view>

namespace xxgknb {

// `s` without any of `spaces` ("\xC2\xA0", "\xE3\x80\x80", …) at either end, repeated.
inline std::string_view trim_any(std::string_view s, std::span<const std::string_view> spaces) {
  auto strip = [&](bool front) {
    for (const std::string_view space : spaces) {
      if (front ? s.starts_with(space) : s.ends_with(space)) {
        front ? s.remove_prefix(space.size()) : s.remove_suffix(space.size());
        return true;
      }
    }
    return false;
  };
  while (strip(true)) {
  }
  while (strip(false)) {
  }
  return s;
}

}  // namespace xxgknb
