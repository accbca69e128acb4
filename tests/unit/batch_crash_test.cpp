// Crash tests of `xxgknb batch`: the real CLI on a generated folder of a few hundred small
// documents, killed with SIGKILL at random moments and run again. After every kill the dataset
// passes `pragma integrity_check` and every documents row is complete; in the end it holds
// each distinct input exactly once, and the JSON Lines file each document exactly once.
#include <signal.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/dataset_check.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "util/sha256.h"

namespace xxgknb {
namespace {

using ::xxgknb::testing::dataset_documents;
using ::xxgknb::testing::dataset_problems;
using ::xxgknb::testing::Process;
using ::xxgknb::testing::ProcessRun;
using ::xxgknb::testing::read_file;
using ::xxgknb::testing::TempDir;

constexpr int kDocuments = 240;
constexpr int kKills = 5;

// kDocuments inputs under dir/in: UTF-8 text reports made distinct by a last line of spaces,
// every 12th a copy of an earlier one, two empty files, a .docx; returns the distinct sha256s.
std::set<std::string> make_inputs(const TempDir& dir) {
  std::vector<std::string> bases;
  for (const char* name : {"v2021-text/tika", "v2021-text/pipe", "v2021-text/tab",
                           "v2019-text/pipe", "messy/wrong_sums", "messy/traditional"}) {
    const std::string folder = std::string(XXGKNB_SOURCE_DIR "/corpus/") + name;
    for (const char* input : {"/input.txt", "/input.docx"}) {
      const std::string bytes = read_file(folder + input);
      if (!bytes.empty()) bases.push_back(bytes);
    }
  }
  std::set<std::string> distinct;
  std::vector<std::string> made;
  for (int i = 0; i < kDocuments; ++i) {
    std::string bytes;
    if (i % 12 == 11) {
      bytes = made[static_cast<std::size_t>(i) / 2];
    } else if (i == 5 || i == 50) {
      bytes = "";
    } else {
      const std::string& base = bases[static_cast<std::size_t>(i) % bases.size()];
      const bool docx = base.rfind("PK", 0) == 0;
      // A .docx copy stays byte-identical: a duplicate by content.
      bytes = docx ? base : base + std::string(static_cast<std::size_t>(i), ' ') + "\n";
    }
    made.push_back(bytes);
    distinct.insert(sha256_hex(bytes));
    const std::string folder = "in/" + std::to_string(i / 50);
    std::filesystem::create_directories(dir.path() / folder);
    dir.write(folder + "/" + std::to_string(i) + ".txt", bytes);
  }
  return distinct;
}

// The dataset key of each line of a JSON Lines file.
std::multiset<std::string> jsonl_keys(const std::string& path) {
  std::multiset<std::string> keys;
  const std::string text = read_file(path);
  std::size_t start = 0;
  for (std::size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
    const auto j = nlohmann::json::parse(text.substr(start, end - start), nullptr, false);
    keys.insert(j.is_object() ? j["source"]["sha256"].get<std::string>() : "not JSON");
    start = end + 1;
  }
  if (start != text.size()) keys.insert("a line without its newline");
  return keys;
}

TEST(BatchCrash, SigkillAtRandomMomentsLeavesOnlyCompleteDocuments) {
  TempDir dir;
  const std::set<std::string> distinct = make_inputs(dir);
  const std::string db = (dir.path() / "data.sqlite").string();
  const std::string jsonl = (dir.path() / "data.jsonl").string();
  const std::vector<std::string> argv = {XXGKNB_CLI, "batch", (dir.path() / "in").string(), "--db",
                                         db, "--jsonl", jsonl, "--jobs", "2", "--quiet"};
  const std::string out = (dir.path() / "out").string();
  const std::string err = (dir.path() / "err").string();
  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> moment_ms(150, 1500);

  std::size_t rows = 0;
  for (int kill = 0; kill < kKills; ++kill) {
    Process batch(argv, "/dev/null", out, err);
    ASSERT_TRUE(batch.started());
    std::this_thread::sleep_for(std::chrono::milliseconds(moment_ms(rng)));
    batch.kill(SIGKILL);
    const ProcessRun run = batch.wait();
    if (!std::filesystem::exists(db)) continue;   // killed before it was created
    EXPECT_EQ(dataset_problems(db), "") << "after kill " << kill;
    const std::size_t now = dataset_documents(db).size();
    EXPECT_GE(now, rows) << "a kill lost committed documents";
    rows = now;
    if (run.signal != SIGKILL) break;   // it had finished
  }

  Process last(argv, "/dev/null", out, err);
  const ProcessRun run = last.wait();
  // 1 when the empty file (an error) was first met in this run, 0 when before a kill.
  EXPECT_TRUE(run.status == 0 || run.status == 1) << run.status << run.out << run.err;
  EXPECT_EQ(dataset_problems(db), "");
  std::set<std::string> stored;
  for (const auto& [sha256, path] : dataset_documents(db)) stored.insert(sha256);
  EXPECT_EQ(stored, distinct);
  const std::multiset<std::string> lines = jsonl_keys(jsonl);
  EXPECT_EQ(std::set<std::string>(lines.begin(), lines.end()), distinct);
  EXPECT_EQ(lines.size(), distinct.size()) << "a document has two lines";

  // Once more: everything is skipped and nothing changes.
  Process again(argv, "/dev/null", out, err);
  const ProcessRun rerun = again.wait();
  EXPECT_EQ(rerun.status, 0);
  const std::size_t read_line = rerun.out.find("\nread ");
  ASSERT_NE(read_line, std::string::npos) << rerun.out;
  EXPECT_EQ(std::stol(rerun.out.substr(read_line + 6)), 0) << rerun.out;
  EXPECT_EQ(dataset_documents(db).size(), distinct.size());
  EXPECT_EQ(jsonl_keys(jsonl).size(), distinct.size());
}

}  // namespace
}  // namespace xxgknb
