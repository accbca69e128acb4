// CLI tests of `xxgknb batch`: the built binary run as a subprocess — flags, the summary on
// standard output, progress on standard error, streaming mode, exit statuses.
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "support/dataset_check.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

using ::xxgknb::testing::dataset_documents;
using ::xxgknb::testing::dataset_problems;
using ::xxgknb::testing::ProcessRun;
using ::xxgknb::testing::read_file;
using ::xxgknb::testing::run_process;
using ::xxgknb::testing::TempDir;

std::string corpus_input(const std::string& name) {
  return read_file(std::string(XXGKNB_SOURCE_DIR "/corpus/") + name);
}

class CliBatch : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_.path() / "in" / "2021");
    a_ = dir_.write("in/2021/a.docx", corpus_input("v2021-docx/filled/input.docx"));
    b_ = dir_.write("in/b.txt", corpus_input("v2021-text/pipe/input.txt"));
    c_ = dir_.write("in/c.bin", std::string("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", 16));
  }

  ProcessRun run(std::vector<std::string> args, const std::string& stdin_path = "/dev/null") {
    args.insert(args.begin(), XXGKNB_CLI);
    return run_process(args, stdin_path, (dir_.path() / "cli.out").string(),
                       (dir_.path() / "cli.err").string());
  }

  TempDir dir_;
  std::string db_ = (dir_.path() / "data.sqlite").string();
  std::string in_ = (dir_.path() / "in").string();
  std::string a_, b_, c_;
};

// "errors            1" → 1
long count_in(const std::string& summary, const std::string& label) {
  long value = -1;
  const RE2 line("(?m)^" + RE2::QuoteMeta(label) + R"(\s+(\d+))");
  RE2::PartialMatch(summary, line, &value);
  return value;
}

TEST_F(CliBatch, SummaryCountsAndExitStatus) {
  const ProcessRun run1 = run({"batch", in_, "--db", db_, "--jobs", "2"});
  EXPECT_EQ(run1.status, 1) << run1.err;   // c.bin is no report
  EXPECT_EQ(count_in(run1.out, "files"), 3);
  EXPECT_EQ(count_in(run1.out, "read"), 2);
  EXPECT_EQ(count_in(run1.out, "needs review"), 0);
  EXPECT_EQ(count_in(run1.out, "errors"), 1);
  EXPECT_EQ(count_in(run1.out, "  not_a_report_file"), 1);
  EXPECT_EQ(count_in(run1.out, "  docx"), 1);
  EXPECT_EQ(count_in(run1.out, "  v2021"), 2);
  EXPECT_NE(run1.out.find("slowest files:"), std::string::npos);
  EXPECT_EQ(dataset_problems(db_), "");
  EXPECT_EQ(dataset_documents(db_).size(), 3u);

  const ProcessRun run2 = run({"batch", in_, "--db", db_});
  EXPECT_EQ(run2.status, 0);   // nothing read this time: nothing failed
  EXPECT_EQ(count_in(run2.out, "skipped"), 3);
  EXPECT_EQ(count_in(run2.out, "read"), 0);
}

// Not a terminal: plain lines, the first one after the first document.
TEST_F(CliBatch, ProgressLinesUnlessQuiet) {
  const ProcessRun loud = run({"batch", in_, "--db", db_});
  EXPECT_EQ(loud.err.rfind("xxgknb: batch: 1", 0), 0u) << loud.err;
  EXPECT_EQ(loud.err.find('\r'), std::string::npos);
  const ProcessRun quiet = run({"batch", in_, "--db", db_, "--force", "--quiet"});
  EXPECT_EQ(quiet.err, "");
}

TEST_F(CliBatch, FilesFromStandardInputNulSeparated) {
  const std::string list = dir_.write("list", a_ + std::string(1, '\0') + c_ + std::string(1, '\0'));
  const ProcessRun r = run({"batch", "--files-from", "-", "-0", "--db", db_, "-q"}, list);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(count_in(r.out, "files"), 2);
  std::set<std::string> paths;
  for (const auto& [sha256, path] : dataset_documents(db_)) paths.insert(path);
  EXPECT_EQ(paths, (std::set<std::string>{a_, c_}));
}

TEST_F(CliBatch, StreamWritesOneLinePerPathInOrder) {
  const std::string list = dir_.write("list", b_ + "\n" + c_ + "\n" + a_ + "\n" + b_ + "\n");
  const ProcessRun r = run({"batch", "--stream", "--jobs", "2"}, list);
  EXPECT_EQ(r.status, 1);
  std::string expected;
  for (const std::string& path : {b_, c_, a_, b_}) {
    auto result = extract_file(path);
    expected += (result ? to_json(result.value()) : to_json(result.error())) + "\n";
  }
  EXPECT_EQ(r.out, expected);
}

TEST_F(CliBatch, UsageErrors) {
  const std::vector<std::vector<std::string>> cases = {
      {"batch", in_},                                       // no --db
      {"batch", "--db", db_},                               // nothing to read
      {"batch", "--stream", "--db", db_},                   // --stream writes stdout only
      {"batch", "--stream", in_},
      {"batch", in_, "--db", db_, "-0"},                    // -0 without --files-from
      {"batch", in_, "--db", db_, "--jobs", "0"},
      {"batch", "--files-from", (dir_.path() / "none").string(), "--db", db_},
  };
  for (const auto& args : cases) {
    const ProcessRun r = run(args);
    EXPECT_EQ(r.status, 2) << args.back() << ": " << r.err;
    EXPECT_EQ(r.out, "");
  }
  EXPECT_FALSE(std::filesystem::exists(db_));
}

TEST_F(CliBatch, UnwritableDatasetIsExitThree) {
  const ProcessRun r = run({"batch", in_, "--db", (dir_.path() / "no" / "such" / "d.sqlite").string()});
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.err.find("cannot open the dataset"), std::string::npos) << r.err;
}

// docs/cli.md stays true: every flag `batch --help` shows is documented there.
TEST_F(CliBatch, DocsListEveryFlag) {
  const std::string docs = read_file(XXGKNB_SOURCE_DIR "/docs/cli.md");
  const ProcessRun r = run({"batch", "--help"});
  EXPECT_EQ(r.status, 0);
  re2::StringPiece input(r.out);
  std::string flag;
  std::set<std::string> flags;
  static const RE2 kFlag(R"((?m)(?:^\s+|,)(--?[a-z0-9][a-z-]*))");
  while (RE2::FindAndConsume(&input, kFlag, &flag)) flags.insert(flag);
  EXPECT_GE(flags.size(), 10u);
  for (const std::string& f : flags) {
    EXPECT_NE(docs.find("`" + f), std::string::npos) << f << " is not in docs/cli.md";
  }
}

}  // namespace
}  // namespace xxgknb
