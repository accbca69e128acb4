// Utility for every stage that names bytes: the SHA-256 of a document, as the lowercase hex
// digits `source.sha256` and the dataset's `documents.sha256` carry, and of the review page's
// inline script and stylesheet for its Content-Security-Policy.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace xxgknb {

// The 32 bytes of the SHA-256 of `bytes`.
// Not "sha256_digest": Nettle defines that name as a macro.
std::array<std::uint8_t, 32> sha256_bytes(std::string_view bytes);

// 64 lowercase hex digits of the SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace xxgknb
