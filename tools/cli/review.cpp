// CLI: `xxgknb review FILE... -o DIR` and `xxgknb review --db FILE.sqlite -o DIR` write the
// review pages (docs/review.md): one HTML page per report and an index. Flags, files and
// exit statuses only: src/review/ draws the pages.
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "commands.h"
#include "dataset/corrections.h"
#include "dataset/source_text.h"
#include "dataset/sqlite_util.h"
#include "review/review.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb::cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitUnreadable = 1;   // an input (or the dataset) could not be read
constexpr int kExitUsage = 2;
constexpr int kExitWriteFailed = 3;

struct ReviewFlags {
  std::vector<std::string> inputs;
  std::string db;
  std::string output;
};

void say(const std::string& where, const std::string& message) {
  std::fprintf(stderr, "xxgknb: %s: %s\n", where.c_str(), message.c_str());
}

// Writes a page whole: to a temporary name beside it, renamed into place once written.
bool write_page(const std::filesystem::path& path, const std::string& html) {
  const std::filesystem::path temp = path.string() + ".part";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(html.data(), static_cast<std::streamsize>(html.size()));
    out.close();
    if (!out) {
      say(path.string(), "cannot write");
      std::error_code ec;
      std::filesystem::remove(temp, ec);
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) say(path.string(), "cannot write: " + ec.message());
  return !ec;
}

bool write_index(const std::filesystem::path& path, const std::string& html) {
  if (html.empty()) {
    say(path.string(), "out of memory writing the index");
    return false;
  }
  return write_page(path, html);
}

// The bytes of a file within the input limit, or nothing (extract_file then says why).
std::optional<std::string> read_bytes(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size > Options{}.limits.max_input_bytes) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (!in || in.gcount() != static_cast<std::streamsize>(size)) return std::nullopt;
  return bytes;
}

// "report.docx" → "report.docx.html", ".2" before ".html" for a name taken before.
std::string page_name(const std::string& input, std::set<std::string>& taken) {
  std::string base = std::filesystem::path(input).filename().string();
  if (base.empty() || base.front() == '.') base.insert(0, "_");
  std::string name = base + ".html";
  for (int n = 2; !taken.insert(name).second; ++n) name = base + "." + std::to_string(n) + ".html";
  return name;
}

int review_files(const ReviewFlags& flags) {
  int status = kExitOk;
  std::set<std::string> taken = {"index.html"};
  std::vector<review::IndexEntry> entries;
  for (std::size_t i = 0; i < flags.inputs.size(); ++i) {
    const std::string& input = flags.inputs[i];
    std::string json;
    review::PageExtras extras;
    bool unreadable = false;
    const std::optional<std::string> bytes = read_bytes(input);
    if (bytes) {
      const Options options;
      auto result = extract_bytes_with_model(*bytes, input, options);
      unreadable = !result;
      if (result) {
        json = to_json(result.value().report);
        extras.source = dataset::source_text(result.value().report, result.value().document,
                                             options.limits.max_context_bytes);
      } else {
        json = to_json(result.error());
      }
    } else {
      auto result = extract_file(input);
      unreadable = !result;
      json = result ? to_json(result.value()) : to_json(result.error());
    }
    if (unreadable) {
      say(input, "could not be read; its page shows the error");
      status = kExitUnreadable;
    }
    const review::Page page = review::report_page(json, &extras, {"index.html"});
    if (!page.error.empty()) {
      say(input, page.error);
      status = kExitUnreadable;
      continue;
    }
    review::IndexEntry entry = review::index_entry(json);
    entry.id = static_cast<std::int64_t>(i + 1);
    entry.href = page_name(input, taken);
    if (!write_page(std::filesystem::path(flags.output) / entry.href, page.html)) return kExitWriteFailed;
    entries.push_back(std::move(entry));
  }
  if (!write_index(std::filesystem::path(flags.output) / "index.html",
                   review::index_page(entries, "政府信息公开年度报告 / reports"))) {
    return kExitWriteFailed;
  }
  return status;
}

