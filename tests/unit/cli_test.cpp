// CLI tests: the built `xxgknb` binary run as a subprocess on files written to a temp
// directory — flags, JSON on stdout, diagnostics on stderr, exit statuses.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/schema.h"
#include "support/temp_dir.h"
#include "xxgknb/xxgknb.h"

extern char** environ;

namespace xxgknb {
namespace {

using ::xxgknb::testing::read_file;
using ::xxgknb::testing::schema_errors;
using ::xxgknb::testing::TempDir;

struct CliRun {
  int status = -1;     // exit status, or -1 when the process did not exit normally
  std::string out;
  std::string err;
};

// Runs the CLI with `args`; stdin from `stdin_path`, stdout to `stdout_path` when given.
CliRun run_cli(const TempDir& dir, const std::vector<std::string>& args,
            const std::string& stdin_path = "/dev/null", const std::string& stdout_path = "") {
  const std::string out_path = stdout_path.empty() ? (dir.path() / "cli.out").string() : stdout_path;
  const std::string err_path = (dir.path() / "cli.err").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, stdin_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  std::vector<std::string> argv_strings{XXGKNB_CLI};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_strings) argv.push_back(a.data());
  argv.push_back(nullptr);

  CliRun run;
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, XXGKNB_CLI, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    ADD_FAILURE() << "cannot run " << XXGKNB_CLI;
    return run;
  }
  int wait_status = 0;
  if (waitpid(pid, &wait_status, 0) == pid && WIFEXITED(wait_status)) {
    run.status = WEXITSTATUS(wait_status);
  }
  if (stdout_path.empty()) run.out = read_file(out_path);
  run.err = read_file(err_path);
  return run;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

// A report with a title and section 一 only: no tables, so it needs review.
constexpr const char* kTitleOnlyReport =
    "霍山县衡山镇2020年度政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "2020年，衡山镇认真贯彻落实《中华人民共和国政府信息公开条例》。\n";

class Cli : public ::testing::Test {
 protected:
  TempDir dir_;
};

TEST_F(Cli, VersionPrintsNameAndVersion) {
  const CliRun run = run_cli(dir_, {"--version"});
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.out, std::string("xxgknb ") + version() + "\n");
}

TEST_F(Cli, HelpShowsSubcommandExamplesAndExitStatuses) {
  const CliRun run = run_cli(dir_, {"--help"});
  EXPECT_EQ(run.status, 0);
  for (const char* part : {"extract", "Examples:", "Exit status:", "  4  with --fail-on-review"}) {
    EXPECT_NE(run.out.find(part), std::string::npos) << part;
  }
}

TEST_F(Cli, ExtractHelpListsItsFlags) {
  const CliRun run = run_cli(dir_, {"extract", "--help"});
  EXPECT_EQ(run.status, 0);
  for (const char* flag : {"-o,--output", "--pretty", "--fail-on-review", "FILE"}) {
    EXPECT_NE(run.out.find(flag), std::string::npos) << flag;
  }
}

// docs/cli.md stays true: every flag the help shows is documented there.
TEST_F(Cli, DocsListEveryFlag) {
  const std::string docs = read_file(XXGKNB_SOURCE_DIR "/docs/cli.md");
  ASSERT_FALSE(docs.empty());
  std::set<std::string> flags;
  for (const auto& args : {std::vector<std::string>{"--help"}, {"extract", "--help"}}) {
    const CliRun run = run_cli(dir_, args);
    // "  -o,--output TEXT   Write to PATH…" → "-o", "--output"
    re2::StringPiece input(run.out);
    std::string flag;
    static const RE2 kFlag(R"((?m)(?:^\s+|,)(--?[a-z][a-z-]*))");
    while (RE2::FindAndConsume(&input, kFlag, &flag)) flags.insert(flag);
  }
  EXPECT_GE(flags.size(), 6u);
  for (const std::string& flag : flags) {
    EXPECT_NE(docs.find("`" + flag), std::string::npos) << flag << " is not in docs/cli.md";
  }
}

