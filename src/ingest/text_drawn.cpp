// Stage 1, ingest (text): rebuilds drawn tables — w3m's box drawing, ASCII grids, pandoc's
// dashed-rule columns — as logical grids, by the display columns of their bars and rules.
//
//   "┌──────┬────┐"            a top rule: junctions at the grid's column boundaries
//   "│ 规章 │ 2  │"            a row line: bars at the boundaries, cells between
//   "│（二）部分公开（区分处理│"  a label w3m wrapped: the lines of one cell between rules
//   "│      形，不计其他情形）│"    join as "（二）部分公开（区分处理\n形，不计其他情形）"
//   "├──────┴────┤"            no bar below "┴" in the next row: that cell spans both columns
//   "│三、  ├────┤"            no rule under "三、": that cell goes on down
//   "  ------------ ------"     pandoc: each dashed run is a column, cells by position
#include "ingest/text_drawn.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

namespace xxgknb {
namespace {

struct Glyph {
  std::uint32_t cp = 0;
  std::size_t byte = 0;  // offset in the line
  std::size_t size = 0;  // bytes
  int width = 1;         // display columns
};

// Decodes the UTF-8 character at byte i of s (a stray byte counts as one narrow character).
Glyph glyph_at(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  Glyph g;
  g.byte = i;
  const unsigned char lead = b(i);
  std::size_t size = 1;
  std::uint32_t cp = lead;
  if (lead >= 0xF0 && lead < 0xF8) {
    size = 4;
    cp = lead & 0x07;
  } else if (lead >= 0xE0) {
    size = 3;
    cp = lead & 0x0F;
  } else if (lead >= 0xC0) {
    size = 2;
    cp = lead & 0x1F;
  }
  if (size > 1 && i + size <= s.size()) {
    for (std::size_t k = 1; k < size; ++k) cp = (cp << 6) | (b(i + k) & 0x3F);
  } else {
    size = 1;
    cp = lead;
  }
  g.cp = cp;
  g.size = size;
  // East Asian Wide and Fullwidth characters take two columns, as w3m and pandoc lay them
  // out; the ambiguous ones (box drawing, "“") take one.
  const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
                    (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
                    (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
                    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
  g.width = wide ? 2 : 1;
  return g;
}

// Calls f(glyph, display column) for each character of s.
template <typename F>
void for_each_glyph(std::string_view s, F&& f) {
  int col = 0;
  for (std::size_t i = 0; i < s.size();) {
    const Glyph g = glyph_at(s, i);
    f(g, col);
    col += g.width;
    i += g.size;
  }
}

// "│" "┃" "║" "|": a vertical bar.
bool is_bar(std::uint32_t cp) {
  return cp == '|' || cp == 0x2502 || cp == 0x2503 || cp == 0x2551 || cp == 0x254E ||
         cp == 0x254F || cp == 0x2506 || cp == 0x2507 || cp == 0x250A || cp == 0x250B;
}

// "─" "━" "═" "-" "=": a horizontal rule.
bool is_horizontal(std::uint32_t cp) {
  return cp == '-' || cp == '=' || cp == 0x2500 || cp == 0x2501 || cp == 0x2550 ||
         cp == 0x254C || cp == 0x254D || cp == 0x2504 || cp == 0x2505 || cp == 0x2508 ||
         cp == 0x2509;
}

// "┌" "┬" "┼" "╬" …: a box-drawing junction (U+250C–U+254B and U+2552–U+256C, less the bars
// and rules above).
bool is_box_junction(std::uint32_t cp) {
  const bool light_heavy = cp >= 0x250C && cp <= 0x254B;
  const bool doubled = cp >= 0x2552 && cp <= 0x256C;
  return (light_heavy || doubled) && !is_bar(cp) && !is_horizontal(cp);
}

bool is_space(std::uint32_t cp) { return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x3000; }

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// What each character of a grid line is to the grid.
enum class Role { Text, Bar, Junction, Rule };

// Calls f(glyph, display column, role) for each character of a line, looking one character
// either side: "+" is a junction where a rule or a bar meets it ("+---+", "|+", "+" at
// either end of the line), text elsewhere ("| +5 |").
template <typename F>
void for_each_role(std::string_view line, F&& f) {
  const auto role_of = [](const Glyph* before, const Glyph& g, const Glyph* after) {
    if (is_bar(g.cp)) return Role::Bar;
    if (is_box_junction(g.cp)) return Role::Junction;
    if (is_horizontal(g.cp)) return Role::Rule;
    if (g.cp != '+') return Role::Text;
    const auto ruled = [](const Glyph* n) {
      return n == nullptr || is_horizontal(n->cp) || is_bar(n->cp) || n->cp == '+' ||
             n->cp == '\r';
    };
    const bool next_to_rule = (after != nullptr && is_horizontal(after->cp)) ||
                              (before != nullptr && is_horizontal(before->cp));
    const bool between_edges = (ruled(before) || is_space(before->cp)) && ruled(after);
    return next_to_rule || between_edges ? Role::Junction : Role::Text;
  };
  Glyph previous;
  Glyph current;
  int current_col = 0;
  bool has_previous = false;
  bool has_current = false;
  int col = 0;
  for (std::size_t i = 0; i < line.size();) {
    const Glyph g = glyph_at(line, i);
    if (has_current) {
      f(current, current_col, role_of(has_previous ? &previous : nullptr, current, &g));
      previous = current;
      has_previous = true;
    }
    current = g;
    current_col = col;
    has_current = true;
    col += g.width;
    i += g.size;
  }
  if (has_current) f(current, current_col, role_of(has_previous ? &previous : nullptr, current, nullptr));
}

// One line's view of one grid column.
struct Segment {
  bool rule = false;      // only "─"/"-"/"="/":" between the boundaries
  bool bar_left = false;  // a bar or junction at the column's left boundary
  std::size_t text_begin = std::string_view::npos;  // bytes of its text in the line
  std::size_t text_end = 0;
};

// Appends `piece` (a view of `text`) to a cell's text and span: lines join with "\n".
void append_piece(std::string& out, SourceSpan& source, std::int64_t line,
                  std::string_view piece, std::string_view text) {
  if (piece.empty()) return;
  const auto offset = static_cast<std::int64_t>(piece.data() - text.data());
  if (out.empty()) {
    source.line = line;
    source.offset = offset;
  } else {
    out += '\n';
  }
  out += piece;
  source.length = offset + static_cast<std::int64_t>(piece.size()) - source.offset;
}

}  // namespace

bool is_grid_top_rule(std::string_view line) {
  const std::string_view t = trim_spaces(line);
  if (t.size() < 3) return false;
  const Glyph first = glyph_at(t, 0);
  const bool box_corner = first.cp == 0x250C || first.cp == 0x250F || first.cp == 0x2554 ||
                          first.cp == 0x2552 || first.cp == 0x2553;  // "┌" "┏" "╔" "╒" "╓"
  const bool ascii_corner = first.cp == '+' && is_horizontal(glyph_at(t, 1).cp);
  if (!box_corner && !ascii_corner) return false;
  std::size_t rules = 0;
  bool only_rules = true;
  for_each_role(t, [&](const Glyph& g, int, Role role) {
    if (role == Role::Text && g.cp != ':') only_rules = false;
    if (role == Role::Rule) ++rules;
  });
  return only_rules && rules >= 2;
}

bool is_grid_line(std::string_view line) {
  const std::string_view t = trim_spaces(line);
  if (t.empty()) return false;
  const std::uint32_t first = glyph_at(t, 0).cp;
  return first == '+' || is_bar(first) || is_box_junction(first);
}

bool is_column_rule(std::string_view line) {
  const std::string_view t = trim_spaces(line);
  std::size_t runs = 0;
  std::size_t i = 0;
  while (i < t.size()) {
    if (t[i] != '-') return false;
    const std::size_t begin = i;
    while (i < t.size() && t[i] == '-') ++i;
    if (i - begin < 2) return false;
    ++runs;
    while (i < t.size() && t[i] == ' ') ++i;
  }
  return runs >= 2;
}

bool is_full_rule(std::string_view line) {
  const std::string_view t = trim_spaces(line);
  return t.size() >= 10 && t.find_first_not_of('-') == std::string_view::npos;
}

DrawnResult build_drawn_grid(const std::vector<DrawnLine>& lines, std::string_view text,
                             std::uint64_t max_cells, GridBuilder& builder) {
  // Pass 1: the column boundaries, where any line has a bar or a junction.
  std::vector<int> bounds;
  for (const DrawnLine& line : lines) {
    for_each_role(line.text, [&](const Glyph&, int col, Role role) {
      if (role == Role::Bar || role == Role::Junction) bounds.push_back(col);
    });
    std::sort(bounds.begin(), bounds.end());
    bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
    // Every line is held once per column: refused as soon as that passes the limit, so
    // the boundaries kept (and sorted again per line) stay few.
    if (bounds.size() > 1 &&
        static_cast<std::uint64_t>(lines.size()) * (bounds.size() - 1) > max_cells) {
      return DrawnResult::TooLarge;
    }
  }
  if (bounds.size() < 2) return DrawnResult::NotTable;
  const std::size_t columns = bounds.size() - 1;
  if (static_cast<std::uint64_t>(lines.size()) * columns > max_cells) {
    return DrawnResult::TooLarge;
  }

  // Pass 2: each line's segments, one per grid column.
  std::vector<std::vector<Segment>> segments(lines.size(), std::vector<Segment>(columns));
  std::vector<bool> boundary_line(lines.size(), false);
  for (std::size_t l = 0; l < lines.size(); ++l) {
    std::vector<Segment>& segs = segments[l];
    std::vector<int> others(columns, 0);  // characters that are not rules, per column
    std::vector<int> rules(columns, 0);
    std::size_t c = 0;
    for_each_role(lines[l].text, [&](const Glyph& g, int col, Role role) {
      if (col < bounds.front() || col > bounds.back()) return;  // outside the frame
      while (c + 1 < columns && col >= bounds[c + 1]) ++c;
      const bool at_boundary = std::binary_search(bounds.begin(), bounds.end(), col);
      if (at_boundary && (role == Role::Bar || role == Role::Junction)) {
        if (col == bounds[c] && col != bounds.back()) segs[c].bar_left = true;
        return;
      }
      // A character standing on the left boundary of column c (a wide one spilling over, or
      // text where another row has a bar) belongs to the column on its left.
      const std::size_t owner = (col == bounds[c] && c > 0) ? c - 1 : c;
      if (role == Role::Rule || g.cp == ':') {
        ++rules[owner];
      } else {
        ++others[owner];
      }
      // A "-" is text in a segment that holds other characters too: "| - |" is a dash cell.
      if (!is_space(g.cp)) {
        Segment& s = segs[owner];
        s.text_begin = std::min(s.text_begin, g.byte);
        s.text_end = std::max(s.text_end, g.byte + g.size);
      }
    });
    for (std::size_t j = 0; j < columns; ++j) {
      segs[j].rule = rules[j] > 0 && others[j] == 0;
      if (segs[j].rule) boundary_line[l] = true;
    }
  }

  // Rows: the runs of lines between lines holding a rule.
  struct Row {
    std::size_t first = 0;
    std::size_t last = 0;  // inclusive
  };
  std::vector<Row> rows;
  for (std::size_t l = 0; l < lines.size(); ++l) {
    if (boundary_line[l]) continue;
    if (!rows.empty() && rows.back().last + 1 == l) {
      rows.back().last = l;
    } else {
      rows.push_back({l, l});
    }
  }
  if (rows.empty()) return DrawnResult::NotTable;

  // A slot joins the one on its left where no line of its row has a bar between them, and
  // the one above where no line between the two rows has a rule over it.
  const auto bar_between = [&](const Row& row, std::size_t c) {
    for (std::size_t l = row.first; l <= row.last; ++l) {
      if (segments[l][c].bar_left) return true;
    }
    return false;
  };
  const auto rule_between = [&](std::size_t r, std::size_t c) {
    for (std::size_t l = rows[r - 1].last + 1; l < rows[r].first; ++l) {
      if (segments[l][c].rule) return true;
    }
    return false;
  };
  // Each row's cells as runs of columns; a run continues the cell above when that cell
  // covers exactly the same columns and no rule lies under any of them.
  struct Span {
    std::size_t col = 0;
    std::size_t width = 1;
    std::size_t origin_row = 0;
  };
  std::vector<std::vector<Span>> spans(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < columns; ++c) {
      if (c > 0 && !bar_between(rows[r], c)) {
        ++spans[r].back().width;
      } else {
        spans[r].push_back({c, 1, r});
      }
    }
    if (r == 0) continue;
    for (Span& span : spans[r]) {
      const auto above = std::find_if(spans[r - 1].begin(), spans[r - 1].end(),
                                      [&](const Span& a) { return a.col == span.col; });
      if (above == spans[r - 1].end() || above->width != span.width) continue;
      bool open = true;
      for (std::size_t c = span.col; c < span.col + span.width && open; ++c) {
        open = !rule_between(r, c);
      }
      if (open) span.origin_row = above->origin_row;
    }
  }

  // The cells, at their top-left slot, with the text of every line they cover.
  bool any_text = false;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    builder.begin_row();
    for (const Span& span : spans[r]) {
      if (span.origin_row != r) continue;
      std::size_t last_row = r;
      while (last_row + 1 < rows.size()) {
        const auto below = std::find_if(spans[last_row + 1].begin(), spans[last_row + 1].end(),
                                        [&](const Span& b) { return b.col == span.col; });
        if (below == spans[last_row + 1].end() || below->origin_row != r) break;
        ++last_row;
      }
      std::string cell;
      SourceSpan source;
      source.line = lines[rows[r].first].number;
      source.offset = static_cast<std::int64_t>(lines[rows[r].first].text.data() - text.data());
      for (std::size_t l = rows[r].first; l <= rows[last_row].last; ++l) {
        std::size_t begin = std::string_view::npos;
        std::size_t end = 0;
        bool ruled = false;
        for (std::size_t c = span.col; c < span.col + span.width; ++c) {
          const Segment& s = segments[l][c];
          ruled = ruled || s.rule;
          if (s.text_begin == std::string_view::npos) continue;
          begin = std::min(begin, s.text_begin);
          end = std::max(end, s.text_end);
        }
        if (ruled || begin == std::string_view::npos) continue;
        append_piece(cell, source, lines[l].number, lines[l].text.substr(begin, end - begin),
                     text);
      }
      any_text = any_text || !cell.empty();
      builder.add_cell(std::move(cell), static_cast<int>(span.width), GridBuilder::VMerge::None,
                       source, static_cast<int>(last_row - r + 1));
    }
  }
  return any_text ? DrawnResult::Table : DrawnResult::NotTable;
}

DrawnResult build_column_table(std::string_view rule,
                               const std::vector<std::vector<DrawnLine>>& rows,
                               std::string_view text, std::uint64_t max_cells,
                               GridBuilder& builder) {
  // The first display column of each dashed run.
  std::vector<int> starts;
  char previous = ' ';
  for_each_glyph(rule, [&](const Glyph& g, int col) {
    if (g.cp == '-' && previous != '-') starts.push_back(col);
    previous = static_cast<char>(g.cp);
  });
  if (starts.size() < 2) return DrawnResult::NotTable;
  const std::size_t columns = starts.size();
  std::uint64_t lines = 0;
  for (const std::vector<DrawnLine>& row : rows) lines += row.size();
  if (std::max<std::uint64_t>(lines, rows.size()) * columns > max_cells) {
    return DrawnResult::TooLarge;
  }
  bool any_text = false;
  for (const std::vector<DrawnLine>& row : rows) {
    std::vector<std::string> cells(columns);
    std::vector<SourceSpan> sources(columns);
    for (const DrawnLine& line : row) {
      std::vector<std::size_t> begin(columns, std::string_view::npos);
      std::vector<std::size_t> end(columns, 0);
      std::size_t c = 0;
      for_each_glyph(line.text, [&](const Glyph& g, int col) {
        while (c + 1 < columns && col >= starts[c + 1]) ++c;
        if (is_space(g.cp) || g.cp == '\r') return;
        begin[c] = std::min(begin[c], g.byte);
        end[c] = std::max(end[c], g.byte + g.size);
      });
      for (std::size_t j = 0; j < columns; ++j) {
        if (begin[j] == std::string_view::npos) continue;
        append_piece(cells[j], sources[j], line.number,
                     line.text.substr(begin[j], end[j] - begin[j]), text);
      }
    }
    builder.begin_row();
    for (std::size_t j = 0; j < columns; ++j) {
      if (cells[j].empty() && !row.empty()) {
        sources[j].line = row.front().number;
        sources[j].offset = static_cast<std::int64_t>(row.front().text.data() - text.data());
      }
      any_text = any_text || !cells[j].empty();
      builder.add_cell(std::move(cells[j]), 1, GridBuilder::VMerge::None, sources[j]);
    }
  }
  return any_text ? DrawnResult::Table : DrawnResult::NotTable;
}

}  // namespace xxgknb
