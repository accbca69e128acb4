// CLI tests: the built `xxgknb` binary run as a subprocess on files written to a temp
// directory — flags, JSON on stdout, diagnostics on stderr, exit statuses.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/dataset_check.h"
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

// Starts `argv` (argv[0] is the program) with stdin from `stdin_path`, stdout to
// `stdout_path` (or dir/cli.out) and stderr to dir/cli.err; returns its pid, or -1.
pid_t spawn(const TempDir& dir, std::vector<std::string> argv_strings,
            const std::string& stdin_path, const std::string& stdout_path) {
  const std::string out_path = stdout_path.empty() ? (dir.path() / "cli.out").string() : stdout_path;
  const std::string err_path = (dir.path() / "cli.err").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, stdin_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  std::vector<char*> argv;
  for (std::string& a : argv_strings) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    ADD_FAILURE() << "cannot run " << argv[0];
    return -1;
  }
  return pid;
}

// Waits for `pid` and collects what it wrote.
CliRun finish(const TempDir& dir, pid_t pid, const std::string& stdout_path = "") {
  CliRun run;
  int wait_status = 0;
  if (pid > 0 && waitpid(pid, &wait_status, 0) == pid && WIFEXITED(wait_status)) {
    run.status = WEXITSTATUS(wait_status);
  }
  if (stdout_path.empty()) run.out = read_file(dir.path() / "cli.out");
  run.err = read_file(dir.path() / "cli.err");
  return run;
}

