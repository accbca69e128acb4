// Stage 1, ingest (paginated input): positioned text boxes → paragraphs and table grids.
//
// Per page: vertical stacks joined, boxes grouped into lines by their vertical centre, page
// furniture set aside. Over the whole document: lines holding values anchor table rows, the
// other lines near an anchor join its row, and runs of rows become one table (across a page
// break too). Whatever joins no row is a paragraph, one per line, in reading order.
#include "ingest/page_layout.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/limit_error.h"

namespace xxgknb {
namespace {

// Value boxes stand apart from their neighbours on the line by at least this many times
// their height; the words of a sentence ("2024 年，全区…") are a space apart.
constexpr double kValueGapPerHeight = 0.8;
// A box joins the line whose first box's vertical centre is this close (times the smaller
// height).
constexpr double kLineCentrePerHeight = 0.4;
// Pieces of a line farther apart than this many times their character size stand apart.
constexpr double kSpaceGapPerGlyph = 1.0;
// A stack of characters printed one per line: at least this many boxes, each of at most two
// characters, the gaps between them at most this many times their height.
constexpr std::size_t kMinStackBoxes = 3;
constexpr double kStackGapPerHeight = 1.6;
// … and nothing beside them nearer than this many times their character size: a cell border apart
// ("理" | "（三）不予公开") is not a word of theirs.
constexpr double kStackTouchPerHeight = 0.25;
// A line that is not a row joins the nearest row when it is nearer than this share of the
// page's typical row pitch, or than this many times its own height.
constexpr double kAttachPerPitch = 0.7;
constexpr double kAttachPerHeight = 1.6;
// Lines joining rows may let others join: at most this many passes.
constexpr int kMaxAttachPasses = 8;
// Consecutive anchors farther apart than this (points) are not the pitch of one table.
constexpr double kMaxPitch = 60;
// A line of at most this many values and no label, its centre within this many times its
// height of a labelled row's, is a number wrapped in its cell.
constexpr std::size_t kMaxFragmentValues = 2;
constexpr double kFragmentReach = 0.6;
// row_of_line_ of a line whose values went into another row.
constexpr int kAbsorbed = -2;
// Two boxes of one row are one label cell when this close, times the smaller height:
// side by side on a line, or one wrapped under the other.
constexpr double kLabelJoinSide = 0.8;
constexpr double kLabelJoinBelow = 1.2;
// Left edges this close (points) are one edge; an edge that this many label pieces of a
// table start at is where the cells of a label column start.
constexpr double kSameEdge = 1.5;
constexpr std::size_t kMinCellStarts = 3;
// A header cell overlaps a column, or lies below another, by more than this (points): cell
// borders touch.
constexpr double kMinHeaderOverlap = 1.0;
// A header above a table of more pieces than this is not looked at for its columns (a page of
// prose is no header); the largest header of the templates, table 四's, has about 40.
constexpr std::size_t kMaxHeaderPieces = 200;
// Page numbers and running headers live in this share of the page at its top and bottom.
constexpr double kFurnitureTop = 0.1;
constexpr double kFurnitureBottom = 0.12;
// The deadline is looked at once per this many boxes.
constexpr std::size_t kBoxesPerDeadlineCheck = 512;

struct Piece {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  std::string text;
  int page = 0;
  bool value = false;  // a value standing apart on its line: a table cell
  bool stacked = false;  // characters printed one per line, joined: a label of its own
  bool fragment = false;  // part of a number wrapped over two lines in its cell
  bool space_after = true;
  double h() const { return y1 - y0; }
  double cy() const { return (y0 + y1) / 2; }
  double cx() const { return (x0 + x1) / 2; }
};

struct Line {
  int page = 0;
  std::vector<Piece> pieces;  // left to right
  double y0 = 0, y1 = 0;
  double cy() const { return (y0 + y1) / 2; }
};

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char ch : s) {
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  }
  return n;
}

bool is_cjk_text(std::string_view s) {
  const std::vector<std::uint32_t> cps = utf8_code_points(s);
  return !cps.empty() && std::all_of(cps.begin(), cps.end(), [](std::uint32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3000 && c <= 0x303F) ||
           (c >= 0xFF00 && c <= 0xFFEF);
  });
}

// "95", "0", "0.35", "1,234", "-3", "-", "—", "／": what a statistics cell holds.
bool looks_like_value(std::string_view text) {
  static const RE2 kValue(R"(^(?:[-+]?[0-9０-９][0-9０-９,，.．]*|[-－—–/／]{1,4})$)");
  return RE2::FullMatch(text, kValue);
}

// "-4-", "— 4 —", "第 4 页", "第4页 共5页", "4", "4/5": a page number.
bool looks_like_page_number(std::string_view text) {
  static const RE2 kPageNumber(
      R"(^\s*(?:[-－—–]+\s*)?[0-9]{1,4}(?:\s*[-－—–]+)?\s*$|^\s*第\s*[0-9]{1,4}\s*页(?:\s*[，,]?\s*共\s*[0-9]{1,4}\s*页)?\s*$|^\s*[0-9]{1,4}\s*/\s*[0-9]{1,4}\s*$)");
  return RE2::FullMatch(text, kPageNumber);
}

