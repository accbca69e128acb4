// Stage tests for normalize: raw → fold and raw → label_key tables, one positive case and
// one look-alike per rule, plus large and invalid input.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "normalize/normalize.h"

namespace xxgknb {
namespace {

struct Case {
  const char* rule;
  const char* raw;
  const char* expected;
};

// raw → fold
const Case kFoldCases[] = {
    {"ascii unchanged", "1.5", "1.5"},
    {"ascii spacing", "  a \t b\r\n c  ", "a b c"},
    {"ascii apostrophe", "it's", "it\"s"},
    {"nfkc full-width digits", "１２３", "123"},
    {"nfkc full-width decimal stays a decimal", "１．５", "1.5"},
    {"nfkc full-width letters", "ＡＢｃ", "ABc"},
    {"traditional to simplified", "總體情況", "总体情况"},
    {"traditional heading", "二、主動公開政府信息情況", "二、主动公开政府信息情况"},
    {"simplified unchanged", "规章", "规章"},
    {"simplified words not rewritten", "开展巡察整改", "开展巡察整改"},
    // Characters ICU's rules would rewrite although they are ordinary simplified ones.
    {"乾县 is a county, not 干县", "乾县人民政府", "乾县人民政府"},
    {"乾安县 keeps its 乾", "吉林省乾安县教育局", "吉林省乾安县教育局"},
    {"显著 stays", "成效显著", "成效显著"},
    {"与时俱进 stays", "与时俱进", "与时俱进"},
    {"於潜镇 keeps its 於", "临安区於潜镇人民政府", "临安区於潜镇人民政府"},
    {"a stray traditional name in simplified text", "钟祥市鍾家村委会", "钟祥市钟家村委会"},
    // Traditional text is folded whole, also the characters GB2312 happens to hold (後).
    {"traditional text folded whole", "補正後申請內容仍不明確", "补正后申请内容仍不明确"},
    {"traditional 規範性文件", "行政規範性文件", "行政规范性文件"},
    {"phrase fix 规范性档案", "規範性檔案", "规范性文件"},
    {"phrase fix in simplified text", "行政规范性档案", "行政规范性文件"},
    {"档案 alone is kept", "档案管理", "档案管理"},
    {"phrase fix 入口网站", "政府入口網站", "政府门户网站"},
    {"phrase fix 最佳化", "最佳化營商環境", "优化营商环境"},
    {"brackets 〔〕", "国办公开办函〔2021〕30号", "国办公开办函[2021]30号"},
    {"brackets 【】", "【2021】", "[2021]"},
    {"brackets full-width square", "［2021］", "[2021]"},
    {"brackets ascii square", "[2021]", "[2021]"},
    {"parentheses full-width", "第二十条第（一）项", "第二十条第(一)项"},
    {"parentheses ascii", "第二十条第(一)项", "第二十条第(一)项"},
    {"quotes curly double", "危及“三安全一稳定”", "危及\"三安全一稳定\""},
    {"quotes curly single", "‘三’", "\"三\""},
    {"quotes corner", "「标准化」『规范化』", "\"标准化\"\"规范化\""},
    {"quotes double prime", "″标准化″", "\"标准化\""},
    {"quotes ascii", "'a'\"b\"", "\"a\"\"b\""},
    {"dash em", "—", "-"},
    {"dash en", "–", "-"},
    {"dash horizontal bar", "―", "-"},
    {"dash full-width", "－", "-"},
    {"dash hyphen", "‐", "-"},
    {"dash ascii", "-", "-"},
    {"separator comma", "一，二", "一,二"},
    {"separator colon", "说明：", "说明:"},
    {"separator semicolon", "甲；乙", "甲;乙"},
    {"separator 、 stays", "一、总体情况", "一、总体情况"},
    {"zero width space", "自\u200b然\u200c人\u200d", "自然人"},
    {"word joiner and bom", "\ufeff总\u2060计", "总计"},
    {"soft hyphen", "总\u00ad计", "总计"},
    {"ideographic space", "总\u3000\u3000计", "总 计"},
    {"no-break space", "\u00a0总\u00a0计\u00a0", "总 计"},
    {"other unicode spaces", "总\u2003\u2009计", "总 计"},
    {"tabs and newlines", "（三）\n\n\t不予公开", "(三) 不予公开"},
    {"zero width between spaces", "总 \u200b 计", "总 计"},
    {"trimmed", "\u3000一、总体情况\u3000\n", "一、总体情况"},
    {"empty", "", ""},
    {"only spaces", " \u3000\t", ""},
};

// raw → label_key
const Case kKeyCases[] = {
    {"spaces removed", "自 然 人", "自然人"},
    {"line break removed", "（三）\n不予公开", "(三)不予公开"},
    {"cell split", "商业\n企业", "商业企业"},
    {"quotes optional", "危及“三安全一稳定”", "危及三安全一稳定"},
    {"comma removed", "逾期不补正，行政机关不再处理", "逾期不补正行政机关不再处理"},
    {"enumeration comma removed", "逾期不补正、行政机关不再处理", "逾期不补正行政机关不再处理"},
    {"full stop removed", "不予处理。", "不予处理"},
    {"period removed", "1.属于国家秘密", "1属于国家秘密"},
    {"middle dot removed", "信息·公开", "信息公开"},
    {"colon and semicolon removed", "甲：乙；丙", "甲乙丙"},
    {"parentheses kept", "第二十条第（一）项", "第二十条第(一)项"},
    {"traditional label", "規範性檔案", "规范性文件"},
    {"ascii only", " a , b ", "ab"},
};

TEST(NormalizeFold, Table) {
  for (const Case& c : kFoldCases) {
    EXPECT_EQ(fold(c.raw), c.expected) << c.rule << ": " << c.raw;
  }
}

TEST(NormalizeLabelKey, Table) {
  for (const Case& c : kKeyCases) {
    EXPECT_EQ(label_key(c.raw), c.expected) << c.rule << ": " << c.raw;
  }
}

TEST(NormalizeLabelKey, SameKeyForPunctuationVariants) {
  EXPECT_EQ(label_key("…逾期不补正，行政机关…"), label_key("…逾期不补正、行政机关…"));
  EXPECT_EQ(label_key("第二十条第（一）项"), label_key("第二十条第(一)项"));
  EXPECT_EQ(label_key("危及“三安全一稳定”"), label_key("危及三安全一稳定"));
}

TEST(NormalizeLabelKey, LookAlikesStayDistinct) {
  EXPECT_NE(label_key("规章"), label_key("规范性文件"));
  EXPECT_NE(label_key("规范性文件"), label_key("行政规范性文件"));
  EXPECT_NE(label_key("其他"), label_key("其他处理"));
  EXPECT_NE(label_key("(一)"), label_key("(二)"));
  EXPECT_NE(label_key("档案"), label_key("文件"));
  EXPECT_NE(fold("1.5"), fold("15"));
}

TEST(NormalizeFold, InvalidUtf8BecomesReplacementCharacter) {
  const std::string raw = std::string("总") + "\xff\xfe" + "计\xe6\x80";
  const std::string folded = fold(raw);
  EXPECT_NE(folded.find("\xef\xbf\xbd"), std::string::npos);  // U+FFFD
  EXPECT_EQ(folded.rfind("总", 0), 0u);
  EXPECT_NE(folded.find("计"), std::string::npos);
}

TEST(NormalizeFold, MegabyteParagraphIsFast) {
  std::string simplified;
  std::string traditional;
  while (simplified.size() < (1u << 20)) {
    simplified += "本机关主动公开政府信息，规范性文件　12 件；";
    traditional += "本機關主動公開政府信息，規範性檔案　12 件；";
  }
  const auto start = std::chrono::steady_clock::now();
  const std::string a = fold(simplified);
  const std::string b = fold(traditional);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(a, b);
  EXPECT_LT(elapsed, std::chrono::seconds(3));
}

TEST(NormalizeFold, ThreadsEachUseTheirOwnTransliterator) {
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&results, t] {
      for (int i = 0; i < 200; ++i) results[t] = fold("二、主動公開政府資訊情況");
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& r : results) EXPECT_EQ(r, fold("二、主動公開政府資訊情況"));
  EXPECT_EQ(results[0].rfind("二、主动公开", 0), 0u);
}

TEST(NormalizeDocument, FillsParagraphsWithNumberingAndCells) {
  Document document;
  Paragraph heading;
  heading.numbering = "一、";
  heading.text = "總體情況";
  document.paragraphs.push_back(heading);
  Table table;
  table.columns = 1;
  Cell cell;
  cell.text = "自 然 人";
  table.rows.push_back({cell});
  document.tables.push_back(table);

  normalize(document);
  EXPECT_EQ(document.paragraphs[0].folded, "一、总体情况");
  EXPECT_EQ(document.paragraphs[0].key, "一总体情况");
  EXPECT_EQ(document.paragraphs[0].text, "總體情況");  // raw is never changed
  EXPECT_EQ(document.tables[0].rows[0][0].folded, "自 然 人");
  EXPECT_EQ(document.tables[0].rows[0][0].key, "自然人");
}

}  // namespace
}  // namespace xxgknb
