// Fuzzing: the whole public API — extract_bytes on any bytes, then to_json of the report or
// of the error. Neither may crash, hang, leak or answer with an empty string.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz_limits.h"
#include "xxgknb/xxgknb.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  xxgknb::Options options;
  options.limits = xxgknb::fuzz::small_limits();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto result = xxgknb::extract_bytes(bytes, "fuzz-input", options);
  const std::string json =
      result ? xxgknb::to_json(result.value()) : xxgknb::to_json(result.error());
  if (json.empty() || json.front() != '{') std::abort();
  return 0;
}
