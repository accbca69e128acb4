// Tests of the CLI's PDF module (xxgknb_pdf.so, loaded on the first PDF): the built CLI reads
// a PDF through it, and a CLI whose module is missing refuses a PDF with unsupported_format
// naming what it tried, while every other format still reads.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/process.h"
#include "support/temp_dir.h"

namespace xxgknb {
namespace {

using ::xxgknb::testing::run_process;
using ::xxgknb::testing::TempDir;

const std::string kPdf = std::string(XXGKNB_SOURCE_DIR) + "/corpus/pdf/v2021_filled/input.pdf";
const std::string kText = std::string(XXGKNB_SOURCE_DIR) + "/corpus/v2021-text/tab/input.txt";

TEST(PdfModule, TheBuiltCliReadsAPdfThroughItsModule) {
  TempDir dir;
  const auto run = run_process({XXGKNB_CLI, "extract", kPdf}, "/dev/null",
                               (dir.path() / "out").string(), (dir.path() / "err").string());
  ASSERT_EQ(run.status, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["source"]["format"], "pdf");
  EXPECT_FALSE(json.contains("error"));
  EXPECT_EQ(json["meta"]["template"], "v2021");
}

TEST(PdfModule, WithoutItsModuleACliRefusesPdfsAndReadsEverythingElse) {
  TempDir dir;
  const std::filesystem::path cli = dir.path() / "xxgknb";
  std::filesystem::copy_file(XXGKNB_CLI, cli);   // no xxgknb_pdf.so beside this copy
  const auto pdf = run_process({cli.string(), "extract", kPdf, kPdf}, "/dev/null",
                               (dir.path() / "out").string(), (dir.path() / "err").string());
  EXPECT_EQ(pdf.status, 1);
  // One JSON object per input: the second PDF gets the same answer as the first.
  std::size_t objects = 0;
  std::size_t begin = 0;
  while (begin < pdf.out.size()) {
    std::size_t end = pdf.out.find('\n', begin);
    if (end == std::string::npos) end = pdf.out.size();
    const auto json = nlohmann::json::parse(pdf.out.substr(begin, end - begin));
    EXPECT_EQ(json["error"]["code"], "unsupported_format");
    const std::string message = json["error"]["message"];
    EXPECT_NE(message.find("xxgknb_pdf.so"), std::string::npos) << message;
    EXPECT_NE(message.find((dir.path() / "xxgknb_pdf.so").string()), std::string::npos) << message;
    ++objects;
    begin = end + 1;
  }
  EXPECT_EQ(objects, 2u) << pdf.out;

  const auto text = run_process({cli.string(), "extract", kText}, "/dev/null",
                                (dir.path() / "out2").string(), (dir.path() / "err2").string());
  EXPECT_EQ(text.status, 0) << text.err;
  EXPECT_EQ(nlohmann::json::parse(text.out)["meta"]["template"], "v2021");
}

}  // namespace
}  // namespace xxgknb
