// Stage 1, ingest (text): reads the text a web crawler keeps of a page (the 平潭 archive's
// page.txt): its "标题: …" header, and a body whose every line may hold a whole report —
// sentences, headings and tables run together, each table cell glued to the next.
//
//   "标题: 平潭综合实验区2025年度政府信息公开工作年度报告"  → a paragraph (the title)
//   "发布机构: 平潭综合实验区管委会办公室"                → Document::properties, and
//                                                          page_fields["publisher"]
//   "发布时间: 2026-03-10 12:56"                           → page_fields["published_date"]
//   "==================== 正文 ===================="      the body follows
//   "…做优做实。二、主动公开政府信息情况第二十条第（一）项信息内容…规章000行政规范性文件5845546…"
//     → "…做优做实。" | "二、主动公开政府信息情况" | a glued_text table:
//       ["第二十条第（一）项信息内容…规章", "000"], ["行政规范性文件", "5845546"], …
#include "ingest/text_web.h"

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ingest/grid_builder.h"
#include "ingest/page_fields.h"

#include "ingest/text_space.h"
#include "util/limit_error.h"

namespace xxgknb {
namespace {

// The header's rule is looked for within this many lines of the top.
constexpr int kMaxHeaderLines = 24;
// A heading "二、主动公开政府信息情况" ends at "情况" or "事项" within this many code points of
// its number; the national headings have at most 25.
constexpr std::size_t kMaxHeadingCodePoints = 40;

constexpr std::string_view kFullStop = "\xE3\x80\x82";  // "。"
constexpr std::string_view kIdeographicComma = "\xE3\x80\x81";  // "、"

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::size_t char_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;  // a stray continuation byte: step over it alone
}

// " ", "\t", "\r", U+00A0 and U+3000 at either end.
std::string_view trim(std::string_view s) {
  static constexpr std::array<std::string_view, 5> kSpaces = {" ", "\t", "\r", "\xC2\xA0",
                                                              "\xE3\x80\x80"};
  return trim_any(s, kSpaces);
}

// "一、" … "十、": the number of a top-level heading, at byte i of s.
bool heading_number_at(std::string_view s, std::size_t i) {
  static constexpr std::array<std::string_view, 10> kNumbers = {
      "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  for (const std::string_view n : kNumbers) {
    if (s.substr(i).starts_with(n) && s.substr(i + n.size()).starts_with(kIdeographicComma)) {
      return true;
    }
  }
  return false;
}

// The last character before byte i that is not a space, or "" at the start.
std::string_view previous_char(std::string_view s, std::size_t i) {
  while (i > 0) {
    std::size_t start = i - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    const std::string_view c = s.substr(start, i - start);
    if (c != " " && c != "\xE3\x80\x80" && c != "\xC2\xA0") return c;
    i = start;
  }
  return {};
}

// Where a heading that starts at byte i ends: after the last "情况" or "事项" close behind its
// number and before a digit, "，" or "。" ("二、主动公开政府信息情况第二十条…" → after "情况";
// "四、审批事项及处理情况 我局…" → after "情况"; a space after one ends it too). After a sentence (`after_sentence`) a space
// also ends it ("。 一、概述 推进…"); after a value it does not, for a row label breaks there
// ("0000000三、本年度办 理结果…"). npos when nothing ends it: "三、本年度办理结果（一）予以公开
// 330000033" is a row label, not a heading.
std::size_t heading_end(std::string_view s, std::size_t i, bool after_sentence) {
  std::size_t code_points = 0;
  std::size_t end = std::string_view::npos;
  std::size_t text_chars = 0;  // characters of the heading's words, past "一、" and spaces
  for (std::size_t j = i; j < s.size() && code_points < kMaxHeadingCodePoints; ++code_points) {
    const std::string_view rest = s.substr(j);
    if (rest.starts_with("情况") || rest.starts_with("事项")) end = j + std::string_view("情况").size();
    if (is_digit(s[j]) || rest.starts_with(kFullStop) || rest.starts_with("，")) break;
    const bool space = s[j] == ' ' || rest.starts_with("\xE3\x80\x80");
    if (space && end != std::string_view::npos) return end;  // "…事项 本年度无…事项。"
    if (space && after_sentence && text_chars >= 2) return j;
    if (!space && code_points >= 2) ++text_chars;
    j += char_length(static_cast<unsigned char>(s[j]));
  }
  return end;
}

// A digit that numbers the label after it rather than ending a value: "2.其他法律…" in
// "00000002.其他法律…", but not the "4166.2" of "4166.241619".
bool enumerator_at(std::string_view s, std::size_t i) {
  if (!is_digit(s[i]) || i + 1 >= s.size()) return false;
  const bool point = s[i + 1] == '.' || s.substr(i + 1).starts_with("．") ||
                     s.substr(i + 1).starts_with(kIdeographicComma);
  if (!point) return false;
  const std::size_t after = s[i + 1] == '.' ? i + 2 : i + 4;
  return after < s.size() && !is_digit(s[after]);
}

enum class PieceKind { Text, Heading, Glued };

struct Piece {
  std::string_view text;  // a view of Document::text
  PieceKind kind = PieceKind::Text;
};

// Cuts one body line into sentences, headings and glued stretches. A cut falls after "。",
// and before a heading number ("二、") where a sentence or a value ends ("。二、", "630003五、",
// "…00 四、", "432.52元三、") or the line starts; a heading ends after its "情况"/"事项". A stretch that ends
// in a digit (or a digit and "元") is glued table text: prose ends with "。".
std::vector<Piece> cut_line(std::string_view line) {
  std::vector<Piece> pieces;
  auto emit = [&](std::size_t begin, std::size_t end, PieceKind kind) {
    const std::string_view t = trim(line.substr(begin, end - begin));
    if (t.empty()) return;
    // "…政府集中采购13575394432.52元": a value and its unit end the stretch.
    std::string_view value_end = t;
    if (value_end.ends_with("元")) value_end.remove_suffix(std::string_view("元").size());
    const bool ends_in_digit = !value_end.empty() && is_digit(value_end.back());
    pieces.push_back({t, kind == PieceKind::Heading ? kind
                         : ends_in_digit            ? PieceKind::Glued
                                                    : PieceKind::Text});
  };
  std::size_t begin = 0;
  std::size_t i = 0;
  while (i < line.size()) {
    if (line.substr(i).starts_with(kFullStop)) {
      i += kFullStop.size();
      emit(begin, i, PieceKind::Text);
      begin = i;
      continue;
    }
    if (heading_number_at(line, i)) {
      const std::string_view before = previous_char(line, i);
      // "…432.52元三、收到和处理…": a value with its unit ends there too.
      const bool after_sentence_or_value = before.empty() || before == kFullStop ||
                                           before == "元" ||
                                           (before.size() == 1 && is_digit(before[0]));
      const bool after_sentence = before.empty() || before == kFullStop;
      const std::size_t end =
          after_sentence_or_value ? heading_end(line, i, after_sentence) : std::string_view::npos;
      if (end != std::string_view::npos) {
        emit(begin, i, PieceKind::Text);
        emit(i, end, PieceKind::Heading);
        begin = i = end;
        continue;
      }
      if (after_sentence_or_value) {
        // "0000000三、本年度办理结果…": a row label, glued to the value before it.
        emit(begin, i, PieceKind::Text);
        begin = i;
      }
    }
    i += char_length(static_cast<unsigned char>(line[i]));
  }
  emit(begin, line.size(), PieceKind::Text);
  return pieces;
}

struct GluedRow {
  std::string_view label;
  std::string_view run;  // digits and the spaces between them, as printed
};

// "规章000行政规范性文件5845546" → ("规章", "000"), ("行政规范性文件", "5845546"). A run is
// digits with spaces, a decimal point or a minus sign between them; it ends before a digit that numbers
// the next label ("00000002.其他…" → "0000000", then "2.其他…").
std::vector<GluedRow> glued_rows(std::string_view piece) {
  std::vector<GluedRow> rows;
  std::size_t label_begin = 0;
  std::size_t i = 0;
  while (i < piece.size()) {
    if (!is_digit(piece[i]) || enumerator_at(piece, i)) {
      i += enumerator_at(piece, i) ? 1 : char_length(static_cast<unsigned char>(piece[i]));
      continue;
    }
    const std::size_t run_begin = i;
    std::size_t run_end = i;
    while (i < piece.size()) {
      if (enumerator_at(piece, i)) break;
      if (is_digit(piece[i])) {
        run_end = ++i;
      } else if ((piece[i] == ' ' || piece[i] == '.' || piece[i] == '-') && i + 1 < piece.size()) {
        ++i;  // "230 000023", "4166.241619", "2648-18538": only kept when a digit follows
      } else {
        break;
      }
    }
    i = run_end;
    rows.push_back({trim(piece.substr(label_begin, run_begin - label_begin)),
                    piece.substr(run_begin, run_end - run_begin)});
    label_begin = i;
  }
  return rows;
}

class DumpReader {
 public:
  DumpReader(Document& doc, const Limits& limits, const Deadline& deadline)
      : doc_(doc), limits_(limits), deadline_(deadline), text_(doc.text) {}

