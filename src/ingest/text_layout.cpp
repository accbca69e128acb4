// Stage 1, ingest (text): tells the shapes of PDF-extracted text — page numbers between the
// rows of a table, labels wrapped over lines before their values — by named criteria.
#include "ingest/text_layout.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ingest/text_space.h"

namespace xxgknb {
namespace {

// A wrapped label is at most this many lines: the longest label of the templates
// ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 37 code points)
// printed four or five code points to a line in a narrow PDF column.
constexpr std::size_t kMaxWrappedLabelLines = 8;
// A line of a wrapped label is at most this long (in code points): a table's label column
// is narrower than the page, whose prose lines run to 30 and more in -raw text, but a
// -layout line keeps the indentation and the "（二）部分公开（区分处理的，只计这一情形，不" of a
// wide column (24).
constexpr std::size_t kMaxFragmentCodePoints = 40;
// A running header or a repeated table header is at least this long and at most this long
// (in code points): "（七）总计" and "结果" repeat within a table, and prose is longer.
constexpr std::size_t kMinRepeatedCodePoints = 4;
constexpr std::size_t kMaxRepeatedCodePoints = 80;
// A table header is printed again at most this many blocks after its first printing.
constexpr std::size_t kRepeatedHeaderReach = 64;
// A wrapped label joined is at most this long (in code points): the longest label with the
// annotations reports add to it.
constexpr std::size_t kMaxJoinedLabelCodePoints = 64;

// " ", "\t", "\f", "\v", "\r", U+00A0 and U+3000 at either end.
std::string_view trim(std::string_view s) {
  static constexpr std::array<std::string_view, 7> kSpaces = {
      " ", "\t", "\f", "\v", "\r", "\xC2\xA0", "\xE3\x80\x80"};
  return trim_any(s, kSpaces);
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool full_match(std::string_view s, const RE2& re) {
  return RE2::FullMatch(re2::StringPiece(s.data(), s.size()), re);
}

// "67 3 0 0 1 0 71", "   9    0    0", "0.35", "-": a line of values and nothing else.
bool is_values_only(std::string_view t) {
  static const RE2 kValues(R"((?:(?:\d[\d,]*(?:\.\d+)?|[-—–－/]|无)\s*)+)");
  return !t.empty() && t.size() <= 4096 && full_match(t, kValues);
}

// "1、申请人…", "2.没有…", "3．", "（六）其", "(六)": the first line of a sub-row's label. "三、…"
// is not: it also opens the section headings, which short lines of a table header follow.
bool opens_with_enumerator(std::string_view t) {
  static const RE2 kEnumerator(
      R"((?:\d{1,2}\s*[.、．]|[（(][一二三四五六七八九十]{1,3}[)）])[^\d.].*)");
  return t.size() <= 4096 && full_match(t, kEnumerator);
}

// A line that may be one piece of a wrapped label: short, no value at its end, no sentence
// ending in it. "正、", "行政机关不再处理其政府信", "息公开申请" are; "行政许可 447228" and
// "均在法定期限答复。" are not.
bool is_label_fragment(std::string_view t) {
  static const RE2 kEndsWithValue(R"(.*[\s\p{Han}）)]\d[\d,.]*)");
  const bool short_enough = code_points(t) <= kMaxFragmentCodePoints;
  const bool ends_no_sentence = t.find("。") == std::string_view::npos &&
                                t.find("；") == std::string_view::npos;
  const bool has_no_value = !full_match(t, kEndsWithValue);
  const bool has_text = !t.empty() && !is_values_only(t);
  return short_enough && ends_no_sentence && has_no_value && has_text;
}

// A line that may be a running header or a table header: of the length of one, and no line
// of values.
bool may_repeat(std::string_view t) {
  const std::size_t n = code_points(t);
  return n >= kMinRepeatedCodePoints && n <= kMaxRepeatedCodePoints && !is_values_only(t);
}

// "规章 0 0 0", "行政许可 447228", "| 规章 | 22 |" (a table block): a row of a table.
bool is_table_row(const Document& doc, const Block& block) {
  static const RE2 kEndsWithValue(R"(.*[\s\p{Han}）)]\d[\d,.]*)");
  if (block.kind == Block::Kind::Table) return true;
  const std::string_view t = trim(doc.paragraphs[static_cast<std::size_t>(block.index)].text);
  return is_values_only(t) || (t.size() <= 4096 && full_match(t, kEndsWithValue));
}

// Whether the paragraph's line opens a page of pdftotext's output ("\f" before its text).
bool opens_page(const Document& doc, const Paragraph& p) {
  if (p.source.offset <= 0 || static_cast<std::size_t>(p.source.offset) > doc.text.size()) return false;
  const std::string_view before(doc.text.data(), static_cast<std::size_t>(p.source.offset));
  const std::size_t line_start = before.rfind('\n');
  const std::string_view lead = before.substr(line_start == std::string_view::npos ? 0 : line_start + 1);
  return lead.find('\f') != std::string_view::npos;
}

}  // namespace

void tag_page_furniture(Document& doc) {
  const std::vector<Block>& blocks = doc.blocks;
  auto paragraph = [&](std::size_t b) -> Paragraph* {
    if (blocks[b].kind != Block::Kind::Paragraph) return nullptr;
    const auto i = static_cast<std::size_t>(blocks[b].index);
    return i < doc.paragraphs.size() ? &doc.paragraphs[i] : nullptr;
  };
  // Page breaks: before a page number's block, or before a line "\f" opens.
  std::vector<bool> break_before(blocks.size() + 1, false);
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const Paragraph* p = paragraph(b);
    if (p == nullptr) continue;
    if (p->furniture == "page_number") break_before[b] = break_before[b + 1] = true;
    if (opens_page(doc, *p)) break_before[b] = true;
  }

