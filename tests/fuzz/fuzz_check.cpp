// Fuzzing: `xxgknb check` on JSON — report_from_json's reading of any text as a report (the
// shape of docs/output-format.md, hand-filled or from another tool), the checks re-run on
// what it read, and the check result written back as JSON. None may crash, hang or leak; a
// text that is no report is an error with a message, and a report gives a JSON object.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "dataset/check_report.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto checked = xxgknb::dataset::check_report(text, nullptr);
  if (!checked) {
    if (checked.error().message.empty()) std::abort();
    return 0;
  }
  const std::string json = xxgknb::dataset::checked_report_json(checked.value(), false);
  if (json.empty() || json.front() != '{') std::abort();
  return 0;
}
