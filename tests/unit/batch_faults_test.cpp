// Fault tests of `xxgknb batch` and `xxgknb extract -o`: the real CLI run as a child process
// under faults around it — a full disk (a file size limit, so that writes fail with EFBIG),
// an output path that cannot be written (even by root), SIGTERM and SIGINT at random moments,
// a second batch on the same dataset, inputs that change, vanish or are pipes. Each must end
// with a clear message naming the file and a documented exit status (docs/cli.md), and a
// dataset that passes `pragma integrity_check` with no half-written document, completed by
// the next run (docs/dataset.md).
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/child.h"
#include "support/dataset_check.h"
#include "support/jsonl_keys.h"
#include "support/temp_dir.h"
#include "util/sha256.h"

namespace xxgknb {
namespace {

namespace fs = std::filesystem;
using ::xxgknb::testing::Child;
using ::xxgknb::testing::ChildOptions;
using ::xxgknb::testing::ChildRun;
using ::xxgknb::testing::dataset_documents;
using ::xxgknb::testing::dataset_problems;
using ::xxgknb::testing::jsonl_keys;
using ::xxgknb::testing::read_file;
using ::xxgknb::testing::run_child;
using ::xxgknb::testing::TempDir;

// Every child's deadline: far beyond what any of these runs takes, so a hang fails the test
// instead of stalling the suite.
constexpr double kDeadlineSeconds = 120;

std::string corpus_input(const std::string& name) {
  return read_file(std::string(XXGKNB_SOURCE_DIR "/corpus/") + name);
}

// `count` distinct text reports under dir/in (one line each of their own at the end), half
// of them the 2021 template and half the 2019; returns their sha256s.
std::set<std::string> make_reports(const TempDir& dir, int count) {
  const std::string bases[] = {corpus_input("v2021-text/tika/input.txt"),
                               corpus_input("v2019-text/pipe/input.txt")};
  fs::create_directories(dir.path() / "in");
  std::set<std::string> distinct;
  for (int i = 0; i < count; ++i) {
    const std::string bytes = bases[i % 2] + "\n附：第 " + std::to_string(i) + " 份\n";
    dir.write("in/" + std::to_string(1000 + i) + ".txt", bytes);
    distinct.insert(sha256_hex(bytes));
  }
  return distinct;
}

ChildOptions deadline() {
  ChildOptions options;
  options.timeout_seconds = kDeadlineSeconds;
  return options;
}

// Runs the CLI with `args` to its end.
ChildRun cli(const TempDir& dir, std::vector<std::string> args, ChildOptions options = deadline()) {
  args.insert(args.begin(), XXGKNB_CLI);
  return run_child(args, "/dev/null", (dir.path() / "stdout").string(),
                   (dir.path() / "stderr").string(), options);
}

std::set<std::string> stored_keys(const std::string& db) {
  std::set<std::string> keys;
  for (const auto& [sha256, path] : dataset_documents(db)) keys.insert(sha256);
  return keys;
}

// documents.error_code and error_message of the row whose sha256 is `key`, as "code: message".
std::string error_of(const std::string& db_path, const std::string& key) {
  std::string error;
  sqlite3* db = nullptr;
  sqlite3_stmt* s = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK &&
      sqlite3_prepare_v2(db, "SELECT error_code || ': ' || error_message FROM documents "
                             "WHERE sha256 = ?1", -1, &s, nullptr) == SQLITE_OK) {
    sqlite3_bind_text(s, 1, key.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) != nullptr) {
      error = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    }
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return error;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Files whose name starts with '.' in `folder`: the temporary files an output is written to.
std::vector<std::string> hidden_files(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name.front() == '.') names.push_back(name);
  }
  return names;
}

// A file size limit of 1 MiB: the dataset's log passes it after a few documents (each is
// some hundreds of kilobytes of rows), so the batch meets a full disk in mid-run.
constexpr std::uint64_t kDiskBytes = 1 << 20;
constexpr int kDiskReports = 20;