  std::optional<Error> run() {
    std::size_t pos = 0;
    std::int64_t number = 0;
    bool in_body = false;
    while (pos < text_.size()) {
      std::size_t end = text_.find('\n', pos);
      if (end == std::string_view::npos) end = text_.size();
      const std::string_view line = text_.substr(pos, end - pos);
      ++number;
      pos = end + 1;
      if (deadline_.expired()) {
        return limit_error("max_milliseconds",
                     "reading the text took longer than " +
                         std::to_string(limits_.max_milliseconds) + " ms");
      }
      std::optional<Error> error;
      if (in_body) {
        error = read_body_line(line, number);
      } else if (is_body_rule(line)) {
        in_body = true;
      } else {
        error = read_header_line(line, number);
      }
      if (error) return error;
    }
    doc_.page_fields = in_page_field_order(fields_);
    return std::nullopt;
  }

  static bool is_body_rule(std::string_view line) {
    const std::string_view t = trim(line);
    return t.starts_with("====") && t.find("正文") != std::string_view::npos;
  }

 private:
  // "标题: …" is the title; "发布机构: …", "发布时间: …", "文号: " and the rest are kept as
  // properties; a line without a colon ("页面链接与图片详见 links.tsv(同目录)") is dropped.
  // The title and the labels a page prints its own fields under ("发布机构", "发布时间",
  // "文号", "索引号", "来源", …) are also the page's fields, when they hold a value: the
  // first of each.
  std::optional<Error> read_header_line(std::string_view line, std::int64_t number) {
    std::size_t colon = line.find(':');
    std::size_t colon_size = 1;
    const std::size_t wide = line.find("：");
    if (wide != std::string_view::npos && wide < colon) {
      colon = wide;
      colon_size = std::string_view("：").size();
    }
    if (colon == std::string_view::npos) return std::nullopt;
    const std::string_view name = trim(line.substr(0, colon));
    const std::string_view value = trim(line.substr(colon + colon_size));
    const std::string_view key = name == "标题" ? "article_title" : page_field_key(name);
    if (!key.empty() && !value.empty()) add_page_field(key, name, value, number);
    if (name == "标题") return value.empty() ? std::nullopt : add_paragraph(value, number);
    Property p;
    p.name = std::string(name);
    p.value = std::string(value);
    p.source = span(value.empty() ? line.substr(colon + colon_size) : value, number);
    doc_.properties.push_back(std::move(p));
    return std::nullopt;
  }