// The size of one character of a box, written across ("三、") or down ("结果" printed vertically).
double glyph_size(const Piece& p) {
  const double w = p.x1 - p.x0;
  const double h = p.h();
  const double n = static_cast<double>(std::max<std::size_t>(1, code_points(p.text)));
  return std::min(std::min(w, h), std::max(w, h) / n);
}

bool ascii_alnum_end(std::string_view s) {
  return !s.empty() && std::isalnum(static_cast<unsigned char>(s.back())) != 0;
}
bool ascii_alnum_start(std::string_view s) {
  return !s.empty() && std::isalnum(static_cast<unsigned char>(s.front())) != 0;
}

// A value standing apart somewhere on the line: a table row, not page furniture.
bool has_value(const Line& line) {
  return std::any_of(line.pieces.begin(), line.pieces.end(), [](const Piece& p) { return p.value; });
}

// The pieces of a line, a space between two only where the text has one or where they
// stand apart ("梅林镇人民政府" + "2021" + "年…" split at font changes read as one word).
std::string line_text(const Line& line) {
  std::string out;
  for (std::size_t i = 0; i < line.pieces.size(); ++i) {
    if (i > 0) {
      const Piece& a = line.pieces[i - 1];
      const Piece& b = line.pieces[i];
      // Between Chinese and a number a space is typesetting, not text ("2024 年" is "2024年").
      const bool latin_words = ascii_alnum_end(a.text) && ascii_alnum_start(b.text);
      const bool apart = b.x0 - a.x1 > kSpaceGapPerGlyph * std::min(glyph_size(a), glyph_size(b));
      if ((a.space_after && latin_words) || apart) out += ' ';
    }
    out += line.pieces[i].text;
  }
  return out;
}

// "三" / "、本" / "年" / "度办" / "理" / "结果" at one x, one or two characters each, nothing
// beside them: one label printed vertically, joined top to bottom into one piece.
void join_vertical_stacks(std::vector<Piece>& pieces) {
  std::vector<bool> used(pieces.size(), false);
  std::vector<std::size_t> order(pieces.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return pieces[a].y0 < pieces[b].y0;
  });
  auto alone_on_its_line = [&](const Piece& p) {
    for (const Piece& q : pieces) {
      if (&q == &p) continue;
      const bool same_line = q.y0 < p.y1 && p.y0 < q.y1;
      const double gap = std::max(q.x0 - p.x1, p.x0 - q.x1);
      if (same_line && gap < kStackTouchPerHeight * glyph_size(p)) return false;
    }
    return true;
  };
  auto stackable = [&](const Piece& p) {
    const bool short_text = code_points(p.text) <= 2;
    const bool not_wide = p.x1 - p.x0 <= 2.2 * p.h();
    return short_text && not_wide && is_cjk_text(p.text) && alone_on_its_line(p);
  };
  std::vector<Piece> joined;
  for (std::size_t oi = 0; oi < order.size(); ++oi) {
    const std::size_t first = order[oi];
    if (used[first] || !stackable(pieces[first])) continue;
    std::vector<std::size_t> stack{first};
    for (std::size_t oj = oi + 1; oj < order.size(); ++oj) {
      const std::size_t k = order[oj];
      const Piece& last = pieces[stack.back()];
      const Piece& p = pieces[k];
      if (used[k]) continue;
      if (p.y0 - last.y1 > kStackGapPerHeight * std::max(last.h(), p.h())) {
        if (p.y0 > last.y1) break;
      }
      const bool same_x = std::abs(p.x0 - last.x0) <= 1.5;
      const bool below = p.y0 >= last.y1 - 0.5 &&
                         p.y0 - last.y1 <= kStackGapPerHeight * std::max(last.h(), p.h());
      if (same_x && below && stackable(p)) stack.push_back(k);
    }
    if (stack.size() < kMinStackBoxes) continue;
    Piece merged = pieces[stack.front()];
    for (std::size_t s = 1; s < stack.size(); ++s) {
      const Piece& p = pieces[stack[s]];
      merged.text += p.text;
      merged.x0 = std::min(merged.x0, p.x0);
      merged.x1 = std::max(merged.x1, p.x1);
      merged.y1 = std::max(merged.y1, p.y1);
    }
    for (std::size_t k : stack) used[k] = true;
    merged.stacked = true;
    joined.push_back(std::move(merged));
  }
  std::vector<Piece> out;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (!used[i]) out.push_back(std::move(pieces[i]));
  }
  for (Piece& p : joined) out.push_back(std::move(p));
  pieces = std::move(out);
}

