// Stage 1, ingest (.docx): WordprocessingML body → Document. One loop over an explicit stack
// of frames, each frame a container being read in one context (block content, a table, a
// row, paragraph content, a run, a drawing searched for text boxes). The input controls the
// nesting depth, so nothing here recurses over the XML tree.
//
// What is read, and what is deliberately not:
//   runs:   w:t; w:tab/w:ptab → "\t"; w:br/w:cr → "\n"; w:sym → its character;
//           w:noBreakHyphen → "-"; w:softHyphen → ""; w:delText and w:instrText never.
//   around runs: w:hyperlink, w:smartTag, w:customXml, w:sdt, w:fldSimple, w:ins, w:moveTo,
//           w:bdo, w:dir are looked through; w:del and w:moveFrom are dropped.
//   fields: between w:fldChar begin and separate is the field code (dropped); between
//           separate and end the cached result (kept); nested fields by a stack.
//   text boxes: w:txbxContent under w:drawing / w:pict / w:object, one mc:AlternateContent
//           branch only; their paragraphs follow the paragraph that anchors them.
//   tables: through GridBuilder by grid column; nested tables become tables of their own.
#include "ingest/docx_body.h"

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/docx_xml.h"
#include "ingest/grid_builder.h"
#include "util/limit_error.h"

namespace xxgknb::docx {
namespace {

constexpr std::uint32_t kDeadlineEvery = 1024;  // elements between clock reads
// Spans are passed on as written; GridBuilder refuses grids past max_table_cells.
constexpr int kMaxGridSpan = std::numeric_limits<int>::max();

// TextBoxes is not an element: it reads, one after another, the w:txbxContent elements a
// paragraph anchored (BodyReader::box_lists_.back()).
enum class Ctx : std::uint8_t { Block, Table, Row, Inline, Run, Drawing, TextBoxes };
enum class Target : std::uint8_t { Body, Cell };
enum class OnExit : std::uint8_t { Nothing, EndParagraph, EndCell, EndRow, EndTable };

struct Frame {
  pugi::xml_node next;  // next child to read
  Ctx ctx;
  Target target;        // where paragraphs of Block content go
  OnExit on_exit;
  int ns_pushed;        // namespace bindings to drop when the frame ends
  std::size_t box = 0;  // TextBoxes: the next text box to read
};

struct ParagraphState {
  bool active = false;
  pugi::xml_node node;
  Target target = Target::Body;
  std::string text;
  std::vector<pugi::xml_node> text_boxes;
};

struct TableState {
  explicit TableState(std::uint64_t max_cells) : builder(max_cells) {}
  GridBuilder builder;
  int index = 0;
  int grid_after = 0;
  // The cell being read.
  std::string cell_text;
  bool cell_has_paragraph = false;
  int col_span = 1;
  GridBuilder::VMerge vmerge = GridBuilder::VMerge::None;
  SourceSpan cell_source;
};


// w:sym w:char="F0FC": hexadecimal; symbol-font characters sit in the private use area and
// are kept as they are.
void append_sym(std::string& out, const char* hex) {
  if (hex == nullptr) return;
  char32_t cp = 0;
  int digits = 0;
  for (const char* p = hex; *p != '\0'; ++p) {
    const char c = *p;
    int d = -1;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    if (d < 0 || ++digits > 6) return;
    cp = cp * 16 + static_cast<char32_t>(d);
  }
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return;
  append_utf8(out, cp);
}

class BodyReader {
 public:
  BodyReader(const Styles* styles, Numbering* numbering, const Limits& limits,
             const Deadline& deadline, Document& doc)
      : styles_(styles), numbering_(numbering), limits_(limits), deadline_(deadline), doc_(doc) {}

  std::optional<Error> run(const pugi::xml_document& xml);

 private:
  bool enter(pugi::xml_node node, Ctx ctx, Target target, OnExit on_exit, int ns_pushed);
  void dispatch(pugi::xml_node node, const Frame& frame, int ns_pushed);
  void leave(const Frame& frame);

  void begin_paragraph(pugi::xml_node p, Target target, int ns_pushed);
  void end_paragraph(Target target);
  void begin_table(pugi::xml_node tbl, Target target, int ns_pushed);
  void end_table();
  void begin_row(pugi::xml_node tr, int ns_pushed);
  void begin_cell(pugi::xml_node tc, int ns_pushed);
  void run_child(pugi::xml_node node, std::string_view local, const Frame& frame, int ns_pushed);
  void field_char(pugi::xml_node node);
  bool emitting() const { return code_fields_ == 0; }
  pugi::xml_node choose_branch(pugi::xml_node alternate_content);

