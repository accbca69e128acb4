// Fuzzing: PDF input — the raw-byte pre-scan, poppler, the page layout and the pipeline —
// through extract_bytes, on inputs made to start as a PDF. Neither may crash, hang, leak or
// answer with an empty string.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz_limits.h"
#include "xxgknb/pdf.h"
#include "xxgknb/xxgknb.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  xxgknb::enable_pdf();
  xxgknb::Options options;
  options.limits = xxgknb::fuzz::small_limits();
  std::string bytes(reinterpret_cast<const char*>(data), size);
  if (bytes.rfind("%PDF-", 0) != 0) bytes.insert(0, "%PDF-1.7\n");
  auto result = xxgknb::extract_bytes(bytes, "fuzz-input.pdf", options);
  const std::string json =
      result ? xxgknb::to_json(result.value()) : xxgknb::to_json(result.error());
  if (json.empty() || json.front() != '{') std::abort();
  return 0;
}