std::vector<Line> group_lines(std::vector<Piece> pieces, int page) {
  std::sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) {
    return a.cy() != b.cy() ? a.cy() < b.cy() : a.x0 < b.x0;
  });
  std::vector<Line> lines;
  for (Piece& p : pieces) {
    Line* home = nullptr;
    // A box belongs to the latest line whose centre it shares; a tall joined stack is a line
    // of its own.
    for (auto it = lines.rbegin(); it != lines.rend() && it != lines.rbegin() + 3; ++it) {
      const Piece& head = it->pieces.front();
      if (std::abs(head.cy() - p.cy()) <= kLineCentrePerHeight * std::min(head.h(), p.h())) {
        home = &*it;
        break;
      }
    }
    if (home == nullptr) {
      lines.push_back(Line{page, {}, p.y0, p.y1});
      home = &lines.back();
    }
    home->y0 = std::min(home->y0, p.y0);
    home->y1 = std::max(home->y1, p.y1);
    home->pieces.push_back(std::move(p));
  }
  for (Line& line : lines) {
    std::sort(line.pieces.begin(), line.pieces.end(),
              [](const Piece& a, const Piece& b) { return a.x0 < b.x0; });
    // A value stands apart from both neighbours.
    for (std::size_t i = 0; i < line.pieces.size(); ++i) {
      Piece& p = line.pieces[i];
      if (!looks_like_value(p.text)) continue;
      const double need = kValueGapPerHeight * p.h();
      const bool left_clear = i == 0 || p.x0 - line.pieces[i - 1].x1 >= need;
      const bool right_clear = i + 1 == line.pieces.size() || line.pieces[i + 1].x0 - p.x1 >= need;
      p.value = left_clear && right_clear;
    }
  }
  std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.cy() < b.cy(); });
  return lines;
}

// A row of a table being built: its anchor line's values, and every other piece that joined.
struct Row {
  int page = 0;
  double cy = 0;
  double y0 = 0, y1 = 0;  // the extent of everything in the row so far
  std::vector<Piece> values;
  std::vector<Piece> labels;
};

struct TableRows {
  std::vector<Row> rows;
  std::size_t first_line = 0;  // index in the document's lines, for reading order
  std::vector<Piece> header;   // the pieces of the lines just above it, on its first page
};

// Label pieces of one row → cells, left to right: pieces that touch (side by side, or wrapped
// one under the other) are one cell.
std::vector<std::vector<const Piece*>> label_cells(const Row& row,
                                                   const std::vector<double>& cell_starts) {
  auto starts_a_cell = [&](const Piece& p) {
    return std::any_of(cell_starts.begin(), cell_starts.end(),
                       [&](double x) { return std::abs(p.x0 - x) <= kSameEdge; });
  };
  const std::size_t n = row.labels.size();
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = a + 1; b < n; ++b) {
      const Piece& p = row.labels[a];
      const Piece& q = row.labels[b];
      const double h = std::min(p.h(), q.h());
      const bool overlap_y = p.y0 < q.y1 && q.y0 < p.y1;
      const bool overlap_x = p.x0 < q.x1 && q.x0 < p.x1;
      const double gap_x = std::max(q.x0 - p.x1, p.x0 - q.x1);
      const double gap_y = std::max(q.y0 - p.y1, p.y0 - q.y1);
      // A label printed vertically sits a cell border away from the next: never one cell.
      // Nor does a piece that starts where the cells of a label column start ("其他处" |
      // "2.申请人逾期未按收费通知要": a group label's line, then the row's own label).
      const Piece& right = p.x0 < q.x0 ? q : p;
      const bool side_by_side = overlap_y && gap_x < kLabelJoinSide * h && !p.stacked &&
                                !q.stacked && !starts_a_cell(right);
      const bool wrapped = overlap_x && gap_y < kLabelJoinBelow * h;
      if (side_by_side || wrapped) parent[find(a)] = find(b);
    }
  }
  std::map<std::size_t, std::vector<const Piece*>> groups;
  for (std::size_t i = 0; i < n; ++i) groups[find(i)].push_back(&row.labels[i]);
  std::vector<std::vector<const Piece*>> cells;
  for (auto& [root, members] : groups) cells.push_back(std::move(members));
  auto left = [](const std::vector<const Piece*>& c) {
    double x = c.front()->x0;
    for (const Piece* p : c) x = std::min(x, p->x0);
    return x;
  };
  std::sort(cells.begin(), cells.end(), [&](const auto& a, const auto& b) { return left(a) < left(b); });
  return cells;
}

// The text of a cell's pieces in reading order: a label wrapped over lines reads on without a
// break ("（二）部分公开（区分处理的，只计这一情" + "形，不" + "计其他情形）"); a space only between
// two Latin words or numbers.
SourceSpan cell_text(std::vector<const Piece*> members, std::string& text) {
  std::sort(members.begin(), members.end(), [](const Piece* a, const Piece* b) {
    const bool same_line = std::abs(a->cy() - b->cy()) <= kLineCentrePerHeight * std::min(a->h(), b->h());
    return same_line ? a->x0 < b->x0 : a->cy() < b->cy();
  });
  SourceSpan span;
  std::array<double, 4> box{members.front()->x0, members.front()->y0, members.front()->x1,
                            members.front()->y1};
  for (const Piece* p : members) {
    if (ascii_alnum_end(text) && ascii_alnum_start(p->text)) text += ' ';
    text += p->text;
    box = {std::min(box[0], p->x0), std::min(box[1], p->y0), std::max(box[2], p->x1),
           std::max(box[3], p->y1)};
  }
  span.page = members.front()->page;
  span.box = box;
  return span;
}

