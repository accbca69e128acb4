// Pathological .docx inputs: each must give its error code (or read cleanly) well within a
// time bound, without crashing and without unbounded memory (run under ASan too). The
// inputs are generated here; the biggest (200 MiB of spaces) is produced by a zip_source
// callback so that the test itself never holds it in memory.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "support/hang_bound.h"
#include "support/zip_builder.h"
#include "util/deadline.h"

namespace xxgknb {
namespace {

using testing::make_docx;
using testing::make_zip;
using testing::ZipEntry;

constexpr double kTimeBoundSeconds = testing::kHangBoundSeconds;

struct Outcome {
  std::string code;  // "ok" when the document was read
  std::string message;
  double seconds = 0;
};

Outcome run(const std::string& bytes, const Limits& limits = Limits{}) {
  const auto start = std::chrono::steady_clock::now();
  auto result = ingest(bytes, limits, Deadline(limits.max_milliseconds));
  Outcome out;
  out.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (result) {
    out.code = "ok";
  } else {
    out.code = result.error().code;
    out.message = result.error().message;
  }
  return out;
}

#define EXPECT_OUTCOME(bytes, expected_code, ...)                              \
  do {                                                                         \
    const Outcome o = run(bytes __VA_OPT__(, ) __VA_ARGS__);                   \
    EXPECT_EQ(o.code, expected_code) << o.message;                             \
    EXPECT_TRUE(o.code == "ok" || !o.message.empty()) << o.code;               \
    EXPECT_LT(o.seconds, kTimeBoundSeconds);                                   \
  } while (false)

std::uint32_t get32(const std::string& s, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 3])) << 24;
}
std::uint16_t get16(const std::string& s, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) |
                                    static_cast<unsigned char>(s[at + 1]) << 8);
}
void put32(std::string& s, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + static_cast<std::size_t>(i)] = static_cast<char>(v >> (8 * i));
}

// Rewrites the uncompressed size an entry declares, in its central directory record and its
// local header: the zip then lies about how big the entry is.
bool patch_declared_size(std::string& zip, const std::string& name, std::uint32_t size) {
  for (std::size_t at = zip.find("PK\x01\x02"); at != std::string::npos;
       at = zip.find("PK\x01\x02", at + 4)) {
    if (at + 46 > zip.size()) return false;
    const std::uint16_t name_length = get16(zip, at + 28);
    if (zip.compare(at + 46, name_length, name) != 0) continue;
    if (get32(zip, at + 24) == 0xFFFFFFFFu) return false;  // zip64: not handled here
    put32(zip, at + 24, size);
    const std::uint32_t local = get32(zip, at + 42);
    if (zip.compare(local, 4, "PK\x03\x04") != 0) return false;
    put32(zip, local + 22, size);
    return true;
  }
  return false;
}

// Generated XML is far more repetitive than real XML and compresses past the inflate-ratio
// limit, which would stop it before the XML is parsed; tests of the XML layer lift that limit.
Limits xml_limits() {
  Limits limits;
  limits.max_inflate_ratio = 1u << 30;
  return limits;
}

std::string paragraph(std::string_view text) {
  return "<w:p><w:r><w:t>" + std::string(text) + "</w:t></w:r></w:p>";
}

// ---- the zip layer ------------------------------------------------------------------------

TEST(DocxBadInput, TruncatedZip) {
  const std::string good = make_docx(paragraph("x"));
  for (std::size_t keep : {std::size_t{4}, std::size_t{30}, good.size() / 3, good.size() - 10,
                           good.size() - 1}) {
    EXPECT_OUTCOME(good.substr(0, keep), "zip_corrupt");
  }
}

TEST(DocxBadInput, CorruptedEntryData) {
  // Flip bytes inside the compressed document.xml: inflate or the CRC check fails.
  std::string bad = make_docx(paragraph(std::string(5000, 'x') + "一二三"));
  const std::size_t at = bad.find("word/document.xml");
  ASSERT_NE(at, std::string::npos);
  for (std::size_t i = at + 40; i < at + 80; ++i) bad[i] = static_cast<char>(~bad[i]);
  const Outcome o = run(bad);
  EXPECT_TRUE(o.code == "zip_corrupt" || o.code == "xml_malformed") << o.code << o.message;
  EXPECT_LT(o.seconds, kTimeBoundSeconds);
}

