// Shared utility: cutting UTF-8 text on a character boundary, for quotes in messages and
// prose facts.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace xxgknb {

// Whether byte `i` of `text` continues a character (10xxxxxx) rather than starting one.
inline bool utf8_continuation(std::string_view text, std::size_t i) {
  return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
}

// `text` when it fits in `max_bytes`, else its longest prefix ending on a character boundary
// within them, with "…" added.
inline std::string clip_utf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  while (cut > 0 && utf8_continuation(text, cut)) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

// The length of `text` in UTF-16 code units, as a browser's script counts a string: one per
// character, two for one outside the Basic Multilingual Plane (a 4-byte sequence).
inline std::size_t utf16_length(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (!utf8_continuation(text, i)) n += byte >= 0xF0 ? 2 : 1;
  }
  return n;
}

}  // namespace xxgknb