// The x ranges of a table's values, merged where they overlap, left to right.
std::vector<std::pair<double, double>> value_ranges(const TableRows& t) {
  std::vector<std::pair<double, double>> spans;  // x0, x1 of every value
  for (const Row& r : t.rows) {
    for (const Piece& v : r.values) spans.emplace_back(v.x0, v.x1);
  }
  std::sort(spans.begin(), spans.end());
  std::vector<std::pair<double, double>> columns;  // merged x ranges
  for (const auto& s : spans) {
    if (!columns.empty() && s.first <= columns.back().second + 1.0) {
      columns.back().second = std::max(columns.back().second, s.second);
    } else {
      columns.push_back(s);
    }
  }
  return columns;
}

bool overlap_x(const std::pair<double, double>& a, const std::pair<double, double>& b) {
  return a.first < b.second - kMinHeaderOverlap && b.first < a.second - kMinHeaderOverlap;
}

// The columns the header above a table names: its lowest cells ("人" under "自然", "企业" under
// "商业", "总计"), right of the row labels, merged where they overlap. A header cell with
// another below it ("法人或其他组织" over "商业企业 … 其他", "申请人情况") spans those and names
// none itself.
std::vector<std::pair<double, double>> header_ranges(const TableRows& t) {
  double min_value_x = 0;
  bool any_value = false;
  for (const Row& r : t.rows) {
    for (const Piece& v : r.values) {
      min_value_x = any_value ? std::min(min_value_x, v.x0) : v.x0;
      any_value = true;
    }
  }
  if (!any_value || t.header.size() > kMaxHeaderPieces) return {};
  double labels_right = -1e9;  // the right edge of the row labels, left of every value
  for (const Row& r : t.rows) {
    for (const Piece& p : r.labels) {
      if (p.x1 <= min_value_x + 1.0) labels_right = std::max(labels_right, p.x1);
    }
  }
  std::vector<std::pair<double, double>> leaves;
  for (const Piece& p : t.header) {
    if (p.x0 < labels_right - 1.0) continue;
    const bool has_cell_below = std::any_of(t.header.begin(), t.header.end(), [&](const Piece& q) {
      return &q != &p && q.y0 >= p.y1 - kMinHeaderOverlap && overlap_x({p.x0, p.x1}, {q.x0, q.x1});
    });
    if (!has_cell_below) leaves.emplace_back(p.x0, p.x1);
  }
  std::sort(leaves.begin(), leaves.end());
  std::vector<std::pair<double, double>> columns;
  for (const auto& l : leaves) {
    if (!columns.empty() && overlap_x(columns.back(), l)) {
      columns.back().second = std::max(columns.back().second, l.second);
    } else {
      columns.push_back(l);
    }
  }
  return columns;
}

// Value columns of a table, as x centres left to right: the header's columns when it names
// more than the values fill and every column of values stands under one of them, each under
// its own (a column blank in every row keeps its place: "| 76 |  |  |  |  |  | 87 |"), else
// the values' own. Header columns left of the first value are the row labels' ("信息内容"
// centred over a column of left-aligned labels), never a blank column: a table whose first
// value column is blank throughout still shifts left.
std::vector<double> value_columns(const TableRows& t) {
  const std::vector<std::pair<double, double>> values = value_ranges(t);
  std::vector<std::pair<double, double>> header = header_ranges(t);
  if (!values.empty()) {
    const double first_value = values.front().first;
    std::erase_if(header, [&](const auto& h) { return (h.first + h.second) / 2 < first_value; });
  }
  const auto holds = [](const std::pair<double, double>& h, const std::pair<double, double>& v) {
    const double centre = (v.first + v.second) / 2;
    return h.first <= centre && centre <= h.second;
  };
  bool header_names_all = header.size() > values.size();
  for (std::size_t i = 0; header_names_all && i < values.size(); ++i) {
    header_names_all = std::count_if(header.begin(), header.end(),
                                     [&](const auto& h) { return holds(h, values[i]); }) == 1;
  }
  for (std::size_t i = 0; header_names_all && i < header.size(); ++i) {
    header_names_all = std::count_if(values.begin(), values.end(),
                                     [&](const auto& v) { return holds(header[i], v); }) <= 1;
  }
  std::vector<double> centres;
  for (const auto& c : header_names_all ? header : values) centres.push_back((c.first + c.second) / 2);
  return centres;
}

class Builder {
 public:
  Builder(const Limits& limits, const Deadline& deadline) : limits_(limits), deadline_(deadline) {}

  Result<Document, Error> run(const std::vector<PageBoxes>& pages);

 private:
  std::optional<Error> read_pages(const std::vector<PageBoxes>& pages);
  void set_aside_furniture(const std::vector<PageBoxes>& pages);
  void find_rows();
  void attach(std::size_t line, int row);
  int nearest_row(const Line& line) const;
  std::optional<Error> emit();
  std::optional<Error> emit_table(const TableRows& t);