TEST_F(Cli, NoSubcommandIsUsageError) {
  const CliRun run = run_cli(dir_, {});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("xxgknb: "), std::string::npos);
}

TEST_F(Cli, UnknownSubcommandIsUsageError) {
  const CliRun run = run_cli(dir_, {"frobnicate", "x.txt"});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err.rfind("xxgknb: frobnicate: unknown subcommand", 0), 0u) << run.err;
}

TEST_F(Cli, UnknownFlagIsUsageError) {
  const std::string input = dir_.write("a.txt", kTitleOnlyReport);
  EXPECT_EQ(run_cli(dir_, {"extract", "--bogus", input}).status, 2);
}

TEST_F(Cli, ExtractWithoutFileIsUsageError) {
  const CliRun run = run_cli(dir_, {"extract"});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
}

TEST_F(Cli, OneInputOneObject) {
  const std::string input = dir_.write("a.txt", kTitleOnlyReport);
  const CliRun run = run_cli(dir_, {"extract", input});
  EXPECT_EQ(run.status, 0);
  ASSERT_EQ(lines_of(run.out).size(), 1u);
  EXPECT_EQ(joined(schema_errors(run.out)), "");
  EXPECT_EQ(nlohmann::json::parse(run.out)["source"]["path"], input);
}

TEST_F(Cli, PrettyOneInputIsIndented) {
  const std::string input = dir_.write("a.txt", kTitleOnlyReport);
  const CliRun run = run_cli(dir_, {"extract", "--pretty", input});
  EXPECT_EQ(run.status, 0);
  EXPECT_GT(lines_of(run.out).size(), 10u);
  EXPECT_EQ(run.out.rfind("{\n  \"schema\": \"xxgknb.report/1\",", 0), 0u);
  EXPECT_EQ(joined(schema_errors(run.out)), "");
}

TEST_F(Cli, PrettyWithSeveralInputsIsUsageError) {
  const std::string a = dir_.write("a.txt", kTitleOnlyReport);
  const std::string b = dir_.write("b.txt", kTitleOnlyReport);
  const CliRun run = run_cli(dir_, {"extract", "--pretty", a, b});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("xxgknb: --pretty: "), std::string::npos);
}

TEST_F(Cli, MissingFileExitsOneWithErrorObject) {
  const std::string missing = (dir_.path() / "missing.docx").string();
  const CliRun run = run_cli(dir_, {"extract", missing});
  EXPECT_EQ(run.status, 1);
  ASSERT_EQ(lines_of(run.out).size(), 1u);
  EXPECT_EQ(joined(schema_errors(run.out)), "");
  const auto j = nlohmann::json::parse(run.out);
  EXPECT_EQ(j["error"]["code"], "io_error");
  EXPECT_EQ(j["source"]["path"], missing);
  EXPECT_EQ(run.err.rfind("xxgknb: " + missing + ": ", 0), 0u) << run.err;
}

