// Stage 1, ingest (text) tests: decode_text finds the encoding (BOM, UTF-8, UTF-16 NUL
// pattern, ICU's detector) and stops at invalid bytes. Encoded inputs are made with ICU.
#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/text_decode.h"
#include "util/deadline.h"

namespace xxgknb {
namespace {

// UTF-8 → `charset` bytes with ICU's converter (no BOM: "UTF-16LE" etc. write none).
std::string encode(const std::string& utf8, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::u16string units(utf8.size() + 1, u'\0');
  int32_t length = 0;
  u_strFromUTF8(units.data(), static_cast<int32_t>(units.size()), &length, utf8.data(),
                static_cast<int32_t>(utf8.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  UConverter* cnv = ucnv_open(charset, &status);
  EXPECT_TRUE(U_SUCCESS(status)) << charset << ": " << u_errorName(status);
  std::string out(static_cast<std::size_t>(length) * 4 + 16, '\0');
  const int32_t written = ucnv_fromUChars(cnv, out.data(), static_cast<int32_t>(out.size()),
                                          units.data(), length, &status);
  ucnv_close(cnv);
  EXPECT_TRUE(U_SUCCESS(status)) << charset << ": " << u_errorName(status);
  out.resize(static_cast<std::size_t>(written));
  return out;
}

// A report-like sample in simplified Chinese, long enough for the detector's statistics.
const std::string kSimplified =
    "霍山县衡山镇2020年度政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "2020年，我镇按照上级有关要求，不断完善政府信息公开制度、建立健全政府信息公开保障机制，"
    "规范政府信息公开目录和指南，搞好政府信息公开网上平台。\n"
    "二、主动公开政府信息情况\n"
    "本年新制作数量为12件，本年新公开数量为12件，对外公开总数量为835件。\n"
    "三、收到和处理政府信息公开申请情况\n"
    "本年新收政府信息公开申请数量为0件，上年结转政府信息公开申请数量为0件。\n"
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "五、存在的主要问题及改进情况\n"
    "我镇政府信息公开工作稳步推进，取得了一定成绩，但与市、县的要求还存在差距。\n"
    "六、其他需要报告的事项\n";

// The same kind of text in traditional characters, all of them in Big5.
const std::string kTraditional =
    "政府資訊公開工作年度報告\n"
    "一、總體情況\n"
    "本年度，本機關按照上級有關要求，不斷完善政府資訊公開制度，建立健全政府資訊公開保障機制，"
    "規範政府資訊公開目錄和指南，做好政府資訊公開網站平臺的維護。\n"
    "二、主動公開政府資訊情況\n"
    "本年新製作數量為十二件，本年新公開數量為十二件，對外公開總數量為八百三十五件。\n"
    "三、收到和處理政府資訊公開申請情況\n"
    "本年新收政府資訊公開申請數量為零件，上年結轉申請數量為零件。\n"
    "四、政府資訊公開行政複議、行政訴訟情況\n"
    "五、存在的主要問題及改進情況\n"
    "六、其他需要報告的事項\n";

struct Case {
  const char* name;
  std::string bytes;
  std::string expected_utf8;
  const char* expected_encoding;
  bool expected_bom;
};

TEST(TextDecode, FindsEncodingAndDecodes) {
  const std::string bom8 = "\xEF\xBB\xBF";
  const std::string bom16le = "\xFF\xFE";
  const std::string bom16be = "\xFE\xFF";
  const std::string bom32le("\xFF\xFE\x00\x00", 4);
  const std::vector<Case> cases = {
      {"utf8", kSimplified, kSimplified, "UTF-8", false},
      {"utf8 bom", bom8 + kSimplified, kSimplified, "UTF-8", true},
      {"ascii", "report 2020\n", "report 2020\n", "UTF-8", false},
      {"utf16le bom", bom16le + encode(kSimplified, "UTF-16LE"), kSimplified, "UTF-16LE", true},
      {"utf16be bom", bom16be + encode(kSimplified, "UTF-16BE"), kSimplified, "UTF-16BE", true},
      {"utf16le no bom", encode(kSimplified, "UTF-16LE"), kSimplified, "UTF-16LE", false},
      {"utf16be no bom", encode(kSimplified, "UTF-16BE"), kSimplified, "UTF-16BE", false},
      {"utf16le ascii no bom", encode("line 1\nline 2\n", "UTF-16LE"), "line 1\nline 2\n",
       "UTF-16LE", false},
      {"utf32le bom", bom32le + encode(kSimplified, "UTF-32LE"), kSimplified, "UTF-32LE", true},
      {"gb18030", encode(kSimplified, "GB18030"), kSimplified, "GB18030", false},
      {"gbk reported as gb18030", encode(kSimplified, "GBK"), kSimplified, "GB18030", false},
      {"gb2312 reported as gb18030", encode(kSimplified, "GB2312"), kSimplified, "GB18030",
       false},
      {"big5", encode(kTraditional, "Big5"), kTraditional, "Big5", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const auto decoded = decode_text(c.bytes);
    ASSERT_TRUE(decoded.ok()) << decoded.error().code << ": " << decoded.error().message;
    EXPECT_EQ(decoded->encoding, c.expected_encoding);
    EXPECT_EQ(decoded->had_bom, c.expected_bom);
    EXPECT_EQ(decoded->utf8, c.expected_utf8);
    EXPECT_GT(decoded->confidence, 0.0);
    EXPECT_LE(decoded->confidence, 1.0);
  }
}

TEST(TextDecode, ConfidenceIsOneForBomOrUtf8AndLowerForGuesses) {
  EXPECT_EQ(decode_text(kSimplified)->confidence, 1.0);
  EXPECT_EQ(decode_text("\xFF\xFE" + encode(kSimplified, "UTF-16LE"))->confidence, 1.0);
  EXPECT_LT(decode_text(encode(kSimplified, "UTF-16LE"))->confidence, 1.0);
}

TEST(TextDecode, NormalizesLineEndsOnly) {
  const auto decoded = decode_text("一\r\n二\r三\n\n 四\t\r\n");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->utf8, "一\n二\n三\n\n 四\t\n");
  const auto gb = decode_text(encode("一、总体情况\r\n二、主动公开政府信息情况\r\n" + kSimplified,
                                     "GB18030"));
  ASSERT_TRUE(gb.ok());
  EXPECT_EQ(gb->utf8, "一、总体情况\n二、主动公开政府信息情况\n" + kSimplified);
}

TEST(TextDecode, EmptyInputIsEmptyUtf8) {
  const auto decoded = decode_text("");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->utf8, "");
  EXPECT_EQ(decoded->encoding, "UTF-8");
}

TEST(TextDecode, InvalidUtf8AfterBomFailsWithOffset) {
  const auto decoded = decode_text("\xEF\xBB\xBF" "abc\xC3(def");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().code, "encoding_invalid");
  EXPECT_NE(decoded.error().message.find("byte offset 6"), std::string::npos)
      << decoded.error().message;
}

TEST(TextDecode, TruncatedUtf16FailsWithOffset) {
  const std::string bytes = "\xFF\xFE" + encode("第二十条", "UTF-16LE") + "\x41";
  const auto decoded = decode_text(bytes);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().code, "encoding_invalid");
  EXPECT_NE(decoded.error().message.find("byte offset 10"), std::string::npos)
      << decoded.error().message;
}

TEST(TextDecode, BrokenGb18030IsRefusedWithOffset) {
  // GB18030 text with "\xFF\x30" in the middle: invalid UTF-8 and invalid GB18030. The
  // detector still says GB18030; Big5, its runner-up, would decode it into garbage.
  const std::string good = encode(kSimplified, "GB18030");
  const std::size_t at = good.size() / 2 - (good.size() / 2) % 2;
  const std::string bytes = good.substr(0, at) + "\xFF\x30" + good.substr(at);
  const auto decoded = decode_text(bytes);
  ASSERT_FALSE(decoded.ok()) << decoded->encoding;
  EXPECT_EQ(decoded.error().code, "encoding_invalid");
  EXPECT_NE(decoded.error().message.find("not valid GB18030"), std::string::npos)
      << decoded.error().message;
  EXPECT_NE(decoded.error().message.find("byte offset " + std::to_string(at)), std::string::npos)
      << decoded.error().message;
}

TEST(TextDecode, BinaryAndNulHeavyInputsAreNotText) {
  std::string garbage;
  std::uint32_t x = 12345;
  for (int i = 0; i < 65536; ++i) {
    x = x * 1103515245u + 12345u;
    garbage += static_cast<char>((x >> 16) & 0xFF);
  }
  std::string nul_heavy = garbage;
  for (std::size_t i = 0; i < nul_heavy.size(); i += 3) nul_heavy[i] = '\0';
  const std::vector<std::pair<const char*, std::string>> cases = {
      {"random bytes", garbage},
      {"nul heavy", nul_heavy},
      {"nul only", std::string(4096, '\0')},
      {"control characters in valid utf-8", std::string(4096, '\x01')},
  };
  for (const auto& [name, bytes] : cases) {
    SCOPED_TRACE(name);
    const auto decoded = decode_text(bytes);
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.error().code, "not_a_report_file") << decoded.error().message;
  }
}

