// Dataset, batch engine: the interface the CLI's `batch` command calls. Walks the inputs,
// reads and extracts them on worker threads, and writes each document to the SQLite dataset
// (and a JSON Lines file) from one writer thread; or, in streaming mode, writes one JSON line
// per input path in input order. docs/dataset.md describes the dataset and its guarantees.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "xxgknb/options.h"

namespace xxgknb::dataset {

struct BatchOptions {
  std::vector<std::string> paths;   // files, and folders walked recursively
  std::FILE* list = nullptr;        // more paths, one per line (or NUL-separated), or none
  char list_separator = '\n';
  std::string db_path;              // the SQLite dataset, created when missing
  std::string jsonl_path;           // "" for none
  unsigned jobs = 0;                // worker threads; 0 for one per core
  bool force = false;               // re-extract documents already in the dataset
  Options extract;                  // the limits every document meets
  // When it holds a signal number (set by a handler of SIGINT or SIGTERM), the batch stops:
  // no input is taken any more, the documents in flight are finished and committed, the
  // cross-report checks are left to the next run. Null: never.
  const std::atomic<int>* interrupt = nullptr;
};

// What became of one input.
enum class Outcome {
  Ok,          // read, no review needed
  Review,      // read, review.needs_review
  Error,       // an error object (unreadable, not a report file, over a limit, …)
  Skipped,     // its sha256 is in the dataset already (and no --force)
  Duplicate,   // the same bytes as an input met earlier in this run
};
const char* outcome_name(Outcome outcome);

struct Summary {
  std::uint64_t files = 0;          // inputs met: every outcome below
  std::uint64_t ok = 0;
  std::uint64_t review = 0;
  std::uint64_t errors = 0;
  std::uint64_t skipped = 0;
  std::uint64_t duplicates = 0;
  std::map<std::string, std::uint64_t> errors_by_code;
  std::map<std::string, std::uint64_t> by_format;     // documents extracted ("none" if untold)
  std::map<std::string, std::uint64_t> by_template;   // documents read
  std::vector<std::pair<double, std::string>> slowest;   // milliseconds, path; slowest first
  double seconds = 0;
};

// Passed to the progress callback after each input, from the writer thread.
struct Progress {
  const Summary* summary = nullptr;  // so far
  std::uint64_t total = 0;           // inputs to be met in all, when known (else 0)
  double seconds = 0;                // since the start
};
using ProgressFn = std::function<void(const Progress&)>;

// How many of the slowest files a Summary keeps.
inline constexpr std::size_t kSlowestKept = 5;

struct BatchResult {
  Summary summary;
  // Empty, or why the dataset (or the JSON Lines file) could not be opened or written; the
  // batch stops there, and every document committed before stays complete.
  std::string problem;
  // The signal that stopped the batch early (BatchOptions::interrupt), or 0.
  int interrupted = 0;
};

// Runs a whole batch into options.db_path. Each document is committed in its own
// transaction; a document whose sha256 is in the dataset is skipped unless options.force.
BatchResult run_batch(const BatchOptions& options, const ProgressFn& progress);

struct StreamOptions {
  std::FILE* in = nullptr;          // one path per line
  std::FILE* out = nullptr;         // one JSON object per line, in input order, flushed each
  unsigned jobs = 0;
  Options extract;
};

// Streaming mode (Hadoop Streaming, Spark's RDD.pipe): every input line gets its line of
// output, the report or error object `xxgknb extract` prints for that path. Returns the
// Summary; `problem` says why the output could not be written, if it could not.
BatchResult run_stream(const StreamOptions& options);

}  // namespace xxgknb::dataset
