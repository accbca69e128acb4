// CLI: the --max-… flags, generated from the table of limits so that every limit has one
// and its help states its default and unit.
#include "limit_flags.h"

#include <cstdint>
#include <string>

namespace xxgknb::cli {

void add_limit_flags(CLI::App& command, Limits& limits) {
  const Limits defaults;
  for (const LimitInfo& info : limit_infos()) {
    std::string flag = "--" + std::string(info.name);
    for (char& c : flag) {
      if (c == '_') c = '-';
    }
    const bool bytes = info.unit == "bytes";
    const std::uint64_t value = info.get(defaults);
    const std::string shown = bytes && value % (1u << 20) == 0
                                  ? std::to_string(value >> 20) + "M"
                                  : std::to_string(value) + " " + std::string(info.unit);
    std::string help = std::string(info.what) + " (default " + shown + ")";
    if (bytes) help += "; a size such as 16M or 1GiB is read in powers of 1024";
    const LimitInfo* entry = &info;
    CLI::Option* option = command.add_option_function<std::uint64_t>(
        flag,
        [&limits, entry, flag](const std::uint64_t& given) {
          if (!entry->set(limits, given)) {
            throw CLI::ValidationError(flag, std::to_string(given) + " is too large for this limit");
          }
        },
        help);
    if (bytes) option->transform(CLI::AsSizeValue(false));
    option->type_name(bytes ? "SIZE" : "N")->group("Limits (docs/reliability.md)");
  }
}

}  // namespace xxgknb::cli