  // Running headers: the line on either side of a page break, alike at two breaks or more.
  std::map<std::string, std::set<std::size_t>> edge_blocks;  // text → blocks at a break
  std::map<std::string, std::set<std::size_t>> edge_breaks;  // text → the breaks it stands at
  auto edge = [&](std::size_t b, std::size_t at_break) {
    const Paragraph* p = paragraph(b);
    if (p == nullptr || !p->furniture.empty()) return;
    const std::string t(trim(p->text));
    if (!may_repeat(t) || is_table_row(doc, blocks[b])) return;  // "（七）总计 40 0 …" is a row
    edge_blocks[t].insert(b);
    edge_breaks[t].insert(at_break);
  };
  for (std::size_t b = 1; b < blocks.size(); ++b) {
    if (!break_before[b]) continue;
    const Paragraph* p = paragraph(b);
    if (p != nullptr && p->furniture == "page_number") continue;  // the block after it is
    std::size_t before = b;                                        // the break's other side
    while (before > 0) {
      --before;
      const Paragraph* q = paragraph(before);
      if (q == nullptr || q->furniture != "page_number") break;
    }
    edge(before, b);
    edge(b, b);
  }
  int running = 0;
  for (const auto& [text, at] : edge_breaks) {
    // Printed twice, at two breaks: one line between two page numbers is at two breaks once.
    if (at.size() < 2 || edge_blocks[text].size() < 2) continue;
    for (std::size_t b : edge_blocks[text]) {
      paragraph(b)->furniture = "running_header";
      ++running;
    }
  }

  // Repeated table headers: a line printed just before a table row, printed again within
  // kRepeatedHeaderReach blocks between two table rows — where it interrupts a table; page
  // numbers and running headers between are passed over, so a header printed again at the
  // top of the next page is one. The header of each 第二十条 part ("信息内容 本年处理决定数量"
  // after "第二十条第（六）项") follows a line of text, and is the template's own.
  int repeated_headers = 0;
  std::map<std::string, std::size_t> last_before_row;  // text → its last block before a row
  bool after_row = false;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    Paragraph* p = paragraph(b);
    if (p != nullptr && !p->furniture.empty()) continue;  // page numbers, running headers
    if (is_table_row(doc, blocks[b])) {
      after_row = true;
      continue;
    }
    const bool interrupts_table = after_row;
    after_row = false;
    const bool before_row = b + 1 < blocks.size() && is_table_row(doc, blocks[b + 1]);
    const std::string t(trim(p->text));
    if (!before_row || !may_repeat(t)) continue;
    const auto earlier = last_before_row.find(t);
    const bool repeated = interrupts_table && earlier != last_before_row.end() &&
                          b - earlier->second <= kRepeatedHeaderReach;
    if (repeated) {
      p->furniture = "repeated_header";
      ++repeated_headers;
    } else {
      last_before_row[t] = b;
    }
  }
  if (running > 0 || repeated_headers > 0) {
    doc.diagnostics.push_back(
        {"text_page_furniture", Diagnostic::Severity::Info,
         std::to_string(running) + " running header or footer lines and " +
             std::to_string(repeated_headers) +
             " table header lines printed again were set aside, not read as text",
         {}});
  }
}

std::string_view page_furniture(std::string_view line) {
  // "-3-", "- 12 -", "— 4 —", "–4–", "－ 4 －"; "第 4 页", "第4页 共10页", "第 4 页/共 10 页".
  static const RE2 kPageNumber(
      R"((?:(?:-|—|–|－|―)+ ?\d{1,4} ?(?:-|—|–|－|―)+)|(?:第 ?\d{1,4} ?页(?: ?[,，/]? ?共 ?\d{1,4} ?页)?))");
  const std::string_view t = trim(line);
  if (t.size() > 40 || !full_match(t, kPageNumber)) return {};
  return "page_number";
}

std::optional<Error> WrappedLabelJoiner::push(const TextLine& line) {
  const std::string_view t = trim(line.text);
  const bool furniture = !page_furniture(t).empty();  // "— 4 —" is no line of values
  const bool values_only = !furniture && is_values_only(t);
  const bool fragment = !furniture && !values_only && is_label_fragment(t);
  if (fragment) {
    pending_.push_back(line);
    if (pending_.size() > kMaxWrappedLabelLines) {
      const TextLine oldest = pending_.front();
      pending_.pop_front();
      if (auto error = emit_(oldest, oldest)) return error;
    }
    return std::nullopt;
  }
  if (values_only && pending_.size() >= 2) {
    // The last line that opens with an enumerator starts the label the values belong to;
    // the fragments before it are paragraphs of their own ("（六）其", "他处理").
    std::size_t open = pending_.size();
    for (std::size_t i = pending_.size(); i-- > 0;) {
      if (opens_with_enumerator(trim(pending_[i].text))) {
        open = i;
        break;
      }
    }
    std::size_t joined = 0;
    for (std::size_t i = open; i < pending_.size(); ++i) joined += code_points(trim(pending_[i].text));
    if (open + 1 < pending_.size() && joined <= kMaxJoinedLabelCodePoints) {
      for (std::size_t i = 0; i < open; ++i) {
        if (auto error = emit_(pending_[i], pending_[i])) return error;
      }
      const TextLine first = pending_[open];
      const TextLine last = pending_.back();
      pending_.clear();
      if (auto error = emit_(first, last)) return error;
    }
  }
  if (auto error = flush()) return error;
  return emit_(line, line);
}

std::optional<Error> WrappedLabelJoiner::flush() {
  while (!pending_.empty()) {
    const TextLine line = pending_.front();
    pending_.pop_front();
    if (auto error = emit_(line, line)) return error;
  }
  return std::nullopt;
}

}  // namespace xxgknb
