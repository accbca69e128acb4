// CLI: `xxgknb batch PATH... --db FILE.sqlite [--jsonl FILE] [--jobs N] [--force]` and
// `xxgknb batch --stream`. Checks the flags, shows progress (a bar on a terminal, a plain
// line every few seconds otherwise) and prints the summary; the work is run_batch's.
#include "batch.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <string>
#include <system_error>
#include <thread>

#include "dataset/batch.h"
#include "limit_flags.h"

namespace xxgknb::cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitUnreadable = 1;
constexpr int kExitUsage = 2;
constexpr int kExitWriteFailed = 3;

// The exit status of a batch stopped by a signal: 128 + its number, as a shell reports a
// process it ended (130 for SIGINT, 143 for SIGTERM).
constexpr int kExitSignalBase = 128;

// How often progress is redrawn on a terminal, and printed as a line otherwise.
constexpr double kBarSeconds = 0.2;
constexpr double kLineSeconds = 10.0;

constexpr const char* kBatchHelp =
    "Examples:\n"
    "  xxgknb batch reports/ --db reports.sqlite             every file under reports/\n"
    "  xxgknb batch reports/ --db r.sqlite --jsonl r.jsonl   the same, and one JSON line each\n"
    "  find in/ -name '*.docx' -print0 | xxgknb batch --files-from - -0 --db r.sqlite\n"
    "  xxgknb batch --stream < paths.txt > reports.jsonl      one JSON line per path, in order\n"
    "\n"
    "Exit status:\n"
    "  0  every input was read (some may need review), or was in the dataset already\n"
    "  1  at least one input could not be read (its error row was written)\n"
    "  2  usage error; nothing is read or written\n"
    "  3  the dataset, the JSON Lines file or the output could not be written, or another\n"
    "     batch is writing the dataset\n"
    "  130, 143  stopped by SIGINT (Ctrl-C) or SIGTERM: what was committed is complete; run\n"
    "     the same command again to go on\n";

// The signal that asked the batch to stop. The first SIGINT, SIGTERM or SIGHUP sets it and
// the batch stops cleanly; a second one ends the process at once (the dataset stays whole).
std::atomic<int> g_stop_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void stop_batch(int signal_number) {
  if (g_stop_signal.exchange(signal_number) != 0) {
    ::signal(signal_number, SIG_DFL);
    ::raise(signal_number);
  }
}

const char* signal_name(int signal_number) {
  switch (signal_number) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    case SIGHUP: return "SIGHUP";
    default: return "a signal";
  }
}

void stop_on_signals() {
  struct sigaction action {};
  action.sa_handler = stop_batch;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  for (const int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
    ::sigaction(signal_number, &action, nullptr);
  }
}

void say(const std::string& where, const std::string& message) {
  std::fprintf(stderr, "xxgknb: %s: %s\n", where.c_str(), message.c_str());
}

// "3:07", "1:02:09"
std::string clock_text(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char text[32];
  if (s >= 3600) {
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(text, sizeof text, "%ld:%02ld", s / 60, s % 60);
  }
  return text;
}

// "1234/10000 files  12.3 files/s  ETA 3:07", or "1234 files  12.3 files/s" with no total.
std::string progress_text(const dataset::Progress& p) {
  const std::uint64_t done = p.summary->files;
  const double rate = p.seconds > 0 ? static_cast<double>(done) / p.seconds : 0;
  char text[160];
  if (p.total > 0) {
    const double eta = rate > 0 ? static_cast<double>(p.total - std::min(done, p.total)) / rate : 0;
    std::snprintf(text, sizeof text, "%llu/%llu files  %.1f files/s  ETA %s",
                  static_cast<unsigned long long>(done), static_cast<unsigned long long>(p.total),
                  rate, clock_text(eta).c_str());
  } else {
    std::snprintf(text, sizeof text, "%llu files  %.1f files/s",
                  static_cast<unsigned long long>(done), rate);
  }
  return text;
}

