// Hostile input at scale: a fixed sample of the malformed-input generator's outputs
// (tools/malformed.py, seeded from corpus/, the fuzz corpora and tests/data) through the real
// CLI. Through `xxgknb extract`, every input gives a report or an error object valid against
// schema/xxgknb.report-1.schema.json, an exit status of the documented set, no signal and no
// hang; through `xxgknb batch` into one dataset, every input is recorded exactly once, the
// dataset passes `pragma integrity_check` with every row complete, and the JSON Lines file
// has one line per document. XXGKNB_MALFORMED_COUNT, XXGKNB_MALFORMED_SEED and
// XXGKNB_MALFORMED_GIANT_BYTES change the sample (tools/malformed-run.sh runs thousands);
// XXGKNB_MALFORMED_DIR keeps the files.
#include <sqlite3.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "support/child.h"
#include "support/dataset_check.h"
#include "support/jsonl_keys.h"
#include "support/schema.h"
#include "support/temp_dir.h"
#include "util/sha256.h"

namespace xxgknb {
namespace {

namespace fs = std::filesystem;
using ::xxgknb::testing::ChildOptions;
using ::xxgknb::testing::ChildRun;
using ::xxgknb::testing::dataset_problems;
using ::xxgknb::testing::jsonl_keys;
using ::xxgknb::testing::read_file;
using ::xxgknb::testing::run_child;
using ::xxgknb::testing::schema_errors;
using ::xxgknb::testing::TempDir;

constexpr const char* kPython = "/usr/bin/python3";
constexpr int kDefaultCount = 300;
constexpr int kDefaultSeed = 1;
// A giant cell or line of 512 KiB: large enough to be a giant, small enough for the CI budget
// (XXGKNB_MALFORMED_GIANT_BYTES changes it).
constexpr int kDefaultGiantBytes = 512 << 10;
// Inputs per `extract` process, and the deadline of one process: a document's own time
// budget is Limits::max_milliseconds (20 s), so a group past this is hung, not slow.
constexpr std::size_t kGroup = 10;
constexpr double kGroupDeadlineSeconds = 120;
// No document may take longer than its time budget and a margin, in the batch's own measure.
constexpr double kPerFileBoundMillis = 30000;
constexpr double kBatchDeadlineSeconds = 900;

int env_number(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::atoi(value) : fallback;
}

// The generated inputs, made once for the suite: in a kept folder (XXGKNB_MALFORMED_DIR) or
// a temporary one.
class Malformed : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const char* kept = std::getenv("XXGKNB_MALFORMED_DIR");
    if (kept != nullptr && *kept != '\0') {
      root_ = new fs::path(kept);
    } else {
      temp_ = new TempDir();
      root_ = new fs::path(temp_->path());
    }
    fs::create_directories(*root_);
    if (!fs::exists(kPython)) return;
    const std::string count = std::to_string(env_number("XXGKNB_MALFORMED_COUNT", kDefaultCount));
    const std::string seed = std::to_string(env_number("XXGKNB_MALFORMED_SEED", kDefaultSeed));
    const std::string giant =
        std::to_string(env_number("XXGKNB_MALFORMED_GIANT_BYTES", kDefaultGiantBytes));
    fs::remove_all(*root_ / "in");
    const ChildRun made = run_child(
        {kPython, XXGKNB_SOURCE_DIR "/tools/malformed.py", XXGKNB_SOURCE_DIR "/corpus",
         XXGKNB_SOURCE_DIR "/tests/fuzz/corpus", XXGKNB_SOURCE_DIR "/tests/data", "--out",
         (*root_ / "in").string(), "-n", count, "--seed", seed, "--giant-bytes", giant},
        "/dev/null", (*root_ / "make.out").string(), (*root_ / "make.err").string(), {});
    generated_ = made.status == 0;
    if (!generated_) std::fprintf(stderr, "malformed.py: %s\n", made.err.c_str());
  }
  static void TearDownTestSuite() {
    delete root_;
    delete temp_;
    root_ = nullptr;
    temp_ = nullptr;
  }
  void SetUp() override {
    if (!fs::exists(kPython)) GTEST_SKIP() << kPython << " is not installed";
    ASSERT_TRUE(generated_) << "tools/malformed.py failed";
  }

  static std::vector<fs::path> inputs() {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(*root_ / "in")) out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
  }

  static TempDir* temp_;
  static fs::path* root_;
  static bool generated_;
};

TempDir* Malformed::temp_ = nullptr;
fs::path* Malformed::root_ = nullptr;
bool Malformed::generated_ = false;

// "report" for a report, else the error's code; "not JSON" or "no object" when it is neither.
std::string outcome_of(const std::string& text) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return "not JSON";
  if (j.contains("error")) return "error " + j["error"].value("code", std::string("?"));
  return j.contains("fields") ? "report" : "no object";
}

void print_tally(const char* title, const std::map<std::string, int>& tally) {
  std::printf("%s:\n", title);
  for (const auto& [name, count] : tally) std::printf("  %-32s %6d\n", name.c_str(), count);
}

