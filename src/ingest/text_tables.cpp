// Stage 1, ingest (text): tells paragraphs from tables that text extractors flattened, in one
// pass over the lines, and rebuilds those tables with GridBuilder (templates.md §6.5).
//
//   tika_text  "\t第二十条第（一）项\n\n\t信息内容\n\t本年制发件数\n\n": one cell per line after a
//              tab; a blank line ends a row; a line without a tab right after a cell line
//              continues that cell ("\t结果" + "纠正" → "结果\n纠正").
//   pipe_text  "| 规章 | 5 | 0 | 12 |": one row per line; "|---|:--:|" rows, lone "|" lines
//              and blank lines between rows are dropped.
//   tab_text   "规章\t0\t0\t0": one row per line.
//   drawn_text "┌──┬──┐" / "+---+---+" then "│ 规章 │ 2 │" rows: a grid a browser drew (w3m, an
//              ASCII grid); pandoc's "------ ------" column rules: columns by position
//              (ingest/text_drawn).
// Everything else is a paragraph per line, except what text_layout tells apart: a label that a
// PDF text extractor wrapped over lines is one paragraph, and a page number is tagged. A
// crawler's dump ("标题: …" and a "==== 正文 ====" rule) is read by ingest/text_web instead.
#include "ingest/text_tables.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/grid_builder.h"
#include "ingest/text_drawn.h"
#include "ingest/text_layout.h"
#include "ingest/text_web.h"

#include "ingest/text_space.h"
#include "util/limit_error.h"

namespace xxgknb {
namespace {

// The deadline is read once per this many lines.
constexpr std::uint64_t kLinesPerDeadlineCheck = 1024;
// A Tika cell longer than this (in code points) reads like a paragraph, not a table cell;
// the longest labels of the national templates have about 35.
constexpr std::size_t kMaxShortCellCodePoints = 60;
// A multi-line pandoc table's header (between its "------" and its column rule) has at most
// this many lines.
constexpr int kMaxColumnHeaderLines = 8;

struct Line {
  std::int64_t number = 0;  // 1-based
  std::size_t offset = 0;   // byte offset in Document::text
  std::size_t length = 0;   // bytes, without the '\n'
};

// Walks the lines of a text and can go back to a mark. Once the deadline has passed it
// behaves as if the text had ended, and says so in timed_out().
class LineCursor {
 public:
  struct Mark {
    std::size_t pos = 0;
    std::int64_t number = 0;
  };

  LineCursor(std::string_view text, const Deadline& deadline)
      : text_(text), deadline_(deadline) {}

  bool next(Line& out) {
    if (pos_ >= text_.size() || timed_out_) return false;
    if (++steps_ % kLinesPerDeadlineCheck == 0 && deadline_.expired()) {
      timed_out_ = true;
      return false;
    }
    std::size_t end = text_.find('\n', pos_);
    if (end == std::string_view::npos) end = text_.size();
    out = Line{++number_, pos_, end - pos_};
    pos_ = std::min(end + 1, text_.size());
    return true;
  }

  Mark mark() const { return Mark{pos_, number_}; }
  void restore(Mark m) {
    pos_ = m.pos;
    number_ = m.number;
  }
  bool timed_out() const { return timed_out_; }
  std::string_view view(const Line& line) const {
    return text_.substr(line.offset, line.length);
  }

