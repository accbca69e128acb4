// Dataset tests: the batch engine (src/dataset/batch.h) on inputs written to a temp folder —
// what the dataset holds, skipping and replacing, errors as rows, the JSON Lines file and its
// repair, the walk, and streaming mode's order.
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "dataset/batch.h"
#include "dataset/schema.h"
#include "dataset/walk.h"
#include "support/dataset_check.h"
#include "support/temp_dir.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb::dataset {
namespace {

using ::xxgknb::testing::dataset_documents;
using ::xxgknb::testing::dataset_problems;
using ::xxgknb::testing::read_file;
using ::xxgknb::testing::TempDir;

std::string corpus_input(const std::string& name) {
  return read_file(std::string(XXGKNB_SOURCE_DIR "/corpus/") + name);
}

// The object `xxgknb extract FILE` prints.
std::string extract_json(const std::string& path) {
  auto result = extract_file(path);
  return result ? to_json(result.value()) : to_json(result.error());
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// One value of one query, as text ("" for none).
std::string query(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string value;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr) {
      value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return value;
}

class Batch : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_.path() / "in" / "sub");
    docx_ = write("in/a.docx", corpus_input("v2021-docx/filled/input.docx"));
    text_ = write("in/sub/b.txt", corpus_input("v2019-text/pipe/input.txt"));
    review_ = write("in/sub/c.txt", corpus_input("messy/missing_s5/input.txt"));
    empty_ = write("in/d.txt", "");
    copy_ = write("in/e-copy.docx", corpus_input("v2021-docx/filled/input.docx"));
  }

  std::string write(const std::string& name, const std::string& bytes) {
    return dir_.write(name, bytes);
  }

  // One worker unless asked: with several, which of two inputs with the same bytes is stored
  // (a.docx or e-copy.docx) depends on which worker hashes it first.
  BatchResult run(bool force = false, const std::string& jsonl = "", unsigned jobs = 1) {
    BatchOptions options;
    options.paths = {(dir_.path() / "in").string()};
    options.db_path = db_;
    options.jsonl_path = jsonl;
    options.jobs = jobs;
    options.force = force;
    return run_batch(options, nullptr);
  }

  TempDir dir_;
  std::string db_ = (dir_.path() / "data.sqlite").string();
  std::string docx_, text_, review_, empty_, copy_;
};

TEST_F(Batch, EachInputOnceWithItsOutcome) {
  const BatchResult result = run(false, "", 2);
  ASSERT_EQ(result.problem, "");
  const Summary& s = result.summary;
  EXPECT_EQ(s.files, 5u);
  EXPECT_EQ(s.ok, 2u);          // a.docx, sub/b.txt
  EXPECT_EQ(s.review, 1u);      // sub/c.txt: no section 五
  EXPECT_EQ(s.errors, 1u);      // d.txt
  EXPECT_EQ(s.duplicates, 1u);  // e-copy.docx: the bytes of a.docx
  EXPECT_EQ(s.errors_by_code.at("empty_input"), 1u);
  EXPECT_EQ(s.by_format.at("docx"), 1u);
  EXPECT_EQ(s.by_format.at("text"), 2u);
  EXPECT_EQ(s.by_template.at("v2021"), 2u);
  EXPECT_EQ(s.by_template.at("v2019"), 1u);
  EXPECT_EQ(s.slowest.size(), 4u);
  EXPECT_EQ(dataset_problems(db_), "");
  EXPECT_EQ(query(db_, "SELECT count(*) FROM documents"), "4");
  EXPECT_EQ(query(db_, "SELECT status FROM documents WHERE path = '" + review_ + "'"), "review");
  EXPECT_EQ(query(db_, "SELECT error_code FROM documents WHERE path = '" + empty_ + "'"),
            "empty_input");
  EXPECT_EQ(query(db_, "SELECT max(version) FROM schema_version"), "3");
}

TEST_F(Batch, ReportJsonIsWhatExtractPrints) {
  ASSERT_EQ(run().problem, "");
  for (const std::string& path : {docx_, text_, review_, empty_}) {
    EXPECT_EQ(query(db_, "SELECT report_json FROM documents WHERE path = '" + path + "'"),
              extract_json(path))
        << path;
  }
}

