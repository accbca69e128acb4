// PDF input through the whole public API: a text layer read with its pages and boxes, and
// hostile or unreadable PDFs (cut short, an absurd page count, deep nesting, a decompression
// bomb, too many objects, a scan, a password) each refused with its own clean error, fast.
#include <gtest/gtest.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "xxgknb/pdf.h"
#include "xxgknb/xxgknb.h"

namespace {

// A PDF of the given objects (numbered from 1, object 1 the catalog), with a correct xref.
std::string make_pdf(const std::vector<std::string>& objects, const std::string& trailer_extra = "") {
  std::string out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    out += line;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R " +
         trailer_extra + ">>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

std::string stream(const std::string& dict_extra, const std::string& data) {
  return "<< /Length " + std::to_string(data.size()) + dict_extra + " >>\nstream\n" + data +
         "\nendstream";
}

// One page whose content stream is `content`, with Helvetica as /F1.
std::string one_page_pdf(const std::string& content, const std::string& pages_extra = "",
                         const std::string& trailer_extra = "") {
  return make_pdf({"<< /Type /Catalog /Pages 2 0 R >>",
                   "<< /Type /Pages /Kids [3 0 R] /Count 1 " + pages_extra + ">>",
                   "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << "
                   "/F1 5 0 R >> >> /Contents 4 0 R >>",
                   stream("", content),
                   "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"},
                  trailer_extra);
}

struct Timed {
  xxgknb::Result<xxgknb::Extraction, xxgknb::Error> result;
  double ms;
};

Timed extract(const std::string& bytes, const xxgknb::Options& options = {}) {
  const auto start = std::chrono::steady_clock::now();
  auto result = xxgknb::extract_bytes_with_model(bytes, "test.pdf", options);
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return Timed{std::move(result), ms};
}

// Hostile inputs are refused well within this (the default budget is 20 s).
constexpr double kQuickMs = 2000;

TEST(PdfInput, IsEnabledInThisBinary) { EXPECT_TRUE(xxgknb::pdf_enabled()); }

TEST(PdfInput, ReadsTheTextLayerWithPageAndBox) {
  const Timed t = extract(one_page_pdf("BT /F1 12 Tf 72 700 Td (Annual report 2024) Tj ET"));
  ASSERT_TRUE(t.result.ok()) << t.result.error().code << ": " << t.result.error().message;
  const xxgknb::Document& doc = t.result.value().document;
  EXPECT_EQ(doc.format, "pdf");
  ASSERT_EQ(doc.paragraphs.size(), 1u);
  EXPECT_EQ(doc.paragraphs[0].text, "Annual report 2024");
  EXPECT_EQ(doc.paragraphs[0].source.page, 1);
  ASSERT_TRUE(doc.paragraphs[0].source.box.has_value());
  const auto box = *doc.paragraphs[0].source.box;
  // Baseline at 700 from the bottom: the box is near 842 - 700 = 142 from the top, from x 72.
  EXPECT_NEAR(box[0], 72, 1);
  EXPECT_GT(box[3], 130);
  EXPECT_LT(box[1], 145);
  EXPECT_EQ(t.result.value().report.source.format, "pdf");
}

TEST(PdfInput, TruncatedFileIsCorrupt) {
  const std::string pdf = one_page_pdf("BT /F1 12 Tf 72 700 Td (x) Tj ET");
  for (std::size_t cut : {pdf.size() / 3, pdf.size() / 2, pdf.size() - 8}) {
    SCOPED_TRACE(cut);
    const Timed t = extract(pdf.substr(0, cut));
    ASSERT_FALSE(t.result.ok());
    EXPECT_EQ(t.result.error().code, "pdf_corrupt");
    EXPECT_LT(t.ms, kQuickMs);
  }
}

TEST(PdfInput, AbsurdPageCountIsRefusedBeforeParsing) {
  const std::string pdf = make_pdf({"<< /Type /Catalog /Pages 2 0 R >>",
                                    "<< /Type /Pages /Kids [3 0 R] /Count 100000 >>",
                                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"});
  const Timed t = extract(pdf);
  ASSERT_FALSE(t.result.ok());
  EXPECT_EQ(t.result.error().code, "pdf_too_many_pages");
  EXPECT_EQ(t.result.error().limit, "max_pdf_pages");
  EXPECT_NE(t.result.error().message.find("max_pdf_pages"), std::string::npos);
  EXPECT_LT(t.ms, kQuickMs);
}

TEST(PdfInput, DeepNestingIsRefused) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const std::string pdf = make_pdf({"<< /Type /Catalog /Pages 2 0 R /Deep 3 0 R >>",
                                    "<< /Type /Pages /Kids [] /Count 0 >>", deep});
  const Timed t = extract(pdf);
  ASSERT_FALSE(t.result.ok());
  EXPECT_EQ(t.result.error().code, "pdf_too_deep");
  EXPECT_EQ(t.result.error().limit, "max_pdf_nesting");
  EXPECT_NE(t.result.error().message.find("max_pdf_nesting"), std::string::npos);
  EXPECT_LT(t.ms, kQuickMs);
}

TEST(PdfInput, DecompressionBombIsRefused) {
  // 64 MiB of zeros deflate to about 64 KiB; the limit is set to 16 MiB here.
  const std::string zeros(64u << 20, '\0');
  uLongf packed_size = compressBound(static_cast<uLong>(zeros.size()));
  std::string packed(packed_size, '\0');
  ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size,
                      reinterpret_cast<const Bytef*>(zeros.data()), static_cast<uLong>(zeros.size()),
                      Z_BEST_SPEED),
            Z_OK);
  packed.resize(packed_size);
  const std::string pdf = make_pdf(
      {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
       "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
       stream(" /Filter /FlateDecode", packed)});
  xxgknb::Options options;
  options.limits.max_pdf_stream_bytes = 16u << 20;
  const Timed t = extract(pdf, options);
  ASSERT_FALSE(t.result.ok());
  EXPECT_EQ(t.result.error().code, "pdf_stream_too_large");
  EXPECT_EQ(t.result.error().limit, "max_pdf_stream_bytes");
  EXPECT_NE(t.result.error().message.find("max_pdf_stream_bytes"), std::string::npos);
  EXPECT_LT(t.ms, kQuickMs);
}

TEST(PdfInput, TooManyObjectsAreRefused) {
  xxgknb::Options options;
  options.limits.max_pdf_objects = 4;
  const Timed t = extract(one_page_pdf("BT /F1 12 Tf 72 700 Td (x) Tj ET"), options);
  ASSERT_FALSE(t.result.ok());
  EXPECT_EQ(t.result.error().code, "pdf_too_many_objects");
  EXPECT_EQ(t.result.error().limit, "max_pdf_objects");
  EXPECT_NE(t.result.error().message.find("max_pdf_objects"), std::string::npos);
}

TEST(PdfInput, TooManyBoxesOnAPageAreRefused) {
  std::string content = "BT /F1 6 Tf";
  for (int i = 0; i < 200; ++i) content += " 1 0 0 1 " + std::to_string(20 + (i % 20) * 28) + " " +
                                           std::to_string(800 - (i / 20) * 10) + " Tm (w" +
                                           std::to_string(i) + ") Tj";
  content += " ET";
  xxgknb::Options options;
  options.limits.max_pdf_boxes_per_page = 100;
  const Timed t = extract(one_page_pdf(content), options);
  ASSERT_FALSE(t.result.ok());
  EXPECT_EQ(t.result.error().code, "pdf_too_many_boxes");
  EXPECT_EQ(t.result.error().limit, "max_pdf_boxes_per_page");
  EXPECT_NE(t.result.error().message.find("max_pdf_boxes_per_page"), std::string::npos);
}

TEST(PdfInput, PagesWithoutTextNeedOcr) {
  // A drawing and no text, as a scanned page has an image and no text.
  const Timed t = extract(one_page_pdf("0 0 m 300 300 l S"));
  ASSERT_FALSE(t.result.ok());
  EXPECT_EQ(t.result.error().code, "ocr_needed");
  EXPECT_NE(t.result.error().message.find("no text layer"), std::string::npos);
}

TEST(PdfInput, TextWithoutUnicodeMappingNeedsOcr) {
  // "ÀÁÂÃÄÅ…": Latin letters where a Chinese report's characters should be, as the glyph ids
  // of a font without /ToUnicode come out once extracted.
  std::string garbage;
  for (int i = 0; i < 60; ++i) garbage += "\\3" + std::to_string(i % 8) + std::to_string((i / 8) % 8);
  const Timed t = extract(one_page_pdf("BT /F1 12 Tf 72 700 Td (" + garbage + ") Tj ET"));
  ASSERT_FALSE(t.result.ok());
  EXPECT_EQ(t.result.error().code, "ocr_needed");
  EXPECT_NE(t.result.error().message.find("Unicode"), std::string::npos);
}

TEST(PdfInput, PasswordProtectedIsAClearError) {
  // A standard security handler whose /U does not match the empty user password.
  const std::string key32(64, 'A');
  const std::string pdf = make_pdf(
      {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
       "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
       "<< /Filter /Standard /V 1 /R 2 /O <" + key32 + "> /U <" + key32 + "> /P -4 >>"},
      "/Encrypt 4 0 R /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>] ");
  const Timed t = extract(pdf);
  ASSERT_FALSE(t.result.ok());
  EXPECT_EQ(t.result.error().code, "pdf_encrypted");
}

TEST(PdfInput, ManyThreadsReadPdfsAlike) {
  const std::string pdf = one_page_pdf("BT /F1 12 Tf 72 700 Td (Annual report 2024) Tj ET");
  const std::string expected = xxgknb::to_json(extract(pdf).result.value().report);
  std::vector<std::string> got(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < got.size(); ++i) {
    threads.emplace_back([&, i] {
      auto r = xxgknb::extract_bytes(pdf, "test.pdf");
      got[i] = r ? xxgknb::to_json(r.value()) : r.error().code;
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& g : got) EXPECT_EQ(g, expected);
}

}  // namespace
