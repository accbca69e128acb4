// Stage tests for legacy Word input (.doc, .wps): the compound file told by its streams, the
// converter run as a child process within the budget, and its text read like flattened text.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingest/legacy_word.h"
#include "util/child_process.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

namespace fs = std::filesystem;

const std::string kSource = XXGKNB_SOURCE_DIR;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string utf16le(std::string_view ascii) {
  std::string out;
  for (char c : ascii) {
    out.push_back(c);
    out.push_back('\0');
  }
  return out;
}

// An OLE2 header followed by a directory-like run holding `stream` and filler bytes.
std::string compound_file(std::string_view stream) {
  std::string bytes("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  bytes.append(504, '\0');
  bytes += utf16le(stream);
  for (int i = 0; i < 2000; ++i) bytes.push_back(static_cast<char>(i * 37));
  return bytes;
}

bool have_converter() { return find_program("catdoc") || find_program("antiword"); }

// PATH replaced for one test: a folder of the test's own (fake converters), restored after.
class ScopedPath {
 public:
  explicit ScopedPath(const std::string& value) {
    if (const char* old = std::getenv("PATH")) old_ = old;
    ::setenv("PATH", value.c_str(), 1);
  }
  ScopedPath(const ScopedPath&) = delete;
  ScopedPath& operator=(const ScopedPath&) = delete;
  ~ScopedPath() {
    if (old_) {
      ::setenv("PATH", old_->c_str(), 1);
    } else {
      ::unsetenv("PATH");
    }
  }

 private:
  std::optional<std::string> old_;
};

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("xxgknb-legacy-" + name + "-" +
                                                    std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write_script(const fs::path& path, const std::string& body) {
  std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
  ::chmod(path.c_str(), 0755);
}

TEST(LegacyWord, TellsCompoundFilesByTheirStreams) {
  EXPECT_EQ(compound_kind(compound_file("WordDocument")), CompoundKind::WordDocument);
  EXPECT_EQ(compound_kind(compound_file("EncryptedPackage")), CompoundKind::EncryptedPackage);
  EXPECT_EQ(compound_kind(compound_file("Workbook")), CompoundKind::Workbook);
  EXPECT_EQ(compound_kind(compound_file("PowerPoint Document")), CompoundKind::Presentation);
  EXPECT_EQ(compound_kind(compound_file("Contents")), CompoundKind::Other);
}

TEST(LegacyWord, RefusesWhatIsNoWordDocumentWithoutRunningAConverter) {
  const ScopedPath no_programs("/nonexistent");
  auto encrypted = extract_bytes(compound_file("EncryptedPackage"), "x.doc");
  ASSERT_FALSE(encrypted.ok());
  EXPECT_EQ(encrypted.error().code, "zip_encrypted");
  auto workbook = extract_bytes(compound_file("Workbook"), "x.xls");
  ASSERT_FALSE(workbook.ok());
  EXPECT_EQ(workbook.error().code, "not_a_report_file");
  EXPECT_NE(workbook.error().message.find(".xls"), std::string::npos);
}

TEST(LegacyWord, SaysWhatToInstallWhenNoConverterIsOnPath) {
  const fs::path empty = fresh_dir("empty");
  const ScopedPath path(empty.string());
  auto result = extract_bytes(compound_file("WordDocument"), "x.doc");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "converter_missing");
  EXPECT_NE(result.error().message.find("catdoc"), std::string::npos);
  EXPECT_NE(result.error().message.find("antiword"), std::string::npos);
  fs::remove_all(empty);
}

TEST(LegacyWord, DamagedFileIsConverterFailedNamingBothConverters) {
  if (!find_program("catdoc") || !find_program("antiword")) {
    GTEST_SKIP() << "catdoc and antiword are not both on PATH";
  }
  auto result = extract_bytes(compound_file("WordDocument"), "x.doc");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "converter_failed");
  EXPECT_NE(result.error().message.find("catdoc"), std::string::npos);
  EXPECT_NE(result.error().message.find("antiword"), std::string::npos);
}

TEST(LegacyWord, AConverterThatHangsIsStoppedAtTheBudget) {
  const fs::path dir = fresh_dir("hang");
  write_script(dir / "catdoc", "exec sleep 30");
  const ScopedPath path(dir.string() + ":/usr/bin:/bin");
  Options options;
  options.limits.max_milliseconds = 300;
  const auto start = std::chrono::steady_clock::now();
  auto result = extract_bytes(compound_file("WordDocument"), "x.doc", options);
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "time_limit");
  EXPECT_NE(result.error().message.find("catdoc"), std::string::npos);
  EXPECT_LT(took, std::chrono::seconds(10));  // a bound against a hang, not a benchmark
  fs::remove_all(dir);
}

