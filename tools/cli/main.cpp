// CLI: `xxgknb extract FILE... [-o PATH] [--pretty] [--fail-on-review]`. Flags, files and exit
// statuses only; reading and checking reports is the library's work. docs/cli.md lists every
// flag defined here.
#include <CLI/CLI.hpp>
#include <fcntl.h>
#include <malloc.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "batch.h"
#include "commands.h"
#include "limit_flags.h"
#include "xxgknb/xxgknb.h"
#ifdef XXGKNB_HAVE_PDF
#include "pdf_module.h"
#include "util/limit_error.h"
#endif

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
    "  2  usage error: unknown subcommand or flag, no FILE, --pretty with several inputs,\n"
    "     an output that is one of the inputs; nothing is read\n"
    "  3  the output could not be written (an existing output keeps its old content)\n"
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
  xxgknb::Options options;   // the limits, from the --max-… flags
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
    error = xxgknb::limit_error("max_input_bytes",
                                "standard input is larger than the limit of " +
                                    std::to_string(limit) +
                                    " bytes (its full size is not known: reading stopped there)");
    error.source.path = kStdinName;
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
  const xxgknb::Options& options = flags.options;
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

// The file name in an output directory: "<input basename>.json" ("stdin.json" for "-"), with
// "_" before a basename that starts with '.', so that no output is a hidden file; a name
// taken before in this run gets ".2", ".3", … before ".json". An input without a basename
// ("." "..", "/", "dir/") is refused before this is reached (see has_file_name).
std::string output_name(const std::string& input, std::set<std::string>& taken) {
  std::string base =
      input == kStdinName ? "stdin" : std::filesystem::path(input).filename().string();
  if (base.front() == '.') base.insert(0, "_");
  std::string name = base + ".json";
  for (int n = 2; !taken.insert(name).second; ++n) name = base + "." + std::to_string(n) + ".json";
  return name;
}

// Whether an input's path ends in a file name that can name its output ("a/report.docx"),
// unlike ".", "..", "/" or "dir/", which can only name directories.
bool has_file_name(const std::string& input) {
  if (input == kStdinName) return true;
  const std::string base = std::filesystem::path(input).filename().string();
  return !base.empty() && base != "." && base != "..";
}

// The temporary file being written, removed by the handler of SIGINT, SIGTERM and SIGHUP so
// that an interrupted run leaves neither a half-written output nor its temporary file.
char g_temp_path[PATH_MAX];
volatile std::sig_atomic_t g_temp_live = 0;

