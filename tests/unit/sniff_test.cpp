// Stage tests for format sniffing: zip, text in any encoding, and binary told by content.
#include <gtest/gtest.h>

#include <string>
#include <utility>

#include <unicode/ucnv.h>

#include "ingest/ingest.h"

namespace xxgknb {
namespace {

std::string encode(const std::u16string& text, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(text.size() * 4 + 16, '\0');
  const int32_t n = ucnv_convert(charset, "UTF-16LE", out.data(), static_cast<int32_t>(out.size()),
                                 reinterpret_cast<const char*>(text.data()),
                                 static_cast<int32_t>(text.size() * 2), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// Report-like text: mostly CJK, with "一" (U+4E00, a zero low byte) and some digits.
std::u16string report_text() {
  std::u16string s;
  for (int i = 0; i < 40; ++i) s += u"一、本年新收政府信息公开申请数量\n\t0\n\t12\n";
  return s;
}

TEST(Sniff, TellsUtf16WithoutBomFromBinary) {
  const std::string le = encode(report_text(), "UTF-16LE");
  const std::string be = encode(report_text(), "UTF-16BE");
  ASSERT_NE(le.substr(0, 2), std::string("\xFF\xFE"));  // no BOM written
  EXPECT_EQ(sniff_format(le), InputFormat::Text);
  EXPECT_EQ(sniff_format(be), InputFormat::Text);
  // Look-alike: zero bytes spread over both halves of each pair are binary.
  std::string binary;
  for (int i = 0; i < 400; ++i) binary += std::string("\x00\x13\x07\x00\x41\x9c", 6);
  EXPECT_EQ(sniff_format(binary), InputFormat::Binary);
}

TEST(Sniff, TellsZipTextAndEmpty) {
  EXPECT_EQ(sniff_format(""), InputFormat::Empty);
  EXPECT_EQ(sniff_format(std::string("PK\x03\x04rest", 8)), InputFormat::Zip);
  EXPECT_EQ(sniff_format("二、主动公开政府信息情况\n"), InputFormat::Text);
  // Look-alike: plain ASCII pairs read as ideographs in UTF-16, but hold no zero byte.
  EXPECT_EQ(sniff_format("abcdefghijklmnopqrstuvwxyz report 2021\n"), InputFormat::Text);
  EXPECT_EQ(sniff_format(encode(report_text(), "GB18030")), InputFormat::Text);
}

TEST(Sniff, Utf32WithBomIsTextNotBinary) {
  const std::string le = std::string("\xFF\xFE\x00\x00", 4) + encode(report_text(), "UTF-32LE");
  const std::string be = std::string("\x00\x00\xFE\xFF", 4) + encode(report_text(), "UTF-32BE");
  EXPECT_EQ(sniff_format(le), InputFormat::Text);
  EXPECT_EQ(sniff_format(be), InputFormat::Text);
  // Read through the whole dispatch, with the encoding reported.
  const Limits limits;
  const Deadline deadline(10000);
  for (const auto& [bytes, encoding] : {std::pair{le, "UTF-32LE"}, std::pair{be, "UTF-32BE"}}) {
    SCOPED_TRACE(encoding);
    auto doc = ingest(bytes, limits, deadline);
    ASSERT_TRUE(doc.ok()) << doc.error().code << ": " << doc.error().message;
    EXPECT_EQ(doc->format, "text");
    EXPECT_EQ(doc->encoding, encoding);
    EXPECT_EQ(doc->text.substr(0, 3), "一");
  }
  // Look-alike: the BOM's zero bytes without "FE FF" after them are binary.
  EXPECT_EQ(sniff_format(std::string("\x00\x00\xFF\xFE\x01\x02\x03\x04", 8)),
            InputFormat::Binary);
}

TEST(Sniff, NamesFormatsNotReadYet) {
  const Limits limits;
  const Deadline deadline(10000);
  auto pdf = ingest("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n\x00\x01\x02", limits, deadline);
  ASSERT_FALSE(pdf.ok());
  // With PDF input built and enabled, the PDF reader has it, and finds it cut short.
  EXPECT_EQ(pdf.error().code, pdf_reader_installed() ? "pdf_corrupt" : "unsupported_format");
}

}  // namespace
}  // namespace xxgknb
