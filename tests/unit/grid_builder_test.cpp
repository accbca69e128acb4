// Stage 1, ingest: GridBuilder — rows of cells with spans → a logical grid where every
// position holds a cell. Checked against a compact dump: one line per row, cells separated
// by '|'; an owner prints its text plus "{rows x cols}" when merged, a continuation prints
// "^r,c" (its owner's position), an empty position prints "".
#include "ingest/grid_builder.h"

#include <gtest/gtest.h>

#include <string>

namespace xxgknb {
namespace {

using VM = GridBuilder::VMerge;

std::string dump(const Table& t) {
  std::string out;
  for (const auto& row : t.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      const Cell& cell = row[c];
      if (c > 0) out += '|';
      if (cell.continuation) {
        out += '^' + std::to_string(cell.origin_row) + ',' + std::to_string(cell.origin_col);
      } else {
        out += cell.text;
        if (cell.row_span != 1 || cell.col_span != 1) {
          out += '{' + std::to_string(cell.row_span) + 'x' + std::to_string(cell.col_span) + '}';
        }
      }
    }
    out += '\n';
  }
  return out;
}

SourceSpan at(std::int64_t offset) {
  SourceSpan s;
  s.offset = offset;
  return s;
}

// Every row has `columns` cells, each knowing its own position.
void expect_well_formed(const Table& t) {
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    ASSERT_EQ(t.rows[r].size(), static_cast<std::size_t>(t.columns)) << "row " << r;
    for (int c = 0; c < t.columns; ++c) {
      const Cell& cell = t.rows[r][static_cast<std::size_t>(c)];
      EXPECT_EQ(cell.row, static_cast<int>(r));
      EXPECT_EQ(cell.col, c);
      EXPECT_EQ(cell.source.row, static_cast<int>(r));
      EXPECT_EQ(cell.source.col, c);
      if (cell.continuation) {
        EXPECT_TRUE(cell.text.empty());
        const Cell& owner = t.rows[static_cast<std::size_t>(cell.origin_row)]
                                  [static_cast<std::size_t>(cell.origin_col)];
        EXPECT_FALSE(owner.continuation);
        EXPECT_LE(cell.origin_row, static_cast<int>(r));
        EXPECT_LT(static_cast<int>(r), owner.row + owner.row_span);
        EXPECT_LT(c, owner.col + owner.col_span);
      }
    }
  }
}

TEST(GridBuilder, PlainRows) {
  GridBuilder b(100);
  b.begin_row();
  b.add_cell("a", 1, VM::None, at(10));
  b.add_cell("b", 1, VM::None, at(20));
  b.begin_row();
  b.add_cell("c", 1, VM::None, at(30));
  b.add_cell("d", 1, VM::None, at(40));
  Table t;
  t.index = 3;
  ASSERT_TRUE(b.build(t));
  EXPECT_EQ(t.columns, 2);
  EXPECT_EQ(dump(t), "a|b\nc|d\n");
  expect_well_formed(t);
  EXPECT_EQ(t.rows[1][1].source.offset, 40);
  EXPECT_EQ(t.rows[1][1].source.table, 3);
}

TEST(GridBuilder, ColSpan) {
  GridBuilder b(100);
  b.begin_row();
  b.add_cell("title", 3, VM::None, at(1));
  b.begin_row();
  b.add_cell("a", 1, VM::None, at(2));
  b.add_cell("b", 2, VM::None, at(3));
  Table t;
  ASSERT_TRUE(b.build(t));
  EXPECT_EQ(dump(t), "title{1x3}|^0,0|^0,0\na|b{1x2}|^1,1\n");
  expect_well_formed(t);
}

TEST(GridBuilder, VMergeRestartAndContinue) {
  // "三、本年度办理结果" style: a label cell restarted in column 0, continued below.
  GridBuilder b(100);
  b.begin_row();
  b.add_cell("L", 1, VM::Restart, at(1));
  b.add_cell("x", 1, VM::None, at(2));
  b.begin_row();
  b.add_cell("", 1, VM::Continue, at(3));
  b.add_cell("y", 1, VM::None, at(4));
  b.begin_row();
  b.add_cell("", 1, VM::Continue, at(5));
  b.add_cell("z", 1, VM::None, at(6));
  b.begin_row();
  b.add_cell("M", 1, VM::None, at(7));
  b.add_cell("w", 1, VM::None, at(8));
  Table t;
  ASSERT_TRUE(b.build(t));
  EXPECT_EQ(dump(t), "L{3x1}|x\n^0,0|y\n^0,0|z\nM|w\n");
  expect_well_formed(t);
  // The continuation keeps its own w:tc offset.
  EXPECT_EQ(t.rows[2][0].source.offset, 5);
}