TEST(BatchFaults, FullDiskWhileWritingTheDatasetLosesNoCommittedDocument) {
  TempDir dir;
  const std::set<std::string> distinct = make_reports(dir, kDiskReports);
  const std::string db = (dir.path() / "data.sqlite").string();
  const std::vector<std::string> args = {"batch", (dir.path() / "in").string(), "--db", db,
                                         "--jobs", "2", "--quiet"};
  ChildOptions full = deadline();
  full.file_size_limit = kDiskBytes;
  const ChildRun run = cli(dir, args, full);
  EXPECT_EQ(run.signal, 0);
  EXPECT_EQ(run.status, 3) << run.err;
  // "xxgknb: …/data.sqlite: cannot commit …/1004.txt: disk I/O error (…/data.sqlite-wal
  // reached the file size limit of 1048576 bytes: File too large)"
  EXPECT_TRUE(contains(run.err, "xxgknb: " + db + ": cannot commit ")) << run.err;
  EXPECT_TRUE(contains(run.err, "reached the file size limit of 1048576 bytes: File too large"))
      << run.err;
  EXPECT_EQ(dataset_problems(db), "");
  const std::size_t written = stored_keys(db).size();
  EXPECT_LT(written, distinct.size()) << "the limit was never met";

  // With room again, the same command completes the dataset.
  const ChildRun again = cli(dir, args);
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(dataset_problems(db), "");
  EXPECT_EQ(stored_keys(db), distinct);
}

TEST(BatchFaults, FullDiskWhileWritingTheJsonlFileIsRepairedByTheNextRun) {
  TempDir dir;
  const std::set<std::string> distinct = make_reports(dir, kDiskReports);
  const std::string db = (dir.path() / "data.sqlite").string();
  const std::string jsonl = (dir.path() / "data.jsonl").string();
  const std::vector<std::string> args = {"batch", (dir.path() / "in").string(), "--db", db,
                                         "--jsonl", jsonl, "--jobs", "2", "--quiet"};
  // A line of another program's already there, so that this file meets the limit before
  // the dataset's log does: the first document's line is cut short by the limit.
  const std::string padding = "{\"padding\":\"" + std::string(kDiskBytes - (40 << 10), 'x') + "\"}\n";
  dir.write("data.jsonl", padding);
  ChildOptions full = deadline();
  full.file_size_limit = kDiskBytes;
  const ChildRun run = cli(dir, args, full);
  EXPECT_EQ(run.status, 3) << run.err;
  EXPECT_TRUE(contains(run.err, "xxgknb: " + db + ": cannot write " + jsonl + ": File too large"))
      << run.err;
  EXPECT_EQ(dataset_problems(db), "");
  EXPECT_EQ(stored_keys(db).size(), 1u) << "the first document is committed before its line";
  EXPECT_NE(read_file(jsonl).back(), '\n') << "the line was not cut short";

  // The next run cuts the unfinished line off and gives every document its one line.
  const ChildRun again = cli(dir, args);
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(dataset_problems(db), "");
  EXPECT_EQ(stored_keys(db), distinct);
  std::multiset<std::string> lines = jsonl_keys(jsonl);
  EXPECT_EQ(lines.count("not JSON"), 1u) << "the other program's line is kept";
  lines.erase("not JSON");
  EXPECT_EQ(lines.size(), distinct.size()) << "a document has no line, or two";
  EXPECT_EQ(std::set<std::string>(lines.begin(), lines.end()), distinct);
  EXPECT_EQ(read_file(jsonl).substr(0, padding.size()), padding);
}

TEST(BatchFaults, FullDiskWhileWritingAnExtractOutputLeavesTheOldFile) {
  TempDir dir;
  const std::string input = dir.write("report.txt", corpus_input("v2021-text/tika/input.txt"));
  fs::create_directories(dir.path() / "out");
  const std::string output = dir.write("out/report.json", "the old content\n");
  ChildOptions full = deadline();
  full.file_size_limit = 8192;   // the report's JSON is tens of kilobytes
  const ChildRun one = cli(dir, {"extract", input, "-o", output}, full);
  EXPECT_EQ(one.status, 3) << one.err;
  EXPECT_TRUE(contains(one.err, "xxgknb: " + output + ": cannot write: File too large"))
      << one.err;
  EXPECT_EQ(read_file(output), "the old content\n");
  EXPECT_EQ(hidden_files(dir.path() / "out"), std::vector<std::string>{});

  // Into a folder: no output is left half-written, nor any temporary file.
  fs::create_directories(dir.path() / "many");
  const ChildRun many =
      cli(dir, {"extract", input, input, "-o", (dir.path() / "many").string() + "/"}, full);
  EXPECT_EQ(many.status, 3) << many.err;
  EXPECT_TRUE(contains(many.err, "report.txt.json: cannot write: File too large")) << many.err;
  EXPECT_TRUE(fs::is_empty(dir.path() / "many"));
}