TEST_F(Cli, TwoInputsTwoLinesInArgumentOrder) {
  const std::string b = dir_.write("b.txt", kTitleOnlyReport);
  const std::string a = dir_.write("a.txt", kTitleOnlyReport);
  const CliRun run = run_cli(dir_, {"extract", b, a});
  EXPECT_EQ(run.status, 0);
  const std::vector<std::string> lines = lines_of(run.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(nlohmann::json::parse(lines[0])["source"]["path"], b);
  EXPECT_EQ(nlohmann::json::parse(lines[1])["source"]["path"], a);
  for (const std::string& line : lines) EXPECT_EQ(joined(schema_errors(line)), "");
}

TEST_F(Cli, BrokenInputDoesNotStopTheBatch) {
  const std::string a = dir_.write("a.txt", kTitleOnlyReport);
  const std::string empty = dir_.write("empty.txt", "");
  const std::string missing = (dir_.path() / "missing.txt").string();
  const CliRun run = run_cli(dir_, {"extract", empty, missing, a});
  EXPECT_EQ(run.status, 1);
  const std::vector<std::string> lines = lines_of(run.out);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(nlohmann::json::parse(lines[0])["error"]["code"], "empty_input");
  EXPECT_EQ(nlohmann::json::parse(lines[1])["error"]["code"], "io_error");
  EXPECT_FALSE(nlohmann::json::parse(lines[2]).contains("error"));
  EXPECT_EQ(lines_of(run.err).size(), 2u) << run.err;
}

TEST_F(Cli, OutputDirectoryGetsOneFilePerInput) {
  const std::string a = dir_.write("a.txt", kTitleOnlyReport);
  std::filesystem::create_directories(dir_.path() / "sub");
  const std::string same_name = dir_.write("sub/a.txt", kTitleOnlyReport);
  const std::filesystem::path out = dir_.path() / "out";
  std::filesystem::create_directories(out);
  const std::string stdin_file = dir_.write("stdin-input", kTitleOnlyReport);
  const CliRun run =
      run_cli(dir_, {"extract", "--pretty", a, same_name, "-", "-o", out.string()}, stdin_file);
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, "");
  const std::string first = read_file(out / "a.txt.json");
  const std::string second = read_file(out / "a.txt.2.json");
  const std::string from_stdin = read_file(out / "stdin.json");
  EXPECT_EQ(nlohmann::json::parse(first)["source"]["path"], a);
  EXPECT_EQ(nlohmann::json::parse(second)["source"]["path"], same_name);
  EXPECT_EQ(nlohmann::json::parse(from_stdin)["source"]["path"], "-");
  EXPECT_GT(lines_of(first).size(), 10u);  // --pretty is allowed into a directory
  EXPECT_EQ(joined(schema_errors(first)), "");
}

TEST_F(Cli, OutputFileGetsTheStream) {
  const std::string a = dir_.write("a.txt", kTitleOnlyReport);
  const std::filesystem::path out = dir_.path() / "all.jsonl";
  const CliRun run = run_cli(dir_, {"extract", a, a, "-o", out.string()});
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(lines_of(read_file(out)).size(), 2u);
}

TEST_F(Cli, StdinInput) {
  const std::string input = dir_.write("a.txt", kTitleOnlyReport);
  const CliRun run = run_cli(dir_, {"extract", "-"}, input);
  EXPECT_EQ(run.status, 0);
  const auto j = nlohmann::json::parse(run.out);
  EXPECT_EQ(j["source"]["path"], "-");
  EXPECT_EQ(j["source"]["bytes"], std::string(kTitleOnlyReport).size());
}

TEST_F(Cli, UnwritableOutputExitsThree) {
  const std::string a = dir_.write("a.txt", kTitleOnlyReport);
  const std::string nowhere = (dir_.path() / "no-such-dir" / "out.json").string();
  const CliRun run = run_cli(dir_, {"extract", a, "-o", nowhere});
  EXPECT_EQ(run.status, 3);
  EXPECT_NE(run.err.find("cannot write"), std::string::npos);
}

TEST_F(Cli, FullStdoutExitsThree) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  const std::string a = dir_.write("a.txt", kTitleOnlyReport);
  const CliRun run = run_cli(dir_, {"extract", a}, "/dev/null", "/dev/full");
  EXPECT_EQ(run.status, 3);
  EXPECT_NE(run.err.find("xxgknb: standard output: cannot write"), std::string::npos);
}

TEST_F(Cli, FailOnReviewExitsFour) {
  const std::string input = dir_.write("a.txt", kTitleOnlyReport);
  const CliRun plain = run_cli(dir_, {"extract", input});
  ASSERT_EQ(plain.status, 0);
  ASSERT_EQ(nlohmann::json::parse(plain.out)["review"]["needs_review"], true)
      << "a report without tables must need review";
  const CliRun failing = run_cli(dir_, {"extract", "--fail-on-review", input});
  EXPECT_EQ(failing.status, 4);
  EXPECT_NE(failing.err.find("needs review"), std::string::npos);
}

// Look-alike: an unreadable input is worse than one that needs review.
TEST_F(Cli, FailOnReviewYieldsToUnreadable) {
  const std::string input = dir_.write("a.txt", kTitleOnlyReport);
  const std::string missing = (dir_.path() / "missing.txt").string();
  EXPECT_EQ(run_cli(dir_, {"extract", "--fail-on-review", input, missing}).status, 1);
}

