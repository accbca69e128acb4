// Utility: SHA-256 with Nettle (Debian nettle-dev). Nettle's hash needs no set-up; OpenSSL's
// EVP interface spent about 5 M instructions of a process's start fetching its provider.
#include "util/sha256.h"

#include <nettle/sha2.h>

namespace xxgknb {

std::string sha256_hex(std::string_view bytes) {
  sha256_ctx ctx;
  sha256_init(&ctx);
  // `sha256_update` takes a size_t length: one call whatever the input's size.
  sha256_update(&ctx, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
  std::uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * SHA256_DIGEST_SIZE);
  for (std::uint8_t byte : digest) {
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 15]);
  }
  return out;
}

}  // namespace xxgknb