  void fail(std::string code, std::string message) {
    if (!error_) error_ = Error{std::move(code), std::move(message), {}};
  }
  void fail_limit(std::string_view limit, std::string message) {
    if (!error_) error_ = limit_error(limit, std::move(message));
  }

  const Styles* styles_;
  Numbering* numbering_;
  const Limits& limits_;
  const Deadline& deadline_;
  Document& doc_;

  Names names_;
  std::vector<Frame> stack_;
  ParagraphState para_;
  std::vector<TableState> tables_;
  std::vector<std::vector<pugi::xml_node>> box_lists_;  // one per TextBoxes frame
  // Complex fields: one entry per open field, true once its result has begun.
  std::vector<bool> fields_;
  int code_fields_ = 0;  // open fields still in their code part
  std::uint64_t paragraphs_ = 0;
  std::uint64_t document_cells_ = 0;
  std::uint32_t visited_ = 0;
  std::optional<Error> error_;
};

std::optional<Error> BodyReader::run(const pugi::xml_document& xml) {
  pugi::xml_node root = xml.document_element();
  names_.push(root);
  pugi::xml_node body = names_.word_child(root, "body");
  if (!body) return std::nullopt;
  const int pushed = names_.push(body);
  if (!enter(body, Ctx::Block, Target::Body, OnExit::Nothing, pushed)) return error_;

  while (!stack_.empty() && !error_) {
    Frame& top = stack_.back();
    if (top.ctx == Ctx::TextBoxes) {
      const std::vector<pugi::xml_node>& boxes = box_lists_.back();
      if (top.box < boxes.size()) {
        const pugi::xml_node box = boxes[top.box++];
        enter(box, Ctx::Block, top.target, OnExit::Nothing, 0);
      } else {
        stack_.pop_back();
        box_lists_.pop_back();
      }
      continue;
    }
    if (!top.next) {
      const Frame done = top;
      stack_.pop_back();
      leave(done);
      continue;
    }
    pugi::xml_node node = top.next;
    top.next = node.next_sibling();
    if (node.type() != pugi::node_element) continue;
    if (++visited_ % kDeadlineEvery == 0 && deadline_.expired()) {
      fail_limit("max_milliseconds", "the time limit ran out while reading word/document.xml");
      break;
    }
    const Frame frame = top;  // dispatch may grow the stack
    const int pushed_here = names_.push(node);
    dispatch(node, frame, pushed_here);
  }
  return error_;
}

// Starts reading the children of `node`; false (with an error) past the depth limit.
bool BodyReader::enter(pugi::xml_node node, Ctx ctx, Target target, OnExit on_exit,
                       int ns_pushed) {
  // The document element and w:body sit above the first frame.
  if (stack_.size() + 2 >= limits_.max_xml_depth) {
    names_.pop(ns_pushed);
    fail_limit("max_xml_depth", "word/document.xml nests elements more than " +
                             std::to_string(limits_.max_xml_depth) +
                             " levels deep (near byte " + std::to_string(element_offset(node)) +
                             "); such a document is not read");
    return false;
  }
  stack_.push_back(Frame{node.first_child(), ctx, target, on_exit, ns_pushed, 0});
  return true;
}

void BodyReader::leave(const Frame& frame) {
  switch (frame.on_exit) {
    case OnExit::Nothing: break;
    case OnExit::EndParagraph: end_paragraph(frame.target); break;
    case OnExit::EndCell: {
      TableState& t = tables_.back();
      t.builder.add_cell(std::move(t.cell_text), t.col_span, t.vmerge, t.cell_source);
      t.cell_text.clear();
      break;
    }
    case OnExit::EndRow: {
      TableState& t = tables_.back();
      t.builder.skip_columns(t.grid_after);
      break;
    }
    case OnExit::EndTable: end_table(); break;
  }
  names_.pop(frame.ns_pushed);
}

void BodyReader::dispatch(pugi::xml_node node, const Frame& frame, int ns_pushed) {
  auto [ns, local] = names_.split(node);
  // Wrappers that only group what they hold: read their children in the same context.
  auto through = [&](Ctx ctx) { enter(node, ctx, frame.target, OnExit::Nothing, ns_pushed); };

  if (ns == Ns::Mc && local == "AlternateContent") {
    pugi::xml_node branch = choose_branch(node);
    if (!branch) {
      names_.pop(ns_pushed);
      return;
    }
    const int branch_pushed = names_.push(branch);
    // The branch's frame owns both sets of bindings.
    if (!enter(branch, frame.ctx, frame.target, OnExit::Nothing, branch_pushed + ns_pushed)) {
      return;
    }
    return;
  }

  if (frame.ctx == Ctx::Drawing) {
    if (ns == Ns::Word && local == "txbxContent") {
      if (para_.active) para_.text_boxes.push_back(node);
      names_.pop(ns_pushed);
      return;
    }
    through(Ctx::Drawing);
    return;
  }

  if (ns != Ns::Word) {
    names_.pop(ns_pushed);
    return;
  }

  switch (frame.ctx) {
    case Ctx::Block:
      if (local == "p") return begin_paragraph(node, frame.target, ns_pushed);
      if (local == "tbl") return begin_table(node, frame.target, ns_pushed);
      if (local == "sdt" || local == "sdtContent" || local == "customXml" || local == "ins" ||
          local == "moveTo") {
        return through(Ctx::Block);
      }
      break;
    case Ctx::Table:
      if (local == "tr") return begin_row(node, ns_pushed);
      if (local == "sdt" || local == "sdtContent" || local == "customXml") {
        return through(Ctx::Table);
      }
      break;
    case Ctx::Row:
      if (local == "tc") return begin_cell(node, ns_pushed);
      if (local == "sdt" || local == "sdtContent" || local == "customXml") {
        return through(Ctx::Row);
      }
      break;
    case Ctx::Inline:
      if (local == "r") return through(Ctx::Run);
      if (local == "hyperlink" || local == "smartTag" || local == "customXml" || local == "sdt" ||
          local == "sdtContent" || local == "fldSimple" || local == "ins" || local == "moveTo" ||
          local == "bdo" || local == "dir") {
        return through(Ctx::Inline);
      }
      // w:del and w:moveFrom (and everything else) are not read.
      break;
    case Ctx::Run:
      return run_child(node, local, frame, ns_pushed);
    case Ctx::Drawing:
    case Ctx::TextBoxes:
      break;
  }
  names_.pop(ns_pushed);
}

void BodyReader::run_child(pugi::xml_node node, std::string_view local, const Frame& frame,
                           int ns_pushed) {
  if (local == "fldChar") {
    field_char(node);
  } else if (!emitting() || !para_.active) {
    // Inside a field code nothing is text, not even a text box.
  } else if (local == "t") {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) para_.text += c.value();
    }
  } else if (local == "tab" || local == "ptab") {
    para_.text += '\t';
  } else if (local == "br" || local == "cr") {
    para_.text += '\n';
  } else if (local == "noBreakHyphen") {
    para_.text += '-';
  } else if (local == "sym") {
    append_sym(para_.text, names_.word_attr(node, "char"));
  } else if (local == "drawing" || local == "pict" || local == "object") {
    enter(node, Ctx::Drawing, frame.target, OnExit::Nothing, ns_pushed);
    return;
  } else if (local == "ruby") {
    // Phonetic guides: the base text only, not the annotation (w:rt).
    if (pugi::xml_node base = names_.word_child(node, "rubyBase")) {
      enter(base, Ctx::Inline, frame.target, OnExit::Nothing, ns_pushed);
      return;
    }
  }
  // w:softHyphen, w:instrText, w:delText, w:rPr, … contribute nothing.
  names_.pop(ns_pushed);
}