  const Limits& limits_;
  const Deadline& deadline_;
  std::vector<Line> lines_;          // every page's lines, in reading order
  std::vector<bool> furniture_;      // per line: a page number or running header
  std::vector<int> row_of_line_;     // per line: the row (index in rows_) it anchors or joined
  std::vector<Row> rows_;
  Document doc_;
  std::uint64_t document_cells_ = 0;
  int furniture_count_ = 0;
  int repeated_headers_ = 0;
};

std::optional<Error> Builder::read_pages(const std::vector<PageBoxes>& pages) {
  std::size_t seen = 0;
  for (const PageBoxes& page : pages) {
    if (page.boxes.size() > limits_.max_pdf_boxes_per_page) {
      return limit_error("max_pdf_boxes_per_page",
                   "page " + std::to_string(page.number) + " has " +
                       std::to_string(page.boxes.size()) + " text boxes, more than " +
                       std::to_string(limits_.max_pdf_boxes_per_page) + " (max_pdf_boxes_per_page)");
    }
    std::vector<Piece> pieces;
    pieces.reserve(page.boxes.size());
    for (const TextBox& b : page.boxes) {
      if (++seen % kBoxesPerDeadlineCheck == 0 && deadline_.expired()) {
        return limit_error("max_milliseconds", "the time limit of " + std::to_string(limits_.max_milliseconds) +
                                       " ms ran out while laying out the pages");
      }
      const std::size_t first = b.text.find_first_not_of(" \t\r\n");
      if (first == std::string::npos) continue;
      const std::size_t last = b.text.find_last_not_of(" \t\r\n");
      Piece p{b.x0, b.y0, b.x1, b.y1, b.text.substr(first, last - first + 1), page.number};
      p.space_after = b.space_after;
      if (!(p.x1 > p.x0) || !(p.y1 > p.y0) || !std::isfinite(p.x0) || !std::isfinite(p.y0) ||
          !std::isfinite(p.x1) || !std::isfinite(p.y1)) {
        continue;  // a box without extent cannot be placed
      }
      pieces.push_back(std::move(p));
    }
    // Stacks are looked for only among short pieces, so this stays near linear on real pages;
    // a page of many thousand boxes is bounded by max_pdf_boxes_per_page.
    join_vertical_stacks(pieces);
    for (Line& line : group_lines(std::move(pieces), page.number)) lines_.push_back(std::move(line));
  }
  return std::nullopt;
}

// Page numbers in the top or bottom band of a page; lines in the top band printed alike on
// two pages or more (a running header), and lines without a value in the bottom band printed
// alike on two pages or more (a running footer: "洪泽区人民政府办公室" over "-3-" and "-4-"; a
// table's last row, "0 0 0 0 0 0 0" at the foot of two pages, is no footer).
void Builder::set_aside_furniture(const std::vector<PageBoxes>& pages) {
  furniture_.assign(lines_.size(), false);
  std::map<int, double> height;
  for (const PageBoxes& p : pages) height[p.number] = p.height;
  std::map<std::string, std::set<int>> top_texts, bottom_texts;
  auto band = [&](const Line& line, bool& top, bool& bottom) {
    const double h = height[line.page];
    top = h > 0 && line.y1 <= kFurnitureTop * h;
    bottom = h > 0 && line.y0 >= (1 - kFurnitureBottom) * h;
  };
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    bool top = false, bottom = false;
    band(lines_[i], top, bottom);
    if (top) top_texts[line_text(lines_[i])].insert(lines_[i].page);
    if (bottom && !has_value(lines_[i])) bottom_texts[line_text(lines_[i])].insert(lines_[i].page);
  }
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    bool top = false, bottom = false;
    band(lines_[i], top, bottom);
    const std::string text = line_text(lines_[i]);
    const bool page_number = (top || bottom) && looks_like_page_number(text);
    const bool running_header = top && top_texts[text].size() >= 2;
    const bool running_footer = bottom && !has_value(lines_[i]) && bottom_texts[text].size() >= 2;
    if (page_number || running_header || running_footer) {
      furniture_[i] = true;
      ++furniture_count_;
    }
  }
}

