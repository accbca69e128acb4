// CLI: `xxgknb check FILE.json|- [--db FILE] [--pretty] [--fail-on-warning]` runs the template
// checks on a report in our JSON shape; `xxgknb check --db FILE` alone reruns the dataset's
// cross-report checks. Flags, files and exit statuses only: src/dataset/check_report.cpp
// and cross_checks.cpp do the work.
#include <sqlite3.h>

#include <cerrno>
#include <cstdio>
#include <memory>
#include <string>
#include <system_error>

#include "dataset/check_report.h"
#include "dataset/cross_checks.h"
#include "dataset/sqlite_util.h"
#include "commands.h"
#include "xxgknb/options.h"

namespace xxgknb::cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitUnreadable = 1;       // the input is no report, or the dataset is unreadable
constexpr int kExitUsage = 2;
constexpr int kExitWriteFailed = 3;
constexpr int kExitErrorFailed = 4;      // an error rule (E1–E7) fails
constexpr int kExitWarningFailed = 5;    // --fail-on-warning: a warning rule fails, no error does

struct CheckFlags {
  std::string input;
  std::string db;
  bool pretty = false;
  bool fail_on_warning = false;
};

void say(const std::string& where, const std::string& message) {
  std::fprintf(stderr, "xxgknb: %s: %s\n", where.c_str(), message.c_str());
}

std::string reason(int error_number) {
  return std::error_code(error_number, std::generic_category()).message();
}

// The whole input, up to the input limit; false and `problem` when it cannot be read.
bool read_input(const std::string& path, std::string& text, std::string& problem) {
  const std::uint64_t limit = Options{}.limits.max_input_bytes;
  std::FILE* in = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (in == nullptr) {
    problem = "cannot open: " + reason(errno);
    return false;
  }
  char buffer[1 << 16];
  std::size_t got;
  while (text.size() <= limit && (got = std::fread(buffer, 1, sizeof buffer, in)) > 0) {
    text.append(buffer, got);
  }
  const bool failed = std::ferror(in) != 0;
  if (failed) problem = "cannot read: " + reason(errno);
  if (in != stdin) std::fclose(in);
  if (!failed && text.size() > limit) {
    problem = "larger than the input limit of " + std::to_string(limit) + " bytes";
  }
  return problem.empty();
}

int print(const std::string& json) {
  if (std::fputs(json.c_str(), stdout) == EOF || std::fputc('\n', stdout) == EOF ||
      std::fflush(stdout) != 0) {
    say("standard output", "cannot write: " + reason(errno));
    return kExitWriteFailed;
  }
  return kExitOk;
}

// `check --db FILE` alone: the cross-report checks recomputed and stored, and a summary.
int rerun_cross_checks(const CheckFlags& flags) {
  std::string error;
  sqlite3* db = open_dataset(flags.db, true, error);
  if (db == nullptr) {
    say(flags.db, error);
    return kExitUnreadable;
  }
  const std::unique_ptr<sqlite3, int (*)(sqlite3*)> close(db, sqlite3_close);
  if (std::string e = dataset::run_cross_checks(db); !e.empty()) {
    say(flags.db, e);
    return kExitUnreadable;
  }
  dataset::Statement q(db, "SELECT status, count(*) FROM cross_checks GROUP BY status");
  std::int64_t pass = 0, fail = 0, not_assessable = 0;
  while (q.ok() && q.step() == SQLITE_ROW) {
    const std::string status = q.text(0);
    (status == "pass" ? pass : status == "fail" ? fail : not_assessable) += q.integer(1);
  }
  if (!q.ok()) {
    say(flags.db, q.error());
    return kExitUnreadable;
  }
  const int status = print("{\"cross_checks\":" + std::to_string(pass + fail + not_assessable) +
                           ",\"pass\":" + std::to_string(pass) + ",\"fail\":" +
                           std::to_string(fail) + ",\"not_assessable\":" +
                           std::to_string(not_assessable) + "}");
  if (status != kExitOk) return status;
  return flags.fail_on_warning && fail > 0 ? kExitWarningFailed : kExitOk;
}

int run_check(const CheckFlags& flags) {
  if (flags.input.empty()) {
    if (flags.db.empty()) {
      say("check", "give a report (FILE.json or -), or --db FILE to rerun its cross-report checks");
      return kExitUsage;
    }
    return rerun_cross_checks(flags);
  }
  std::string text, problem;
  if (!read_input(flags.input, text, problem)) {
    say(flags.input, problem);
    return kExitUnreadable;
  }
  sqlite3* db = nullptr;
  if (!flags.db.empty()) {
    std::string error;
    db = open_dataset(flags.db, false, error);
    if (db == nullptr) {
      say(flags.db, error);
      return kExitUnreadable;
    }
  }
  const std::unique_ptr<sqlite3, int (*)(sqlite3*)> close(db, sqlite3_close);
  auto checked = dataset::check_report(text, db);
  if (!checked) {
    say(flags.input, checked.error().message);
    return kExitUnreadable;
  }
  const int status = print(dataset::checked_report_json(checked.value(), flags.pretty));
  if (status != kExitOk) return status;
  if (checked->error_failed) return kExitErrorFailed;
  if (flags.fail_on_warning && checked->warning_failed) return kExitWarningFailed;
  return kExitOk;
}

}  // namespace

Command add_check_command(CLI::App& app) {
  auto flags = std::make_shared<CheckFlags>();
  CLI::App* cmd = app.add_subcommand(
      "check", "Run the template's checks (E1–E7, W4; W1–W3 with --db) on a report in xxgknb's "
               "JSON shape, filled in by hand or made by another tool.");
  cmd->add_option("FILE", flags->input, "The report as JSON ('-' reads standard input)");
  cmd->add_option("--db", flags->db,
                  "A dataset: W1–W3 against the previous year's report of the same agency; "
                  "without FILE, rerun and store the dataset's cross-report checks")
      ->type_name("FILE");
  cmd->add_flag("--pretty", flags->pretty, "Indented JSON");
  cmd->add_flag("--fail-on-warning", flags->fail_on_warning,
                "Exit 5 when a warning rule (W1–W4, W6) fails and no error rule does");
  cmd->footer(
      "Exit status:\n"
      "  0  no error rule fails (warnings, and checks not assessable, do not count)\n"
      "  1  the input is no report in xxgknb's JSON shape (the message gives the place), or\n"
      "     it or the dataset cannot be read\n"
      "  2  usage error\n"
      "  3  the result could not be written\n"
      "  4  an error rule (E1–E7) fails\n"
      "  5  with --fail-on-warning: a warning rule fails and no error rule does\n");
  return {cmd, [flags] { return run_check(*flags); }};
}

}  // namespace xxgknb::cli