std::vector<std::string> cli_argv(const std::vector<std::string>& args) {
  std::vector<std::string> argv{XXGKNB_CLI};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

// Runs the CLI with `args`; stdin from `stdin_path`, stdout to `stdout_path` when given.
CliRun run_cli(const TempDir& dir, const std::vector<std::string>& args,
               const std::string& stdin_path = "/dev/null", const std::string& stdout_path = "") {
  return finish(dir, spawn(dir, cli_argv(args), stdin_path, stdout_path), stdout_path);
}

// The same, with every file it writes limited to `blocks` blocks of `ulimit -f` (a few KB):
// writing past that fails with "File too large" instead of raising SIGXFSZ.
CliRun run_cli_with_file_size_limit(const TempDir& dir, int blocks,
                                    const std::vector<std::string>& args) {
  std::vector<std::string> argv{"/bin/sh", "-c",
                                "ulimit -f " + std::to_string(blocks) +
                                    " && trap '' XFSZ && exec \"$0\" \"$@\""};
  for (const std::string& a : cli_argv(args)) argv.push_back(a);
  return finish(dir, spawn(dir, argv, "/dev/null", ""));
}

// The names in a directory, sorted.
std::set<std::string> names_in(const std::filesystem::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.insert(entry.path().filename().string());
  }
  return names;
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

TEST_F(Cli, LimitFlagsReachTheLibrary) {
  const std::string input = dir_.write("a.txt", kTitleOnlyReport);
  const CliRun run = run_cli(dir_, {"extract", "--max-paragraphs", "2", input});
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(joined(schema_errors(run.out)), "");
  const nlohmann::json error = nlohmann::json::parse(run.out)["error"];
  EXPECT_EQ(error["code"], "too_many_paragraphs");
  EXPECT_EQ(error["limit"], "max_paragraphs");
  EXPECT_NE(run.err.find("max_paragraphs"), std::string::npos) << run.err;
  // A size with a unit; the report is small enough for 1K.
  EXPECT_EQ(run_cli(dir_, {"extract", "--max-input-bytes", "1K", input}).status, 0);
  const CliRun tiny = run_cli(dir_, {"extract", "--max-input-bytes", "100", input});
  EXPECT_EQ(tiny.status, 1);
  EXPECT_EQ(nlohmann::json::parse(tiny.out)["error"]["code"], "input_too_large");
  // A value the limit cannot hold, or no number, is a usage error and nothing is read.
  const CliRun huge = run_cli(dir_, {"extract", "--max-pdf-pages", "99999999999", input});
  EXPECT_EQ(huge.status, 2);
  EXPECT_EQ(huge.out, "");
  EXPECT_NE(huge.err.find("--max-pdf-pages"), std::string::npos) << huge.err;
  EXPECT_EQ(run_cli(dir_, {"extract", "--max-table-cells", "many", input}).status, 2);
}

TEST_F(Cli, BatchTakesTheLimitFlags) {
  const std::string input = dir_.write("a.txt", kTitleOnlyReport);
  const std::string db = (dir_.path() / "d.sqlite").string();
  const std::string jsonl = (dir_.path() / "d.jsonl").string();
  const CliRun run =
      run_cli(dir_, {"batch", "-q", "--max-paragraphs", "2", input, "--db", db, "--jsonl", jsonl});
  EXPECT_EQ(run.status, 1) << run.err;
  EXPECT_EQ(::xxgknb::testing::dataset_problems(db), "");
  const nlohmann::json error = nlohmann::json::parse(read_file(jsonl))["error"];
  EXPECT_EQ(error["code"], "too_many_paragraphs");
  EXPECT_EQ(error["limit"], "max_paragraphs");
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

// "xxgknb extract a.txt -o a.txt" truncated its input before reading it. The output is
// compared with the inputs by device and inode, so no other name of the input gets through.
TEST_F(Cli, OutputThatIsAnInputIsRefused) {
  const std::string a = dir_.write("a.txt", kTitleOnlyReport);
  const std::filesystem::path hard_link = dir_.path() / "hard.txt";
  const std::filesystem::path symlink = dir_.path() / "link.txt";
  std::filesystem::create_hard_link(a, hard_link);
  std::filesystem::create_symlink(a, symlink);
  const std::string dotted = (dir_.path() / "." / "a.txt").string();
  for (const std::string& output : {a, dotted, hard_link.string(), symlink.string()}) {
    const CliRun run = run_cli(dir_, {"extract", a, "-o", output});
    EXPECT_EQ(run.status, 2) << output;
    EXPECT_EQ(run.err, "xxgknb: " + output + ": the output is the input " + a +
                           " (the same file); refusing to overwrite an input, nothing was read\n");
    EXPECT_EQ(read_file(a), kTitleOnlyReport) << output;
  }
  // Standard input is an input too: "xxgknb extract - -o a.txt < a.txt".
  const CliRun from_stdin = run_cli(dir_, {"extract", "-", "-o", a}, a);
  EXPECT_EQ(from_stdin.status, 2);
  EXPECT_NE(from_stdin.err.find("the output is the input -"), std::string::npos) << from_stdin.err;
  EXPECT_EQ(read_file(a), kTitleOnlyReport);
}

// Look-alike: a file of the same name elsewhere is not the input.
TEST_F(Cli, OutputWithTheInputsNameElsewhereIsWritten) {
  const std::string a = dir_.write("a.txt", kTitleOnlyReport);
  std::filesystem::create_directories(dir_.path() / "out");
  const std::string other = dir_.write("out/a.txt", "old");
  const CliRun run = run_cli(dir_, {"extract", a, "-o", other});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(joined(schema_errors(read_file(other))), "");
}

// In -o DIR an output named after one input can be another input: "out/a.txt.json" is the
// output of "a.txt". Refused before anything is read.
TEST_F(Cli, OutputInDirectoryThatIsAnInputIsRefused) {
  const std::string a = dir_.write("a.txt", kTitleOnlyReport);
  const std::filesystem::path out = dir_.path() / "out";
  std::filesystem::create_directories(out);
  const std::string earlier = dir_.write("out/a.txt.json", kTitleOnlyReport);
  const CliRun run = run_cli(dir_, {"extract", earlier, a, "-o", out.string()});
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("the output is the input " + earlier), std::string::npos) << run.err;
  EXPECT_EQ(read_file(earlier), kTitleOnlyReport);
  EXPECT_EQ(names_in(out), std::set<std::string>{"a.txt.json"});
}

// A write error used to leave a truncated or half-written file. Now the existing output keeps
// its content, no temporary file is left, and the path and the OS reason are named.
TEST_F(Cli, FailedWriteKeepsTheOldOutputAndLeavesNoTemporaryFile) {
  const std::string a = dir_.write("a.txt", kTitleOnlyReport);
  const std::filesystem::path out = dir_.path() / "out";
  std::filesystem::create_directories(out);
  const std::string file = dir_.write("out/all.jsonl", "old\n");
  const CliRun stream = run_cli_with_file_size_limit(dir_, 2, {"extract", a, "-o", file});
  EXPECT_EQ(stream.status, 3);
  EXPECT_EQ(stream.err, "xxgknb: " + file + ": cannot write: File too large\n");
  EXPECT_EQ(read_file(file), "old\n");
  EXPECT_EQ(names_in(out), std::set<std::string>{"all.jsonl"});

  const std::string in_dir = dir_.write("out/a.txt.json", "old\n");
  const CliRun per_file = run_cli_with_file_size_limit(dir_, 2, {"extract", a, "-o", out.string()});
  EXPECT_EQ(per_file.status, 3);
  EXPECT_EQ(per_file.err, "xxgknb: " + in_dir + ": cannot write: File too large\n");
  EXPECT_EQ(read_file(in_dir), "old\n");
  EXPECT_EQ(names_in(out), (std::set<std::string>{"a.txt.json", "all.jsonl"}));
}

TEST_F(Cli, FullDeviceOutputNamesPathAndReason) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  const std::string a = dir_.write("a.txt", kTitleOnlyReport);
  const CliRun run = run_cli(dir_, {"extract", a, "-o", "/dev/full"});
  EXPECT_EQ(run.status, 3);
  EXPECT_EQ(run.err, "xxgknb: /dev/full: cannot write: No space left on device\n");
}

