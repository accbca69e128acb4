// CLI: `xxgknb apply-corrections FILE.json --db FILE.sqlite` merges corrections exported from
// the review pages into a dataset, beside the extracted values (docs/review.md). Flags, files
// and exit statuses only: src/dataset/corrections.cpp does the work.
#include <sqlite3.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "commands.h"
#include "dataset/corrections.h"
#include "dataset/schema.h"
#include "dataset/writer.h"

namespace xxgknb::cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitUnreadable = 1;   // the file or the dataset could not be read
constexpr int kExitWriteFailed = 3;  // the dataset could not be written: nothing was applied
constexpr int kExitRefused = 4;      // some corrections were refused (the others applied)

struct ApplyFlags {
  std::string input;
  std::string db;
};

void say(const std::string& where, const std::string& message) {
  std::fprintf(stderr, "xxgknb: %s: %s\n", where.c_str(), message.c_str());
}

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : " ") + id;
  return out.empty() ? "none" : out;
}

int run_apply(const ApplyFlags& flags) {
  std::ifstream in(flags.input, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) {
    say(flags.input, "cannot read the corrections file");
    return kExitUnreadable;
  }
  std::string error;
  sqlite3* db = open_dataset(flags.db, true, error);
  if (db == nullptr) {
    say(flags.db, error);
    return kExitUnreadable;
  }
  const std::unique_ptr<sqlite3, int (*)(sqlite3*)> close(db, sqlite3_close);
  sqlite3_busy_timeout(db, 10000);
  // A version 1 dataset gains the corrections tables here (schema.h).
  if (std::string why = dataset::create_schema(db); !why.empty()) {
    say(flags.db, why);
    return kExitWriteFailed;
  }
  const dataset::ApplyResult r = dataset::apply_corrections(db, text.str(), dataset::utc_now());
  if (!r.error.empty()) {
    say(r.error.rfind("not a corrections file", 0) == 0 ? flags.input : flags.db, r.error);
    return r.error.rfind("not a corrections file", 0) == 0 ? kExitUnreadable : kExitWriteFailed;
  }
  for (const std::string& why : r.refused) say(flags.input, "refused: " + why);
  std::printf("%d corrections applied, %d already in the dataset, %zu refused\n", r.applied,
              r.already, r.refused.size());
  for (const dataset::Rechecked& d : r.rechecked) {
    std::printf("document %lld %s: failing checks before %s, after the corrections %s\n",
                static_cast<long long>(d.document_id), d.path.c_str(),
                joined(d.failing_before).c_str(), joined(d.failing_after).c_str());
  }
  return r.refused.empty() ? kExitOk : kExitRefused;
}

}  // namespace

Command add_apply_corrections_command(CLI::App& app) {
  auto flags = std::make_shared<ApplyFlags>();
  CLI::App* cmd = app.add_subcommand(
      "apply-corrections",
      "Merge corrections exported from the review pages into a dataset, beside the extracted "
      "values (never over them), and run the checks again on the corrected values.");
  cmd->add_option("FILE", flags->input, "The corrections file (JSON) a review page exported")
      ->required();
  cmd->add_option("--db", flags->db, "The dataset (SQLite) to merge them into")
      ->required()
      ->type_name("FILE");
  cmd->footer(
      "Exit status:\n"
      "  0  every correction was applied (or was in the dataset already)\n"
      "  1  the corrections file or the dataset could not be read\n"
      "  2  usage error\n"
      "  3  the dataset could not be written: nothing was applied\n"
      "  4  some corrections were refused (each is said); the others were applied\n");
  return {cmd, [flags] { return run_apply(*flags); }};
}

}  // namespace xxgknb::cli