void Builder::find_rows() {
  row_of_line_.assign(lines_.size(), -1);
  // Anchors: lines whose values stand apart, after any labels.
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    if (furniture_[i]) continue;
    Line& line = lines_[i];
    const auto first_value = std::find_if(line.pieces.begin(), line.pieces.end(),
                                          [](const Piece& p) { return p.value; });
    if (first_value == line.pieces.end()) continue;
    const bool labels_first = std::all_of(first_value, line.pieces.end(), [](const Piece& p) {
      return p.value;
    });
    if (!labels_first) continue;
    Row row;
    row.page = line.page;
    row.cy = line.cy();
    row.y0 = line.y0;
    row.y1 = line.y1;
    for (auto it = line.pieces.begin(); it != line.pieces.end(); ++it) {
      (it->value ? row.values : row.labels).push_back(*it);
    }
    row_of_line_[i] = static_cast<int>(rows_.size());
    rows_.push_back(std::move(row));
  }
  // A number wrapped in a narrow cell ("10" / "0" for 100, above and below the row's centre)
  // makes lines of one value and no label: their values go to the labelled row they straddle.
  {
    std::vector<bool> merged(rows_.size(), false);
    for (std::size_t r = 0; r < rows_.size(); ++r) {
      Row& frag = rows_[r];
      if (!frag.labels.empty() || frag.values.size() > kMaxFragmentValues) continue;
      int best = -1;
      double best_d = 0;
      for (std::size_t k = 0; k < rows_.size(); ++k) {
        const Row& host = rows_[k];
        if (k == r || merged[k] || host.page != frag.page || host.labels.empty()) continue;
        const double d = std::abs(host.cy - frag.cy);
        if (d <= kFragmentReach * frag.values.front().h() && (best < 0 || d < best_d)) {
          best = static_cast<int>(k);
          best_d = d;
        }
      }
      if (best < 0) continue;
      Row& host = rows_[static_cast<std::size_t>(best)];
      for (Piece& v : frag.values) {
        v.fragment = true;
        host.values.push_back(v);
      }
      host.y0 = std::min(host.y0, frag.y0);
      host.y1 = std::max(host.y1, frag.y1);
      merged[r] = true;
    }
    std::vector<int> renumber(rows_.size(), -1);
    std::vector<Row> kept;
    for (std::size_t r = 0; r < rows_.size(); ++r) {
      if (merged[r]) continue;
      renumber[r] = static_cast<int>(kept.size());
      kept.push_back(std::move(rows_[r]));
    }
    rows_ = std::move(kept);
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      const int r = row_of_line_[i];
      if (r < 0) continue;
      // A merged fragment's line belongs to the row that took its values.
      if (renumber[static_cast<std::size_t>(r)] >= 0) {
        row_of_line_[i] = renumber[static_cast<std::size_t>(r)];
      } else {
        row_of_line_[i] = kAbsorbed;
      }
    }
  }
  // The typical pitch of rows on each page.
  std::map<int, double> pitch;
  {
    std::map<int, std::vector<double>> gaps;
    for (std::size_t r = 1; r < rows_.size(); ++r) {
      const double d = rows_[r].cy - rows_[r - 1].cy;
      if (rows_[r].page == rows_[r - 1].page && d > 0 && d < kMaxPitch) gaps[rows_[r].page].push_back(d);
    }
    // The lower quartile: pages mix tables of close rows with gaps between sub-tables.
    for (auto& [page, g] : gaps) {
      std::nth_element(g.begin(), g.begin() + static_cast<std::ptrdiff_t>(g.size() / 4), g.end());
      pitch[page] = g[g.size() / 4];
    }
  }
  // Other lines join the nearest row of their page when near enough, when they carry on a
  // label of that row (a wrapped line touching it), or when they sit beside the row's labels
  // within its extent (a group label's column); joined lines let more join, pass by pass.
  for (int pass = 0; pass < kMaxAttachPasses; ++pass) {
    bool grew = false;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      if (furniture_[i] || row_of_line_[i] != -1) continue;
      const Line& line = lines_[i];
      const int best = nearest_row(line);
      if (best < 0) continue;
      const Row& row = rows_[static_cast<std::size_t>(best)];
      const double best_d = std::abs(row.cy - line.cy());
      double glyph = 0;
      for (const Piece& p : line.pieces) glyph = std::max(glyph, p.stacked ? p.x1 - p.x0 : glyph_size(p));
      const double reach = std::max(kAttachPerHeight * glyph,
                                    pitch.count(line.page) ? kAttachPerPitch * pitch[line.page] : 0.0);
      // A line wider than the labels' side of the row (prose, a header over the values) never joins.
      const bool left_of_values = line.pieces.back().x1 <= row.values.front().x0 + 1.0;
      if (!left_of_values) continue;
      const bool near = best_d <= reach;
      double labels_left = row.values.front().x0;
      bool touches = false;
      for (const Piece& p : row.labels) {
        labels_left = std::min(labels_left, p.x0);
        for (const Piece& q : line.pieces) {
          const bool overlap_x = p.x0 < q.x1 && q.x0 < p.x1;
          const double gap_y = std::max(q.y0 - p.y1, p.y0 - q.y1);
          if (overlap_x && gap_y < kLabelJoinBelow * std::min(glyph_size(p), glyph_size(q))) touches = true;
        }
      }
      const bool beside = line.pieces.back().x1 <= labels_left && line.y0 < row.y1 && row.y0 < line.y1;
      if (near || touches || beside) {
        attach(i, best);
        grew = true;
      }
    }
    if (!grew) break;
  }
}