// The output is renamed into place whole: a symbolic link keeps naming the file it named,
// which gets the new content, and a replaced file keeps its permissions.
TEST_F(Cli, ReplacedOutputKeepsItsLinkAndMode) {
  const std::string a = dir_.write("a.txt", kTitleOnlyReport);
  const std::string target = dir_.write("target.json", "old\n");
  std::filesystem::permissions(target, std::filesystem::perms::owner_read |
                                           std::filesystem::perms::owner_write |
                                           std::filesystem::perms::group_read);
  const std::filesystem::path link = dir_.path() / "link.json";
  std::filesystem::create_symlink(target, link);
  const CliRun run = run_cli(dir_, {"extract", a, "-o", link.string()});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(std::filesystem::is_symlink(link));
  EXPECT_EQ(joined(schema_errors(read_file(target))), "");
  EXPECT_EQ(std::filesystem::status(target).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                std::filesystem::perms::group_read);
}

// A run killed while reading (here, waiting on standard input) leaves the output as it was;
// a terminated one also removes its temporary file.
TEST_F(Cli, KilledRunLeavesTheOldOutput) {
  const std::string a = dir_.write("a.txt", kTitleOnlyReport);
  const std::filesystem::path fifo = dir_.path() / "stdin.fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const std::filesystem::path out = dir_.path() / "out";
  std::filesystem::create_directories(out);
  const std::string file = dir_.write("out/all.jsonl", "old\n");
  for (const int signal_number : {SIGKILL, SIGTERM}) {
    // Open for reading and writing: neither end blocks, and standard input never ends.
    const int writer = ::open(fifo.c_str(), O_RDWR);
    ASSERT_GE(writer, 0);
    const pid_t pid = spawn(dir_, cli_argv({"extract", a, "-", "-o", file}), fifo.string(), "");
    // The temporary file appears as soon as the output is opened, before any input is read.
    for (int i = 0; i < 500 && names_in(out).size() < 2; ++i) ::usleep(10000);
    ::usleep(100000);  // time to read a.txt and block on standard input
    EXPECT_EQ(names_in(out).size(), 2u) << "no temporary file beside the output";
    ::kill(pid, signal_number);
    int wait_status = 0;
    ASSERT_EQ(waitpid(pid, &wait_status, 0), pid);
    EXPECT_TRUE(WIFSIGNALED(wait_status) && WTERMSIG(wait_status) == signal_number);
    ::close(writer);
    EXPECT_EQ(read_file(file), "old\n");
    if (signal_number == SIGTERM) {
      EXPECT_EQ(names_in(out), std::set<std::string>{"all.jsonl"});
    }
    for (const std::string& name : names_in(out)) {
      if (name != "all.jsonl") std::filesystem::remove(out / name);
    }
  }
}