TEST(LegacyWord, AConverterThatPrintsTooMuchIsStopped) {
  const fs::path dir = fresh_dir("flood");
  write_script(dir / "catdoc", "exec yes 一、总体情况");
  const ScopedPath path(dir.string() + ":/usr/bin:/bin");
  Options options;
  options.limits.max_input_bytes = 1 << 20;
  auto result = extract_bytes(compound_file("WordDocument"), "x.doc", options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "input_too_large");
  EXPECT_EQ(result.error().limit, "max_input_bytes");
  EXPECT_NE(result.error().message.find("max_input_bytes"), std::string::npos);
  fs::remove_all(dir);
}

// The project's own filled v2021 report saved as .doc: every value read is the truth, the
// cells the converter loses are missing (never filled in), and the report goes to review.
TEST(LegacyWord, ReadsTheFilledReportWithNoWrongValue) {
  if (!have_converter()) GTEST_SKIP() << "neither catdoc nor antiword is on PATH";
  const std::string bytes = read_file(kSource + "/tests/data/legacy/filled-v2021.doc");
  ASSERT_FALSE(bytes.empty());
  const auto truth =
      nlohmann::json::parse(read_file(kSource + "/corpus/v2021-docx/filled/truth.json"));
  auto result = extract_bytes(bytes, "filled-v2021.doc");
  ASSERT_TRUE(result.ok()) << result.error().code << ": " << result.error().message;
  const Report& report = result.value();
  EXPECT_EQ(report.source.format, "doc");
  EXPECT_EQ(report.meta.agency, truth["meta"]["agency"].get<std::string>());
  EXPECT_EQ(report.meta.year, truth["meta"]["year"].get<int>());
  EXPECT_EQ(report.meta.template_version, "v2021");
  bool converted = false;
  for (const auto& flag : report.flags) converted = converted || flag.code == "converted_text";
  EXPECT_TRUE(converted);

  int right = 0;
  for (const auto& [key, expected] : truth["fields"].items()) {
    const Field* field = report.field(key);
    if (field == nullptr || field->kind == Kind::Missing) continue;
    ASSERT_EQ(kind_name(field->kind), expected["kind"].get<std::string>()) << key << " raw " << field->raw.value_or("(none)");
    if (expected["value"].is_null()) {
      EXPECT_FALSE(field->value.has_value()) << key;
    } else {
      ASSERT_TRUE(field->value.has_value()) << key;
      EXPECT_DOUBLE_EQ(field->value->to_double(), expected["value"].get<double>()) << key;
    }
    ++right;
  }
  // catdoc reads 151 of the 200 cells of this LibreOffice-written file; antiword far fewer.
  if (find_program("catdoc")) {
    EXPECT_GE(right, 150);
  }
  EXPECT_TRUE(report.review.needs_review);
}

TEST(ChildProcess, ReportsTheExitStatusAndOutput) {
  const auto sh = find_program("sh");
  ASSERT_TRUE(sh.has_value());
  const ChildOutcome run = run_child(*sh, {"-c", "printf 'a\\nb'; echo oops >&2; exit 3"},
                                     {1 << 20, 0}, Deadline(5000));
  EXPECT_EQ(run.end, ChildOutcome::End::Exited);
  EXPECT_EQ(run.status, 3);
  EXPECT_EQ(run.out, "a\nb");
  EXPECT_EQ(run.err, "oops\n");
}

TEST(ChildProcess, AProgramThatCannotStartExitsWith127) {
  const ChildOutcome run = run_child("/nonexistent/program", {}, {1 << 20, 0}, Deadline(5000));
  EXPECT_EQ(run.end, ChildOutcome::End::Exited);
  EXPECT_EQ(run.status, 127);
}

TEST(ChildProcess, AChildThatClosesItsOutputAndRunsOnIsKilledAtTheDeadline) {
  const auto sh = find_program("sh");
  ASSERT_TRUE(sh.has_value());
  const auto start = std::chrono::steady_clock::now();
  const ChildOutcome run =
      run_child(*sh, {"-c", "exec >/dev/null 2>&1; sleep 30"}, {1 << 20, 0}, Deadline(300));
  EXPECT_EQ(run.end, ChildOutcome::End::TimedOut);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

}  // namespace
}  // namespace xxgknb