void BodyReader::field_char(pugi::xml_node node) {
  const char* type = names_.word_attr(node, "fldCharType");
  const std::string_view t = type != nullptr ? type : "";
  if (t == "begin") {
    fields_.push_back(false);
    ++code_fields_;
  } else if (t == "separate") {
    if (!fields_.empty() && !fields_.back()) {
      fields_.back() = true;
      --code_fields_;
    }
  } else if (t == "end") {
    if (!fields_.empty()) {
      if (!fields_.back()) --code_fields_;
      fields_.pop_back();
    }
  }
}

// mc:AlternateContent: the first mc:Choice whose required namespaces we read, else
// mc:Fallback; never more than one branch, or a text box would be read twice.
pugi::xml_node BodyReader::choose_branch(pugi::xml_node alternate_content) {
  pugi::xml_node fallback;
  for (pugi::xml_node b = alternate_content.first_child(); b; b = b.next_sibling()) {
    if (b.type() != pugi::node_element) continue;
    const std::string_view local = split_qname(b.name()).second;
    if (local == "Fallback") {
      if (!fallback) fallback = b;
      continue;
    }
    if (local != "Choice") continue;
    const int pushed = names_.push(b);
    std::string_view requires_ = b.attribute("Requires").value();
    bool understood = !requires_.empty();
    while (!requires_.empty() && understood) {
      const std::size_t space = requires_.find_first_of(" \t\r\n");
      const std::string_view prefix = requires_.substr(0, space);
      if (!prefix.empty()) {
        const Ns ns = names_.ns_of_prefix(prefix);
        understood = ns == Ns::Word || ns == Ns::Understood || ns == Ns::Mc;
      }
      requires_ = space == std::string_view::npos ? std::string_view() : requires_.substr(space + 1);
    }
    names_.pop(pushed);
    if (understood) return b;
  }
  return fallback;
}