// "-o DIR" with "." or ".." wrote "DIR/..json" and "DIR/.json", hidden files. An input
// without a file name of its own is refused; a hidden one gets a visible output name.
TEST_F(Cli, InputWithoutFileNameIntoDirectoryIsRefused) {
  const std::string a = dir_.write("a.txt", kTitleOnlyReport);
  const std::filesystem::path out = dir_.path() / "out";
  std::filesystem::create_directories(out);
  const std::vector<std::string> without_file_name{".", "..", "/", dir_.path().string() + "/",
                                                   a + "/.."};
  for (const std::string& input : without_file_name) {
    const CliRun run = run_cli(dir_, {"extract", a, input, "-o", out.string()});
    EXPECT_EQ(run.status, 2) << input;
    EXPECT_EQ(run.err.rfind("xxgknb: " + input + ": -o " + out.string() +
                                " names each output after its input's file name",
                            0),
              0u)
        << run.err;
    EXPECT_TRUE(names_in(out).empty()) << input;
  }
}

TEST_F(Cli, HiddenInputGetsVisibleOutputName) {
  const std::string hidden = dir_.write(".report.txt", kTitleOnlyReport);
  const std::string dots = dir_.write("...", kTitleOnlyReport);
  const std::filesystem::path out = dir_.path() / "out";
  std::filesystem::create_directories(out);
  const CliRun run = run_cli(dir_, {"extract", hidden, dots, "-o", out.string()});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(names_in(out), (std::set<std::string>{"_.report.txt.json", "_....json"}));
  EXPECT_EQ(nlohmann::json::parse(read_file(out / "_.report.txt.json"))["source"]["path"], hidden);
}

// Two inputs of one basename never share an output file, not even with an input whose own
// name is the numbered one ("a.txt.2").
TEST_F(Cli, SameBasenameIntoDirectoryGetsDistinctNames) {
  std::filesystem::create_directories(dir_.path() / "x");
  std::filesystem::create_directories(dir_.path() / "y");
  const std::string x = dir_.write("x/a.txt", kTitleOnlyReport);
  const std::string numbered = dir_.write("a.txt.2", kTitleOnlyReport);
  const std::string y = dir_.write("y/a.txt", kTitleOnlyReport);
  const std::filesystem::path out = dir_.path() / "out";
  std::filesystem::create_directories(out);
  const CliRun run = run_cli(dir_, {"extract", x, numbered, y, "-o", out.string()});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(names_in(out), (std::set<std::string>{"a.txt.json", "a.txt.2.json", "a.txt.3.json"}));
  EXPECT_EQ(nlohmann::json::parse(read_file(out / "a.txt.2.json"))["source"]["path"], numbered);
  EXPECT_EQ(nlohmann::json::parse(read_file(out / "a.txt.3.json"))["source"]["path"], y);
}

// "-o newdir/" failed with "Is a directory". A path ending in '/' names a directory, created
// when missing; its parent must exist.
TEST_F(Cli, OutputPathEndingInSlashIsCreatedAsDirectory) {
  const std::string a = dir_.write("a.txt", kTitleOnlyReport);
  const std::string newdir = (dir_.path() / "newdir").string() + "/";
  const CliRun run = run_cli(dir_, {"extract", "--pretty", a, a, "-o", newdir});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(names_in(newdir), (std::set<std::string>{"a.txt.json", "a.txt.2.json"}));

  const std::string orphan = (dir_.path() / "missing" / "newdir").string() + "/";
  const CliRun failed = run_cli(dir_, {"extract", a, "-o", orphan});
  EXPECT_EQ(failed.status, 3);
  EXPECT_EQ(failed.err, "xxgknb: " + orphan +
                            ": cannot create the output directory: No such file or directory\n");
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

TEST_F(Cli, EmptyOutputPathIsUsageError) {
  const std::string a = dir_.write("a.txt", kTitleOnlyReport);
  const CliRun run = run_cli(dir_, {"extract", a, "-o", ""});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "xxgknb: --output: the output path is empty\n");
}

}  // namespace
}  // namespace xxgknb