TEST(GridBuilder, VMergeContinueAcrossColSpan) {
  GridBuilder b(100);
  b.begin_row();
  b.add_cell("a", 1, VM::None, at(1));
  b.add_cell("B", 2, VM::Restart, at(2));
  b.begin_row();
  b.add_cell("c", 1, VM::None, at(3));
  b.add_cell("", 2, VM::Continue, at(4));
  Table t;
  ASSERT_TRUE(b.build(t));
  EXPECT_EQ(dump(t), "a|B{2x2}|^0,1\nc|^0,1|^0,1\n");
  expect_well_formed(t);
}

TEST(GridBuilder, VMergeContinueWithNothingAboveIsAnOrdinaryCell) {
  GridBuilder b(100);
  b.begin_row();
  b.add_cell("", 1, VM::Continue, at(1));
  b.add_cell("a", 1, VM::None, at(2));
  b.begin_row();
  b.add_cell("b", 1, VM::None, at(3));  // short row: padded
  b.begin_row();
  b.add_cell("c", 1, VM::None, at(4));
  b.add_cell("", 1, VM::Continue, at(5));  // above is padding, not a cell
  Table t;
  ASSERT_TRUE(b.build(t));
  EXPECT_EQ(dump(t), "|a\nb|\nc|\n");
  expect_well_formed(t);
  EXPECT_FALSE(t.rows[2][1].continuation);
}

TEST(GridBuilder, ContinueUnderAContinuationFindsTheOwner) {
  GridBuilder b(100);
  b.begin_row();
  b.add_cell("A", 2, VM::Restart, at(1));
  b.begin_row();
  b.add_cell("", 2, VM::Continue, at(2));
  b.begin_row();
  b.add_cell("x", 1, VM::None, at(3));
  b.add_cell("", 1, VM::Continue, at(4));  // above (1,1) is covered by (0,0)
  Table t;
  ASSERT_TRUE(b.build(t));
  EXPECT_EQ(dump(t), "A{3x2}|^0,0\n^0,0|^0,0\nx|^0,0\n");
  expect_well_formed(t);
}

TEST(GridBuilder, HtmlRowSpanReservesPositionsBelow) {
  GridBuilder b(100);
  b.begin_row();
  b.add_cell("A", 1, VM::None, at(1), 3);
  b.add_cell("b", 1, VM::None, at(2));
  b.add_cell("C", 1, VM::None, at(3), 2);
  b.begin_row();
  b.add_cell("d", 1, VM::None, at(4));  // lands in column 1
  b.begin_row();
  b.add_cell("e", 1, VM::None, at(5));  // lands in column 1
  b.add_cell("f", 1, VM::None, at(6));  // column 2 is free again
  Table t;
  ASSERT_TRUE(b.build(t));
  EXPECT_EQ(dump(t), "A{3x1}|b|C{2x1}\n^0,0|d|^0,2\n^0,0|e|f\n");
  expect_well_formed(t);
}

TEST(GridBuilder, HtmlRowSpanAndColSpanTogether) {
  GridBuilder b(100);
  b.begin_row();
  b.add_cell("A", 2, VM::None, at(1), 2);
  b.add_cell("b", 1, VM::None, at(2));
  b.begin_row();
  b.add_cell("c", 1, VM::None, at(3));
  Table t;
  ASSERT_TRUE(b.build(t));
  EXPECT_EQ(dump(t), "A{2x2}|^0,0|b\n^0,0|^0,0|c\n");
  expect_well_formed(t);
}

TEST(GridBuilder, RowSpanPastTheLastRowIsTruncated) {
  GridBuilder b(100);
  b.begin_row();
  b.add_cell("A", 1, VM::None, at(1), 65534);
  b.add_cell("b", 1, VM::None, at(2));
  b.begin_row();
  b.add_cell("c", 1, VM::None, at(3));
  Table t;
  ASSERT_TRUE(b.build(t));
  EXPECT_EQ(dump(t), "A{2x1}|b\n^0,0|c\n");
  expect_well_formed(t);
}

TEST(GridBuilder, GridBeforeAndGridAfterSkipColumns) {
  GridBuilder b(100);
  b.begin_row();
  b.add_cell("a", 1, VM::None, at(1));
  b.add_cell("b", 1, VM::None, at(2));
  b.add_cell("c", 1, VM::None, at(3));
  b.add_cell("d", 1, VM::None, at(4));
  b.begin_row();
  b.skip_columns(1);  // w:gridBefore=1
  b.add_cell("x", 2, VM::None, at(5));
  b.skip_columns(1);  // w:gridAfter=1
  b.begin_row();
  b.skip_columns(2);
  b.add_cell("", 1, VM::Continue, at(6));  // continues x, by grid column
  b.add_cell("y", 1, VM::None, at(7));
  Table t;
  ASSERT_TRUE(b.build(t));
  EXPECT_EQ(dump(t), "a|b|c|d\n|x{2x2}|^1,1|\n||^1,1|y\n");
  expect_well_formed(t);
}