TEST_F(Malformed, ExtractGivesSchemaValidObjectsWithoutCrashOrHang) {
  const std::vector<fs::path> files = inputs();
  ASSERT_GE(files.size(), 1u);
  std::map<std::string, int> tally;
  std::vector<std::pair<double, std::string>> slowest;
  for (std::size_t first = 0; first < files.size(); first += kGroup) {
    const std::vector<fs::path> group(files.begin() + static_cast<std::ptrdiff_t>(first),
                                      files.begin() + static_cast<std::ptrdiff_t>(
                                                          std::min(files.size(), first + kGroup)));
    const fs::path out_dir = *root_ / "extract" / std::to_string(first / kGroup);
    fs::remove_all(out_dir);
    fs::create_directories(out_dir);
    std::vector<std::string> argv = {XXGKNB_CLI, "extract"};
    for (const fs::path& file : group) argv.push_back(file.string());
    argv.push_back("-o");
    argv.push_back(out_dir.string() + "/");
    ChildOptions options;
    options.timeout_seconds = kGroupDeadlineSeconds;
    const ChildRun run = run_child(argv, "/dev/null", (out_dir / "stdout").string(),
                                   (out_dir / "stderr").string(), options);
    const std::string names = group.front().filename().string() + " … " +
                              group.back().filename().string();
    slowest.emplace_back(run.seconds, names);
    EXPECT_FALSE(run.timed_out) << "hung: " << names;
    EXPECT_EQ(run.signal, 0) << "killed by signal " << run.signal << ": " << names << "\n" << run.err;
    EXPECT_TRUE(run.status == 0 || run.status == 1) << "exit " << run.status << ": " << names
                                                    << "\n" << run.err;
    for (const fs::path& file : group) {
      const std::string json = read_file(out_dir / (file.filename().string() + ".json"));
      const std::string outcome = json.empty() ? "no output" : outcome_of(json);
      ++tally[outcome];
      if (outcome == "no output") {
        ADD_FAILURE() << file.filename() << ": no output file";
        continue;
      }
      const std::vector<std::string> errors = schema_errors(json);
      EXPECT_TRUE(errors.empty()) << file.filename() << ": " << errors.front();
    }
  }
  std::sort(slowest.rbegin(), slowest.rend());
  print_tally("extract, by outcome", tally);
  std::printf("slowest extract processes (%zu inputs each):\n", kGroup);
  for (std::size_t i = 0; i < std::min<std::size_t>(5, slowest.size()); ++i) {
    std::printf("  %8.2f s  %s\n", slowest[i].first, slowest[i].second.c_str());
  }
}

// The rows of the documents table: sha256 → (path, status or error code, millis).
struct Row {
  std::string path;
  std::string outcome;
  double millis = 0;
};

std::map<std::string, Row> documents(const std::string& db_path) {
  std::map<std::string, Row> rows;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT sha256, path, CASE status WHEN 'error' THEN 'error ' || error_code "
                       "ELSE status END, millis FROM documents",
                       -1, &s, nullptr);
    while (s != nullptr && sqlite3_step(s) == SQLITE_ROW) {
      const auto text = [&](int i) {
        const unsigned char* p = sqlite3_column_text(s, i);
        return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p));
      };
      rows[text(0)] = {text(1), text(2), sqlite3_column_double(s, 3)};
    }
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  return rows;
}

TEST_F(Malformed, BatchRecordsEveryInputOnceInAnIntactDataset) {
  const std::vector<fs::path> files = inputs();
  ASSERT_GE(files.size(), 1u);
  const std::string db = (*root_ / "malformed.sqlite").string();
  const std::string jsonl = (*root_ / "malformed.jsonl").string();
  for (const std::string& old : {db, db + "-wal", db + "-shm", jsonl}) fs::remove(old);
  ChildOptions options;
  options.timeout_seconds = kBatchDeadlineSeconds;
  const ChildRun run = run_child({XXGKNB_CLI, "batch", (*root_ / "in").string(), "--db", db,
                                  "--jsonl", jsonl, "--jobs", "2", "--quiet"},
                                 "/dev/null", (*root_ / "batch.out").string(),
                                 (*root_ / "batch.err").string(), options);
  ASSERT_FALSE(run.timed_out) << "the batch hung";
  ASSERT_EQ(run.signal, 0) << run.err;
  EXPECT_TRUE(run.status == 0 || run.status == 1) << run.status << "\n" << run.err;
  std::printf("%s", run.out.c_str());

  EXPECT_EQ(dataset_problems(db), "");
  std::set<std::string> distinct;
  for (const fs::path& file : files) distinct.insert(sha256_hex(read_file(file)));
  const std::map<std::string, Row> rows = documents(db);
  std::set<std::string> stored;
  for (const auto& [sha256, row] : rows) {
    stored.insert(sha256);
    EXPECT_LT(row.millis, kPerFileBoundMillis) << row.path;
  }
  EXPECT_EQ(stored, distinct) << "every input's bytes are one documents row";

  // One line per document, each document once.
  const std::multiset<std::string> lines = jsonl_keys(jsonl);
  EXPECT_EQ(lines.size(), rows.size());
  EXPECT_EQ(std::set<std::string>(lines.begin(), lines.end()), stored);

  std::map<std::string, int> tally;
  std::vector<std::pair<double, std::string>> slowest;
  for (const auto& [sha256, row] : rows) {
    ++tally[row.outcome];
    slowest.emplace_back(row.millis, fs::path(row.path).filename().string());
  }
  std::sort(slowest.rbegin(), slowest.rend());
  print_tally("batch, documents by status or error code", tally);
  std::printf("slowest documents:\n");
  for (std::size_t i = 0; i < std::min<std::size_t>(10, slowest.size()); ++i) {
    std::printf("  %10.1f ms  %s\n", slowest[i].first, slowest[i].second.c_str());
  }
}

}  // namespace
}  // namespace xxgknb