void BodyReader::begin_paragraph(pugi::xml_node p, Target target, int ns_pushed) {
  if (++paragraphs_ > limits_.max_paragraphs) {
    names_.pop(ns_pushed);
    fail_limit("max_paragraphs", "the document has more than " +
                                     std::to_string(limits_.max_paragraphs) + " paragraphs");
    return;
  }
  para_.active = true;
  para_.node = p;
  para_.target = target;
  para_.text.clear();
  para_.text_boxes.clear();
  enter(p, Ctx::Inline, target, OnExit::EndParagraph, ns_pushed);
}

void BodyReader::end_paragraph(Target target) {
  // A field code never closed by the paragraph's end would hide the rest of the document;
  // codes do not run across paragraphs in practice, so such fields end here.
  while (code_fields_ > 0 && !fields_.empty()) {
    if (!fields_.back()) --code_fields_;
    fields_.pop_back();
  }
  code_fields_ = 0;

  pugi::xml_node p = para_.node;
  std::string numbering;
  int outline_level = -1;
  {
    pugi::xml_node ppr = names_.word_child(p, "pPr");
    std::string_view style_id;
    std::optional<int> num_id, ilvl, outline;
    if (ppr) {
      if (pugi::xml_node s = names_.word_child(ppr, "pStyle")) {
        if (const char* v = names_.word_attr(s, "val")) style_id = v;
      }
      if (pugi::xml_node numpr = names_.word_child(ppr, "numPr")) {
        if (pugi::xml_node n = names_.word_child(numpr, "numId")) {
          num_id = int_value(names_.word_attr(n, "val"), 0, 0, 1 << 30);
        }
        if (pugi::xml_node l = names_.word_child(numpr, "ilvl")) {
          ilvl = int_value(names_.word_attr(l, "val"), 0, 0, 8);
        }
      }
      if (pugi::xml_node o = names_.word_child(ppr, "outlineLvl")) {
        outline = int_value(names_.word_attr(o, "val"), 9, 0, 9);
      }
    }
    StyleProps style;
    if (styles_ != nullptr) style = styles_->resolve(style_id);
    const int nid = num_id ? *num_id : style.num_id;
    const int level = ilvl ? *ilvl : (style.ilvl >= 0 ? style.ilvl : 0);
    if (nid > 0 && numbering_ != nullptr) numbering = numbering_->next(nid, level);
    if (outline) {
      outline_level = *outline < 9 ? *outline : -1;
    } else {
      outline_level = style.outline_level;
    }
  }

  if (target == Target::Cell && !tables_.empty()) {
    TableState& t = tables_.back();
    if (t.cell_has_paragraph) t.cell_text += '\n';
    t.cell_has_paragraph = true;
    t.cell_text += numbering;
    t.cell_text += para_.text;
  } else {
    Paragraph out;
    out.text = std::move(para_.text);
    out.numbering = std::move(numbering);
    out.outline_level = outline_level;
    out.source.offset = element_offset(p);
    doc_.blocks.push_back({Block::Kind::Paragraph, static_cast<int>(doc_.paragraphs.size())});
    doc_.paragraphs.push_back(std::move(out));
  }
  para_.active = false;
  para_.text.clear();

  // Text boxes anchored here are read next, one after another, as content of the same
  // container.
  if (!para_.text_boxes.empty()) {
    if (stack_.size() + 2 >= limits_.max_xml_depth) {
      fail_limit("max_xml_depth", "word/document.xml nests text boxes more than " +
                               std::to_string(limits_.max_xml_depth) + " levels deep");
      return;
    }
    box_lists_.push_back(std::move(para_.text_boxes));
    para_.text_boxes.clear();
    stack_.push_back(Frame{pugi::xml_node(), Ctx::TextBoxes, target, OnExit::Nothing, 0, 0});
  }
}

