// Dataset export tests: a dataset built from corpus/ inputs (the library's real output,
// written by support/dataset_rows.cpp), exported by the `xxgknb export` binary in every
// format and shape, and read back with Python's csv module, pandas and zipfile
// (dataset_export_test.py), cell by cell against each case's truth.json.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dataset/export.h"
#include "support/dataset_rows.h"
#include "support/temp_dir.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

namespace fs = std::filesystem;
using ::xxgknb::testing::read_file;
using ::xxgknb::testing::TempDir;
using ::xxgknb::testing::TestDataset;

constexpr const char* kPython = "/usr/bin/python3";
const fs::path kCorpus = fs::path(XXGKNB_SOURCE_DIR) / "corpus";
const fs::path kScript = fs::path(XXGKNB_SOURCE_DIR) / "tests/unit/dataset_export_test.py";

// Cases with a truth of their own: both templates, blank cells, a failing sum (flagged
// fields), and an input that cannot be read (an error row).
const char* const kCases[] = {"v2021-docx/filled/input.docx", "v2019-docx/filled/input.docx",
                              "messy/blank_legal_person/input.docx",
                              "messy/wrong_sums/input.docx"};

std::string shell_quoted(const std::string& s) { return "'" + s + "'"; }

class DatasetExport : public ::testing::Test {
 protected:
  void SetUp() override {
    db_path_ = (dir_.path() / "dataset.sqlite").string();
    dataset_ = std::make_unique<TestDataset>(db_path_);
    ASSERT_TRUE(dataset_->ok()) << dataset_->error();
    for (const char* name : kCases) {
      const fs::path input = kCorpus / name;
      auto result = extract_file(input.string());
      ASSERT_TRUE(result) << input;
      const std::int64_t id = dataset_->add(result.value());
      ASSERT_GT(id, 0) << dataset_->error();
      truth_[std::to_string(id)] = (input.parent_path() / "truth.json").string();
    }
    Error unreadable{"empty_input", "the input is empty", {}};
    unreadable.source.path = "empty.txt";
    ASSERT_GT(dataset_->add(unreadable), 0) << dataset_->error();
    documents_ = static_cast<int>(std::size(kCases)) + 1;
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(dataset_->db(), "SELECT count(*) FROM fields", -1, &stmt, nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    fields_ = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
  }

  // Runs `xxgknb export` with `args`; its exit status.
  int run_export(const std::string& args) {
    const std::string command = std::string(XXGKNB_CLI) + " export --db " + shell_quoted(db_path_) +
                                " " + args + " 2>" + shell_quoted((dir_.path() / "err").string());
    return WEXITSTATUS(std::system(command.c_str()));
  }

  // Loads `file` back with dataset_export_test.py; "" when every comparison holds.
  std::string load_back(const std::string& format, const std::string& shape,
                        const std::string& file, bool bom = false) {
    nlohmann::json cases = {{"documents", documents_}, {"fields", fields_}, {"truth", truth_},
                            {"bom", bom}};
    const std::string cases_path = dir_.write("cases.json", cases.dump());
    const std::string out = (dir_.path() / "python.out").string();
    const std::string command = std::string(kPython) + " " + shell_quoted(kScript.string()) + " " +
                                format + " " + shape + " " + shell_quoted(file) + " " +
                                shell_quoted(cases_path) + " >" + shell_quoted(out) + " 2>&1";
    const int status = WEXITSTATUS(std::system(command.c_str()));
    return status == 0 ? std::string() : read_file(out);
  }

  void skip_without(const char* module) {
    if (!fs::exists(kPython)) GTEST_SKIP() << kPython << " is not installed";
    const std::string probe = std::string(kPython) + " -c 'import " + module + "' 2>/dev/null";
    if (std::system(probe.c_str()) != 0) GTEST_SKIP() << "python3 has no " << module;
  }

  TempDir dir_;
  std::string db_path_;
  std::unique_ptr<TestDataset> dataset_;
  nlohmann::json truth_ = nlohmann::json::object();
  int documents_ = 0;
  int fields_ = 0;
};

TEST_F(DatasetExport, WideCsvLoadsInCsvModuleAndPandas) {
  skip_without("pandas");
  const std::string file = (dir_.path() / "wide.csv").string();
  ASSERT_EQ(run_export("--format csv --shape wide -o " + shell_quoted(file)), 0)
      << read_file(dir_.path() / "err");
  EXPECT_EQ(load_back("csv", "wide", file), "");
}

TEST_F(DatasetExport, LongCsvLoadsInCsvModuleAndPandas) {
  skip_without("pandas");
  const std::string file = (dir_.path() / "long.csv").string();
  ASSERT_EQ(run_export("--shape long -o " + shell_quoted(file)), 0) << read_file(dir_.path() / "err");
  EXPECT_EQ(load_back("csv", "long", file), "");
}

TEST_F(DatasetExport, CsvToStandardOutputWithBom) {
  skip_without("csv");
  const std::string file = (dir_.path() / "bom.csv").string();
  ASSERT_EQ(run_export("--bom >" + shell_quoted(file)), 0) << read_file(dir_.path() / "err");
  EXPECT_EQ(read_file(file).substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(load_back("csv", "wide", file, true), "");
}

TEST_F(DatasetExport, JsonLinesWideAndLong) {
  skip_without("json");
  for (const std::string shape : {"wide", "long"}) {
    const std::string file = (dir_.path() / (shape + ".jsonl")).string();
    ASSERT_EQ(run_export("--format jsonl --shape " + shape + " -o " + shell_quoted(file)), 0)
        << read_file(dir_.path() / "err");
    EXPECT_EQ(load_back("jsonl", shape, file), "") << shape;
  }
}

TEST_F(DatasetExport, XlsxWideAndLongOpenBack) {
  skip_without("zipfile");
  for (const std::string shape : {"wide", "long"}) {
    const std::string file = (dir_.path() / (shape + ".xlsx")).string();
    ASSERT_EQ(run_export("--format xlsx --shape " + shape + " -o " + shell_quoted(file)), 0)
        << read_file(dir_.path() / "err");
    EXPECT_EQ(load_back("xlsx", shape, file), "") << shape;
  }
}

// Without python: the library's CSV, read directly — an empty cell is nothing between two
// commas, a zero is "0".
TEST_F(DatasetExport, EmptyStaysEmptyAndZeroStaysZero) {
  const std::string file = (dir_.path() / "direct.csv").string();
  std::FILE* out = std::fopen(file.c_str(), "wb");
  ASSERT_NE(out, nullptr);
  auto sink = dataset::csv_sink(out, false);
  const dataset::ExportResult result =
      dataset::export_dataset(dataset_->db(), dataset::ExportShape::Long, *sink);
  std::fclose(out);
  ASSERT_EQ(result.error, "");
  const std::string csv = read_file(file);
  // messy/blank_legal_person (document 3): "商业企业" of 一、本年新收 is blank in the document,
  // 规章 本年制发件数 is 0 (its truth.json).
  EXPECT_NE(csv.find("\"3\",\"" + (kCorpus / "messy/blank_legal_person/input.docx").string() +
                     "\","),
            std::string::npos);
  EXPECT_NE(csv.find(",\"t3.new_received.commercial\",,"), std::string::npos);
  EXPECT_NE(csv.find(",\"t2.regulations.issued\",\"0\","), std::string::npos);
}

TEST(CsvFormulaGuard, WhatASpreadsheetWouldRunIsGuarded) {
  for (const char* text : {"=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1)", "+cmd|' /C calc'!A0",
                           "-2+3", "-A1", "\t=1", "\rx", "+", "=1"}) {
    EXPECT_TRUE(dataset::formula_guarded(text)) << text;
  }
  for (const char* text : {"", "-3", "+1.5", "-", "--", "- -", "—", "0", "青石县", "a=b", "12345"}) {
    EXPECT_FALSE(dataset::formula_guarded(text)) << text;
  }
}

TEST_F(DatasetExport, TextFromADocumentNeverRunsAsAFormula) {
  // A report saved under a name a spreadsheet would run, its path a text column of the CSV.
  const std::string report = read_file(kCorpus / "v2021-text/tab/input.txt");
  const std::string name = "=HYPERLINK(\"http://example.invalid\",\"x\").txt";
  auto result = extract_bytes(report, name);
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_GT(dataset_->add(result.value()), 0) << dataset_->error();
  const std::string file = (dir_.path() / "guarded.csv").string();
  std::FILE* out = std::fopen(file.c_str(), "wb");
  ASSERT_NE(out, nullptr);
  auto sink = dataset::csv_sink(out, false);
  const dataset::ExportResult exported =
      dataset::export_dataset(dataset_->db(), dataset::ExportShape::Wide, *sink);
  std::fclose(out);
  ASSERT_EQ(exported.error, "");
  const std::string csv = read_file(file);
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"x\"\").txt\""),
            std::string::npos);
  EXPECT_EQ(csv.find(",\"=HYPERLINK"), std::string::npos);
}

TEST_F(DatasetExport, RefusesWhatIsNoDataset) {
  const std::string not_db = dir_.write("plain.txt", "hello");
  const std::string command = std::string(XXGKNB_CLI) + " export --db " + shell_quoted(not_db) +
                              " 2>" + shell_quoted((dir_.path() / "err").string());
  EXPECT_EQ(WEXITSTATUS(std::system(command.c_str())), 1);
  EXPECT_NE(read_file(dir_.path() / "err").find("plain.txt"), std::string::npos);
  EXPECT_EQ(run_export("--format pdf"), 2);
  EXPECT_EQ(run_export("--format jsonl --bom"), 2);
}

}  // namespace
}  // namespace xxgknb