 private:
  std::string_view text_;
  const Deadline& deadline_;
  std::size_t pos_ = 0;
  std::int64_t number_ = 0;
  std::uint64_t steps_ = 0;
  bool timed_out_ = false;
};

// " ", "\t", "\f", "\v", U+00A0 and U+3000 at either end.
std::string_view trim(std::string_view s) {
  static constexpr std::array<std::string_view, 6> kSpaces = {
      " ", "\t", "\f", "\v", "\xC2\xA0", "\xE3\x80\x80"};
  return trim_any(s, kSpaces);
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Calls f with every piece of `s` between separators (one piece when there is none).
template <typename F>
void for_each_field(std::string_view s, char separator, F&& f) {
  std::size_t start = 0;
  while (true) {
    const std::size_t end = s.find(separator, start);
    if (end == std::string_view::npos) {
      f(s.substr(start));
      return;
    }
    f(s.substr(start, end - start));
    start = end + 1;
  }
}

// How many pieces of `s` between separators hold text, counting up to `enough` only, so a
// line of 20 MiB of pipes or tabs costs one scan.
std::size_t fields_with_text(std::string_view s, char separator, std::size_t enough) {
  const char blank_or_separator[] = {' ', '\t', '\f', '\v', separator, '\0'};
  if (s.find_first_not_of(blank_or_separator) == std::string_view::npos) return 0;
  std::size_t found = 0;
  std::size_t start = 0;
  while (found < enough) {
    const std::size_t end = s.find(separator, start);
    if (!trim(s.substr(start, end == std::string_view::npos ? end : end - start)).empty()) {
      ++found;
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return found;
}

// "[bookmark: _GoBack]按照…" → "按照…": Tika's rendering of a Word bookmark.
std::string strip_bookmarks(std::string_view s) {
  std::string out(s);
  if (s.find("[bookmark: ") == std::string_view::npos) return out;
  static const RE2 kBookmark(R"(\[bookmark: [^\]\n]*\])");
  RE2::GlobalReplace(&out, kBookmark, "");
  return out;
}

// "| a | b |" → " a | b ", "a | b" → "a | b": the pipes at either end are optional.
std::string_view pipe_row_body(std::string_view line) {
  std::string_view t = trim(line);
  if (t.starts_with('|')) t.remove_prefix(1);
  if (t.ends_with('|')) t.remove_suffix(1);
  return t;
}

enum class Shape { Blank, TikaCell, GridRule, ColumnRule, LonePipe, PipeRow, TabRow, Text };

// The one place that says what a line looks like; the table readers decide from runs of
// shapes. Pipe beats tab: "| 规章\t| 0 |" is a pipe row.
Shape shape_of(std::string_view line) {
  const std::string_view t = trim(line);
  const bool starts_with_tab = line.starts_with('\t');
  const bool blank = t.empty() && !starts_with_tab;  // "", "   ", "\u00a0"
  const bool lone_pipe = t == "|";                      // §6.5.5 "|" on every other line
  const auto pipes = static_cast<std::size_t>(std::count(t.begin(), t.end(), '|'));
  const bool pipe_at_edge = t.starts_with('|') || t.ends_with('|');
  // "| 信息内容 | 本年处理决定数量 | ||", "规章 | 5 | 0", but not "网址 a|b 可用"
  const bool looks_piped = pipes > 0 && !lone_pipe && (pipe_at_edge || pipes >= 2);
  const bool tab_separated = !starts_with_tab && t.find('\t') != std::string_view::npos &&
                             fields_with_text(line, '\t', 2) >= 2;  // "规章\t0\t0\t0"

  if (blank) return Shape::Blank;
  if (starts_with_tab) return Shape::TikaCell;  // "\t信息内容", "\t" (an empty cell)
  if (is_grid_top_rule(t)) return Shape::GridRule;  // "┌──┬──┐", "+----+----+"
  if (is_column_rule(t) || is_full_rule(t)) return Shape::ColumnRule;  // "---- ----", "------"
  if (lone_pipe) return Shape::LonePipe;
  if (looks_piped) return Shape::PipeRow;
  if (tab_separated) return Shape::TabRow;
  return Shape::Text;
}

struct PipeRowFacts {
  std::size_t cells = 0;
  bool has_text = false;
  bool boxed = false;      // "| … |"
  bool separator = false;  // "|---|:--:|"
};

PipeRowFacts pipe_row_facts(std::string_view line) {
  static const RE2 kSeparator(R"(\|?(\s*:?-+:?\s*\|)*\s*:?-+:?\s*\|?)");
  PipeRowFacts facts;
  const std::string_view t = trim(line);
  const std::string_view body = pipe_row_body(line);
  facts.boxed = t.size() >= 2 && t.starts_with('|') && t.ends_with('|');
  facts.cells = static_cast<std::size_t>(std::count(body.begin(), body.end(), '|')) + 1;
  facts.has_text = fields_with_text(body, '|', 1) > 0;
  facts.separator = t.find("--") != std::string_view::npos && RE2::FullMatch(t, kSeparator);
  return facts;
}

Error too_many_cells(const Line& line, std::uint64_t limit) {
  return limit_error("max_table_cells",
               "the table starting at line " + std::to_string(line.number) + " has more than " +
                   std::to_string(limit) + " cells (max_table_cells)");
}

class TextReader {
 public:
  TextReader(Document& doc, const Limits& limits, const Deadline& deadline)
      : doc_(doc),
        limits_(limits),
        text_(doc.text),
        cursor_(text_, deadline),
        plain_lines_([this](const TextLine& first, const TextLine& last) {
          return add_paragraph(first, last);
        }) {}

  std::optional<Error> run() {
    while (true) {
      const LineCursor::Mark start = cursor_.mark();
      Line line;
      if (!cursor_.next(line)) break;
      std::optional<Error> error;
      Shape shape = shape_of(cursor_.view(line));
      // "信息内容  本年制发件数" over "--------  ----------": a pandoc table's header line.
      if (shape == Shape::Text && next_is_column_rule()) shape = Shape::ColumnRule;
      if (shape != Shape::Text) error = plain_lines_.flush();
      if (error) return error;
      switch (shape) {
        case Shape::Blank:
          break;
        case Shape::TikaCell:
          error = read_tika(start);
          break;
        case Shape::GridRule:
          error = read_grid(start);
          break;
        case Shape::ColumnRule:
          error = read_columns(start);
          break;
        case Shape::LonePipe:
        case Shape::PipeRow:
          error = read_pipe(start);
          break;
        case Shape::TabRow:
          error = read_tab(start);
          break;
        case Shape::Text:
          error = plain_lines_.push(TextLine{line.number, cursor_.view(line)});
          break;
      }
      if (error) return error;
    }
    if (auto error = plain_lines_.flush()) return error;
    if (cursor_.timed_out()) {
      return limit_error("max_milliseconds",
                   "reading the text took longer than " +
                       std::to_string(limits_.max_milliseconds) + " ms");
    }
    return std::nullopt;
  }

 private:
  using Mark = LineCursor::Mark;

  // Tika: cells are lines after a tab, rows end at a blank line, and the table ends where a
  // blank line is followed by a line without a tab.
  std::optional<Error> read_tika(Mark start) {
    struct CellLines {
      Line first;
      Line last;  // continuation lines run from first to last
    };
    cursor_.restore(start);
    std::vector<std::vector<CellLines>> rows(1);
    std::uint64_t cells = 0;
    bool in_cell = false;
    Line line;
    while (true) {
      const Mark before = cursor_.mark();
      if (!cursor_.next(line)) break;
      const Shape shape = shape_of(cursor_.view(line));
      if (shape == Shape::TikaCell) {
        if (++cells > limits_.max_table_cells) {
          return too_many_cells(line, limits_.max_table_cells);
        }
        rows.back().push_back({line, line});
        in_cell = true;
      } else if (shape == Shape::Blank) {
        if (!rows.back().empty()) rows.emplace_back();
        in_cell = false;
      } else if (in_cell) {
        rows.back().back().last = line;  // "\t结果" + "纠正"
      } else {
        cursor_.restore(before);
        break;
      }
    }
    if (rows.back().empty()) rows.pop_back();
    const Mark end = cursor_.mark();

    std::vector<std::vector<std::string>> texts;
    std::size_t widest_row = 0;
    std::size_t cells_with_text = 0;
    std::size_t short_cells = 0;
    for (const auto& row : rows) {
      widest_row = std::max(widest_row, row.size());
      auto& row_texts = texts.emplace_back();
      for (const CellLines& cell : row) {
        row_texts.push_back(tika_cell_text(cell.first, cell.last));
        if (row_texts.back().empty()) continue;
        ++cells_with_text;
        if (code_points(row_texts.back()) <= kMaxShortCellCodePoints) ++short_cells;
      }
    }
    const bool has_two_rows = rows.size() >= 2;
    const bool has_multi_cell_row = widest_row >= 2;
    const bool has_text = cells_with_text > 0;
    const bool cells_mostly_short = short_cells * 2 >= cells_with_text;  // not tab-indented prose
    if (!(has_two_rows && has_multi_cell_row && has_text && cells_mostly_short)) {
      return add_paragraphs_between(start, end);
    }

    // The text does not say which grid column a cell sits in: rows are left-aligned.
    GridBuilder builder(limits_.max_table_cells);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      builder.begin_row();
      for (std::size_t c = 0; c < rows[r].size(); ++c) {
        builder.add_cell(std::move(texts[r][c]), 1, GridBuilder::VMerge::None,
                         trimmed_span_of(rows[r][c].first, rows[r][c].last));
      }
    }
    return add_table(builder, "tika_text", rows.front().front().first, rows.back().back().last);
  }

  // "\t结果" + "纠正" → "结果\n纠正"; "\t " → ""; bookmarks dropped.
  std::string tika_cell_text(const Line& first, const Line& last) const {
    std::string out;
    const std::string_view lines =
        text_.substr(first.offset, last.offset + last.length - first.offset);
    for_each_field(lines, '\n', [&](std::string_view piece) {
      const std::string stripped = strip_bookmarks(piece);
      const std::string_view t = trim(stripped);
      if (t.empty()) return;
      if (!out.empty()) out += '\n';
      out += t;
    });
    return out;
  }

  // Pipe rows, possibly with blank or lone "|" lines between them (§6.5.5), and a row
  // wrapped after its first pipe (§6.5.6 "| \n 第二十条第(一)项  | |||").
  std::optional<Error> read_pipe(Mark start) {
    struct PipeRow {
      Line line;
      bool separator = false;
    };
    cursor_.restore(start);
    std::vector<PipeRow> rows;
    std::uint64_t cells = 0;
    std::size_t content_rows = 0;
    std::size_t boxed_content_rows = 0;
    std::size_t widest_row = 0;
    bool after_lone_pipe = false;
    Line line;
    while (true) {
      const Mark before = cursor_.mark();
      if (!cursor_.next(line)) break;
      const std::string_view view = cursor_.view(line);
      const Shape shape = shape_of(view);
      // "| " then "第二十条 | 5": the second line is a row even with one inner pipe.
      const bool wrapped_row = after_lone_pipe && shape == Shape::Text &&
                               view.find('|') != std::string_view::npos;
      after_lone_pipe = shape == Shape::LonePipe;
      if (shape == Shape::LonePipe || shape == Shape::Blank) continue;
      if (shape != Shape::PipeRow && !wrapped_row) {
        cursor_.restore(before);
        break;
      }
      // Every row holds a cell: a longer run is refused without storing it. The cells are
      // counted against the limit only once the run is known to be a table.
      if (rows.size() >= limits_.max_table_cells) {
        return too_many_cells(line, limits_.max_table_cells);
      }
      const PipeRowFacts facts = pipe_row_facts(view);
      cells += facts.cells;
      rows.push_back({line, facts.separator});
      if (facts.separator || !facts.has_text) continue;
      ++content_rows;
      if (facts.boxed) ++boxed_content_rows;
      widest_row = std::max(widest_row, facts.cells);
    }
    const Mark end = cursor_.mark();

    const bool has_two_content_rows = content_rows >= 2;
    const bool one_boxed_row = content_rows == 1 && boxed_content_rows == 1 && widest_row >= 2;
    if (!(has_two_content_rows || one_boxed_row)) return add_paragraphs_between(start, end);
    if (cells > limits_.max_table_cells) {
      return too_many_cells(rows.front().line, limits_.max_table_cells);
    }

    GridBuilder builder(limits_.max_table_cells);
    const PipeRow* first = nullptr;
    for (const PipeRow& row : rows) {
      if (row.separator) continue;
      if (first == nullptr) first = &row;
      builder.begin_row();
      add_field_cells(builder, row.line, pipe_row_body(cursor_.view(row.line)), '|');
    }
    return add_table(builder, "pipe_text", first->line, rows.back().line);
  }

  bool next_is_column_rule() {
    const Mark here = cursor_.mark();
    Line next;
    const bool rule = cursor_.next(next) && is_column_rule(cursor_.view(next));
    cursor_.restore(here);
    return rule;
  }

  // A drawn grid: its top rule and the lines after it that start with a bar, a junction or
  // "+" ("│ 规章 │", "├──┼", "| 规章 |", "+----+").
  std::optional<Error> read_grid(Mark start) {
    cursor_.restore(start);
    std::vector<DrawnLine> lines;
    Line line;
    Line first;
    Line last;
    while (true) {
      const Mark before = cursor_.mark();
      if (!cursor_.next(line)) break;
      const std::string_view view = cursor_.view(line);
      if (!lines.empty() && !is_grid_line(view)) {
        cursor_.restore(before);
        break;
      }
      if (lines.size() >= limits_.max_table_cells) {
        return too_many_cells(line, limits_.max_table_cells);
      }
      if (lines.empty()) first = line;
      last = line;
      lines.push_back({line.number, view});
    }
    const Mark end = cursor_.mark();
    GridBuilder builder(limits_.max_table_cells);
    const DrawnResult result = build_drawn_grid(lines, text_, limits_.max_table_cells, builder);
    return add_drawn_table(result, builder, start, end, first, last);
  }

  std::optional<Error> add_drawn_table(DrawnResult result, GridBuilder& builder, Mark start,
                                       Mark end, const Line& first, const Line& last) {
    if (result == DrawnResult::TooLarge) return too_many_cells(first, limits_.max_table_cells);
    if (result == DrawnResult::NotTable) return add_paragraphs_between(start, end);
    return add_table(builder, "drawn_text", first, last);
  }

  // pandoc's plain-text tables (`pandoc -t plain`): a simple table, its column rule under a
  // header line or above and below the rows, one row per line; a multi-line one, between
  // full-width rules or column rules, its rows separated by blank lines.
  std::optional<Error> read_columns(Mark start) {
    cursor_.restore(start);
    Line line;
    cursor_.next(line);
    const Line first = line;
    std::string_view rule;
    std::vector<std::vector<DrawnLine>> rows;
    bool full = false;      // opened by "--------": closed by one too
    bool headed = false;    // a header line over the column rule: rows end at a blank line
    if (is_column_rule(cursor_.view(line))) {
      rule = cursor_.view(line);
    } else {
      full = is_full_rule(cursor_.view(line));
      headed = !full;
      std::vector<DrawnLine> header;
      if (headed) header.push_back({line.number, cursor_.view(line)});
      // "--------" then the header's lines then the column rule.
      for (int n = 0; n <= kMaxColumnHeaderLines && cursor_.next(line); ++n) {
        const std::string_view view = cursor_.view(line);
        if (is_column_rule(view)) {
          rule = view;
          break;
        }
        if (shape_of(view) == Shape::Blank || is_full_rule(view)) break;
        header.push_back({line.number, view});
      }
      if (rule.empty()) return read_as_text(start);
      if (!header.empty()) rows.push_back(std::move(header));
    }
    // The body: up to the closing rule (or, under a header, a blank line); a blank line
    // between rows makes them multi-line rows.
    std::vector<std::vector<DrawnLine>> lines_by_blank(1);
    std::vector<DrawnLine> body;
    bool blank_between = false;
    bool closed = false;
    int blanks_in_a_row = 0;
    Line last = line;
    while (true) {
      const Mark before = cursor_.mark();
      if (!cursor_.next(line)) break;
      const std::string_view view = cursor_.view(line);
      const bool blank = shape_of(view) == Shape::Blank;
      const bool closing = full ? is_full_rule(view) : is_column_rule(view);
      if (closing && !headed) {
        last = line;
        closed = true;
        break;
      }
      if (blank && (headed || ++blanks_in_a_row >= 2)) {
        cursor_.restore(before);
        break;
      }
      if (body.size() >= limits_.max_table_cells) {
        return too_many_cells(line, limits_.max_table_cells);
      }
      if (blank) {
        if (!lines_by_blank.back().empty()) lines_by_blank.emplace_back();
        blank_between = true;
        continue;
      }
      blanks_in_a_row = 0;
      last = line;
      body.push_back({line.number, view});
      lines_by_blank.back().push_back(body.back());
    }
    const Mark end = cursor_.mark();
    if (!closed && !headed) return read_as_text(start);
    if (lines_by_blank.back().empty()) lines_by_blank.pop_back();
    if (blank_between || full) {
      for (auto& group : lines_by_blank) rows.push_back(std::move(group));
    } else {
      for (const DrawnLine& l : body) rows.push_back({l});
    }
    GridBuilder builder(limits_.max_table_cells);
    const DrawnResult result =
        build_column_table(rule, rows, text_, limits_.max_table_cells, builder);
    return add_drawn_table(result, builder, start, end, first, last);
  }

  // A rule that opened no table ("----------" under a paragraph): the line is text, and
  // reading goes on after it.
  std::optional<Error> read_as_text(Mark start) {
    cursor_.restore(start);
    Line line;
    cursor_.next(line);
    return plain_lines_.push(TextLine{line.number, cursor_.view(line)});
  }

  // Consecutive lines of two or more tab-separated fields: "规章\t0\t0\t0".
  std::optional<Error> read_tab(Mark start) {
    cursor_.restore(start);
    std::vector<Line> rows;
    std::uint64_t cells = 0;
    Line line;
    while (true) {
      const Mark before = cursor_.mark();
      if (!cursor_.next(line)) break;
      const std::string_view view = cursor_.view(line);
      if (shape_of(view) != Shape::TabRow) {
        cursor_.restore(before);
        break;
      }
      if (rows.size() >= limits_.max_table_cells) {
        return too_many_cells(line, limits_.max_table_cells);
      }
      cells += static_cast<std::uint64_t>(std::count(view.begin(), view.end(), '\t')) + 1;
      rows.push_back(line);
    }
    const Mark end = cursor_.mark();

    const bool has_two_rows = rows.size() >= 2;  // one line with tabs is prose
    if (!has_two_rows) return add_paragraphs_between(start, end);
    if (cells > limits_.max_table_cells) {
      return too_many_cells(rows.front(), limits_.max_table_cells);
    }

    GridBuilder builder(limits_.max_table_cells);
    for (const Line& row : rows) {
      builder.begin_row();
      add_field_cells(builder, row, cursor_.view(row), '\t');
    }
    return add_table(builder, "tab_text", rows.front(), rows.back());
  }

  // One cell per field of `body` (a part of `line`), trimmed, empty ones kept.
  void add_field_cells(GridBuilder& builder, const Line& line, std::string_view body,
                       char separator) const {
    for_each_field(body, separator, [&](std::string_view field) {
      const std::string_view t = trim(field);
      SourceSpan source;
      source.line = line.number;
      source.offset = static_cast<std::int64_t>((t.empty() ? field : t).data() - text_.data());
      source.length = static_cast<std::int64_t>(t.size());
      builder.add_cell(std::string(t), 1, GridBuilder::VMerge::None, source);
    });
  }

  // The span of a cell's printed text: its lines without the "\t" that opens a Tika cell
  // and without the spaces around, so that the cell's raw text stands at its offset.
  SourceSpan trimmed_span_of(const Line& first, const Line& last) const {
    SourceSpan span = span_of(first, last);
    const std::string_view whole =
        text_.substr(first.offset, last.offset + last.length - first.offset);
    const std::string_view t = trim(whole);
    if (!t.empty()) {
      span.offset = static_cast<std::int64_t>(t.data() - text_.data());
      span.length = static_cast<std::int64_t>(t.size());
    }
    return span;
  }

  SourceSpan span_of(const Line& first, const Line& last) const {
    SourceSpan span;
    span.line = first.number;
    span.offset = static_cast<std::int64_t>(first.offset);
    span.length = static_cast<std::int64_t>(last.offset + last.length - first.offset);
    return span;
  }

  std::optional<Error> add_table(GridBuilder& builder, const char* origin, const Line& first,
                                 const Line& last) {
    Table table;
    table.index = static_cast<int>(doc_.tables.size());
    if (!builder.build(table)) return too_many_cells(first, limits_.max_table_cells);
    const auto cells = static_cast<std::uint64_t>(table.rows.size()) *
                       static_cast<std::uint64_t>(table.columns);
    if (document_cells_ + cells > limits_.max_document_cells) {
      return limit_error("max_document_cells",
                   "the tables up to line " + std::to_string(last.number) + " have more than " +
                       std::to_string(limits_.max_document_cells) +
                       " cells together (max_document_cells)");
    }
    document_cells_ += cells;
    table.origin = origin;
    table.source = span_of(first, last);
    doc_.blocks.push_back({Block::Kind::Table, table.index});
    doc_.tables.push_back(std::move(table));
    return std::nullopt;
  }

  // A run of lines that looked like a table and was not: each non-blank line a paragraph.
  std::optional<Error> add_paragraphs_between(Mark start, Mark end) {
    cursor_.restore(start);
    Line line;
    while (cursor_.mark().pos < end.pos && cursor_.next(line)) {
      if (auto error = add_paragraph(line)) return error;
    }
    return std::nullopt;
  }

  // A line of a run that looked like a table and was not, as printed ("\t本年度…").
  std::optional<Error> add_paragraph(const Line& line) {
    const std::string_view view = cursor_.view(line);
    return add_paragraph(TextLine{line.number, view}, TextLine{line.number, view}, false);
  }

  // The lines first..last as one paragraph; a plain line without the spaces around it: the
  // indentation of a -layout line is its column, not part of its label.
  std::optional<Error> add_paragraph(const TextLine& first, const TextLine& last,
                                     bool without_spaces_around = true) {
    const std::size_t begin = static_cast<std::size_t>(first.text.data() - text_.data());
    const std::size_t end = static_cast<std::size_t>(last.text.data() - text_.data()) + last.text.size();
    const std::string_view lines = text_.substr(begin, end - begin);
    const std::string_view whole = without_spaces_around ? trim(lines) : lines;
    std::string text = strip_bookmarks(whole);
    if (trim(text).empty()) return std::nullopt;  // "[bookmark: _GoBack]" alone, "\t"
    if (doc_.paragraphs.size() >= limits_.max_paragraphs) {
      return limit_error("max_paragraphs",
                   "the text has more than " + std::to_string(limits_.max_paragraphs) +
                       " paragraphs (max_paragraphs); line " + std::to_string(first.number));
    }
    Paragraph p;
    p.furniture = std::string(page_furniture(text));
    p.text = std::move(text);
    p.source.line = first.number;
    p.source.offset = static_cast<std::int64_t>(whole.data() - text_.data());
    p.source.length = static_cast<std::int64_t>(whole.size());
    doc_.blocks.push_back({Block::Kind::Paragraph, static_cast<int>(doc_.paragraphs.size())});
    doc_.paragraphs.push_back(std::move(p));
    return std::nullopt;
  }

  Document& doc_;
  const Limits& limits_;
  std::string_view text_;
  LineCursor cursor_;
  WrappedLabelJoiner plain_lines_;
  std::uint64_t document_cells_ = 0;
};

}  // namespace

std::optional<Error> read_text_blocks(Document& doc, const Limits& limits,
                                      const Deadline& deadline) {
  if (is_crawler_dump(doc.text)) return read_crawler_dump(doc, limits, deadline);
  std::optional<Error> error = TextReader(doc, limits, deadline).run();
  if (!error) tag_page_furniture(doc);  // running headers, table headers printed again
  return error;
}

}  // namespace xxgknb