// The row whose centre is nearest the line's, on its page; -1 when the page has none.
int Builder::nearest_row(const Line& line) const {
  const auto key = [](const Row& r) { return std::pair<int, double>(r.page, r.cy); };
  const auto at = std::lower_bound(rows_.begin(), rows_.end(), std::pair<int, double>(line.page, line.cy()),
                                   [&](const Row& r, const std::pair<int, double>& k) { return key(r) < k; });
  int best = -1;
  double best_d = 0;
  for (auto it : {at, at == rows_.begin() ? rows_.end() : at - 1}) {
    if (it == rows_.end() || it->page != line.page) continue;
    const double d = std::abs(it->cy - line.cy());
    if (best < 0 || d < best_d) {
      best = static_cast<int>(it - rows_.begin());
      best_d = d;
    }
  }
  return best;
}

void Builder::attach(std::size_t line, int row) {
  row_of_line_[line] = row;
  Row& r = rows_[static_cast<std::size_t>(row)];
  for (const Piece& p : lines_[line].pieces) {
    r.labels.push_back(p);
    r.y0 = std::min(r.y0, p.y0);
    r.y1 = std::max(r.y1, p.y1);
  }
}

std::optional<Error> Builder::emit_table(const TableRows& t) {
  const std::vector<double> columns = value_columns(t);
  std::vector<std::vector<std::vector<const Piece*>>> labels;
  std::size_t label_columns = 0;
  std::vector<double> cell_starts;
  {
    std::vector<double> edges;
    for (const Row& r : t.rows) {
      for (const Piece& p : r.labels) edges.push_back(p.x0);
    }
    std::sort(edges.begin(), edges.end());
    for (std::size_t i = 0; i < edges.size();) {
      std::size_t j = i;
      while (j < edges.size() && edges[j] - edges[i] <= kSameEdge) ++j;
      if (j - i >= kMinCellStarts) cell_starts.push_back(edges[i]);
      i = j;
    }
  }
  for (const Row& r : t.rows) {
    labels.push_back(label_cells(r, cell_starts));
    label_columns = std::max(label_columns, labels.back().size());
  }
  const std::size_t width = label_columns + columns.size();
  const std::uint64_t cells = static_cast<std::uint64_t>(width) * t.rows.size();
  document_cells_ += cells;
  if (cells > limits_.max_table_cells) {
    return limit_error("max_table_cells",
                       "a table on page " + std::to_string(t.rows.front().page) + " would have " +
                           std::to_string(cells) + " cells, more than " +
                           std::to_string(limits_.max_table_cells) + " (max_table_cells)");
  }
  if (document_cells_ > limits_.max_document_cells) {
    return limit_error("max_document_cells",
                       "the tables up to page " + std::to_string(t.rows.front().page) +
                           " would have more than " + std::to_string(limits_.max_document_cells) +
                           " cells together (max_document_cells)");
  }
  Table table;
  table.index = static_cast<int>(doc_.tables.size());
  table.columns = static_cast<int>(width);
  table.origin = "pdf_boxes";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const Row& row = t.rows[r];
    std::vector<Cell> grid(width);
    for (std::size_t c = 0; c < width; ++c) {
      grid[c].row = static_cast<int>(r);
      grid[c].col = static_cast<int>(c);
      grid[c].source.table = table.index;
      grid[c].source.row = static_cast<int>(r);
      grid[c].source.col = static_cast<int>(c);
      grid[c].source.page = row.page;
    }
    // Labels fill the label columns from the left; the last spans the rest ("一、本年新收…"
    // over the three label columns of "三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密").
    const auto& row_labels = labels[r];
    for (std::size_t k = 0; k < row_labels.size(); ++k) {
      Cell& cell = grid[k];
      const SourceSpan span = cell_text(row_labels[k], cell.text);
      cell.source.page = span.page;
      cell.source.box = span.box;
      if (k + 1 == row_labels.size() && label_columns > row_labels.size()) {
        cell.col_span = static_cast<int>(label_columns - k);
        for (std::size_t c = k + 1; c < label_columns; ++c) {
          grid[c].continuation = true;
          grid[c].origin_row = static_cast<int>(r);
          grid[c].origin_col = static_cast<int>(k);
          grid[c].source.box = span.box;
        }
      }
    }
    for (const Piece& v : row.values) {
      std::size_t best = 0;
      for (std::size_t c = 1; c < columns.size(); ++c) {
        if (std::abs(columns[c] - v.cx()) < std::abs(columns[best] - v.cx())) best = c;
      }
      Cell& cell = grid[label_columns + best];
      // The pieces of a wrapped number read on without a break, top to bottom.
      if (!cell.text.empty() && !v.fragment) cell.text += ' ';
      const std::array<double, 4> box{v.x0, v.y0, v.x1, v.y1};
      if (cell.source.box && (*cell.source.box)[1] > v.y0) {
        cell.text.insert(0, v.text);
      } else {
        cell.text += v.text;
      }
      cell.source.box = cell.source.box
                            ? std::array<double, 4>{std::min((*cell.source.box)[0], box[0]),
                                                    std::min((*cell.source.box)[1], box[1]),
                                                    std::max((*cell.source.box)[2], box[2]),
                                                    std::max((*cell.source.box)[3], box[3])}
                            : box;
    }
    table.rows.push_back(std::move(grid));
  }
  table.source.table = table.index;
  table.source.page = t.rows.front().page;
  doc_.blocks.push_back({Block::Kind::Table, table.index});
  doc_.tables.push_back(std::move(table));
  return std::nullopt;
}