// The numbers read off v2021-docx/filled/input.docx by hand: 规章 本年制发 2, 行政事业性收费
// 0.35 万元, 表三 自然人 新收 94.
TEST_F(Batch, FieldsRowsHoldTheCells) {
  ASSERT_EQ(run().problem, "");
  const std::string doc = "(SELECT id FROM documents WHERE path = '" + docx_ + "')";
  const auto value = [&](const std::string& key) {
    return query(db_, "SELECT value FROM fields WHERE document_id = " + doc + " AND key = '" + key + "'");
  };
  EXPECT_EQ(value("t2.regulations.issued"), "2.0");
  EXPECT_EQ(value("t2.admin_fees.amount_wan_yuan"), "0.35");
  EXPECT_EQ(value("t3.new_received.natural_person"), "94.0");
  EXPECT_EQ(query(db_, "SELECT label FROM fields WHERE document_id = " + doc +
                           " AND key = 't2.regulations.issued'"),
            "规章");
  EXPECT_EQ(query(db_, "SELECT agency || ' ' || year || ' ' || template FROM documents WHERE id = " + doc),
            "梅林镇人民政府 2021 v2021");
}

TEST_F(Batch, RerunSkipsEverything) {
  ASSERT_EQ(run().problem, "");
  const std::string first_ids = query(db_, "SELECT group_concat(id) FROM documents");
  const BatchResult again = run();
  ASSERT_EQ(again.problem, "");
  EXPECT_EQ(again.summary.files, 5u);
  // The empty file's bytes were read: it is skipped like any other content.
  EXPECT_EQ(again.summary.skipped, 5u);
  EXPECT_EQ(query(db_, "SELECT group_concat(id) FROM documents"), first_ids);
}

TEST_F(Batch, ForceExtractsAgainAndReplaces) {
  ASSERT_EQ(run().problem, "");
  const BatchResult again = run(/*force=*/true);
  ASSERT_EQ(again.problem, "");
  EXPECT_EQ(again.summary.skipped, 0u);
  EXPECT_EQ(again.summary.ok, 2u);
  EXPECT_EQ(query(db_, "SELECT count(*) FROM documents"), "4");
  EXPECT_EQ(dataset_problems(db_), "");
}

TEST_F(Batch, UnreadableInputIsAnErrorRowTriedAgainNextRun) {
  const std::string gone = (dir_.path() / "in" / "gone.txt").string();
  ASSERT_EQ(::symlink("/nonexistent/report.txt", gone.c_str()), 0);
  ASSERT_EQ(run().problem, "");
  EXPECT_EQ(query(db_, "SELECT status || ' ' || error_code || ' ' || sha256 FROM documents WHERE path = '" +
                           gone + "'"),
            "error io_error unread:" + gone);
  // The link now names a file: the next run reads it and its unread row goes.
  std::filesystem::remove(gone);
  write("in/gone.txt", corpus_input("v2021-text/tab/input.txt"));
  const BatchResult again = run();
  EXPECT_EQ(again.summary.ok, 1u);
  EXPECT_EQ(query(db_, "SELECT status FROM documents WHERE path = '" + gone + "'"), "ok");
  EXPECT_EQ(query(db_, "SELECT count(*) FROM documents WHERE sha256 LIKE 'unread:%'"), "0");
}

TEST_F(Batch, PermissionDeniedIsAnErrorRow) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads files whatever their mode";
  ASSERT_EQ(::chmod(text_.c_str(), 0), 0);
  ASSERT_EQ(run().problem, "");
  EXPECT_EQ(query(db_, "SELECT error_code FROM documents WHERE path = '" + text_ + "'"), "io_error");
  EXPECT_NE(query(db_, "SELECT error_message FROM documents WHERE path = '" + text_ + "'").find("Permission denied"),
            std::string::npos);
}

TEST_F(Batch, NewerSchemaVersionIsRefused) {
  ASSERT_EQ(run().problem, "");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "INSERT INTO schema_version VALUES (99)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  const BatchResult again = run();
  EXPECT_NE(again.problem.find("schema version 99"), std::string::npos) << again.problem;
  EXPECT_EQ(again.summary.files, 0u);
}

// Also when an unreadable input is tried again, or a document extracted again (--force).
TEST_F(Batch, JsonlHoldsEachDocumentOnce) {
  const std::string gone = (dir_.path() / "in" / "gone.txt").string();
  ASSERT_EQ(::symlink("/nonexistent/report.txt", gone.c_str()), 0);
  const std::string jsonl = (dir_.path() / "out.jsonl").string();
  ASSERT_EQ(run(false, jsonl).problem, "");
  const std::vector<std::string> lines = lines_of(read_file(jsonl));
  ASSERT_EQ(lines.size(), 5u);
  std::set<std::string> expected;
  for (const std::string& path : {docx_, text_, review_, empty_, gone}) {
    expected.insert(extract_json(path));
  }
  EXPECT_EQ(std::set<std::string>(lines.begin(), lines.end()), expected);
  ASSERT_EQ(run(false, jsonl).problem, "");
  ASSERT_EQ(run(true, jsonl).problem, "");
  EXPECT_EQ(lines_of(read_file(jsonl)), lines);
}