TEST(DocxBadInput, EncryptedEntry) {
  std::vector<ZipEntry> entries;
  entries.emplace_back("[Content_Types].xml", "<Types/>");
  entries.emplace_back("word/document.xml", testing::document_xml(paragraph("secret")), false,
                       true);
  EXPECT_OUTCOME(make_zip(entries), "zip_encrypted");
}

TEST(DocxBadInput, ZipThatIsNotADocx) {
  EXPECT_OUTCOME(make_zip({{"mimetype", "application/vnd.oasis.opendocument.text", true},
                           {"content.xml", "<office:document-content/>"}}),
                 "not_docx");
  EXPECT_OUTCOME(std::string("PK\x05\x06", 4) + std::string(18, '\0'), "not_docx");
}

TEST(DocxBadInput, TooManyEntries) {
  std::vector<ZipEntry> entries;
  entries.emplace_back("word/document.xml", testing::document_xml(paragraph("x")));
  for (int i = 0; i < 5000; ++i) entries.emplace_back("junk/" + std::to_string(i), "");
  EXPECT_OUTCOME(make_zip(entries), "zip_too_many_entries");
}

TEST(DocxBadInput, HugeDeclaredSize) {
  std::string zip = make_docx(paragraph("small"));
  ASSERT_TRUE(patch_declared_size(zip, "word/document.xml", 0xF0000000u));
  EXPECT_OUTCOME(zip, "zip_part_too_large");
}

TEST(DocxBadInput, DeclaredSizeSmallerThanTheData) {
  // The header says 100 bytes; the data inflates to far more. Counting stops it.
  std::string zip = make_docx(paragraph(std::string(100000, 'a')));
  ASSERT_TRUE(patch_declared_size(zip, "word/document.xml", 100));
  EXPECT_OUTCOME(zip, "zip_bomb");
}

// 200 MiB of spaces inside a document.xml, generated on the fly.
const std::string& spaces_bomb() {
  static const std::string zip = [] {
    constexpr std::uint64_t kSize = 200ull << 20;
    std::vector<ZipEntry> entries;
    entries.emplace_back("word/document.xml", "");
    auto produced = std::make_shared<std::uint64_t>(0);
    entries.back().generate = [produced](char* buffer, std::size_t capacity) -> std::size_t {
      static const std::string head = testing::document_xml("<w:p><w:r><w:t>").substr(0);
      // Start with a real document head so that only the size is wrong.
      std::size_t n = 0;
      while (n < capacity && *produced < kSize) {
        const std::uint64_t at = *produced;
        const std::size_t take = static_cast<std::size_t>(
            std::min<std::uint64_t>(capacity - n, kSize - at));
        if (at < head.size()) {
          const std::size_t h = std::min(take, head.size() - static_cast<std::size_t>(at));
          std::memcpy(buffer + n, head.data() + at, h);
          n += h;
          *produced += h;
        } else {
          std::memset(buffer + n, ' ', take);
          n += take;
          *produced += take;
        }
      }
      return n;
    };
    return make_zip(entries);
  }();
  return zip;
}

TEST(DocxBadInput, TwoHundredMebibytesOfSpaces) {
  const std::string& zip = spaces_bomb();
  EXPECT_LT(zip.size(), 2u << 20);  // it really is a bomb
  // Refused for its declared size.
  EXPECT_OUTCOME(zip, "zip_part_too_large");
  // With room for the size, refused for its ratio.
  Limits roomy;
  roomy.max_part_bytes = 512ull << 20;
  roomy.max_total_uncompressed = 512ull << 20;
  EXPECT_OUTCOME(zip, "zip_bomb", roomy);
  // Lying about its size in the headers: the inflated bytes are counted and reading stops.
  std::string liar = zip;
  ASSERT_TRUE(patch_declared_size(liar, "word/document.xml", 1u << 20));
  EXPECT_OUTCOME(liar, "zip_bomb");
  EXPECT_OUTCOME(liar, "zip_bomb", roomy);
}

// ---- the XML ---------------------------------------------------------------------------------

TEST(DocxBadInput, HundredThousandNestedSdt) {
  std::string body;
  body.reserve(100000 * 24);
  for (int i = 0; i < 100000; ++i) body += "<w:sdt>";
  body += paragraph("deep");
  for (int i = 0; i < 100000; ++i) body += "</w:sdt>";
  EXPECT_OUTCOME(make_docx(body), "xml_too_deep", xml_limits());
}