TEST(BatchFaults, OutputUnderAFileInsteadOfAFolderIsRefusedClearly) {
  TempDir dir;
  make_reports(dir, 2);
  const std::string input = (dir.path() / "in" / "1000.txt").string();
  const std::string file = dir.write("not-a-folder", "x");
  const std::string db = file + "/data.sqlite";
  // Root writes through permission bits; nothing writes under a regular file.
  const ChildRun batch = cli(dir, {"batch", input, "--db", db, "--quiet"});
  EXPECT_EQ(batch.status, 3);
  EXPECT_TRUE(contains(batch.err, "cannot open the dataset " + db + ": Not a directory"))
      << batch.err;

  const std::string good_db = (dir.path() / "data.sqlite").string();
  const std::string jsonl = file + "/data.jsonl";
  const ChildRun lines = cli(dir, {"batch", input, "--db", good_db, "--jsonl", jsonl, "--quiet"});
  EXPECT_EQ(lines.status, 3);
  EXPECT_TRUE(contains(lines.err, "cannot open " + jsonl + ": Not a directory")) << lines.err;
  EXPECT_EQ(dataset_problems(good_db), "");
  EXPECT_EQ(dataset_documents(good_db).size(), 0u) << "nothing is read when the lines cannot be written";

  const std::string output = file + "/report.json";
  const ChildRun extract = cli(dir, {"extract", input, "-o", output});
  EXPECT_EQ(extract.status, 3);
  EXPECT_TRUE(contains(extract.err, "xxgknb: " + output + ": cannot write: Not a directory"))
      << extract.err;
  EXPECT_EQ(read_file(file), "x");
}

TEST(BatchFaults, OutputWhereNoFileCanBeCreatedIsRefusedClearly) {
  // /proc takes no new files, not even from root.
  if (!fs::is_directory("/proc/self")) GTEST_SKIP() << "no /proc";
  TempDir dir;
  make_reports(dir, 1);
  const std::string input = (dir.path() / "in" / "1000.txt").string();
  const ChildRun batch = cli(dir, {"batch", input, "--db", "/proc/xxgknb-test.sqlite", "--quiet"});
  EXPECT_EQ(batch.status, 3);
  EXPECT_TRUE(contains(batch.err, "cannot open the dataset /proc/xxgknb-test.sqlite: ")) << batch.err;
  const ChildRun extract = cli(dir, {"extract", input, "-o", "/proc/xxgknb-test.json"});
  EXPECT_EQ(extract.status, 3);
  EXPECT_TRUE(contains(extract.err, "xxgknb: /proc/xxgknb-test.json: cannot write: ")) << extract.err;
}

TEST(BatchFaults, ReadOnlyFolderIsRefusedClearly) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes into a folder whatever its permissions";
  TempDir dir;
  make_reports(dir, 1);
  const std::string input = (dir.path() / "in" / "1000.txt").string();
  fs::create_directories(dir.path() / "ro");
  fs::permissions(dir.path() / "ro", fs::perms::owner_read | fs::perms::owner_exec);
  const std::string db = (dir.path() / "ro" / "data.sqlite").string();
  const ChildRun batch = cli(dir, {"batch", input, "--db", db, "--quiet"});
  EXPECT_EQ(batch.status, 3);
  EXPECT_TRUE(contains(batch.err, "cannot open the dataset " + db + ": Permission denied"))
      << batch.err;
  const std::string output = (dir.path() / "ro" / "report.json").string();
  const ChildRun extract = cli(dir, {"extract", input, "-o", output});
  EXPECT_EQ(extract.status, 3);
  EXPECT_TRUE(contains(extract.err, output + ": cannot write: Permission denied")) << extract.err;
  fs::permissions(dir.path() / "ro", fs::perms::owner_all);
}

// Enough reports, read by one worker, for a run of a few seconds even on a fast machine, so
// that the first signals, at most kSignalLatestMs after the handlers are in place, come in
// mid-run.
constexpr int kSignalReports = 100;
constexpr int kSignalRounds = 3;
constexpr int kSignalLatestMs = 400;

// A folder of `count` reports and the command that reads them into data.sqlite and
// data.jsonl beside it.
struct ReportsBatch {
  explicit ReportsBatch(int count) : distinct(make_reports(dir, count)) {}
  TempDir dir;
  const std::set<std::string> distinct;
  const std::string db = (dir.path() / "data.sqlite").string();
  const std::string jsonl = (dir.path() / "data.jsonl").string();
  const std::vector<std::string> argv = {XXGKNB_CLI, "batch", (dir.path() / "in").string(),
                                         "--db", db, "--jsonl", jsonl, "--jobs", "2", "--quiet"};
};

