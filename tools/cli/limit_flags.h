// CLI: the --max-… flags, one per member of Limits (limit_infos(), docs/cli.md), for the
// commands that read documents.
#pragma once

#include <CLI/CLI.hpp>

#include "xxgknb/options.h"

namespace xxgknb::cli {

// Adds --max-input-bytes, --max-zip-entries, … to `command`, each setting its member of
// `limits` (which must outlive the parse). Byte limits take a size with a unit (16M, 1GiB:
// powers of 1024); a value too large for its limit is a usage error.
void add_limit_flags(CLI::App& command, Limits& limits);

}  // namespace xxgknb::cli
