// Stage 1, ingest (legacy Word): runs catdoc (or antiword) over a .doc/.wps in a child
// process within the document's time budget and limits, and reads the text it prints.
//
// catdoc -d utf-8 -w   prints a table row as its cells between tabs ("规章\t2\t0\t16"),
//                      which the text reader rebuilds as a table; it is tried first.
// antiword -w 0        prints tables as "|规章 |2 |0 |16 |" rows, but drops rows of tables
//                      with merged cells; it is the fallback when catdoc is absent or fails.
#include "ingest/legacy_word.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "util/child_process.h"
#include "util/limit_error.h"

namespace xxgknb {
namespace {

// A stream name of the compound file's directory, as it is stored: UTF-16LE.
std::string utf16le(std::string_view ascii) {
  std::string out;
  for (char c : ascii) {
    out.push_back(c);
    out.push_back('\0');
  }
  return out;
}

bool holds(std::string_view bytes, const std::string& needle) {
  return std::search(bytes.begin(), bytes.end(),
                     std::boyer_moore_horspool_searcher(needle.begin(), needle.end())) !=
         bytes.end();
}

struct Converter {
  const char* name;
  std::vector<std::string> args;  // before the file name
};

// In the order tried.
const std::vector<Converter>& converters() {
  static const std::vector<Converter> all = {
      {"catdoc", {"-d", "utf-8", "-w"}},
      {"antiword", {"-w", "0", "-m", "UTF-8.txt"}},
  };
  return all;
}

// The input written to a file of its own for the converter, removed at scope exit.
class TempFile {
 public:
  TempFile() = default;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  // Returns the system's reason on failure, empty on success.
  std::string write(std::string_view bytes) {
    const char* dir = std::getenv("TMPDIR");
    std::string templ = std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") +
                        "/xxgknb-doc-XXXXXX";
    const int fd = ::mkstemp(templ.data());
    if (fd < 0) return std::strerror(errno);
    path_ = templ;
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        const std::string why = std::strerror(n < 0 ? errno : EIO);
        ::close(fd);
        return why;
      }
      done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) return std::strerror(errno);
    return {};
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string first_line(std::string_view s) {
  const auto end = s.find('\n');
  std::string line(s.substr(0, end));
  if (line.empty()) return "it printed nothing on standard error";
  return "it said: " + line;
}

}  // namespace

CompoundKind compound_kind(std::string_view bytes) {
  static const std::string word = utf16le("WordDocument");
  static const std::string encrypted = utf16le("EncryptedPackage");
  static const std::string workbook = utf16le("Workbook");
  static const std::string book = utf16le("Book");
  static const std::string slides = utf16le("PowerPoint Document");
  if (holds(bytes, encrypted)) return CompoundKind::EncryptedPackage;
  if (holds(bytes, word)) return CompoundKind::WordDocument;
  if (holds(bytes, workbook) || holds(bytes, book)) return CompoundKind::Workbook;
  if (holds(bytes, slides)) return CompoundKind::Presentation;
  return CompoundKind::Other;
}

Result<Document, Error> read_legacy_word(std::string_view bytes, const Limits& limits,
                                         const Deadline& deadline) {
  switch (compound_kind(bytes)) {
    case CompoundKind::WordDocument:
      break;
    case CompoundKind::EncryptedPackage:
      return Error{"zip_encrypted",
                   "the file is a password-protected .docx (an OLE2 file holding an "
                   "EncryptedPackage); save it without a password and try again",
                   {}};
    case CompoundKind::Workbook:
      return Error{"not_a_report_file", "the file is an Excel .xls workbook, not a report", {}};
    case CompoundKind::Presentation:
      return Error{"not_a_report_file", "the file is a PowerPoint .ppt presentation", {}};
    case CompoundKind::Other:
      return Error{"not_a_report_file",
                   "the file is an OLE2 compound file that holds no Word document", {}};
  }

  std::vector<std::pair<const Converter*, std::string>> found;
  for (const Converter& c : converters()) {
    if (auto path = find_program(c.name)) found.emplace_back(&c, *path);
  }
  if (found.empty()) {
    return Error{"converter_missing",
                 "the file is a legacy Word .doc/.wps, read through catdoc or antiword, and "
                 "neither is on PATH: install one (Debian packages catdoc, antiword; "
                 "tools/install-deps.sh installs both)",
                 {}};
  }
  TempFile input;
  if (std::string why = input.write(bytes); !why.empty()) {
    return Error{"io_error", "cannot write the legacy Word file to a temporary file: " + why,
                 {}};
  }

  const ChildLimits child_limits{limits.max_input_bytes, limits.max_memory_bytes};
  std::string failures;
  for (const auto& [converter, program] : found) {
    std::vector<std::string> args = converter->args;
    args.push_back(input.path());
    ChildOutcome run = run_child(program, args, child_limits, deadline);
    const std::string who = std::string(converter->name) + " (" + program + ")";
    switch (run.end) {
      case ChildOutcome::End::TimedOut:
        return limit_error("max_milliseconds",
                     who + " took longer than the document's budget of " +
                         std::to_string(limits.max_milliseconds) + " ms (max_milliseconds)");
      case ChildOutcome::End::OutputTooLarge:
        return limit_error("max_input_bytes",
                     who + " printed more than " + std::to_string(limits.max_input_bytes) +
                         " bytes of text (max_input_bytes)");
      case ChildOutcome::End::NotStarted:
        failures += (failures.empty() ? "" : "; ") + who + " could not be started: " +
                    run.why_not_started;
        continue;
      case ChildOutcome::End::Signalled:
        failures += (failures.empty() ? "" : "; ") + who + " was killed by signal " +
                    std::to_string(run.status) + " (" + first_line(run.err) + ")";
        continue;
      case ChildOutcome::End::Exited:
        if (run.status != 0 || run.out.empty()) {
          failures += (failures.empty() ? "" : "; ") + who + " exited with status " +
                      std::to_string(run.status) + " (" + first_line(run.err) + ")";
          continue;
        }
        break;
    }
    auto doc = read_text(run.out, limits, deadline);
    if (!doc) return doc;
    doc->format = "doc";
    doc->encoding.clear();  // the converter's UTF-8, not an encoding of the file itself
    doc->diagnostics.push_back(
        {"converted_text", Diagnostic::Severity::Info,
         "read from the text " + std::string(converter->name) +
             " printed of this legacy Word file: table rows arrive as flattened text, and "
             "cells the converter drops are missing, never filled in",
         {}});
    return doc;
  }
  return Error{"converter_failed",
               "the legacy Word file could not be converted to text (damaged, or not a Word "
               "document after all): " + failures,
               {}};
}

}  // namespace xxgknb