class ProgressPrinter {
 public:
  ProgressPrinter(bool quiet) : quiet_(quiet), terminal_(::isatty(STDERR_FILENO) == 1) {}

  void update(const dataset::Progress& p) {
    if (quiet_) return;
    const double every = terminal_ ? kBarSeconds : kLineSeconds;
    if (p.seconds - last_ < every) return;
    last_ = p.seconds;
    if (!terminal_) {
      std::fprintf(stderr, "xxgknb: batch: %s\n", progress_text(p).c_str());
      return;
    }
    // "[#########           ] 1234/10000 files  12.3 files/s  ETA 3:07"
    constexpr int kWidth = 30;
    const int filled = p.total > 0 ? static_cast<int>(kWidth * std::min(1.0, static_cast<double>(p.summary->files) /
                                                                                  static_cast<double>(p.total)))
                                   : 0;
    std::string bar = "[" + std::string(filled, '#') + std::string(kWidth - filled, ' ') + "] ";
    std::fprintf(stderr, "\r\033[K%s%s", p.total > 0 ? bar.c_str() : "", progress_text(p).c_str());
    std::fflush(stderr);
    drawn_ = true;
  }

  // Clears the bar before the summary.
  void done() {
    if (drawn_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  bool quiet_;
  bool terminal_;
  bool drawn_ = false;
  double last_ = -1e9;
};

void print_counts(std::FILE* out, const char* title,
                  const std::map<std::string, std::uint64_t>& counts) {
  if (counts.empty()) return;
  std::fprintf(out, "%s:\n", title);
  for (const auto& [name, count] : counts) {
    std::fprintf(out, "  %-24s %8llu\n", name.c_str(), static_cast<unsigned long long>(count));
  }
}

// The summary, on standard output.
void print_summary(const dataset::Summary& s, unsigned jobs) {
  std::FILE* out = stdout;
  const double rate = s.seconds > 0 ? static_cast<double>(s.files) / s.seconds : 0;
  const auto n = [](std::uint64_t v) { return static_cast<unsigned long long>(v); };
  std::fprintf(out, "files          %8llu  in %.1f s (%.1f files/s, %u jobs)\n", n(s.files),
               s.seconds, rate, jobs);
  std::fprintf(out, "read           %8llu\n", n(s.ok + s.review));
  std::fprintf(out, "needs review   %8llu\n", n(s.review));
  std::fprintf(out, "errors         %8llu\n", n(s.errors));
  std::fprintf(out, "skipped        %8llu  (already in the dataset)\n", n(s.skipped));
  std::fprintf(out, "duplicates     %8llu  (the same bytes as an earlier file of this run)\n",
               n(s.duplicates));
  print_counts(out, "errors by code", s.errors_by_code);
  print_counts(out, "by format", s.by_format);
  print_counts(out, "by template", s.by_template);
  if (!s.slowest.empty()) std::fprintf(out, "slowest files:\n");
  for (const auto& [millis, path] : s.slowest) {
    std::fprintf(out, "  %10.1f ms  %s\n", millis, path.c_str());
  }
  std::fflush(out);
}

unsigned jobs_of(const BatchFlags& flags) {
  return flags.jobs != 0 ? flags.jobs : std::max(1u, std::thread::hardware_concurrency());
}

int run_stream_command(const BatchFlags& flags) {
  dataset::StreamOptions options;
  options.in = stdin;
  options.out = stdout;
  options.jobs = jobs_of(flags);
  options.extract.limits = flags.limits;
  const dataset::BatchResult result = dataset::run_stream(options);
  if (!result.problem.empty()) {
    say("standard output", result.problem);
    return kExitWriteFailed;
  }
  return result.summary.errors > 0 ? kExitUnreadable : kExitOk;
}

}  // namespace

CLI::App* add_batch_command(CLI::App& app, BatchFlags& flags) {
  CLI::App* batch = app.add_subcommand(
      "batch", "Read every file under each PATH into a SQLite dataset, in parallel; or, with "
               "--stream, one JSON line per path read from standard input.");
  batch->add_option("PATH", flags.paths, "Files, and folders read recursively");
  batch->add_option("--db", flags.db, "The SQLite dataset to write (created when missing)")
      ->type_name("FILE");
  batch->add_option("--jsonl", flags.jsonl,
                    "Also append each document's JSON object to FILE, one line each")
      ->type_name("FILE");
  batch->add_option("--files-from", flags.files_from,
                    "Also read the paths listed in FILE, one per line ('-': standard input)")
      ->type_name("FILE");
  batch->add_flag("-0,--null", flags.null_separated,
                  "The --files-from list is NUL-separated (find -print0)");
  batch->add_option("-j,--jobs", flags.jobs, "Worker threads (default: one per core)")
      ->type_name("N")
      ->check(CLI::Range(1u, 1024u));
  batch->add_flag("--force", flags.force,
                  "Extract again the documents whose sha256 is in the dataset already");
  batch->add_flag("-q,--quiet", flags.quiet, "No progress on standard error");
  batch->add_flag("--stream", flags.stream,
                  "Read one path per line from standard input and write one JSON object per "
                  "line to standard output, in input order, flushed each");
  batch->footer(kBatchHelp);
  add_limit_flags(*batch, flags.limits);
  return batch;
}

int run_batch_command(const CLI::App& command, const BatchFlags& flags) {
  if (flags.stream) {
    for (const char* name : {"PATH", "--db", "--jsonl", "--files-from", "--null", "--force"}) {
      if (command.count(name) > 0) {
        say("--stream", std::string("reads its paths from standard input and writes standard "
                                    "output only; drop ") + name);
        return kExitUsage;
      }
    }
    return run_stream_command(flags);
  }
  if (flags.db.empty()) {
    say("batch", "--db FILE names the dataset to write (or use --stream)");
    return kExitUsage;
  }
  if (flags.paths.empty() && flags.files_from.empty()) {
    say("batch", "nothing to read: give a PATH or --files-from");
    return kExitUsage;
  }
  if (command.count("--null") > 0 && flags.files_from.empty()) {
    say("-0", "applies to the --files-from list; there is none");
    return kExitUsage;
  }
  std::FILE* list = nullptr;
  if (flags.files_from == "-") {
    list = stdin;
  } else if (!flags.files_from.empty()) {
    list = std::fopen(flags.files_from.c_str(), "rb");
    if (list == nullptr) {
      say(flags.files_from, "cannot open the list of paths: " +
                                std::error_code(errno, std::generic_category()).message());
      return kExitUsage;
    }
  }
  dataset::BatchOptions options;
  options.paths = flags.paths;
  options.list = list;
  options.list_separator = flags.null_separated ? '\0' : '\n';
  options.db_path = flags.db;
  options.jsonl_path = flags.jsonl;
  options.jobs = jobs_of(flags);
  options.force = flags.force;
  options.extract.limits = flags.limits;
  options.interrupt = &g_stop_signal;
  stop_on_signals();
  ProgressPrinter printer(flags.quiet);
  const dataset::BatchResult result =
      dataset::run_batch(options, [&](const dataset::Progress& p) { printer.update(p); });
  printer.done();
  if (list != nullptr && list != stdin) std::fclose(list);
  print_summary(result.summary, options.jobs);
  if (!result.problem.empty()) {
    say(flags.db, result.problem);
    return kExitWriteFailed;
  }
  if (result.interrupted != 0) {
    say("batch", std::string("stopped by ") + signal_name(result.interrupted) +
                     ": every document written is complete in " + flags.db +
                     "; run the same command again to read the rest");
    return kExitSignalBase + result.interrupted;
  }
  return result.summary.errors > 0 ? kExitUnreadable : kExitOk;
}

}  // namespace xxgknb::cli