TEST(BatchFaults, SigtermAndSigintAtRandomMomentsStopCleanlyAndTheNextRunResumes) {
  const ReportsBatch b(kSignalReports);
  const auto& [dir, distinct, db, jsonl, two_jobs] = b;
  std::vector<std::string> argv = two_jobs;
  argv[std::find(argv.begin(), argv.end(), "--jobs") - argv.begin() + 1] = "1";
  const std::string out = (dir.path() / "out").string();
  const std::string err = (dir.path() / "err").string();
  std::mt19937 rng(20261201);   // fixed: the same moments on every run
  std::uniform_int_distribution<int> moment_ms(0, kSignalLatestMs);
  std::size_t rows = 0;
  bool finished = false;
  int stopped = 0;
  for (int round = 0; round < kSignalRounds && !finished; ++round) {
    const int signal_number = round % 2 == 0 ? SIGTERM : SIGINT;
    Child batch(argv, "/dev/null", out, err, deadline());
    ASSERT_TRUE(batch.catches(signal_number, kDeadlineSeconds)) << "round " << round;
    std::this_thread::sleep_for(std::chrono::milliseconds(moment_ms(rng)));
    batch.kill(signal_number);
    const ChildRun run = batch.wait();
    SCOPED_TRACE("round " + std::to_string(round) + ", " + run.err);
    EXPECT_EQ(run.signal, 0) << "ended by the signal, not stopped by it";
    if (run.status == 0) {   // it had finished before the signal came
      finished = true;
    } else {
      ++stopped;
      EXPECT_EQ(run.status, 128 + signal_number);
      EXPECT_TRUE(contains(run.err, std::string("xxgknb: batch: stopped by ") +
                                        (signal_number == SIGTERM ? "SIGTERM" : "SIGINT") +
                                        ": every document written is complete in " + db));
    }
    EXPECT_EQ(dataset_problems(db), "");
    const std::size_t now = stored_keys(db).size();
    EXPECT_GE(now, rows) << "a stop lost committed documents";
    rows = now;
    // Every document committed has its line, even when stopped.
    EXPECT_EQ(jsonl_keys(jsonl).size(), now);
  }
  EXPECT_GE(stopped, 2) << "the signals came too late to stop the batch";

  const ChildRun last = run_child(argv, "/dev/null", out, err, deadline());
  EXPECT_EQ(last.status, 0) << last.err;
  EXPECT_EQ(dataset_problems(db), "");
  EXPECT_EQ(stored_keys(db), distinct);
  const std::multiset<std::string> lines = jsonl_keys(jsonl);
  EXPECT_EQ(lines.size(), distinct.size());
  EXPECT_EQ(std::set<std::string>(lines.begin(), lines.end()), distinct);
}

TEST(BatchFaults, SecondBatchOnTheSameDatasetIsRefusedWhileTheFirstRuns) {
  const ReportsBatch b(40);
  const auto& [dir, distinct, db, jsonl, argv] = b;
  Child first(argv, "/dev/null", (dir.path() / "out1").string(), (dir.path() / "err1").string(),
              deadline());
  // Its log appears with its first write, after it has taken the dataset.
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!fs::exists(db + "-wal") && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_TRUE(fs::exists(db + "-wal"));
  const ChildRun second = run_child(argv, "/dev/null", (dir.path() / "out2").string(),
                                    (dir.path() / "err2").string(), deadline());
  EXPECT_EQ(second.status, 3);
  EXPECT_TRUE(contains(second.err, "xxgknb: " + db + ": another xxgknb batch is writing this "
                                   "dataset; run this one when it has ended"))
      << second.err;
  EXPECT_LT(second.seconds, 10) << "refused at once, not after waiting";

  const ChildRun done = first.wait();
  EXPECT_EQ(done.status, 0) << done.err;
  EXPECT_EQ(dataset_problems(db), "");
  EXPECT_EQ(stored_keys(db), distinct);
  EXPECT_EQ(jsonl_keys(jsonl).size(), distinct.size());

  // The lock goes with the first batch: a third run is let in, and finds everything there.
  const ChildRun third = run_child(argv, "/dev/null", (dir.path() / "out3").string(),
                                   (dir.path() / "err3").string(), deadline());
  EXPECT_EQ(third.status, 0) << third.err;
  const std::size_t skipped = third.out.find("\nskipped ");
  ASSERT_NE(skipped, std::string::npos) << third.out;
  EXPECT_EQ(std::stoul(third.out.substr(skipped + 9)), distinct.size()) << third.out;
}