TEST(DocxBadInput, DeepNestingElsewhere) {
  // Nested tables.
  std::string tables;
  for (int i = 0; i < 2000; ++i) tables += "<w:tbl><w:tr><w:tc>";
  tables += paragraph("x");
  for (int i = 0; i < 2000; ++i) tables += "</w:tc></w:tr></w:tbl>";
  EXPECT_OUTCOME(make_docx(tables), "xml_too_deep", xml_limits());
  // Inside a drawing that is searched for text boxes.
  std::string drawing = "<w:p><w:r><w:drawing>";
  for (int i = 0; i < 100000; ++i) drawing += "<a:g>";
  for (int i = 0; i < 100000; ++i) drawing += "</a:g>";
  drawing += "</w:drawing></w:r></w:p>";
  EXPECT_OUTCOME(make_docx(drawing), "xml_too_deep", xml_limits());
  // Inside run properties, which are never walked: harmless.
  std::string props = "<w:p><w:r><w:rPr>";
  for (int i = 0; i < 100000; ++i) props += "<w:x>";
  for (int i = 0; i < 100000; ++i) props += "</w:x>";
  props += "</w:rPr><w:t>ok</w:t></w:r></w:p>";
  EXPECT_OUTCOME(make_docx(props), "ok", xml_limits());
  // Nested hyperlinks inside a paragraph.
  std::string links = "<w:p>";
  for (int i = 0; i < 100000; ++i) links += "<w:hyperlink>";
  for (int i = 0; i < 100000; ++i) links += "</w:hyperlink>";
  links += "</w:p>";
  EXPECT_OUTCOME(make_docx(links), "xml_too_deep", xml_limits());
}

TEST(DocxBadInput, MalformedXml) {
  for (const char* body : {"<w:p><w:r><w:t>x</w:p>", "<w:p>&undefined;</w:p>", "<w:p a=\"1\" a=\"2\"/>",
                           "<w:p><![CDATA[x</w:p>", "\x01\x02"}) {
    testing::DocxParts parts;
    parts.document = testing::document_xml(body);
    const Outcome o = run(make_docx(parts), xml_limits());
    // pugixml accepts some of these (it does not check duplicate attributes or entity
    // names); those read cleanly.
    EXPECT_TRUE(o.code == "xml_malformed" || o.code == "ok") << body << " " << o.code;
    EXPECT_LT(o.seconds, kTimeBoundSeconds);
  }
  testing::DocxParts parts;
  parts.document = "<?xml version=\"1.0\"?><w:document";
  EXPECT_OUTCOME(make_docx(parts), "xml_malformed", xml_limits());
  parts.document = std::string(1000, '<');
  EXPECT_OUTCOME(make_docx(parts), "xml_malformed", xml_limits());
}

TEST(DocxBadInput, BillionLaughsIsNotExpanded) {
  testing::DocxParts parts;
  std::string doctype = "<!DOCTYPE w:document [<!ENTITY a \"aaaaaaaaaa\">";
  for (int i = 1; i < 10; ++i) {
    const std::string prev(1, static_cast<char>('a' + i - 1));
    const std::string name(1, static_cast<char>('a' + i));
    doctype += "<!ENTITY " + name + " \"";
    for (int k = 0; k < 10; ++k) doctype += "&" + prev + ";";
    doctype += "\">";
  }
  doctype += "]>";
  parts.document = "<?xml version=\"1.0\"?>" + doctype + "<w:document" +
                   testing::kDocxNamespaces + "><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p>"
                   "</w:body></w:document>";
  const Outcome o = run(make_docx(parts));
  EXPECT_EQ(o.code, "ok") << o.message;
  EXPECT_LT(o.seconds, kTimeBoundSeconds);
}

// ---- gigantic but silly documents ------------------------------------------------------------

TEST(DocxBadInput, GiganticGridSpan) {
  EXPECT_OUTCOME(make_docx("<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2147483647\"/>"
                           "</w:tcPr><w:p/></w:tc></w:tr><w:tr><w:tc><w:p/></w:tc></w:tr>"
                           "</w:tbl>"),
                 "table_too_large");
  std::string wide = "<w:tbl><w:tr>";
  for (int i = 0; i < 5000; ++i) wide += "<w:tc><w:tcPr><w:gridSpan w:val=\"65536\"/></w:tcPr></w:tc>";
  wide += "</w:tr></w:tbl>";
  EXPECT_OUTCOME(make_docx(wide), "table_too_large", xml_limits());
  EXPECT_OUTCOME(make_docx("<w:tbl><w:tr><w:trPr><w:gridBefore w:val=\"99999999\"/></w:trPr>"
                           "<w:tc><w:p/></w:tc></w:tr></w:tbl>"),
                 "table_too_large");
}