void BodyReader::begin_table(pugi::xml_node tbl, Target target, int ns_pushed) {
  Table table;
  table.index = static_cast<int>(doc_.tables.size());
  table.origin = "docx";
  table.source.table = table.index;
  table.source.offset = element_offset(tbl);
  if (target == Target::Cell && !tables_.empty()) {
    table.nesting = static_cast<int>(tables_.size());
    table.parent_table = tables_.back().index;
  } else {
    doc_.blocks.push_back({Block::Kind::Table, table.index});
  }
  // The index is taken now so that a parent precedes the tables nested in it.
  doc_.tables.push_back(std::move(table));
  TableState state(limits_.max_table_cells);
  state.index = static_cast<int>(doc_.tables.size()) - 1;
  tables_.push_back(std::move(state));
  enter(tbl, Ctx::Table, target, OnExit::EndTable, ns_pushed);
}

void BodyReader::end_table() {
  TableState& t = tables_.back();
  Table& table = doc_.tables[static_cast<std::size_t>(t.index)];
  if (auto error = finish_table(t.builder, table, limits_, document_cells_)) {
    if (!error_) error_ = std::move(error);
    return;
  }
  tables_.pop_back();
}

void BodyReader::begin_row(pugi::xml_node tr, int ns_pushed) {
  TableState& t = tables_.back();
  int grid_before = 0;
  t.grid_after = 0;
  if (pugi::xml_node trpr = names_.word_child(tr, "trPr")) {
    // A row deleted with tracked changes is not part of the table.
    if (names_.word_child(trpr, "del")) {
      names_.pop(ns_pushed);
      return;
    }
    if (pugi::xml_node b = names_.word_child(trpr, "gridBefore")) {
      grid_before = int_value(names_.word_attr(b, "val"), 0, 0, kMaxGridSpan);
    }
    if (pugi::xml_node a = names_.word_child(trpr, "gridAfter")) {
      t.grid_after = int_value(names_.word_attr(a, "val"), 0, 0, kMaxGridSpan);
    }
  }
  t.builder.begin_row();
  t.builder.skip_columns(grid_before);
  enter(tr, Ctx::Row, Target::Cell, OnExit::EndRow, ns_pushed);
}

void BodyReader::begin_cell(pugi::xml_node tc, int ns_pushed) {
  TableState& t = tables_.back();
  t.cell_text.clear();
  t.cell_has_paragraph = false;
  t.col_span = 1;
  t.vmerge = GridBuilder::VMerge::None;
  t.cell_source = SourceSpan{};
  t.cell_source.offset = element_offset(tc);
  if (pugi::xml_node tcpr = names_.word_child(tc, "tcPr")) {
    if (pugi::xml_node g = names_.word_child(tcpr, "gridSpan")) {
      t.col_span = int_value(names_.word_attr(g, "val"), 1, 1, kMaxGridSpan);
    }
    if (pugi::xml_node v = names_.word_child(tcpr, "vMerge")) {
      // A bare <w:vMerge/> continues the cell above.
      const char* val = names_.word_attr(v, "val");
      t.vmerge = val != nullptr && std::string_view(val) == "restart"
                     ? GridBuilder::VMerge::Restart
                     : GridBuilder::VMerge::Continue;
    }
  }
  enter(tc, Ctx::Block, Target::Cell, OnExit::EndCell, ns_pushed);
}

}  // namespace

std::optional<Error> read_body(const pugi::xml_document& xml, const Styles* styles,
                               Numbering* numbering, const Limits& limits,
                               const Deadline& deadline, Document& doc) {
  BodyReader reader(styles, numbering, limits, deadline, doc);
  return reader.run(xml);
}

}  // namespace xxgknb::docx
