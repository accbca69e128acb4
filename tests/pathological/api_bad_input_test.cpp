// Pathological inputs through the public API (extract_file, extract_bytes): empty, binary,
// oversized and mis-encoded inputs give a stable error code or a flagged report — never a
// crash or a hang — and their JSON validates against the schema. Each case has a time bound.
#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "support/hang_bound.h"
#include "support/schema.h"
#include "support/temp_dir.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

using ::xxgknb::testing::schema_errors;
using ::xxgknb::testing::TempDir;
using Clock = std::chrono::steady_clock;

constexpr auto kTimeBound = testing::kHangBound;

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

// Runs `extract`, checks the time bound, and that the JSON (report or error) is valid and
// names `name` in source.path.
template <typename Extract>
Result<Report, Error> checked(const std::string& name, Extract extract) {
  const auto start = Clock::now();
  Result<Report, Error> result = extract();
  EXPECT_LT(Clock::now() - start, kTimeBound) << name;
  const std::string json = result ? to_json(result.value()) : to_json(result.error());
  EXPECT_EQ(joined(schema_errors(json)), "") << name;
  EXPECT_EQ(nlohmann::json::parse(json)["source"]["path"], name);
  if (!result) {
    EXPECT_FALSE(result.error().message.empty()) << name;
  }
  return result;
}

Result<Report, Error> from_file(const std::string& path) {
  return checked(path, [&] { return extract_file(path); });
}

Result<Report, Error> from_bytes(std::string_view bytes, const std::string& name,
                                 const Options& options = {}) {
  return checked(name, [&] { return extract_bytes(bytes, name, options); });
}

std::string error_code(const Result<Report, Error>& result) {
  return result ? std::string("(a report)") : result.error().code;
}

std::string random_bytes(std::size_t n, unsigned seed) {
  std::mt19937 generator(seed);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>(byte(generator));
  return out;
}

// "\x89PNG\r\n\x1a\n" and an IHDR chunk of a 1×1 image.
std::string png_header() {
  return std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89",
                     33) +
         random_bytes(200, 2);
}

// "\x7f" "ELF", 64-bit little-endian, then a zeroed header and code-like bytes.
std::string elf_header() {
  std::string elf("\x7f" "ELF\x02\x01\x01\0", 8);
  elf.resize(64, '\0');
  return elf + random_bytes(1000, 3);
}

TEST(ApiBadInput, EmptyFileIsEmptyInput) {
  TempDir dir;
  const std::string path = dir.write("empty.docx", "");
  EXPECT_EQ(error_code(from_file(path)), "empty_input");
}

TEST(ApiBadInput, EmptyBytesIsEmptyInput) {
  EXPECT_EQ(error_code(from_bytes("", "empty")), "empty_input");
}

// Look-alike: one line of text is not empty, whatever else is wrong with it.
TEST(ApiBadInput, OneByteIsNotEmptyInput) {
  EXPECT_NE(error_code(from_bytes("x", "one-byte")), "empty_input");
}

TEST(ApiBadInput, BinaryGarbageIsNotAReportFile) {
  TempDir dir;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"random.bin", random_bytes(4096, 1)},
      {"image.png", png_header()},
      {"program.elf", elf_header()},
      {"zeros.txt", std::string(4096, '\0')},
  };
  for (const auto& [name, bytes] : cases) {
    EXPECT_EQ(error_code(from_bytes(bytes, name)), "not_a_report_file") << name;
    EXPECT_EQ(error_code(from_file(dir.write(name, bytes))), "not_a_report_file") << name;
  }
}

TEST(ApiBadInput, HugeSparseFileIsRefusedQuickly) {
  TempDir dir;
  const std::string path = (dir.path() / "huge.txt").string();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  const bool sized = ::ftruncate(fd, 200ll << 20) == 0;
  ::close(fd);
  ASSERT_TRUE(sized);
  const auto start = Clock::now();
  const auto result = from_file(path);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
  ASSERT_EQ(error_code(result), "input_too_large");
}

TEST(ApiBadInput, BytesOverTheLimitAreRefused) {
  Options options;
  options.limits.max_input_bytes = 1000;
  EXPECT_EQ(error_code(from_bytes(std::string(1001, 'a'), "over", options)), "input_too_large");
}

// Look-alike: exactly at the limit is allowed in (what happens next is not about size).
TEST(ApiBadInput, BytesAtTheLimitAreRead) {
  Options options;
  options.limits.max_input_bytes = 1000;
  std::string text = "一、总体情况\n";
  text.resize(1000, 'a');
  EXPECT_NE(error_code(from_bytes(text, "at-limit", options)), "input_too_large");
}