TEST(DocxBadInput, TableOverTheCellLimit) {
  // 1000 rows × 300 cells: 300000 > max_table_cells (200000).
  std::string row = "<w:tr>";
  for (int i = 0; i < 300; ++i) row += "<w:tc><w:p/></w:tc>";
  row += "</w:tr>";
  std::string table = "<w:tbl>";
  for (int i = 0; i < 1000; ++i) table += row;
  table += "</w:tbl>";
  EXPECT_OUTCOME(make_docx(table), "table_too_large", xml_limits());
}

TEST(DocxBadInput, ManyTablesOverTheDocumentLimit) {
  std::string row = "<w:tr>";
  for (int i = 0; i < 100; ++i) row += "<w:tc/>";
  row += "</w:tr>";
  std::string table = "<w:tbl>";
  for (int i = 0; i < 1000; ++i) table += row;
  table += "</w:tbl>";  // 100000 cells each
  // Three tables within max_table_cells, over a (lowered) max_document_cells together; the
  // default of one million cells is a few hundred MiB of Cell values, too much for ASan runs.
  Limits limits = xml_limits();
  limits.max_document_cells = 250000;
  std::string body;
  for (int i = 0; i < 3; ++i) body += table;
  EXPECT_OUTCOME(make_docx(body), "too_many_cells", limits);
}

TEST(DocxBadInput, LongVerticalMerge) {
  std::string table = "<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>"
                      "<w:p><w:r><w:t>top</w:t></w:r></w:p></w:tc></w:tr>";
  for (int i = 0; i < 100000; ++i) table += "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr></w:tc></w:tr>";
  table += "</w:tbl>";
  EXPECT_OUTCOME(make_docx(table), "ok", xml_limits());
}

TEST(DocxBadInput, SillyButWithinLimits) {
  // One run of 30 MB.
  EXPECT_OUTCOME(make_docx(paragraph(std::string(30u << 20, 'x'))), "ok", xml_limits());
  // 300000 empty paragraphs.
  std::string empties;
  for (int i = 0; i < 300000; ++i) empties += "<w:p/>";
  EXPECT_OUTCOME(make_docx(empties), "ok", xml_limits());
  // 200000 field begins that never end.
  std::string fields = "<w:p>";
  for (int i = 0; i < 200000; ++i) fields += "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>";
  fields += "</w:p>" + paragraph("after");
  EXPECT_OUTCOME(make_docx(fields), "ok", xml_limits());
  // 50000 text boxes in one paragraph, each with a paragraph.
  std::string boxes = "<w:p>";
  for (int i = 0; i < 50000; ++i) {
    boxes += "<w:r><w:pict><v:shape><v:textbox><w:txbxContent>" + paragraph("b") +
             "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>";
  }
  boxes += "</w:p>";
  EXPECT_OUTCOME(make_docx(boxes), "ok", xml_limits());
  // 100000 entities in one text.
  std::string entities;
  for (int i = 0; i < 100000; ++i) entities += "&amp;&#x4E00;";
  EXPECT_OUTCOME(make_docx(paragraph(entities)), "ok", xml_limits());
}

TEST(DocxBadInput, TooManyParagraphs) {
  Limits limits = xml_limits();
  limits.max_paragraphs = 1000;
  std::string empties;
  for (int i = 0; i < 5000; ++i) empties += "<w:p/>";
  EXPECT_OUTCOME(make_docx(empties), "too_many_paragraphs", limits);
}

TEST(DocxBadInput, TimeLimitIsHonoured) {
  Limits limits = xml_limits();
  limits.max_milliseconds = 1;
  std::string empties;
  for (int i = 0; i < 2000000; ++i) empties += "<w:p/>";
  const Outcome o = run(make_docx(empties), limits);
  EXPECT_EQ(o.code, "time_limit") << o.message;
  EXPECT_LT(o.seconds, 2.0);
}

}  // namespace
}  // namespace xxgknb
