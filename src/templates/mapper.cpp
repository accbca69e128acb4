// Stage 5, template mapping: finds the three statistics tables in the cell stream, tells the
// template version by its labels, and maps every value to its canonical key by row label
// (never by position alone), reading grids, rebuilt text tables and loose lines alike.
#include <re2/re2.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "normalize/normalize.h"
#include "templates/cell_value.h"
#include "templates/labels.h"
#include "templates/spec.h"
#include "templates/templates.h"

namespace xxgknb {
namespace {

// ---------------------------------------------------------------------------------------
// Confidence of a value read, by how the table reached us (see docs/output-format.md).
constexpr double kConfidenceGrid = 0.99;       // a real grid (.docx, HTML)
constexpr double kConfidenceTextGrid = 0.97;   // a grid rebuilt from text (Tika, pipes, tabs)
constexpr double kConfidenceLoose = 0.95;      // values read from loose lines after a label
constexpr double kFactorFuzzyLabel = 0.8;
constexpr double kConfidenceCountMismatch = 0.5;
constexpr double kConfidenceInferred = 0.7;
constexpr double kConfidenceText = 0.3;
constexpr double kFactorUnitMismatch = 0.6;

// ---------------------------------------------------------------------------------------
// A value read from the stream: its printed text, what the lexer made of it, and where.
struct Token {
  std::string raw;            // the printed text of the cell or of the token in a line
  CellValue value;
  SourceSpan source;
};

// A stream cell seen as a possible label: its label text (without trailing values) as parts.
struct CellView {
  bool value_only = false;           // the cell holds values (or nothing) and no label
  bool page_marker = false;          // a page footer or header of PDF-made text: "— 4 —"
  LabelParts label;                  // enumerator + core of the label part
  std::string_view label_raw;        // the label as printed (a view of the stream cell)
  CellValue cell;                    // for a grid cell: its value, read once
  // How many values end a loose line. The values themselves are read again from the line
  // when a row takes them (loose_tokens): few are, and keeping them all would cost more
  // than the text itself.
  std::size_t value_count = 0;
};

// "— 4 —", "- 12 -", "第 3 页", "3/12": page numbers that PDF text extraction leaves between
// the rows of a table. Their digits are no values.
bool is_page_marker(std::string_view folded) {
  static const RE2 marker(R"(^(?:-+ ?\d{1,4} ?-+|第 ?\d{1,4} ?页(?: ?[,/] ?共 ?\d{1,4} ?页)?|\d{1,4} ?/ ?\d{1,4})$)");
  return folded.size() <= 40 && RE2::FullMatch(re2::StringPiece(folded.data(), folded.size()), marker);
}

// "### 一、本年新收政府信息公开申请数量": a converter's Markdown heading marker is no part of a label.
std::string_view without_markdown_marker(std::string_view key) {
  while (!key.empty() && key.front() == '#') key.remove_prefix(1);
  return key;
}

// The span in the input of bytes [begin, end) of a stream cell's raw text. A paragraph's raw
// text starts with its automatic numbering, which is not in the input.
SourceSpan span_within(const StreamCell& cell, std::size_t begin, std::size_t end) {
  SourceSpan span = cell.source;
  const auto prefix = static_cast<std::size_t>(cell.raw_prefix);
  if (cell.source.offset >= 0 && begin >= prefix) {
    span.offset = cell.source.offset + static_cast<std::int64_t>(begin - prefix);
    span.length = static_cast<std::int64_t>(end - begin);
  }
  return span;
}

// No label of the template is longer than this (the longest, 2.申请人逾期未按收费通知要求缴纳
// 费用、行政机关不再处理其政府信息公开申请, is 111 bytes; annotations add some): a longer text is
// prose, neither parsed as a label nor kept, which bounds the mapper's memory by the cells.
constexpr std::size_t kMaxLabelBytes = 480;

CellView view_cell(const StreamCell& cell) {
  CellView view;
  if (!cell.in_table && is_page_marker(cell.folded)) {
    view.value_only = true;
    view.page_marker = true;
    return view;
  }
  if (cell.in_table) {
    // A grid cell is one value or one label, never both.
    view.cell = read_cell_value(cell.raw);
    if (view.cell.value_like()) {
      view.value_only = true;
      return view;
    }
    if (cell.key.size() > kMaxLabelBytes) return view;
    view.label = split_enumerator(without_markdown_marker(cell.key));
    view.label_raw = cell.raw;
    return view;
  }
  LineSplit split = split_line(cell.raw);
  if (split.label_end > kMaxLabelBytes) return view;
  const auto prefix = static_cast<std::size_t>(cell.raw_prefix);
  if (split.label_end == 0) {
    view.value_only = true;
  } else if (split.values.empty()) {
    view.label = split_enumerator(without_markdown_marker(cell.key));
    view.label_raw = cell.raw;
  } else {
    // The label is the printed text before the values; the numbering belongs to it.
    const std::string_view label(cell.raw.data(), std::max(split.label_end, prefix));
    view.label = split_enumerator(without_markdown_marker(label_key(label)));
    view.label_raw = label;
  }
  view.value_count = split.value_count;
  return view;
}

// "(七)" or "3." alone on a line: the enumerator of a label that continues on the next line.
// Returns that enumerator ("七", "3"), or nothing for any other cell.
std::optional<std::string> lone_enumerator(const CellView& v) {
  static const RE2 lone(R"(^(?:\(([一二三四五六七八九十]+|\d+)\)|([一二三四五六七八九十]+)|(\d+))$)");
  if (v.value_only || !v.label.enumerator.empty()) return std::nullopt;
  std::string a, b, c;
  if (!RE2::FullMatch(v.label.core, lone, &a, &b, &c)) return std::nullopt;
  return !a.empty() ? a : (!b.empty() ? b : c);
}

// ---------------------------------------------------------------------------------------
// Label matching against a table's rows and known (non-row) labels.
struct PreparedRow {
  const RowSpec* spec = nullptr;
  std::vector<LabelParts> labels;  // label_key + split_enumerator of each RowSpec label
};

struct PreparedTable {
  const TableSpec* spec = nullptr;
  std::vector<PreparedRow> rows;
  std::vector<LabelParts> known;
};

PreparedTable prepare(const TableSpec& spec) {
  PreparedTable out;
  out.spec = &spec;
  for (const RowSpec& row : spec.rows) {
    PreparedRow prepared;
    prepared.spec = &row;
    for (const char* label : row.labels) prepared.labels.push_back(split_enumerator(label_key(label)));
    out.rows.push_back(std::move(prepared));
  }
  for (const char* label : spec.known_labels) out.known.push_back(split_enumerator(label_key(label)));
  return out;
}

// The prepared tables of a template, made once per template: label_key runs ICU.
struct PreparedTemplate {
  PreparedTable t2, t3, t4;
};

const PreparedTemplate& prepared(const TemplateSpec& spec) {
  static const PreparedTemplate v2021{prepare(*template_v2021().t2), prepare(*template_v2021().t3),
                                      prepare(*template_v2021().t4)};
  static const PreparedTemplate v2019{prepare(*template_v2019().t2), prepare(*template_v2019().t3),
                                      prepare(*template_v2019().t4)};
  return &spec == &template_v2019() ? v2019 : v2021;
}

// A label cut by a line break: the cell is a long enough beginning of the template's label.
bool is_truncated_label(const LabelParts& cell, const LabelParts& pattern) {
  constexpr std::size_t kMinPrefixBytes = 18;  // six CJK characters
  return cell.core.size() >= kMinPrefixBytes && cell.core.size() < pattern.core.size() &&
         pattern.core.compare(0, cell.core.size(), cell.core) == 0;
}

struct RowMatch {
  int row = -1;
  LabelMatch quality = LabelMatch::None;
};

RowMatch match_row(const PreparedTable& table, const LabelParts& cell) {
  RowMatch best;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const PreparedRow& row = table.rows[r];
    for (const LabelParts& pattern : row.labels) {
      LabelMatch q = match_label(cell, pattern, row.spec->needs_enumerator);
      // A label the line break cut short, or the template's label with more after it.
      const bool long_prefix = cell.core.size() > pattern.core.size() &&
                               pattern.core.size() >= 18 &&
                               cell.core.compare(0, pattern.core.size(), pattern.core) == 0;
      if (q == LabelMatch::None && !row.spec->needs_enumerator &&
          (is_truncated_label(cell, pattern) || long_prefix)) {
        q = LabelMatch::Annotated;
      }
      if (q > best.quality) {
        best.row = static_cast<int>(r);
        best.quality = q;
      }
    }
  }
  return best;
}

// A merged group label printed before the row's own, in one line: "三、本年度办理结果 （一）予以公开",
// "（四）无 1.本机关不掌握相关政府信息". Only the first few words are tried as the group's: a label
// is short, and trying every suffix of a long line would cost its length squared.
RowMatch match_row_after_group(const PreparedTable& table, std::string_view label_raw) {
  constexpr int kMaxGroupWords = 3;
  std::size_t space = 0;
  for (int words = 0; words < kMaxGroupWords; ++words) {
    space = label_raw.find(' ', space);
    if (space == std::string_view::npos) break;
    ++space;
    const RowMatch m = match_row(table, split_enumerator(label_key(label_raw.substr(space))));
    if (m.row >= 0) return m;
  }
  return {};
}

bool is_known_label(const PreparedTable& table, const LabelParts& cell) {
  for (const LabelParts& pattern : table.known) {
    if (match_label(cell, pattern, false) != LabelMatch::None) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Values gathered for one row.
enum class ReadMode { Grid, TextGrid, Loose };

struct Gathered {
  std::vector<Token> tokens;
  ReadMode mode = ReadMode::Loose;
  std::size_t end = 0;  // stream index after the last cell consumed
};

bool is_text_grid(const Document& document, const StreamCell& cell) {
  if (cell.source.table < 0 || cell.source.table >= static_cast<int>(document.tables.size())) {
    return false;
  }
  const std::string& origin = document.tables[static_cast<std::size_t>(cell.source.table)].origin;
  return origin != "docx" && origin != "html" && !origin.empty();
}

struct Context {
  const Document& document;
  const Layout& layout;
  const Deadline& deadline;
  std::vector<CellView> views;  // one per stream cell
};

// The values that end the loose line at stream index i, each with its own bytes and span.
void append_loose_tokens(const Context& ctx, std::size_t i, std::vector<Token>& out) {
  if (ctx.views[i].value_count == 0) return;
  const StreamCell& cell = ctx.layout.cells[i];
  LineSplit split = split_line(cell.raw);
  for (LineValue& v : split.values) {
    Token t;
    t.raw = std::string(cell.raw.substr(v.begin, v.end - v.begin));
    t.source = span_within(cell, v.begin, v.end);
    t.value = std::move(v.value);
    out.push_back(std::move(t));
  }
}

// A grid cell as a token: the whole printed cell, its value read once in view_cell.
Token grid_token(const Context& ctx, std::size_t i) {
  const StreamCell& cell = ctx.layout.cells[i];
  return Token{std::string(cell.raw), ctx.views[i].cell, cell.source};
}

// Stream cells looked at for one row's values: a row of the template has at most 15, and the
// values of a flattened row stand on the next few lines. Bounds the work of each label.
constexpr std::size_t kMaxGatherCells = 64;

// Reads up to `wanted` values after the label at stream index `at`, within [at, end).
Gathered gather_values(const Context& ctx, std::size_t at, std::size_t end, std::size_t wanted) {
  const auto& cells = ctx.layout.cells;
  Gathered g;
  const StreamCell& label_cell = cells[at];
  if (label_cell.in_table) {
    g.mode = is_text_grid(ctx.document, label_cell) ? ReadMode::TextGrid : ReadMode::Grid;
    std::size_t j = at + 1;
    for (; j < end && cells[j].row_id == label_cell.row_id; ++j) {
      if (cells[j].continuation) continue;
      // A row longer than any of the template's is a count mismatch whatever follows.
      if (g.tokens.size() >= kMaxGatherCells) break;
      g.tokens.push_back(grid_token(ctx, j));
    }
    g.end = j;
    // Nothing after the label in its row: the values may stand in the next row on their own.
    if (g.tokens.empty() && j < end && cells[j].in_table) {
      const int next_row = cells[j].row_id;
      std::vector<Token> next;
      bool all_values = true;
      std::size_t k = j;
      for (; k < end && cells[k].row_id == next_row; ++k) {
        if (cells[k].continuation) continue;
        if (!ctx.views[k].value_only) all_values = false;
        next.push_back(grid_token(ctx, k));
      }
      if (all_values && !next.empty()) {
        g.tokens = std::move(next);
        g.end = k;
      }
    }
    // Colspan residue of pipe renderings: blank cells between the label and the first value
    // ("| 一、本年新收政府信息公开申请数量 ||| 127 | …") and after the last one ("| 行政许可 | 5 |||").
    auto blank = [](const Token& t) { return t.value.kind == Kind::Blank; };
    std::size_t leading = 0;
    while (g.tokens.size() - leading > wanted && blank(g.tokens[leading])) ++leading;
    g.tokens.erase(g.tokens.begin(), g.tokens.begin() + static_cast<std::ptrdiff_t>(leading));
    while (g.tokens.size() > wanted && blank(g.tokens.back())) g.tokens.pop_back();
    // "| 规章 | 121 || 0 || 190 ||": every value followed by the residue of its span. When the
    // cells that are not blank are exactly the values wanted, the blanks were residue.
    if (g.tokens.size() > wanted &&
        static_cast<std::size_t>(std::count_if(g.tokens.begin(), g.tokens.end(),
                                               [&](const Token& t) { return !blank(t); })) == wanted) {
      std::erase_if(g.tokens, blank);
    }
    return g;
  }

  g.mode = ReadMode::Loose;
  append_loose_tokens(ctx, at, g.tokens);
  std::size_t j = at + 1;
  int label_continuations = 0;
  for (; j < end && j < at + kMaxGatherCells && g.tokens.size() < wanted; ++j) {
    const StreamCell& cell = cells[j];
    const CellView& view = ctx.views[j];
    if (cell.in_table) {
      // A label line whose values a converter put into a table row of their own:
      // "（二）部分公开（区分处理的，只计这一情" … "| 2 | 0 | 0 | 0 | 0 | 0 | 2 |".
      if (!g.tokens.empty()) break;
      std::vector<Token> row;
      bool all_values = true;
      std::size_t k = j;
      for (; k < end && cells[k].row_id == cell.row_id; ++k) {
        if (cells[k].continuation) continue;
        if (!ctx.views[k].value_only) all_values = false;
        row.push_back(grid_token(ctx, k));
      }
      if (all_values) {
        g.mode = is_text_grid(ctx.document, cell) ? ReadMode::TextGrid : ReadMode::Grid;
        g.tokens = std::move(row);
        j = k;
      }
      break;
    }
    if (cell.folded.empty() || view.page_marker) continue;  // no values: separators, page numbers
    if (view.value_only) {
      append_loose_tokens(ctx, j, g.tokens);
      continue;
    }
    // "（二）部分公开（区分处理的，只计这一情形，" / "不计其他情形）": the label goes on.
    if (g.tokens.empty() && label_continuations < 2 && cell.folded.size() <= 60) {
      ++label_continuations;
      append_loose_tokens(ctx, j, g.tokens);
      continue;
    }
    break;
  }
  g.end = j;
  return g;
}

// ---------------------------------------------------------------------------------------
// Turning tokens into fields.
Field make_field(std::string key) {
  Field f;
  f.key = std::move(key);
  f.kind = Kind::Missing;
  f.confidence = 0.0;
  return f;
}

void add_flag(Field& f, const char* flag) {
  if (std::find(f.flags.begin(), f.flags.end(), flag) == f.flags.end()) f.flags.emplace_back(flag);
}

// The largest value a cell of the column can plausibly hold (ColumnSpec::max_digits).
bool within_bounds(const Decimal& value, const ColumnSpec& column) {
  const std::string text = value.to_string();
  std::size_t digits = 0;
  for (char c : text) {
    if (c == '.') break;
    if (c >= '0' && c <= '9') ++digits;
  }
  return digits <= static_cast<std::size_t>(column.max_digits);
}

void fill_field(Field& f, const Token& token, const ColumnSpec& column, double base_confidence) {
  const CellValue& v = token.value;
  f.raw = token.raw;
  f.source = token.source;
  f.kind = v.kind;
  f.value = v.value;
  f.unit = v.unit;
  f.confidence = base_confidence;
  switch (v.kind) {
    case Kind::Blank: add_flag(f, "blank"); break;
    case Kind::Dash: add_flag(f, "dash"); break;
    case Kind::TextZero: add_flag(f, "text_zero"); break;
    case Kind::Text:
      // "24 1", "2" over "0": several values in one cell; "123456789012345678901234567890":
      // more digits than a cell can mean. Neither is read as a number.
      add_flag(f, v.multiple_values ? "multiple_values" : v.too_long ? "number_too_long" : "not_a_number");
      f.confidence = std::min(f.confidence, kConfidenceText);
      break;
    case Kind::Number:
    case Kind::Missing: break;
  }
  if (v.kind != Kind::Number) return;
  if (v.value && !within_bounds(*v.value, column)) {
    // A 20-digit count: exact, kept, but no count a report can mean; review must see it.
    add_flag(f, "out_of_range");
    f.confidence = std::min(f.confidence, kConfidenceText);
  }
  if (v.value && !v.value->exact_in_double()) add_flag(f, "beyond_double");
  if (!v.unit.empty()) add_flag(f, "unit_stripped");
  if (column.unit[0] != '\0' && !v.unit.empty() && v.unit != column.unit) {
    // "5000元" where the template asks for 万元: kept as printed, never converted silently.
    add_flag(f, "unit_mismatch");
    f.confidence *= kFactorUnitMismatch;
  }
  if (v.thousands_separator) add_flag(f, "thousands_separator");
  if (column.rule != ValueRule::SignedCount && (v.negative || v.signed_explicitly)) {
    add_flag(f, "sign_not_allowed");
  }
  if (column.rule != ValueRule::Amount && v.decimal) add_flag(f, "decimal_not_allowed");
}

double base_confidence(ReadMode mode, LabelMatch quality) {
  double c = mode == ReadMode::Grid ? kConfidenceGrid
             : mode == ReadMode::TextGrid ? kConfidenceTextGrid
                                          : kConfidenceLoose;
  if (quality == LabelMatch::Fuzzy) c *= kFactorFuzzyLabel;
  return c;
}

struct TableResult {
  std::vector<Field> fields;
  std::vector<ExtraRow> extra_rows;
  std::vector<Flag> flags;
  int rows_found = 0;
};

// Writes the tokens of one row into its fields.
void assign_row(const RowSpec& row, const Gathered& g, LabelMatch quality,
                std::string_view label_raw, std::vector<Field>& fields, std::size_t first_field) {
  const std::size_t wanted = row.columns.size();
  const double base = base_confidence(g.mode, quality);
  std::vector<const Token*> slots(wanted, nullptr);
  bool inferred = false;
  bool mismatch = g.tokens.size() != wanted;
  // Only 自然人 and 总计 printed, the five 法人或其他组织 cells left blank and lost in the text:
  // two equal values for a seven-column row of table 三 (§6.3).
  bool two_of_seven = false;
  if (wanted == 7 && g.tokens.size() == 2) {
    const CellValue& first = g.tokens[0].value;
    two_of_seven = first.kind == Kind::Number && first.value == g.tokens[1].value.value;
  }
  if (two_of_seven) {
    slots[0] = &g.tokens[0];
    slots[6] = &g.tokens[1];
    inferred = true;
    mismatch = false;
  } else {
    for (std::size_t k = 0; k < wanted && k < g.tokens.size(); ++k) slots[k] = &g.tokens[k];
  }
  const bool merged_cell = std::any_of(g.tokens.begin(), g.tokens.end(), [](const Token& t) {
    return t.value.multiple_values;
  });
  for (std::size_t k = 0; k < wanted; ++k) {
    Field& f = fields[first_field + k];
    f.label = label_raw;
    if (slots[k] != nullptr) {
      fill_field(f, *slots[k], row.columns[k], base);
    } else if (inferred) {
      f.kind = Kind::Blank;
      f.confidence = kConfidenceInferred;
      add_flag(f, "blank");
    } else {
      f.kind = Kind::Missing;
      f.confidence = 0.0;
    }
    if (inferred) {
      add_flag(f, "inferred");
      f.confidence = std::min(f.confidence, kConfidenceInferred);
    }
    if (mismatch) {
      add_flag(f, "count_mismatch");
      f.confidence = std::min(f.confidence, kConfidenceCountMismatch);
    }
    // "| 24 1 | 0 | …": where one cell holds two values, an extractor has likely run cells
    // together, and every position after it may be shifted: the whole row is in doubt.
    if (merged_cell) {
      add_flag(f, "multiple_values_in_row");
      f.confidence = std::min(f.confidence, kConfidenceCountMismatch);
    }
    if (quality == LabelMatch::Fuzzy) add_flag(f, "label_fuzzy");
  }
}

std::vector<Field> blank_fields(const TableSpec& table) {
  std::vector<Field> fields;
  for (const RowSpec& row : table.rows) {
    for (const ColumnSpec& col : row.columns) fields.push_back(make_field(field_key(table, row, col)));
  }
  return fields;
}

std::vector<std::size_t> first_field_of_rows(const TableSpec& table) {
  std::vector<std::size_t> first;
  std::size_t n = 0;
  for (const RowSpec& row : table.rows) {
    first.push_back(n);
    n += row.columns.size();
  }
  return first;
}

// Tables 二 and 三: every label in the region that names a data row.
TableResult map_labelled_table(const Context& ctx, const PreparedTable& table, std::size_t begin,
                               std::size_t end) {
  TableResult result;
  result.fields = blank_fields(*table.spec);
  const std::vector<std::size_t> first_field = first_field_of_rows(*table.spec);
  std::vector<bool> found(table.rows.size(), false);
  std::vector<bool> repeat_flagged(table.rows.size(), false);
  const auto& cells = ctx.layout.cells;
  std::string pending_enumerator;  // "(七)" on a line of its own before "总计"
  int extra_row_id = -1;
  std::vector<int> tables_with_rows;  // extra rows count only in grids this table was read from

  for (std::size_t i = begin; i < end; ++i) {
    if (ctx.deadline.expired_at(i)) break;
    const CellView& view = ctx.views[i];
    if (cells[i].continuation || view.value_only) continue;
    if (std::optional<std::string> enumerator = lone_enumerator(view)) {
      pending_enumerator = std::move(*enumerator);
      continue;
    }
    LabelParts label = view.label;
    if (label.enumerator.empty() && !pending_enumerator.empty()) label.enumerator = pending_enumerator;
    pending_enumerator.clear();

    RowMatch match = match_row(table, label);
    // "三、本年度办理结果  （一）予以公开  37 …": a merged group label printed before the row's own.
    // "（四）无 1.本机关不掌握相关政府信息 746 …": a fragment of a group label before the row's own.
    if (match.quality < LabelMatch::Annotated && !cells[i].in_table) {
      const RowMatch after_group = match_row_after_group(table, view.label_raw);
      if (after_group.quality > match.quality) match = after_group;
    }
    if (match.row < 0) {
      // An unknown label with numbers after it in a grid row: keep it as an extra row (§6.4).
      if (cells[i].in_table && cells[i].row_id != extra_row_id && !is_known_label(table, label)) {
        ExtraRow extra;
        extra.table = table.spec->name;
        extra.label = std::string(view.label_raw);
        extra.source = cells[i].source;
        bool has_number = false;
        for (std::size_t j = i + 1; j < end && cells[j].row_id == cells[i].row_id; ++j) {
          if (cells[j].continuation) continue;
          if (!ctx.views[j].value_only) {
            has_number = false;
            break;
          }
          if (ctx.views[j].cell.kind == Kind::Number) has_number = true;
          extra.cells.emplace_back(cells[j].raw);
        }
        if (has_number) {
          result.extra_rows.push_back(std::move(extra));
          extra_row_id = cells[i].row_id;
        }
      }
      continue;
    }
    const std::size_t r = static_cast<std::size_t>(match.row);
    const RowSpec& row = *table.rows[r].spec;
    // A row printed again and again is said once, and not read again each time.
    if (repeat_flagged[r]) continue;
    Gathered g = gather_values(ctx, i, end, row.columns.size());
    // A label with no value after it (a heading "### 一、本年新收…" over its table, a header
    // "| 项目 | 予以公开 | 部分公开 | …") is no reading of the row: look on for the row itself.
    const bool has_values = std::any_of(g.tokens.begin(), g.tokens.end(), [](const Token& t) {
      return t.value.value_like();
    });
    if (!has_values) continue;
    if (found[r]) {
      repeat_flagged[r] = true;
      result.flags.push_back(Flag{"row_repeated", "warning",
                                  std::string(table.spec->name) + "." + row.key,
                                  "the row \"" + std::string(view.label_raw) +
                                      "\" appears again with values; the first one is used"});
      continue;
    }
    assign_row(row, g, match.quality, view.label_raw, result.fields, first_field[r]);
    found[r] = true;
    ++result.rows_found;
    if (cells[i].in_table) tables_with_rows.push_back(cells[i].source.table);
    if (!cells[i].in_table && g.end > i + 1) i = g.end - 1;
  }
  std::erase_if(result.extra_rows, [&](const ExtraRow& e) {
    return std::find(tables_with_rows.begin(), tables_with_rows.end(), e.source.table) ==
           tables_with_rows.end();
  });
  return result;
}

// Every label of the cells [begin, end) is one of table 四's own (header words, group names).
bool row_has_only_known_labels(const Context& ctx, const PreparedTable& table, std::size_t begin,
                               std::size_t end) {
  for (std::size_t k = begin; k < end; ++k) {
    const CellView& view = ctx.views[k];
    if (view.value_only || ctx.layout.cells[k].continuation) continue;
    static const std::string kDirect = label_key("未经复议直接起诉");
    static const std::string kAfterReview = label_key("复议后起诉");
    const bool group = match_row(table, view.label).row >= 0 ||
                       view.label.core.find(kDirect) != std::string::npos ||
                       view.label.core.find(kAfterReview) != std::string::npos;
    if (!group && !is_known_label(table, view.label)) return false;
  }
  return true;
}

// Table 四: no row labels; 15 values in one row after the header "行政复议 | 行政诉讼" (§2.4), or
// 15 values in a row after the keyword in flattened text (§6.4 fallback).
TableResult map_review_table(const Context& ctx, const PreparedTable& table, std::size_t begin,
                             std::size_t end) {
  TableResult result;
  result.fields = blank_fields(*table.spec);
  const auto& cells = ctx.layout.cells;
  static const LabelParts anchor = split_enumerator(label_key("行政复议"));
  std::size_t at = end;
  for (std::size_t i = begin; i < end; ++i) {
    const CellView& view = ctx.views[i];
    if (view.value_only || cells[i].continuation) continue;
    // "行政复议" alone, or the flattened "行政复议行政诉讼".
    if (view.label.core == anchor.core || view.label.core == "行政复议行政诉讼") {
      at = i;
      break;
    }
  }
  if (at == end) return result;

  constexpr std::size_t kWanted = 15;
  std::vector<Token> tokens;
  ReadMode mode = ReadMode::Loose;
  std::size_t i = at + 1;
  while (i < end && tokens.size() < kWanted) {
    // One row (grid row or line) at a time.
    const int row_id = cells[i].row_id;
    const std::size_t i_row_begin = i;
    std::vector<Token> row_tokens;
    bool has_label = false;
    bool in_table = cells[i].in_table;
    std::size_t j = i;
    for (; j < end && cells[j].row_id == row_id; ++j) {
      if (cells[j].continuation) continue;
      const CellView& view = ctx.views[j];
      if (!view.value_only) has_label = true;
      if (cells[j].in_table) {
        if (view.value_only) row_tokens.push_back(grid_token(ctx, j));
      } else {
        append_loose_tokens(ctx, j, row_tokens);
      }
    }
    i = j;
    if (has_label) {
      // Each group as a table of its own ("### 行政诉讼（未经复议直接起诉）", then its header
      // "结果维持 | …" and its five values): read on after whole groups of five.
      const bool between_groups = !tokens.empty() && tokens.size() % 5 == 0 &&
                                  row_has_only_known_labels(ctx, table, i_row_begin, j);
      // A header row, or text after the table: stop once values have started.
      if (!tokens.empty() && !between_groups) break;
      if (between_groups) continue;
      // A loose label line carrying the values ("行政复议 0 0 0 …") is taken, too.
      if (in_table || row_tokens.empty()) continue;
    }
    if (!in_table && row_tokens.empty()) continue;  // blank line
    if (in_table) {
      mode = is_text_grid(ctx.document, cells[j - 1]) ? ReadMode::TextGrid : ReadMode::Grid;
      while (row_tokens.size() > kWanted &&
             row_tokens.back().value.kind == Kind::Blank) {
        row_tokens.pop_back();
      }
    }
    for (Token& t : row_tokens) tokens.push_back(std::move(t));
  }
  if (tokens.empty()) return result;

  std::size_t field = 0;
  for (const RowSpec& row : table.spec->rows) {
    Gathered part;
    part.mode = mode;
    for (std::size_t k = 0; k < row.columns.size(); ++k) {
      if (field + k < tokens.size()) part.tokens.push_back(tokens[field + k]);
    }
    assign_row(row, part, LabelMatch::Exact, "", result.fields, field);
    // A short group is a count mismatch of the whole row of 15, not of the group alone.
    if (tokens.size() != kWanted) {
      for (std::size_t k = 0; k < row.columns.size(); ++k) {
        add_flag(result.fields[field + k], "count_mismatch");
        result.fields[field + k].confidence =
            std::min(result.fields[field + k].confidence, kConfidenceCountMismatch);
      }
    }
    field += row.columns.size();
  }
  result.rows_found = 1;
  return result;
}

// ---------------------------------------------------------------------------------------
// Version detection by the labels present (templates.md §4.2).
struct VersionScores {
  int t2_v2021 = 0, t2_v2019 = 0, t3_v2021 = 0, t3_v2019 = 0;
};

VersionScores score_versions(const Context& ctx) {
  // Short cells only: a label is not a sentence, and narrative text mentions 政府集中采购 too.
  constexpr std::size_t kMaxVersionLabelBytes = 120;
  static const std::vector<std::string> kT2v2021 = {
      label_key("本年制发件数"), label_key("本年废止件数"), label_key("现行有效件数"),
      label_key("本年处理决定数量"), label_key("本年收费金额")};
  static const std::vector<std::string> kT2v2019 = {
      label_key("本年新制作数量"), label_key("本年新公开数量"), label_key("对外公开总数量"),
      label_key("上一年项目数量"), label_key("本年增/减"), label_key("其他对外管理服务事项"),
      label_key("第二十条第（九）项"), label_key("政府集中采购")};
  static const std::vector<std::string> kT3v2021 = {label_key("逾期不补正"),
                                                    label_key("逾期未按收费通知")};
  VersionScores s;
  std::vector<bool> seen21(kT2v2021.size()), seen19(kT2v2019.size()), seen3(kT3v2021.size());
  const auto& cells = ctx.layout.cells;
  static const LabelParts other_processing = split_enumerator(label_key("（六）其他处理"));
  static const LabelParts grand_total = split_enumerator(label_key("（七）总计"));
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (ctx.deadline.expired_at(i)) break;
    const CellView& view = ctx.views[i];
    if (view.value_only || cells[i].continuation) continue;
    const std::string_view key = cells[i].key;
    if (key.size() > kMaxVersionLabelBytes) continue;
    for (std::size_t m = 0; m < kT2v2021.size(); ++m) {
      if (!seen21[m] && key.find(kT2v2021[m]) != std::string::npos) seen21[m] = true;
    }
    for (std::size_t m = 0; m < kT2v2019.size(); ++m) {
      if (!seen19[m] && key.find(kT2v2019[m]) != std::string::npos) seen19[m] = true;
    }
    for (std::size_t m = 0; m < kT3v2021.size(); ++m) {
      if (!seen3[m] && key.find(kT3v2021[m]) != std::string::npos) seen3[m] = true;
    }
    // "（六）其他处理" followed by "（七）总计" as the next label: the 2019 table 三.
    if (view.label.enumerator == other_processing.enumerator &&
        view.label.core == other_processing.core) {
      for (std::size_t j = i + 1; j < cells.size(); ++j) {
        const CellView& next = ctx.views[j];
        if (next.value_only || cells[j].continuation) continue;
        if (next.label.core == grand_total.core) s.t3_v2019 += 1;
        break;
      }
    }
  }
  s.t2_v2021 = static_cast<int>(std::count(seen21.begin(), seen21.end(), true));
  s.t2_v2019 = static_cast<int>(std::count(seen19.begin(), seen19.end(), true));
  s.t3_v2021 = static_cast<int>(std::count(seen3.begin(), seen3.end(), true));
  return s;
}

// ---------------------------------------------------------------------------------------
// Regions: a table is looked for in its own section, else anywhere.
struct Region {
  std::size_t begin = 0, end = 0;
  bool from_section = false;
};

Region section_region(const Context& ctx, const Segments& segments, const char* key) {
  Region r;
  r.end = ctx.layout.cells.size();
  for (const Section& s : segments.sections) {
    if (s.key != key || s.first_block < 0) continue;
    const auto& first = ctx.layout.block_first_cell;
    const std::size_t nblocks = first.empty() ? 0 : first.size() - 1;
    const std::size_t b0 = std::min<std::size_t>(static_cast<std::size_t>(s.first_block), nblocks);
    const std::size_t b1 = s.end_block < 0 ? nblocks
                                           : std::min<std::size_t>(static_cast<std::size_t>(s.end_block), nblocks);
    if (first.empty() || b1 <= b0) break;
    r.begin = static_cast<std::size_t>(first[b0]);
    r.end = static_cast<std::size_t>(first[b1]);
    r.from_section = true;
    break;
  }
  return r;
}

template <typename MapFn>
TableResult map_in_region(const Context& ctx, const PreparedTable& table, const Region& region,
                          MapFn map) {
  TableResult result = map(ctx, table, region.begin, region.end);
  if (result.rows_found == 0 && region.from_section) {
    result = map(ctx, table, 0, ctx.layout.cells.size());
    if (result.rows_found > 0) {
      result.flags.push_back(Flag{"table_outside_section", "info", table.spec->name,
                                  std::string(table.spec->caption) +
                                      " was found outside its numbered section"});
    }
  }
  return result;
}

bool all_kind(const std::vector<Field>& fields, Kind kind) {
  return !fields.empty() &&
         std::all_of(fields.begin(), fields.end(), [kind](const Field& f) { return f.kind == kind; });
}

// Subtotals the template leaves out (templates.md §2.3): for table 三's groups 不予公开,
// 无法提供, 不予处理 and (2021) 其他处理, per column, "t3.results.denied.subtotal.total" etc.
// Computed only when every cell of the group reads as a count; otherwise present, missing.
void append_subtotals(const TableSpec& spec, std::vector<Field>& fields) {
  if (std::string_view(spec.name) != "t3") return;
  std::vector<std::string> groups = {"results.denied", "results.unable", "results.not_processed"};
  const bool other_has_rows = std::any_of(spec.rows.begin(), spec.rows.end(), [](const RowSpec& r) {
    return std::string_view(r.key) == "results.other.no_correction";
  });
  if (other_has_rows) groups.emplace_back("results.other");
  const std::vector<ColumnSpec>& columns = spec.rows.front().columns;
  std::vector<Field> subtotals;
  for (const std::string& group : groups) {
    const std::string prefix = "t3." + group + ".";
    for (const ColumnSpec& column : columns) {
      const std::string suffix = std::string(".") + column.key;
      Field sum = make_field(prefix + "subtotal." + column.key);
      sum.derived = true;
      sum.label = "小计";
      Decimal total;
      double confidence = 1.0;
      bool computable = true;
      for (const Field& f : fields) {
        const bool in_group = f.key.compare(0, prefix.size(), prefix) == 0 &&
                              f.key.size() > suffix.size() &&
                              f.key.compare(f.key.size() - suffix.size(), suffix.size(), suffix) == 0;
        if (!in_group) continue;
        const bool count = (f.kind == Kind::Number || f.kind == Kind::TextZero) && f.value &&
                           f.value->is_integer() && !f.value->negative();
        std::optional<Decimal> next = count ? total.plus(*f.value) : std::nullopt;
        if (!next) {
          computable = false;
          break;
        }
        total = *next;
        confidence = std::min(confidence, f.confidence);
      }
      if (computable) {
        sum.kind = Kind::Number;
        sum.value = total;
        sum.confidence = confidence;
      }
      subtotals.push_back(std::move(sum));
    }
  }
  for (Field& f : subtotals) fields.push_back(std::move(f));
}

// A row's 总计 left blank while its other cells hold non-zero counts: the template wants the
// total, and extractions lose a row's last cell ("| 1 | 0 | 0 | 0 | 0 | 0 | |"), so the blank
// is as likely ours as the report's (§6.3). It is kept blank but doubted.
void doubt_blank_totals(const TableSpec& spec, std::vector<Field>& fields) {
  std::size_t first = 0;
  for (const RowSpec& row : spec.rows) {
    const std::size_t n = row.columns.size();
    if (first + n > fields.size()) break;
    bool parts_counted = false;
    Field* total = nullptr;
    for (std::size_t k = 0; k < n; ++k) {
      Field& f = fields[first + k];
      if (row.columns[k].is_total) {
        total = &f;
      } else if (f.kind == Kind::Number && f.value && !f.value->is_zero()) {
        parts_counted = true;
      }
    }
    if (total != nullptr && total->kind == Kind::Blank && parts_counted) {
      add_flag(*total, "total_blank");
      total->confidence = std::min(total->confidence, kConfidenceCountMismatch);
    }
    first += n;
  }
}

void finish_table(const TableSpec& spec, TableResult& result, Mapping& mapping) {
  if (result.rows_found > 0) doubt_blank_totals(spec, result.fields);
  if (result.rows_found == 0) {
    mapping.flags.push_back(Flag{"table_missing", "error", spec.name,
                                 std::string(spec.caption) +
                                     " was not found: no row of it could be read (an image, an "
                                     "attachment, or left out)"});
  } else if (all_kind(result.fields, Kind::Blank)) {
    mapping.flags.push_back(Flag{"table_unfilled", "warning", spec.name,
                                 std::string(spec.caption) + " is present but every cell is blank"});
  }
  if (result.rows_found > 0) append_subtotals(spec, result.fields);
  for (Flag& f : result.flags) mapping.flags.push_back(std::move(f));
  for (Field& f : result.fields) mapping.fields.push_back(std::move(f));
  for (ExtraRow& e : result.extra_rows) mapping.extra_rows.push_back(std::move(e));
}

}  // namespace

Mapping map_template(const Document& document, const Layout& layout, const Segments& segments,
                     const Deadline& deadline) {
  Context ctx{document, layout, deadline, {}};
  ctx.views.reserve(layout.cells.size());
  for (const StreamCell& cell : layout.cells) {
    // Past the deadline the rest of the cells are left unread; the pipeline refuses the input.
    ctx.views.push_back(deadline.expired_at(ctx.views.size()) ? CellView{} : view_cell(cell));
  }

  Mapping mapping;
  const VersionScores scores = score_versions(ctx);
  const int v2021 = scores.t2_v2021 + scores.t3_v2021;
  const int v2019 = scores.t2_v2019 + scores.t3_v2019;
  const std::optional<int> year = segments.meta.year;

  const TemplateSpec* t2_template = nullptr;
  const TemplateSpec* t3_template = nullptr;
  if (v2021 > 0 && v2019 > 0) {
    mapping.template_version = "mixed";
    mapping.meta_flags.push_back("mixed_template");
    mapping.flags.push_back(Flag{"mixed_template", "error", "",
                                 "labels of both the 2019 and the 2021 template are present"});
    const TemplateSpec& overall = v2021 >= v2019 ? template_v2021() : template_v2019();
    t2_template = scores.t2_v2021 > scores.t2_v2019   ? &template_v2021()
                  : scores.t2_v2019 > scores.t2_v2021 ? &template_v2019()
                                                      : &overall;
    t3_template = scores.t3_v2021 > scores.t3_v2019   ? &template_v2021()
                  : scores.t3_v2019 > scores.t3_v2021 ? &template_v2019()
                                                      : &overall;
  } else if (v2021 > 0 || v2019 > 0) {
    t2_template = t3_template = v2021 > 0 ? &template_v2021() : &template_v2019();
    mapping.template_version = t2_template->version;
  } else {
    // No version-specific label: the report year is the last tie-breaker (§4.2), and only
    // when some row of the tables can be read at all.
    t2_template = t3_template = (year && *year <= 2020) ? &template_v2019() : &template_v2021();
    mapping.template_version = t2_template->version;
    mapping.meta_flags.push_back("version_from_year");
    mapping.flags.push_back(Flag{"version_from_year", "warning", "",
                                 std::string("no label tells the template version; ") +
                                     (year ? "the report year decided it" : "assumed the 2021 template")});
  }

  // The years each layout is for come from the spec, as for check E6.
  const TemplateSpec* used = template_of(mapping.template_version);
  if (year && used != nullptr && (*year < used->first_year || *year > used->last_year)) {
    mapping.meta_flags.push_back("version_year_mismatch");
    mapping.flags.push_back(Flag{"version_year_mismatch", "warning", "",
                                 std::string("the ") + used->version +
                                     " template is used in a report for " + std::to_string(*year) +
                                     "; it is for reports on " + std::to_string(used->first_year) +
                                     (used->last_year < 9999 ? "–" + std::to_string(used->last_year)
                                                             : " and later")});
  }

  const PreparedTable& t2 = prepared(*t2_template).t2;
  const PreparedTable& t3 = prepared(*t3_template).t3;
  const PreparedTable& t4 = prepared(*t3_template).t4;
  TableResult r2 = map_in_region(ctx, t2, section_region(ctx, segments, "s2_proactive"),
                                 map_labelled_table);
  TableResult r3 = map_in_region(ctx, t3, section_region(ctx, segments, "s3_requests"),
                                 map_labelled_table);
  TableResult r4 = map_in_region(ctx, t4, section_region(ctx, segments, "s4_review_litigation"),
                                 map_review_table);
  const bool version_labelled = v2021 > 0 || v2019 > 0;
  if (!version_labelled && r2.rows_found + r3.rows_found + r4.rows_found == 0) {
    Mapping none;
    none.template_version = (year && *year <= 2018) ? "legacy" : "unknown";
    none.flags.push_back(Flag{"tables_not_found", "error", "",
                              "none of the three statistics tables of the national template was "
                              "found"});
    return none;
  }
  finish_table(*t2.spec, r2, mapping);
  finish_table(*t3.spec, r3, mapping);
  finish_table(*t4.spec, r4, mapping);
  return mapping;
}

}  // namespace xxgknb