TEST(ApiBadInput, MissingFileIsIoError) {
  TempDir dir;
  EXPECT_EQ(error_code(from_file((dir.path() / "no-such-file.docx").string())), "io_error");
}

TEST(ApiBadInput, DirectoryIsIoError) {
  TempDir dir;
  EXPECT_EQ(error_code(from_file(dir.path().string())), "io_error");
}

// Invalid byte sequences: the text reader may refuse them ("encoding_invalid", or
// "not_a_report_file" when nothing text-like is left) or read around them and say so in a
// flag; it must never crash, and the JSON must hold either way.
TEST(ApiBadInput, InvalidByteSequencesAreRefusedOrFlagged) {
  const std::string report_line = "2020年度政府信息公开工作年度报告\n一、总体情况\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"truncated-utf8", report_line + "\xe5\xb9"},
      {"lone-continuation", report_line + "\x80\x80\x80" + report_line},
      {"overlong-slash", report_line + "\xc0\xaf" + report_line},
      {"surrogate-in-utf8", report_line + "\xed\xa0\x80" + report_line},
      {"utf16le-odd-length", std::string("\xff\xfe\x00\x4e\x8c", 5)},
      {"utf16le-lone-surrogate", std::string("\xff\xfe\x00\xd8\x41\x00", 6)},
      {"utf8-bom-then-invalid", "\xef\xbb\xbf" + report_line + "\xff\xfe\xfd"},
      {"gb18030-truncated", std::string("\xd2\xbb\xa1\xa2\xd7\xdc\xcc\xe5\xc7\xe9\xbf\xf6\n\x81", 14)},
  };
  const std::set<std::string> kRefusals = {"encoding_invalid", "not_a_report_file"};
  for (const auto& [name, bytes] : cases) {
    const auto result = from_bytes(bytes, name);
    if (result) {
      EXPECT_FALSE(result.value().flags.empty()) << name << " was read without a flag";
    } else {
      EXPECT_TRUE(kRefusals.count(result.error().code) == 1)
          << name << ": " << result.error().code;
    }
  }
}

TEST(ApiBadInput, ErrorNamesTheFileInJson) {
  TempDir dir;
  const std::string path = dir.write("报告 2020.docx", "");
  const auto result = from_file(path);
  ASSERT_FALSE(result);
  const auto j = nlohmann::json::parse(to_json(result.error()));
  EXPECT_EQ(j["source"]["path"], path);
  EXPECT_EQ(j["source"]["bytes"], 0);
}

}  // namespace
}  // namespace xxgknb

namespace xxgknb_budget {

// The time budget reaches every stage, not only ingest: a budget that runs out after the text
// is read stops the later stages and refuses the input with time_limit, naming the stage.
TEST(ApiBadInput, BudgetRunsOutInALaterStage) {
  std::string text = "一、本年新收政府信息公开申请数量\n";
  while (text.size() < (1u << 20)) text += "规章 1 行政许可 2 （七）总计 3\n";
  auto read = xxgknb::extract_bytes_with_model(text, "slow.txt");
  ASSERT_TRUE(read.ok());
  xxgknb::Options options;
  options.limits.max_milliseconds = 0;
  auto result = xxgknb::extract_document(std::move(read->document), read->report.source, options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "time_limit");
  EXPECT_NE(result.error().message.find("ran out in normalize"), std::string::npos)
      << result.error().message;
}

// The same Document handed to extract_document_with_model comes back beside its Report.
TEST(ApiBadInput, DocumentComesBackBesideTheReport) {
  const std::string text = "标题\n一、总体情况\n正文\n";
  auto result = xxgknb::extract_bytes_with_model(text, "small.txt");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->document.format, "text");
  EXPECT_FALSE(result->document.paragraphs.empty());
  EXPECT_EQ(result->report.source.format, "text");
}

}  // namespace xxgknb_budget

namespace xxgknb_memory {

// Limits::max_memory_bytes: a document whose later stages would need more is refused before
// they allocate, with memory_limit naming the limit; a smaller one is read.
TEST(ApiBadInput, DocumentOverTheMemoryFigureIsRefused) {
  std::string text;
  while (text.size() < (256u << 10)) text += "政府信息公开工作 12\n";
  xxgknb::Options options;
  options.limits.max_memory_bytes = 1u << 20;
  auto refused = xxgknb::extract_bytes(text, "many-lines.txt", options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "memory_limit");
  EXPECT_EQ(refused.error().limit, "max_memory_bytes");
  EXPECT_NE(refused.error().message.find("max_memory_bytes"), std::string::npos);
  options.limits.max_memory_bytes = 64u << 20;
  EXPECT_TRUE(xxgknb::extract_bytes(text, "many-lines.txt", options).ok());
}

}  // namespace xxgknb_memory
