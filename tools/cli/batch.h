// CLI: the `batch` subcommand — flags, progress on standard error, the summary; the batch
// itself is the dataset library's (src/dataset/batch.h). docs/cli.md lists its flags.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "xxgknb/options.h"

namespace xxgknb::cli {

struct BatchFlags {
  std::vector<std::string> paths;
  std::string db;
  std::string jsonl;
  std::string files_from;
  bool null_separated = false;
  unsigned jobs = 0;
  bool force = false;
  bool quiet = false;
  bool stream = false;
  Limits limits;   // from the --max-… flags
};

// Adds `batch` and its flags to `app`; returns the subcommand.
CLI::App* add_batch_command(CLI::App& app, BatchFlags& flags);

// Runs a parsed `batch` command; returns the exit status (docs/cli.md).
int run_batch_command(const CLI::App& command, const BatchFlags& flags);

}  // namespace xxgknb::cli