  void add_page_field(std::string_view key, std::string_view label, std::string_view value,
                      std::int64_t number) {
    for (const PageField& f : fields_) {
      if (f.key == key) return;
    }
    PageField f;
    f.key = std::string(key);
    f.value = std::string(value);
    f.source = "header " + std::string(label);
    f.where = span(value, number);
    fields_.push_back(std::move(f));
  }

  std::optional<Error> read_body_line(std::string_view line, std::int64_t number) {
    const std::vector<Piece> pieces = cut_line(line);
    std::vector<GluedRow> rows;
    for (std::size_t k = 0; k < pieces.size(); ++k) {
      const Piece& piece = pieces[k];
      if (piece.kind == PieceKind::Glued) {
        for (const GluedRow& row : glued_rows(piece.text)) rows.push_back(row);
        continue;
      }
      if (auto error = add_table(rows, number)) return error;
      rows.clear();
      if (auto error = add_paragraph(piece.text, number)) return error;
    }
    return add_table(rows, number);
  }

  SourceSpan span(std::string_view piece, std::int64_t number) const {
    SourceSpan s;
    s.line = number;
    s.offset = static_cast<std::int64_t>(piece.data() - text_.data());
    s.length = static_cast<std::int64_t>(piece.size());
    return s;
  }

  std::optional<Error> add_paragraph(std::string_view text, std::int64_t number) {
    if (doc_.paragraphs.size() >= limits_.max_paragraphs) {
      return limit_error("max_paragraphs",
                   "the text has more than " + std::to_string(limits_.max_paragraphs) +
                       " paragraphs (max_paragraphs); line " + std::to_string(number));
    }
    Paragraph p;
    p.text = std::string(text);
    p.source = span(text, number);
    doc_.blocks.push_back({Block::Kind::Paragraph, static_cast<int>(doc_.paragraphs.size())});
    doc_.paragraphs.push_back(std::move(p));
    return std::nullopt;
  }