TEST(TextDecode, FewNulsInUtf8AreNotUtf16) {
  // Look-alike of the UTF-16 NUL pattern: UTF-8 text with one stray NUL at the end.
  const std::string bytes = kSimplified + std::string(1, '\0');
  const auto decoded = decode_text(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded->encoding, "UTF-8");
}

// The codes of a text input's diagnostics, and its encoding, as read_text reports them.
std::string read_text_outcome(const std::string& bytes) {
  const auto doc = read_text(bytes, Limits{}, Deadline(10000));
  if (!doc.ok()) return "error " + doc.error().code;
  std::string out = doc->encoding + ":";
  for (const Diagnostic& d : doc->diagnostics) out += " " + d.code;
  return out;
}

TEST(TextDecode, Gb18030WithoutBomIsFlaggedAsGuessedEvenWhenTheDetectorIsSure) {
  const std::string gb = encode(kSimplified, "GB18030");
  const auto decoded = decode_text(gb);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded->basis, EncodingBasis::Detector);
  EXPECT_TRUE(encoding_was_guessed(decoded.value()));
  // ICU is sure of this sample: confidence alone never told it was a guess.
  EXPECT_EQ(decoded->confidence, 1.0);
  EXPECT_EQ(read_text_outcome(gb), "GB18030: encoding_guessed");
  EXPECT_EQ(read_text_outcome(encode(kTraditional, "Big5")), "Big5: encoding_guessed");
  EXPECT_EQ(read_text_outcome(encode(kSimplified, "UTF-16LE")), "UTF-16LE: encoding_guessed");
  // Look-alikes: an encoding declared by a BOM or proven by valid UTF-8 is no guess.
  EXPECT_EQ(read_text_outcome(kSimplified), "UTF-8:");
  EXPECT_EQ(read_text_outcome("\xEF\xBB\xBF" + kSimplified), "UTF-8:");
  EXPECT_EQ(read_text_outcome("\xFF\xFE" + encode(kSimplified, "UTF-16LE")), "UTF-16LE:");
  EXPECT_EQ(read_text_outcome(std::string("\x00\x00\xFE\xFF", 4) +
                              encode(kSimplified, "UTF-32BE")),
            "UTF-32BE:");
}

TEST(TextDecode, EncodingBasisSaysHowItWasDecided) {
  EXPECT_EQ(decode_text(kSimplified)->basis, EncodingBasis::ValidUtf8);
  EXPECT_EQ(decode_text("\xEF\xBB\xBF" + kSimplified)->basis, EncodingBasis::Bom);
  EXPECT_EQ(decode_text(std::string("\xFF\xFE\x00\x00", 4) + encode(kSimplified, "UTF-32LE"))
                ->basis,
            EncodingBasis::Bom);
  EXPECT_EQ(decode_text(encode(kSimplified, "UTF-16BE"))->basis, EncodingBasis::NulPattern);
}

}  // namespace
}  // namespace xxgknb