// "cannot open file" gave no reason.
TEST_F(Cli, UnreadableInputSaysWhy) {
  const std::string missing = (dir_.path() / "missing.txt").string();
  const std::string directory = dir_.path().string();
  const CliRun run = run_cli(dir_, {"extract", missing, directory});
  EXPECT_EQ(run.status, 1);
  const std::vector<std::string> lines = lines_of(run.out);
  ASSERT_EQ(lines.size(), 2u);
  const std::vector<std::string> messages = {
      "cannot open " + missing + ": No such file or directory",
      "cannot read " + directory + ": it is a directory, not a file"};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(joined(schema_errors(lines[i])), "");
    const auto j = nlohmann::json::parse(lines[i]);
    EXPECT_EQ(j["error"]["code"], "io_error");
    EXPECT_EQ(j["error"]["message"], messages[i]);
  }
  EXPECT_EQ(run.err, "xxgknb: " + missing + ": " + messages[0] + "\n" + "xxgknb: " + directory +
                         ": " + messages[1] + "\n");
}

TEST_F(Cli, InputWithoutReadPermissionSaysWhy) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every file";
  const std::string a = dir_.write("a.txt", kTitleOnlyReport);
  std::filesystem::permissions(a, std::filesystem::perms::none);
  const CliRun run = run_cli(dir_, {"extract", a});
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(nlohmann::json::parse(run.out)["error"]["message"],
            "cannot open " + a + ": Permission denied");
}

// A file with no size up front (a device, a pipe, a file growing as it is read) that gives
// more than the limit claims no size or hash either: /dev/zero never ends.
TEST_F(Cli, OverLimitUnsizedFileClaimsNoSizeOrHash) {
  const CliRun run = run_cli(dir_, {"extract", "/dev/zero"});
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(joined(schema_errors(run.out)), "");
  const auto j = nlohmann::json::parse(run.out);
  EXPECT_EQ(j["error"]["code"], "input_too_large");
  EXPECT_EQ(j["source"]["bytes"], 0);
  EXPECT_TRUE(j["source"]["sha256"].is_null());
}

// Look-alike: a regular file over the limit has a known size, which is reported; it is not
// read, so it has no hash.
TEST_F(Cli, OverLimitRegularFileReportsItsSize) {
  const std::string big = dir_.write("big.txt", "");
  std::filesystem::resize_file(big, Limits{}.max_input_bytes + 1);
  const CliRun run = run_cli(dir_, {"extract", big});
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(joined(schema_errors(run.out)), "");
  const auto j = nlohmann::json::parse(run.out);
  EXPECT_EQ(j["error"]["code"], "input_too_large");
  EXPECT_EQ(j["source"]["bytes"], Limits{}.max_input_bytes + 1);
  EXPECT_TRUE(j["source"]["sha256"].is_null());
}

// Over-limit standard input reported the size and sha256 of the prefix that was read. It
// now claims neither (bytes 0, sha256 null: not known) and says only that it is over.
TEST_F(Cli, OverLimitStdinClaimsNoSizeOrHash) {
  const std::filesystem::path big = dir_.path() / "big.txt";
  std::filesystem::resize_file(dir_.write("big.txt", ""), Limits{}.max_input_bytes + 4096);
  const CliRun run = run_cli(dir_, {"extract", "-"}, big.string());
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(joined(schema_errors(run.out)), "");
  const auto j = nlohmann::json::parse(run.out);
  EXPECT_EQ(j["error"]["code"], "input_too_large");
  EXPECT_EQ(j["error"]["message"],
            "standard input is larger than the limit of " +
                std::to_string(Limits{}.max_input_bytes) +
                " bytes (its full size is not known: reading stopped there)");
  EXPECT_EQ(j["source"]["bytes"], 0);
  EXPECT_TRUE(j["source"]["sha256"].is_null());
}

}  // namespace
}  // namespace xxgknb