extern "C" void remove_temp_and_die(int signal_number) {
  if (g_temp_live != 0) ::unlink(g_temp_path);
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

void remove_temp_on_signals() {
  for (const int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
    std::signal(signal_number, remove_temp_and_die);
  }
}

// One output file, written whole or not at all: the text goes to a temporary file beside the
// destination, which is renamed over it only once complete and synced. Until then the
// destination keeps what it had; on any error, or when abandoned, the temporary file is
// removed. A destination that is not a regular file (/dev/null, a pipe) is written directly,
// and a symbolic link keeps pointing at the file it names, which is the one replaced.
class OutputFile {
 public:
  // Opens the output for `path`; on failure `problem()` says why.
  explicit OutputFile(const std::string& path) : path_(path) { open(); }
  ~OutputFile() { abandon(); }
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  std::FILE* stream() const { return stream_; }
  const std::string& problem() const { return problem_; }

  // Makes the written text the destination's content; false (and problem()) when it cannot.
  bool commit() {
    if (stream_ == nullptr) return false;
    std::FILE* stream = std::exchange(stream_, nullptr);
    if (std::fflush(stream) != 0 || (!temp_.empty() && ::fsync(::fileno(stream)) != 0)) {
      record(errno);
    }
    if (std::fclose(stream) != 0) record(errno);
    if (problem_.empty() && !temp_.empty() && std::rename(temp_.c_str(), target_.c_str()) != 0) {
      record(errno);
    }
    if (!problem_.empty()) {
      abandon();
      return false;
    }
    forget_temp();
    return true;
  }

 private:
  void open() {
    struct stat info {};
    const bool exists = ::stat(path_.c_str(), &info) == 0;
    if (!exists && errno != ENOENT) {
      record(errno);
      return;
    }
    if (exists && !S_ISREG(info.st_mode)) {
      stream_ = std::fopen(path_.c_str(), "wb");
      if (stream_ == nullptr) record(errno);
      return;
    }
    std::error_code ec;
    target_ = exists ? std::filesystem::canonical(path_, ec) : std::filesystem::path(path_);
    if (ec) {
      record(ec.value());
      return;
    }
    // A file we may not write stays as it is, as it would with a plain open for writing.
    if (exists && ::access(target_.c_str(), W_OK) != 0) {
      record(errno);
      return;
    }
    const mode_t mask = ::umask(0);
    ::umask(mask);
    const mode_t mode = exists ? (info.st_mode & 07777) : (0666 & ~mask);
    // "out/report.docx.json" → "out/.report.docx.json.XXXXXX"
    temp_ = (target_.parent_path() / ("." + target_.filename().string() + ".XXXXXX")).string();
    if (temp_.size() >= sizeof g_temp_path) {
      temp_.clear();
      record(ENAMETOOLONG);
      return;
    }
    g_temp_live = 0;
    std::memcpy(g_temp_path, temp_.c_str(), temp_.size() + 1);
    const int fd = ::mkostemp(g_temp_path, O_CLOEXEC);
    if (fd < 0) {
      temp_.clear();
      record(errno);
      return;
    }
    temp_ = g_temp_path;
    g_temp_live = 1;
    if (::fchmod(fd, mode) != 0 || (stream_ = ::fdopen(fd, "wb")) == nullptr) {
      record(errno);
      ::close(fd);
      abandon();
    }
  }

  // Keeps the first OS error: the one that made the others.
  void record(int error_number) {
    if (problem_.empty()) problem_ = reason(error_number);
  }

  // Drops what was written; the destination keeps its old content. Closing errors do not
  // matter here (the text is thrown away), but a temporary file left behind is said.
  void abandon() {
    if (stream_ != nullptr) std::fclose(std::exchange(stream_, nullptr));
    if (!temp_.empty() && ::unlink(temp_.c_str()) != 0 && errno != ENOENT) {
      say(temp_, "cannot remove this temporary file: " + reason(errno));
    }
    forget_temp();
  }

  void forget_temp() {
    g_temp_live = 0;
    temp_.clear();
  }

  std::string path_;
  std::filesystem::path target_;
  std::string temp_;
  std::FILE* stream_ = nullptr;
  std::string problem_;
};

// Writes text and a newline; "" on success, else why not.
std::string write_record(std::FILE* out, const std::string& text) {
  const bool ok = std::fwrite(text.data(), 1, text.size(), out) == text.size() &&
                  std::fputc('\n', out) != EOF && std::fflush(out) == 0;
  return ok ? std::string() : reason(errno);
}

void report_write_failure(const std::string& where, const std::string& problem, int& status) {
  say(where, "cannot write: " + problem);
  raise_status(status, kExitWriteFailed);
}

// -o DIR: one file per input, named by `names`. A file that cannot be written does not stop
// the batch.
int run_into_directory(const ExtractFlags& flags, const std::vector<std::string>& names) {
  int status = kExitOk;
  for (std::size_t i = 0; i < flags.inputs.size(); ++i) {
    const Record record = extract_one(flags.inputs[i], flags, {flags.pretty});
    raise_status(status, record.status);
    const std::string path = (std::filesystem::path(flags.output) / names[i]).string();
    OutputFile out(path);
    std::string problem = out.problem();
    if (problem.empty()) problem = write_record(out.stream(), record.json);
    if (problem.empty() && !out.commit()) problem = out.problem();
    if (!problem.empty()) report_write_failure(path, problem, status);
  }
  return status;
}

// Standard output or -o FILE: one object, or JSON Lines in argument order; a file receives
// the whole stream at once when it is complete. Once the output fails, the remaining inputs
// are not read: nothing could be written for them.
int run_into_stream(const ExtractFlags& flags) {
  const bool to_stdout = flags.output.empty();
  const std::string where = to_stdout ? "standard output" : flags.output;
  std::optional<OutputFile> file;
  if (!to_stdout) file.emplace(flags.output);
  int status = kExitOk;
  std::string problem = file ? file->problem() : std::string();
  std::FILE* out = file ? file->stream() : stdout;
  for (std::size_t i = 0; problem.empty() && i < flags.inputs.size(); ++i) {
    const Record record = extract_one(flags.inputs[i], flags, {flags.pretty});
    raise_status(status, record.status);
    problem = write_record(out, record.json);
  }
  if (problem.empty() && file && !file->commit()) problem = file->problem();
  if (!problem.empty()) report_write_failure(where, problem, status);
  return status;
}

using FileId = std::optional<std::pair<dev_t, ino_t>>;

// The identity of a regular file (device and inode), or nothing for a missing file, a
// directory, a device or a pipe: only a regular file can be both an input and an output.
FileId regular_file_id(int stat_result, const struct stat& info) {
  if (stat_result != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  return std::make_pair(info.st_dev, info.st_ino);
}

FileId path_id(const std::string& path) {
  struct stat info {};
  return regular_file_id(::stat(path.c_str(), &info), info);
}

FileId descriptor_id(int fd) {
  struct stat info {};
  return regular_file_id(::fstat(fd, &info), info);
}

// Refuses an output that is one of the inputs — the same file by device and inode, whatever
// its name ("./a.txt", a hard link, a symbolic link) — before anything is read or written.
// `outputs` are the output paths, or empty for standard output.
bool output_is_an_input(const ExtractFlags& flags, const std::vector<std::string>& outputs) {
  std::vector<FileId> inputs;
  for (const std::string& input : flags.inputs) {
    inputs.push_back(input == kStdinName ? descriptor_id(STDIN_FILENO) : path_id(input));
  }
  for (const std::string& output : outputs) {
    const FileId id = output.empty() ? descriptor_id(STDOUT_FILENO) : path_id(output);
    for (std::size_t i = 0; id && i < inputs.size(); ++i) {
      if (inputs[i] != id) continue;
      say(output.empty() ? "standard output" : output,
          "the output is the input " + flags.inputs[i] +
              " (the same file); refusing to overwrite an input, nothing was read");
      return true;
    }
  }
  return false;
}

// glibc gives the top of the heap back to the kernel whenever 128 KiB of it is free, which
// is after nearly every document, and takes it again for the next: some 60 page faults a
// document. Keeping up to 32 MiB (and growing by 4 MiB) keeps one document's memory for the
// next; the peak stays that of the largest document.
void keep_heap_between_documents() {
#if defined(__GLIBC__)
  mallopt(M_TRIM_THRESHOLD, 32 << 20);
  mallopt(M_TOP_PAD, 4 << 20);
#endif
}

}  // namespace

int main(int argc, char** argv) {
  keep_heap_between_documents();
#ifdef XXGKNB_HAVE_PDF
  xxgknb::cli::enable_pdf_on_demand();
#endif
  CLI::App app{"xxgknb: read annual reports on open government information "
               "(政府信息公开工作年度报告: .docx, PDF, web pages, legacy .doc, or text in any encoding) into checked JSON."};
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
  extract->add_option("FILE", flags.inputs, "Input files (.docx, PDF, HTML, .doc or text, told by content); '-' reads standard input")
      ->required();
  extract->add_option("-o,--output", flags.output,
                      "Write to PATH instead of standard output; if PATH is a directory (or ends "
                      "in '/', and is then created), write one <input basename>.json per input "
                      "there")
      ->type_name("PATH");
  extract->add_flag("--pretty", flags.pretty,
                    "Indented JSON (one input, or -o naming a directory)");
  extract->add_flag("--fail-on-review", flags.fail_on_review,
                    "Exit 4 when an input needs review and no worse status applies");
  xxgknb::cli::add_limit_flags(*extract, flags.options.limits);
  extract->footer(std::string(kExamplesHelp) + "\n" + kExitStatusHelp);
  xxgknb::cli::BatchFlags batch_flags;
  CLI::App* batch = xxgknb::cli::add_batch_command(app, batch_flags);
  const xxgknb::cli::Command export_command = xxgknb::cli::add_export_command(app);
  const xxgknb::cli::Command check_command = xxgknb::cli::add_check_command(app);
  const xxgknb::cli::Command review_command = xxgknb::cli::add_review_command(app);
  const xxgknb::cli::Command apply_command = xxgknb::cli::add_apply_corrections_command(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // "xxgknb frobnicate x": CLI11 reports only that a subcommand is required.
    const std::vector<std::string> unparsed = app.remaining();
    if (app.get_subcommands().empty() && !unparsed.empty() && unparsed.front()[0] != '-') {
      say(unparsed.front(), "unknown subcommand (the subcommands are extract, batch, export, check, review and apply-corrections); see xxgknb --help");
      return kExitUsage;
    }
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  if (batch->parsed()) return xxgknb::cli::run_batch_command(*batch, batch_flags);
  if (export_command.app->parsed()) return export_command.run();
  if (check_command.app->parsed()) return check_command.run();
  if (review_command.app->parsed()) return review_command.run();
  if (apply_command.app->parsed()) return apply_command.run();

  if (extract->count("--output") > 0 && flags.output.empty()) {
    say("--output", "the output path is empty");
    return kExitUsage;
  }
  // "-o out/": a path ending in '/' names a directory, created below when it does not exist.
  std::error_code ec;
  const bool into_directory =
      !flags.output.empty() &&
      (flags.output.back() == '/' || std::filesystem::is_directory(flags.output, ec));
  if (flags.pretty && flags.inputs.size() > 1 && !into_directory) {
    say("--pretty", "several inputs go out as JSON Lines, one compact object per line; "
                    "drop --pretty or give -o a directory");
    return kExitUsage;
  }
  if (!into_directory) {
    if (output_is_an_input(flags, {flags.output})) return kExitUsage;
    remove_temp_on_signals();
    return run_into_stream(flags);
  }
  std::vector<std::string> names;
  std::set<std::string> taken;
  for (const std::string& input : flags.inputs) {
    if (!has_file_name(input)) {
      say(input, "-o " + flags.output + " names each output after its input's file name, and "
                 "this path has none (it names a directory); nothing was read");
      return kExitUsage;
    }
    names.push_back(output_name(input, taken));
  }
  std::vector<std::string> outputs;
  for (const std::string& name : names) {
    outputs.push_back((std::filesystem::path(flags.output) / name).string());
  }
  if (output_is_an_input(flags, outputs)) return kExitUsage;
  if (!std::filesystem::is_directory(flags.output, ec) &&
      !std::filesystem::create_directory(flags.output, ec)) {
    say(flags.output, "cannot create the output directory: " +
                          (ec ? ec.message() : std::string("it exists and is not a directory")));
    return kExitWriteFailed;
  }
  remove_temp_on_signals();
  return run_into_directory(flags, names);
}