std::optional<Error> Builder::emit() {
  // Walk the lines in order: rows gather into tables; a line that joined no row is a
  // paragraph and ends the table, unless it is a header line already printed above the
  // table (repeated on the next page) or furniture.
  std::vector<std::string> header_lines;  // lines just before the open table
  TableRows open;
  auto close = [&]() -> std::optional<Error> {
    if (open.rows.empty()) return std::nullopt;
    auto error = emit_table(open);
    open = TableRows{};
    return error;
  };
  std::vector<std::string> recent;  // paragraphs since the last table
  std::vector<std::size_t> recent_lines;  // their lines
  std::vector<bool> emitted(rows_.size(), false);
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    if (furniture_[i]) continue;
    const int row = row_of_line_[i];
    if (row == kAbsorbed) continue;
    if (row >= 0) {
      // A row goes into the table when its first line (anchor or joined) is met.
      const auto r = static_cast<std::size_t>(row);
      if (!emitted[r]) {
        if (open.rows.empty()) {
          header_lines = recent;
          open.first_line = i;
          for (std::size_t l : recent_lines) {
            if (lines_[l].page != lines_[i].page) continue;
            open.header.insert(open.header.end(), lines_[l].pieces.begin(), lines_[l].pieces.end());
          }
        }
        open.rows.push_back(rows_[r]);
        emitted[r] = true;
      }
      recent.clear();
      recent_lines.clear();
      continue;
    }
    const std::string text = line_text(lines_[i]);
    const bool repeated_header =
        !open.rows.empty() && lines_[i].page != open.rows.back().page &&
        std::find(header_lines.begin(), header_lines.end(), text) != header_lines.end();
    if (repeated_header) {
      ++repeated_headers_;
      continue;
    }
    if (auto error = close()) return error;
    if (doc_.paragraphs.size() >= limits_.max_paragraphs) {
      return limit_error("max_paragraphs",
                   "the document has more than " + std::to_string(limits_.max_paragraphs) +
                       " lines (max_paragraphs)");
    }
    Paragraph p;
    p.text = text;
    p.source.page = lines_[i].page;
    double x0 = lines_[i].pieces.front().x0, x1 = lines_[i].pieces.back().x1;
    for (const Piece& piece : lines_[i].pieces) {
      x0 = std::min(x0, piece.x0);
      x1 = std::max(x1, piece.x1);
    }
    p.source.box = std::array<double, 4>{x0, lines_[i].y0, x1, lines_[i].y1};
    doc_.blocks.push_back({Block::Kind::Paragraph, static_cast<int>(doc_.paragraphs.size())});
    doc_.paragraphs.push_back(std::move(p));
    recent.push_back(text);
    recent_lines.push_back(i);
    if (recent.size() > 8) {
      recent.erase(recent.begin());
      recent_lines.erase(recent_lines.begin());
    }
  }
  return close();
}

Result<Document, Error> Builder::run(const std::vector<PageBoxes>& pages) {
  doc_.format = "pdf";
  if (auto error = read_pages(pages)) return *std::move(error);
  set_aside_furniture(pages);
  find_rows();
  if (deadline_.expired()) {
    return limit_error("max_milliseconds", "the time limit of " + std::to_string(limits_.max_milliseconds) +
                                   " ms ran out while laying out the pages");
  }
  if (auto error = emit()) return *std::move(error);
  if (furniture_count_ > 0 || repeated_headers_ > 0) {
    doc_.diagnostics.push_back(
        {"pdf_page_furniture", Diagnostic::Severity::Info,
         std::to_string(furniture_count_) + " page numbers, running headers or footers and " +
             std::to_string(repeated_headers_) +
             " table header lines repeated on a later page were set aside, not read as text",
         {}});
  }
  return std::move(doc_);
}

}  // namespace

std::vector<std::uint32_t> utf8_code_points(std::string_view s) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : 4;
    std::uint32_t cp = len == 1 ? b : b & (0xFF >> (len + 1));
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

Result<Document, Error> lay_out_pages(const std::vector<PageBoxes>& pages, const Limits& limits,
                                      const Deadline& deadline) {
  Builder builder(limits, deadline);
  return builder.run(pages);
}

std::string dump_blocks(const Document& document) {
  std::ostringstream out;
  for (const Block& b : document.blocks) {
    if (b.kind == Block::Kind::Paragraph) {
      out << "P " << document.paragraphs[static_cast<std::size_t>(b.index)].text << '\n';
      continue;
    }
    const Table& t = document.tables[static_cast<std::size_t>(b.index)];
    out << "T " << t.origin << '\n';
    for (const auto& row : t.rows) {
      out << " ";
      for (std::size_t c = 0; c < row.size(); ++c) {
        out << (c == 0 ? " " : " | ") << (row[c].continuation ? "<" : row[c].text);
      }
      out << '\n';
    }
  }
  return out.str();
}

}  // namespace xxgknb
