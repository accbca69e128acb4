// CLI: the subcommands beside `extract` — `export` (tools/cli/export.cpp), `check`
// (tools/cli/check.cpp), `review` and `apply-corrections`. Each adds itself to the app and returns what runs it once parsed.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace xxgknb::cli {

struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;   // the exit status
};

Command add_export_command(CLI::App& app);
Command add_check_command(CLI::App& app);
// `review` (tools/cli/review.cpp) and `apply-corrections` (tools/cli/apply_corrections.cpp).
Command add_review_command(CLI::App& app);
Command add_apply_corrections_command(CLI::App& app);

// Opens a dataset made by `xxgknb batch`: read-only unless `writable`. nullptr and a message
// in `error` when it cannot be opened or is no dataset.
struct sqlite3* open_dataset(const std::string& path, bool writable, std::string& error);

}  // namespace xxgknb::cli
