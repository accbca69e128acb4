// CLI: `xxgknb extract FILE... [-o PATH] [--pretty] [--fail-on-review]`. Flags, files and exit
// statuses only; reading and checking reports is the library's work. docs/cli.md lists every
// flag defined here.
#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "xxgknb/xxgknb.h"

namespace {

// Exit statuses, worst first when several apply (usage errors stop before any input is read).
constexpr int kExitOk = 0;
constexpr int kExitUnreadable = 1;    // at least one input could not be read
constexpr int kExitUsage = 2;         // bad flags, unknown subcommand, no FILE
constexpr int kExitWriteFailed = 3;   // output could not be written
constexpr int kExitNeedsReview = 4;   // --fail-on-review and an input needs review

constexpr const char* kStdinName = "-";

constexpr const char* kExitStatusHelp =
    "Exit status:\n"
    "  0  every input was read (some may still need review)\n"
    "  1  at least one input could not be read (its error object was written)\n"
    "  2  usage error: unknown subcommand or flag, no FILE, --pretty with several inputs\n"
    "  3  the output could not be written\n"
    "  4  with --fail-on-review: an input needs review and no worse status applies\n";

constexpr const char* kExamplesHelp =
    "Examples:\n"
    "  xxgknb extract report.docx --pretty       one report as indented JSON\n"
    "  xxgknb extract *.docx *.txt > out.jsonl   several inputs: one JSON object per line\n"
    "  xxgknb extract *.docx -o out/             one out/<input basename>.json per input\n"
    "  curl -s URL | xxgknb extract -            read the report from standard input\n";

struct ExtractFlags {
  std::vector<std::string> inputs;
  std::string output;
  bool pretty = false;
  bool fail_on_review = false;
};

// The rank of an exit status: a worse status replaces a milder one.
int severity_rank(int status) {
  switch (status) {
    case kExitWriteFailed: return 3;
    case kExitUnreadable: return 2;
    case kExitNeedsReview: return 1;
    default: return 0;
  }
}

void raise_status(int& status, int candidate) {
  if (severity_rank(candidate) > severity_rank(status)) status = candidate;
}

void say(const std::string& where, const std::string& message) {
  std::fprintf(stderr, "xxgknb: %s: %s\n", where.c_str(), message.c_str());
}

// "No such file or directory", "Permission denied", … for an errno value.
std::string reason(int error_number) {
  return std::error_code(error_number, std::generic_category()).message();
}

// Standard input, read up to one byte past the input limit so that the library refuses a
// larger input without it being held whole. Past the limit only that is known: the error
// gives no size and no hash, since the bytes read are a prefix of the input.
xxgknb::Result<xxgknb::Report, xxgknb::Error> extract_stdin(const xxgknb::Options& options) {
  std::string bytes;
  const std::uint64_t limit = options.limits.max_input_bytes;
  char buffer[1 << 16];
  while (bytes.size() <= limit) {
    const std::size_t want =
        static_cast<std::size_t>(std::min<std::uint64_t>(sizeof buffer, limit + 1 - bytes.size()));
    const std::size_t got = std::fread(buffer, 1, want, stdin);
    bytes.append(buffer, got);
    if (got < want) break;
  }
  xxgknb::Error error;
  error.source.path = kStdinName;
  if (std::ferror(stdin) != 0) {
    error.code = "io_error";
    error.message = "cannot read standard input: " + reason(errno);
    return error;
  }
  if (bytes.size() > limit) {
    error.code = "input_too_large";
    error.message = "standard input is larger than the limit of " + std::to_string(limit) +
                    " bytes (its full size is not known: reading stopped there)";
    return error;
  }
  return xxgknb::extract_bytes(bytes, kStdinName, options);
}

struct Record {
  std::string json;
  int status = kExitOk;
};

// One input → its JSON and the status it contributes; diagnostics go to stderr.
Record extract_one(const std::string& input, const ExtractFlags& flags,
                   const xxgknb::JsonStyle style) {
  const xxgknb::Options options;
  auto result = input == kStdinName ? extract_stdin(options) : xxgknb::extract_file(input, options);
  if (!result) {
    say(input, result.error().message);
    return {xxgknb::to_json(result.error(), style), kExitUnreadable};
  }
  const xxgknb::Report& report = result.value();
  int status = kExitOk;
  if (flags.fail_on_review && report.review.needs_review) {
    std::string reasons;
    for (const std::string& reason : report.review.reasons) {
      reasons += (reasons.empty() ? "" : "; ") + reason;
    }
    say(input, "needs review" + (reasons.empty() ? std::string() : ": " + reasons));
    status = kExitNeedsReview;
  }
  return {xxgknb::to_json(report, style), status};
}

// The file name in an output directory: "<input basename>.json" ("stdin.json" for "-");
// a basename seen before in this run gets ".2", ".3", … before ".json".
std::string output_name(const std::string& input, std::set<std::string>& taken) {
  const std::string base =
      input == kStdinName ? "stdin" : std::filesystem::path(input).filename().string();
  std::string name = base + ".json";
  for (int n = 2; !taken.insert(name).second; ++n) name = base + "." + std::to_string(n) + ".json";
  return name;
}

// Writes text and a newline; "" on success, else why not.
std::string write_record(std::FILE* out, const std::string& text) {
  const bool ok = std::fwrite(text.data(), 1, text.size(), out) == text.size() &&
                  std::fputc('\n', out) != EOF && std::fflush(out) == 0;
  return ok ? std::string() : std::strerror(errno);
}

// Closes `out` when we opened it, then reports the first problem of writing to it.
void finish_output(std::FILE* out, bool opened_here, const std::string& where,
                   std::string problem, int& status) {
  if (opened_here && std::fclose(out) != 0 && problem.empty()) problem = std::strerror(errno);
  if (!problem.empty()) {
    say(where, "cannot write: " + problem);
    raise_status(status, kExitWriteFailed);
  }
}

// -o DIR: one file per input. A file that cannot be written does not stop the batch.
int run_into_directory(const ExtractFlags& flags) {
  int status = kExitOk;
  std::set<std::string> taken;
  for (const std::string& input : flags.inputs) {
    const Record record = extract_one(input, flags, {flags.pretty});
    raise_status(status, record.status);
    const std::string path =
        (std::filesystem::path(flags.output) / output_name(input, taken)).string();
    std::FILE* out = std::fopen(path.c_str(), "wb");
    if (out == nullptr) {
      finish_output(out, false, path, std::strerror(errno), status);
    } else {
      finish_output(out, true, path, write_record(out, record.json), status);
    }
  }
  return status;
}

// Standard output or -o FILE: one object, or JSON Lines in argument order. Once the output
// fails, the remaining inputs are not read: nothing could be written for them.
int run_into_stream(const ExtractFlags& flags) {
  const bool to_stdout = flags.output.empty();
  const std::string where = to_stdout ? "standard output" : flags.output;
  std::FILE* out = to_stdout ? stdout : std::fopen(flags.output.c_str(), "wb");
  int status = kExitOk;
  if (out == nullptr) {
    finish_output(out, false, where, std::strerror(errno), status);
    return status;
  }
  std::string problem;
  for (const std::string& input : flags.inputs) {
    const Record record = extract_one(input, flags, {flags.pretty});
    raise_status(status, record.status);
    problem = write_record(out, record.json);
    if (!problem.empty()) break;
  }
  finish_output(out, !to_stdout, where, problem, status);
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"xxgknb: read annual reports on open government information "
               "(政府信息公开工作年度报告, .docx or text in any encoding) into checked JSON."};
  app.name("xxgknb");
  app.set_version_flag("--version", std::string("xxgknb ") + xxgknb::version());
  app.require_subcommand(1);
  app.failure_message([](const CLI::App*, const CLI::Error& e) {
    return "xxgknb: " + std::string(e.what()) + "\nRun 'xxgknb --help' for more information.\n";
  });
  app.footer(std::string(kExamplesHelp) + "\n" + kExitStatusHelp);

