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

}  // namespace xxgknb
