// CLI: `xxgknb export --db FILE --format csv|jsonl|xlsx --shape wide|long [-o PATH] [--bom]`.
// Flags, files and exit statuses only; the export itself is src/dataset/export.cpp.
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <system_error>

#include "dataset/export.h"
#include "dataset/schema.h"
#include "commands.h"

namespace xxgknb::cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitUnreadable = 1;    // the dataset cannot be read
constexpr int kExitWriteFailed = 3;   // the output cannot be written

struct ExportFlags {
  std::string db;
  dataset::ExportFormat format = dataset::ExportFormat::Csv;
  dataset::ExportShape shape = dataset::ExportShape::Wide;
  std::string output;
  bool bom = false;
  dataset::ExportValues values = dataset::ExportValues::Extracted;
};

void say(const std::string& where, const std::string& message) {
  std::fprintf(stderr, "xxgknb: %s: %s\n", where.c_str(), message.c_str());
}

std::string reason(int error_number) {
  return std::error_code(error_number, std::generic_category()).message();
}

// A temporary file beside `target` (or in the temporary directory for standard output),
// renamed over the target once the export is complete, removed otherwise.
class TempFile {
 public:
  explicit TempFile(const std::string& target) {
    const std::filesystem::path dir =
        target.empty() ? std::filesystem::temp_directory_path()
                       : std::filesystem::absolute(target).parent_path();
    path_ = (dir / ".xxgknb-export.XXXXXX").string();
    fd_ = ::mkstemp(path_.data());
    // An export is an ordinary file: the permissions a plain create would give it.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    if (fd_ >= 0 && ::fchmod(fd_, 0666 & ~mask) != 0) {
      ::close(std::exchange(fd_, -1));
      ::unlink(path_.c_str());
    }
    if (fd_ < 0) {
      problem_ = reason(errno);
      path_.clear();
    }
  }
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }
  const std::string& problem() const { return problem_; }
  int fd() const { return fd_; }

  // Makes the file `target`; "" or why not.
  std::string commit(const std::string& target) {
    if (::fsync(fd_) != 0 || ::close(std::exchange(fd_, -1)) != 0) return reason(errno);
    if (std::rename(path_.c_str(), target.c_str()) != 0) return reason(errno);
    path_.clear();
    return {};
  }

 private:
  std::string path_;
  std::string problem_;
  int fd_ = -1;
};

// Copies a finished file to standard output (XLSX cannot be streamed while written).
std::string copy_to_stdout(const std::string& path) {
  std::FILE* in = std::fopen(path.c_str(), "rb");
  if (in == nullptr) return reason(errno);
  char buffer[1 << 16];
  std::size_t got;
  std::string problem;
  while (problem.empty() && (got = std::fread(buffer, 1, sizeof buffer, in)) > 0) {
    if (std::fwrite(buffer, 1, got, stdout) != got) problem = reason(errno);
  }
  if (problem.empty() && std::ferror(in) != 0) problem = reason(errno);
  std::fclose(in);
  if (problem.empty() && std::fflush(stdout) != 0) problem = reason(errno);
  return problem;
}

int run_export(const ExportFlags& flags) {
  std::string error;
  sqlite3* db = open_dataset(flags.db, false, error);
  if (db == nullptr) {
    say(flags.db, error);
    return kExitUnreadable;
  }
  const std::unique_ptr<sqlite3, int (*)(sqlite3*)> close(db, sqlite3_close);
  const bool to_stdout = flags.output.empty();
  const std::string where = to_stdout ? "standard output" : flags.output;
  // CSV and JSON Lines to standard output are streamed; everything else goes through a
  // temporary file, so that a failed export leaves no half-written output.
  if (to_stdout && flags.format != dataset::ExportFormat::Xlsx) {
    auto sink = flags.format == dataset::ExportFormat::Csv ? dataset::csv_sink(stdout, flags.bom)
                                                           : dataset::jsonl_sink(stdout);
    const dataset::ExportResult r = dataset::export_dataset(db, flags.shape, *sink, flags.values);
    if (r.error.empty()) return kExitOk;
    say(where, r.error);
    return r.output_failed ? kExitWriteFailed : kExitUnreadable;
  }
  TempFile temp(flags.output);
  if (!temp.problem().empty()) {
    say(where, "cannot create a temporary file: " + temp.problem());
    return kExitWriteFailed;
  }
  dataset::ExportResult r;
  if (flags.format == dataset::ExportFormat::Xlsx) {
    auto sink = dataset::xlsx_sink(temp.path(), flags.shape);
    r = dataset::export_dataset(db, flags.shape, *sink, flags.values);
  } else {
    std::FILE* out = ::fdopen(::dup(temp.fd()), "wb");
    if (out == nullptr) {
      say(where, "cannot write: " + reason(errno));
      return kExitWriteFailed;
    }
    auto sink = flags.format == dataset::ExportFormat::Csv ? dataset::csv_sink(out, flags.bom)
                                                           : dataset::jsonl_sink(out);
    r = dataset::export_dataset(db, flags.shape, *sink, flags.values);
    if (std::fclose(out) != 0 && r.error.empty()) r = {"cannot write: " + reason(errno), true};
  }
  if (!r.error.empty()) {
    say(where, r.error);
    return r.output_failed ? kExitWriteFailed : kExitUnreadable;
  }
  const std::string problem = to_stdout ? copy_to_stdout(temp.path()) : temp.commit(flags.output);
  if (!problem.empty()) {
    say(where, "cannot write: " + problem);
    return kExitWriteFailed;
  }
  return kExitOk;
}

}  // namespace