  ExtractFlags flags;
  CLI::App* extract = app.add_subcommand(
      "extract", "Read each FILE and write its report (or its error object) as JSON.");
  extract->add_option("FILE", flags.inputs, "Input files (.docx or text); '-' reads standard input")
      ->required();
  extract->add_option("-o,--output", flags.output,
                      "Write to PATH instead of standard output; if PATH is a directory, write "
                      "one <input basename>.json per input there");
  extract->add_flag("--pretty", flags.pretty,
                    "Indented JSON (one input, or -o naming a directory)");
  extract->add_flag("--fail-on-review", flags.fail_on_review,
                    "Exit 4 when an input needs review and no worse status applies");
  extract->footer(std::string(kExamplesHelp) + "\n" + kExitStatusHelp);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // "xxgknb frobnicate x": CLI11 reports only that a subcommand is required.
    const std::vector<std::string> unparsed = app.remaining();
    if (app.get_subcommands().empty() && !unparsed.empty() && unparsed.front()[0] != '-') {
      say(unparsed.front(), "unknown subcommand (the subcommand is extract); see xxgknb --help");
      return kExitUsage;
    }
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }

  std::error_code ec;
  const bool into_directory =
      !flags.output.empty() && std::filesystem::is_directory(flags.output, ec);
  if (flags.pretty && flags.inputs.size() > 1 && !into_directory) {
    say("--pretty", "several inputs go out as JSON Lines, one compact object per line; "
                    "drop --pretty or give -o a directory");
    return kExitUsage;
  }
  return into_directory ? run_into_directory(flags) : run_into_stream(flags);
}