TEST(GridBuilder, GridAfterWidensTheGrid) {
  GridBuilder b(100);
  b.begin_row();
  b.add_cell("a", 1, VM::None, at(1));
  b.skip_columns(2);
  Table t;
  ASSERT_TRUE(b.build(t));
  EXPECT_EQ(t.columns, 3);
  EXPECT_EQ(dump(t), "a||\n");
}

TEST(GridBuilder, ShortRowsArePadded) {
  GridBuilder b(100);
  b.begin_row();
  b.add_cell("a", 1, VM::None, at(1));
  b.begin_row();
  b.add_cell("b", 1, VM::None, at(2));
  b.add_cell("c", 1, VM::None, at(3));
  b.add_cell("d", 1, VM::None, at(4));
  b.begin_row();
  Table t;
  ASSERT_TRUE(b.build(t));
  EXPECT_EQ(t.columns, 3);
  EXPECT_EQ(dump(t), "a||\nb|c|d\n||\n");
  expect_well_formed(t);
}

TEST(GridBuilder, BadSpansAreTakenAsOne) {
  GridBuilder b(100);
  b.begin_row();
  b.add_cell("a", 0, VM::None, at(1), 0);
  b.add_cell("b", -5, VM::None, at(2), -1);
  b.skip_columns(-3);
  Table t;
  ASSERT_TRUE(b.build(t));
  EXPECT_EQ(dump(t), "a|b\n");
}

TEST(GridBuilder, EmptyBuilderGivesEmptyTable) {
  GridBuilder b(100);
  Table t;
  ASSERT_TRUE(b.build(t));
  EXPECT_EQ(t.columns, 0);
  EXPECT_TRUE(t.rows.empty());
}

TEST(GridBuilder, AddCellWithoutBeginRowStartsOne) {
  GridBuilder b(100);
  b.add_cell("a", 1, VM::None, at(1));
  Table t;
  ASSERT_TRUE(b.build(t));
  EXPECT_EQ(dump(t), "a\n");
}

TEST(GridBuilder, ExactlyMaxCellsIsAccepted) {
  GridBuilder b(6);
  for (int r = 0; r < 2; ++r) {
    b.begin_row();
    for (int c = 0; c < 3; ++c) b.add_cell("x", 1, VM::None, at(1));
  }
  Table t;
  EXPECT_TRUE(b.build(t));
}

TEST(GridBuilder, MoreThanMaxCellsIsRefusedAndLeavesTableUntouched) {
  // 3 rows × 3 columns of which only the last row is full: the padded grid is 9 > 8.
  GridBuilder b(8);
  b.begin_row();
  b.add_cell("a", 1, VM::None, at(1));
  b.begin_row();
  b.add_cell("b", 1, VM::None, at(2));
  b.begin_row();
  b.add_cell("c", 3, VM::None, at(3));
  Table t;
  t.columns = 42;
  EXPECT_FALSE(b.build(t));
  EXPECT_EQ(t.columns, 42);
  EXPECT_TRUE(t.rows.empty());
}

TEST(GridBuilder, GiganticSpansAreRefusedBeforeAllocating) {
  GridBuilder b(1000);
  b.begin_row();
  b.add_cell("a", 2000000000, VM::None, at(1));
  b.add_cell("b", 2000000000, VM::None, at(1));
  b.skip_columns(2000000000);
  Table t;
  EXPECT_FALSE(b.build(t));

  GridBuilder rows(10);
  for (int i = 0; i < 1000000; ++i) rows.begin_row();
  EXPECT_FALSE(rows.build(t));

  GridBuilder rowspan(100);
  rowspan.begin_row();
  rowspan.add_cell("a", 1, VM::None, at(1), 2000000000);
  EXPECT_TRUE(rowspan.build(t));  // truncated to the single row
  EXPECT_EQ(dump(t), "a\n");
}

TEST(GridBuilder, OverlappingSpansStayWellFormed) {
  // HTML "table model error": a colspan runs into a position reserved by a rowspan.
  GridBuilder b(100);
  b.begin_row();
  b.add_cell("a", 1, VM::None, at(1));
  b.add_cell("B", 1, VM::None, at(2), 3);
  b.begin_row();
  b.add_cell("C", 2, VM::None, at(3), 2);
  b.begin_row();
  b.add_cell("d", 1, VM::None, at(4));
  Table t;
  ASSERT_TRUE(b.build(t));
  expect_well_formed(t);
  EXPECT_EQ(t.columns, 3);
}

}  // namespace
}  // namespace xxgknb