sqlite3* open_dataset(const std::string& path, bool writable, std::string& error) {
  sqlite3* db = nullptr;
  const int mode = writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
  if (sqlite3_open_v2(path.c_str(), &db, mode, nullptr) != SQLITE_OK) {
    error = std::string("cannot open the dataset: ") + (db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return nullptr;
  }
  sqlite3_stmt* stmt = nullptr;
  const bool has_version =
      sqlite3_prepare_v2(db, "SELECT max(version) FROM schema_version", -1, &stmt, nullptr) ==
          SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL;
  const int version = has_version ? sqlite3_column_int(stmt, 0) : 0;
  sqlite3_finalize(stmt);
  if (!has_version) {
    error = "not an xxgknb dataset (no schema_version; make one with xxgknb batch)";
  } else if (version > dataset::kSchemaVersion) {
    error = "the dataset has schema version " + std::to_string(version) + "; this build reads " +
            std::to_string(dataset::kSchemaVersion) + " and older";
  }
  if (!error.empty()) {
    sqlite3_close(db);
    return nullptr;
  }
  return db;
}

Command add_export_command(CLI::App& app) {
  auto flags = std::make_shared<ExportFlags>();
  CLI::App* cmd = app.add_subcommand(
      "export", "Write a dataset's reports as CSV, JSON Lines or XLSX, one row per report "
                "(wide) or per field (long).");
  cmd->add_option("--db", flags->db, "The dataset (SQLite) to read")->required()->type_name("FILE");
  const std::map<std::string, dataset::ExportFormat> formats = {
      {"csv", dataset::ExportFormat::Csv},
      {"jsonl", dataset::ExportFormat::Jsonl},
      {"xlsx", dataset::ExportFormat::Xlsx}};
  cmd->add_option("--format", flags->format, "csv (default), jsonl or xlsx")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case))
      ->type_name("FORMAT");
  const std::map<std::string, dataset::ExportShape> shapes = {
      {"wide", dataset::ExportShape::Wide}, {"long", dataset::ExportShape::Long}};
  cmd->add_option("--shape", flags->shape,
                  "wide (default): one row per report, one column per canonical key; long: one "
                  "row per field with kind, confidence and flags")
      ->transform(CLI::CheckedTransformer(shapes, CLI::ignore_case))
      ->type_name("SHAPE");
  cmd->add_option("-o,--output", flags->output,
                  "Write to PATH instead of standard output (written whole or not at all)")
      ->type_name("PATH");
  cmd->add_flag("--bom", flags->bom, "CSV: begin with a UTF-8 byte order mark, for Excel");
  const std::map<std::string, dataset::ExportValues> values = {
      {"extracted", dataset::ExportValues::Extracted}, {"corrected", dataset::ExportValues::Corrected}};
  cmd->add_option("--values", flags->values,
                  "extracted (default): the values read from the documents; corrected: the "
                  "corrections applied by apply-corrections in their place")
      ->transform(CLI::CheckedTransformer(values, CLI::ignore_case))
      ->type_name("VALUES");
  cmd->footer(
      "Exit status:\n"
      "  0  the export was written\n"
      "  1  the dataset could not be read\n"
      "  2  usage error\n"
      "  3  the output could not be written (an existing output keeps its old content)\n");
  return {cmd, [flags, cmd] {
            if (cmd->count("--output") > 0 && flags->output.empty()) {
              say("--output", "the output path is empty");
              return 2;
            }
            if (flags->bom && flags->format != dataset::ExportFormat::Csv) {
              say("--bom", "a byte order mark is for CSV only");
              return 2;
            }
            return run_export(*flags);
          }};
}

}  // namespace xxgknb::cli