int review_dataset(const ReviewFlags& flags) {
  std::string error;
  sqlite3* db = open_dataset(flags.db, false, error);
  if (db == nullptr) {
    say(flags.db, error);
    return kExitUnreadable;
  }
  const std::unique_ptr<sqlite3, int (*)(sqlite3*)> close(db, sqlite3_close);
  const std::filesystem::path reports = std::filesystem::path(flags.output) / "reports";
  std::error_code ec;
  std::filesystem::create_directories(reports, ec);
  if (ec) {
    say(reports.string(), "cannot create the folder: " + ec.message());
    return kExitWriteFailed;
  }
  dataset::Statement q(db, "SELECT id, report_json FROM documents ORDER BY id");
  if (!q.ok()) {
    say(flags.db, "cannot read the dataset: " + q.error());
    return kExitUnreadable;
  }
  std::vector<review::IndexEntry> entries;
  int rc;
  while ((rc = q.step()) == SQLITE_ROW) {
    const std::int64_t id = q.integer(0);
    const std::string json = q.text(1);
    // What the dataset keeps beside the report: its source text, its corrections, the
    // checks run again on them and its cross-report checks, extracted and corrected.
    review::PageExtras extras;
    std::string why = dataset::read_source_text(db, id, extras.source);
    if (why.empty()) why = dataset::corrections_in_force(db, id, extras.corrections);
    if (why.empty()) extras.corrected_checks = dataset::corrected_checks_json(db, id, why);
    if (why.empty()) extras.cross_checks = review::cross_checks_json(db, id, false, why);
    if (why.empty()) extras.corrected_cross_checks = review::cross_checks_json(db, id, true, why);
    if (!why.empty()) {
      say(flags.db, "document " + std::to_string(id) + ": cannot read the dataset: " + why);
      return kExitUnreadable;
    }
    const review::Page page = review::report_page(json, &extras, {"../index.html"});
    if (!page.error.empty()) {
      say(flags.db, "document " + std::to_string(id) + ": " + page.error);
      return kExitUnreadable;
    }
    review::IndexEntry entry = review::index_entry(json, extras.cross_checks);
    entry.corrections = static_cast<int>(extras.corrections.size());
    entry.id = id;
    entry.href = "reports/" + std::to_string(id) + ".html";
    if (!write_page(reports / (std::to_string(id) + ".html"), page.html)) return kExitWriteFailed;
    entries.push_back(std::move(entry));
  }
  if (rc != SQLITE_DONE) {
    say(flags.db, "cannot read the dataset: " + q.error());
    return kExitUnreadable;
  }
  const std::string title = std::filesystem::path(flags.db).filename().string();
  if (!write_index(std::filesystem::path(flags.output) / "index.html", review::index_page(entries, title))) {
    return kExitWriteFailed;
  }
  return kExitOk;
}

}  // namespace

Command add_review_command(CLI::App& app) {
  auto flags = std::make_shared<ReviewFlags>();
  CLI::App* cmd = app.add_subcommand(
      "review", "Write self-contained HTML review pages (one per report, and an index) for "
                "FILEs or for a dataset.");
  cmd->add_option("FILE", flags->inputs, "Reports to read (as `extract` reads them)");
  cmd->add_option("--db", flags->db, "A dataset made by `xxgknb batch`, instead of FILEs")
      ->type_name("FILE");
  cmd->add_option("-o,--output", flags->output, "The folder the pages are written to (created)")
      ->required()
      ->type_name("DIR");
  return {cmd, [flags]() {
            if (flags->inputs.empty() == flags->db.empty()) {
              say("review", "give either FILEs or --db FILE.sqlite");
              return kExitUsage;
            }
            std::error_code ec;
            std::filesystem::create_directories(flags->output, ec);
            if (ec || !std::filesystem::is_directory(flags->output)) {
              say(flags->output, "cannot create the output folder" +
                                     (ec ? ": " + ec.message() : std::string()));
              return kExitWriteFailed;
            }
            return flags->db.empty() ? review_files(*flags) : review_dataset(*flags);
          }};
}

}  // namespace xxgknb::cli
