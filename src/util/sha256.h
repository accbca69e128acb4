// Utility for every stage that names input bytes: the SHA-256 of a document, as the lowercase
// hex digits `source.sha256` and the dataset's `documents.sha256` carry.
#pragma once

#include <string>
#include <string_view>

namespace xxgknb {

// 64 lowercase hex digits of the SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace xxgknb