TEST(BatchFaults, InputRewrittenWhileReadIsOneRowAndNothingElseIsLost) {
  TempDir dir;
  const std::set<std::string> distinct = make_reports(dir, 15);
  // A crawler writing a report again and again, truncating it first each time: two versions
  // of different sizes, written in pieces.
  const std::string report = corpus_input("v2021-text/pipe/input.txt");
  const std::string versions[] = {report + std::string(1 << 20, ' ') + "\n",
                                  report + std::string(1 << 19, '\n')};
  const fs::path moving = dir.path() / "in" / "0500-moving.txt";
  dir.write("in/0500-moving.txt", versions[0]);
  std::atomic<bool> stop{false};
  std::thread crawler([&] {
    for (int n = 0; !stop.load(); ++n) {
      std::ofstream out(moving, std::ios::binary | std::ios::trunc);
      const std::string& text = versions[n % 2];
      for (std::size_t at = 0; at < text.size() && !stop.load(); at += 65536) {
        out.write(text.data() + at, static_cast<std::streamsize>(std::min<std::size_t>(65536, text.size() - at)));
        out.flush();
      }
    }
  });
  const std::string db = (dir.path() / "data.sqlite").string();
  const std::vector<std::string> args = {"batch", (dir.path() / "in").string(), "--db", db,
                                         "--jobs", "2", "--quiet"};
  const ChildRun run = cli(dir, args);
  stop = true;
  crawler.join();
  EXPECT_TRUE(run.status == 0 || run.status == 1) << run.err;
  EXPECT_EQ(dataset_problems(db), "");
  // The moving file is one row: a version read whole, or an error row to read it again.
  std::map<std::string, std::string> rows = dataset_documents(db);
  int moving_rows = 0;
  for (const auto& [key, path] : rows) {
    if (path != moving.string()) continue;
    ++moving_rows;
    if (key.rfind("unread:", 0) == 0) {
      EXPECT_EQ(error_of(db, key), "io_error: " + moving.string() +
                                       " changed while it was read (its size or time stamp "
                                       "moved); read it again once it is complete");
    }
  }
  EXPECT_EQ(moving_rows, 1);
  std::set<std::string> others = stored_keys(db);
  for (const auto& [key, path] : rows) {
    if (path == moving.string()) others.erase(key);
  }
  EXPECT_EQ(others, distinct) << "another input was lost";

  // At rest, the next run reads it: whatever its first row, one row of its bytes now.
  dir.write("in/0500-moving.txt", versions[1]);
  const ChildRun again = cli(dir, args);
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(dataset_problems(db), "");
  EXPECT_EQ(dataset_documents(db).count("unread:" + moving.string()), 0u);
  EXPECT_EQ(dataset_documents(db).count(sha256_hex(versions[1])), 1u);
}

TEST(BatchFaults, InputGoneBeforeItIsReadOrAPipeIsAnErrorRow) {
  TempDir dir;
  const std::set<std::string> distinct = make_reports(dir, 10);
  // Listed, then deleted before the batch reads it.
  const std::string gone = dir.write("gone.txt", corpus_input("v2021-text/tab/input.txt"));
  // A named pipe nobody writes: opening it would wait for ever.
  const std::string pipe = (dir.path() / "pipe").string();
  ASSERT_EQ(::mkfifo(pipe.c_str(), 0600), 0);
  const std::string list = dir.write("list", gone + "\n" + pipe + "\n");
  fs::remove(gone);
  const std::string db = (dir.path() / "data.sqlite").string();
  const ChildRun run = cli(dir, {"batch", (dir.path() / "in").string(), "--files-from", list,
                                 "--db", db, "--jobs", "2", "--quiet"});
  EXPECT_FALSE(run.timed_out) << "the pipe was waited for";
  EXPECT_EQ(run.status, 1) << run.err;
  EXPECT_EQ(dataset_problems(db), "");
  const std::map<std::string, std::string> rows = dataset_documents(db);
  EXPECT_EQ(rows.count("unread:" + gone), 1u);
  EXPECT_EQ(rows.count("unread:" + pipe), 1u);
  std::set<std::string> read = stored_keys(db);
  read.erase("unread:" + gone);
  read.erase("unread:" + pipe);
  EXPECT_EQ(read, distinct);
  EXPECT_EQ(error_of(db, "unread:" + gone),
            "io_error: cannot open " + gone + ": No such file or directory");
  EXPECT_EQ(error_of(db, "unread:" + pipe),
            "io_error: cannot read " + pipe + ": it is a named pipe, not a file");
}

}  // namespace
}  // namespace xxgknb
