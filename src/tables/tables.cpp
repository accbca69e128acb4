// Stage 4, tables: lays the document out as one stream of cells in reading order. Grids
// (from .docx or rebuilt from text) give one cell per grid position, row by row; a loose
// line of text is a cell of its own. Tables split over pages, repeated headers and page
// footers between them all read in order, so the mapper joins split tables by reading on.
#include "tables/tables.h"

#include <vector>

namespace xxgknb {
namespace {

void append_table(const Document& document, int table_index, int block, int& next_row_id,
                  Layout& layout) {
  const Table& table = document.tables[static_cast<std::size_t>(table_index)];
  for (const auto& row : table.rows) {
    const int row_id = next_row_id++;
    for (const Cell& cell : row) {
      StreamCell out;
      out.raw = cell.text;
      out.folded = cell.folded;
      out.key = cell.key;
      out.source = cell.source;
      out.source.table = table.index;
      out.source.row = cell.row;
      out.source.col = cell.col;
      out.block = block;
      out.row_id = row_id;
      out.grid_row = cell.row;
      out.grid_col = cell.col;
      out.col_span = cell.col_span;
      out.in_table = true;
      out.continuation = cell.continuation;
      layout.cells.push_back(std::move(out));
    }
  }
}

// For each table, the body-level table it sits in (itself for a body table). The walk up is
// bounded by the table count, so a malformed parent chain cannot loop.
std::vector<int> root_tables(const Document& document) {
  const int count = static_cast<int>(document.tables.size());
  std::vector<int> roots(document.tables.size(), -1);
  for (int t = 0; t < count; ++t) {
    int current = t;
    for (int steps = 0; steps < count; ++steps) {
      const int parent = document.tables[static_cast<std::size_t>(current)].parent_table;
      if (parent < 0 || parent >= count) break;
      current = parent;
    }
    roots[static_cast<std::size_t>(t)] = current;
  }
  return roots;
}

}  // namespace

Layout lay_out(const Document& document, const Deadline& deadline) {
  Layout layout;
  const std::vector<int> roots = root_tables(document);
  std::vector<std::vector<int>> nested_by_root(document.tables.size());
  for (std::size_t t = 0; t < document.tables.size(); ++t) {
    const int root = roots[t];
    if (root != static_cast<int>(t)) nested_by_root[static_cast<std::size_t>(root)].push_back(static_cast<int>(t));
  }
  layout.block_first_cell.reserve(document.blocks.size() + 1);
  int next_row_id = 0;
  for (std::size_t b = 0; b < document.blocks.size(); ++b) {
    if (deadline.expired_at(b)) break;
    const Block& block = document.blocks[b];
    layout.block_first_cell.push_back(static_cast<int>(layout.cells.size()));
    const int block_index = static_cast<int>(b);
    if (block.kind == Block::Kind::Paragraph) {
      if (block.index < 0 || block.index >= static_cast<int>(document.paragraphs.size())) continue;
      const Paragraph& p = document.paragraphs[static_cast<std::size_t>(block.index)];
      if (!p.furniture.empty()) continue;  // "— 4 —" between two rows of a table
      StreamCell out;
      if (p.numbering.empty()) {
        out.raw = p.text;
      } else {
        out.raw = layout.joined.emplace_back(p.numbering + p.text);
      }
      out.raw_prefix = static_cast<int>(p.numbering.size());
      out.folded = p.folded;
      out.key = p.key;
      out.source = p.source;
      out.block = block_index;
      out.row_id = next_row_id++;
      layout.cells.push_back(std::move(out));
      continue;
    }
    if (block.index < 0 || block.index >= static_cast<int>(document.tables.size())) continue;
    append_table(document, block.index, block_index, next_row_id, layout);
    // Tables nested in this one follow it: their cells belong to the same place in the text.
    for (int nested : nested_by_root[static_cast<std::size_t>(block.index)]) {
      append_table(document, nested, block_index, next_row_id, layout);
    }
  }
  layout.block_first_cell.push_back(static_cast<int>(layout.cells.size()));
  return layout;
}

}  // namespace xxgknb