  std::optional<Error> add_table(const std::vector<GluedRow>& rows, std::int64_t number) {
    if (rows.empty()) return std::nullopt;
    const std::uint64_t cells = 2 * static_cast<std::uint64_t>(rows.size());
    if (cells > limits_.max_table_cells) {
      return limit_error("max_table_cells",
                   "the glued table on line " + std::to_string(number) + " has more than " +
                       std::to_string(limits_.max_table_cells) + " cells (max_table_cells)");
    }
    if (document_cells_ + cells > limits_.max_document_cells) {
      return limit_error("max_document_cells",
                   "the tables up to line " + std::to_string(number) + " have more than " +
                       std::to_string(limits_.max_document_cells) +
                       " cells together (max_document_cells)");
    }
    GridBuilder builder(limits_.max_table_cells);
    for (const GluedRow& row : rows) {
      builder.begin_row();
      builder.add_cell(std::string(row.label), 1, GridBuilder::VMerge::None, span(row.label, number));
      builder.add_cell(std::string(row.run), 1, GridBuilder::VMerge::None, span(row.run, number));
    }
    Table table;
    table.index = static_cast<int>(doc_.tables.size());
    if (!builder.build(table)) {
      return limit_error("max_table_cells",
                   "the glued table on line " + std::to_string(number) +
                       " is too large (max_table_cells)");
    }
    document_cells_ += cells;
    table.origin = "glued_text";
    const char* first = rows.front().label.data();
    const char* last = rows.back().run.data() + rows.back().run.size();
    table.source = span(std::string_view(first, static_cast<std::size_t>(last - first)), number);
    doc_.blocks.push_back({Block::Kind::Table, table.index});
    doc_.tables.push_back(std::move(table));
    return std::nullopt;
  }

  Document& doc_;
  const Limits& limits_;
  const Deadline& deadline_;
  std::string_view text_;
  std::uint64_t document_cells_ = 0;
  std::vector<PageField> fields_;  // the header's page fields, in input order
};

}  // namespace

bool is_crawler_dump(std::string_view text) {
  const bool titled = text.starts_with("标题:") || text.starts_with("标题：");
  if (!titled) return false;
  std::size_t pos = 0;
  for (int n = 0; n < kMaxHeaderLines && pos < text.size(); ++n) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    if (DumpReader::is_body_rule(text.substr(pos, end - pos))) return true;
    pos = end + 1;
  }
  return false;
}

std::optional<Error> read_crawler_dump(Document& doc, const Limits& limits,
                                       const Deadline& deadline) {
  return DumpReader(doc, limits, deadline).run();
}

}  // namespace xxgknb