// A file deleted is written again from the dataset.
TEST_F(Batch, JsonlRemovedIsRebuiltFromTheDataset) {
  const std::string jsonl = (dir_.path() / "out.jsonl").string();
  ASSERT_EQ(run(false, jsonl).problem, "");
  const std::vector<std::string> lines = lines_of(read_file(jsonl));
  std::filesystem::remove(jsonl);
  ASSERT_EQ(run(false, jsonl).problem, "");
  EXPECT_EQ(lines_of(read_file(jsonl)), lines);
}

// A crash while a line was written leaves "…" without its newline; a crash between a commit
// and its line leaves the line out. Opening the file again mends both.
TEST_F(Batch, JsonlCutShortIsRepaired) {
  const std::string jsonl = (dir_.path() / "out.jsonl").string();
  ASSERT_EQ(run(false, jsonl).problem, "");
  const std::vector<std::string> lines = lines_of(read_file(jsonl));
  ASSERT_EQ(lines.size(), 4u);
  {
    std::ofstream out(jsonl, std::ios::binary | std::ios::trunc);
    out << lines[0] << "\n" << lines[1] << "\n" << lines[2].substr(0, lines[2].size() / 2);
  }
  ASSERT_EQ(run(false, jsonl).problem, "");
  const std::vector<std::string> repaired = lines_of(read_file(jsonl));
  EXPECT_EQ(std::set<std::string>(repaired.begin(), repaired.end()),
            std::set<std::string>(lines.begin(), lines.end()));
  EXPECT_EQ(repaired.size(), 4u);
  EXPECT_EQ(read_file(jsonl).back(), '\n');
}

TEST(BatchWalk, FoldersInNameOrderDepthFirstAndListsAfter) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "r" / "b");
  dir.write("r/c.txt", "x");
  dir.write("r/a.txt", "x");
  dir.write("r/b/z.txt", "x");
  ASSERT_EQ(::mkfifo((dir.path() / "r" / "pipe").c_str(), 0600), 0);
  ASSERT_EQ(::symlink((dir.path() / "r" / "b").c_str(), (dir.path() / "r" / "link").c_str()), 0);
  const std::string list_path = dir.write("list", std::string("one\0\0two\0", 9));
  std::FILE* list = std::fopen(list_path.c_str(), "rb");
  ASSERT_NE(list, nullptr);
  std::vector<std::string> seen;
  const std::string root = (dir.path() / "r").string();
  walk_inputs({root, "given.txt"}, list, '\0', [&](WalkItem item) {
    seen.push_back(item.path.rfind(root, 0) == 0 ? item.path.substr(root.size()) : item.path);
    return true;
  });
  std::fclose(list);
  // The pipe and the link to a folder are not inputs.
  EXPECT_EQ(seen, (std::vector<std::string>{"/a.txt", "/b/z.txt", "/c.txt", "given.txt", "one", "two"}));
  const std::atomic<bool> stop{false};
  EXPECT_EQ(count_inputs({root, "given.txt"}, stop), 4u);
}

TEST(BatchStream, OneLinePerInputInInputOrder) {
  TempDir dir;
  const std::string a = dir.write("a.txt", corpus_input("v2021-text/tika/input.txt"));
  const std::string b = dir.write("b.docx", corpus_input("v2019-docx/filled/input.docx"));
  const std::string missing = (dir.path() / "missing.txt").string();
  std::vector<std::string> paths;
  for (int i = 0; i < 6; ++i) {
    for (const std::string& p : {a, b, missing}) paths.push_back(p);
  }
  std::string list;
  for (const std::string& p : paths) list += p + "\n";
  const std::string in_path = dir.write("paths", list);
  const std::string out_path = (dir.path() / "out.jsonl").string();
  StreamOptions options;
  options.in = std::fopen(in_path.c_str(), "rb");
  options.out = std::fopen(out_path.c_str(), "wb");
  options.jobs = 3;
  ASSERT_NE(options.in, nullptr);
  ASSERT_NE(options.out, nullptr);
  const BatchResult result = run_stream(options);
  std::fclose(options.in);
  std::fclose(options.out);
  EXPECT_EQ(result.problem, "");
  EXPECT_EQ(result.summary.files, paths.size());
  EXPECT_EQ(result.summary.errors, 6u);
  // Duplicates are not skipped: each line answers its input line.
  const std::vector<std::string> lines = lines_of(read_file(out_path));
  ASSERT_EQ(lines.size(), paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) EXPECT_EQ(lines[i], extract_json(paths[i])) << i;
}

}  // namespace
}  // namespace xxgknb::dataset
