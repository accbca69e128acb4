// Dataset: the source text around each field and the page sizes of a report (source_text.h),
// cut within Limits::max_context_bytes, and their rows in the source_text and pages tables.
#include "dataset/source_text.h"

#include <sqlite3.h>

#include <algorithm>
#include <string_view>

#include "dataset/sqlite_util.h"
#include "util/utf8.h"

namespace xxgknb::dataset {
namespace {

// Cuts a byte position back to the start of a UTF-8 character.
std::size_t char_start(const std::string& text, std::size_t at) {
  while (at > 0 && utf8_continuation(text, at)) --at;
  return at;
}

// Moves a byte position on to the start of the next UTF-8 character (a cut from the left
// keeps within its bytes).
std::size_t next_char_start(const std::string& text, std::size_t at) {
  while (utf8_continuation(text, at)) ++at;
  return at;
}

// The last `max_bytes` of `text`, from a character's start.
std::string tail(const std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  return text.substr(next_char_start(text, text.size() - max_bytes));
}

// The first `max_bytes` of `text`, to a character's end.
std::string head(const std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  return text.substr(0, char_start(text, max_bytes));
}

// The field's own text, "…" (3 bytes) ending it when cut.
std::string own_text(const std::string& text, std::size_t max_bytes) {
  constexpr std::string_view kCut = "…";
  if (text.size() <= max_bytes) return text;
  return head(text, max_bytes > kCut.size() ? max_bytes - kCut.size() : 0) + std::string(kCut);
}

bool context_of(const Field& field, const Document& document, std::size_t max_bytes,
                FieldContext& out) {
  const SourceSpan& s = field.source;
  const std::string& text = document.text;
  const std::int64_t length = s.length >= 0 ? s.length
                                            : static_cast<std::int64_t>(field.raw ? field.raw->size() : 0);
  if (!text.empty() && s.offset >= 0 && static_cast<std::size_t>(s.offset) <= text.size()) {
    const std::size_t at = char_start(text, static_cast<std::size_t>(s.offset));
    const std::size_t end = char_start(text, std::min(text.size(), at + static_cast<std::size_t>(length)));
    const std::size_t from = next_char_start(text, at > max_bytes ? at - max_bytes : 0);
    const std::size_t to = char_start(text, std::min(text.size(), end + max_bytes));
    out.before = text.substr(from, at - from);
    out.at = own_text(text.substr(at, end - at), max_bytes);
    out.after = text.substr(end, to - end);
    return true;
  }
  if (s.table < 0 || static_cast<std::size_t>(s.table) >= document.tables.size()) return false;
  const Table& t = document.tables[static_cast<std::size_t>(s.table)];
  if (s.row < 0 || static_cast<std::size_t>(s.row) >= t.rows.size()) return false;
  std::string before, after;
  std::string* side = &before;
  bool found = false;
  for (const Cell& cell : t.rows[static_cast<std::size_t>(s.row)]) {
    if (cell.continuation) continue;
    if (cell.col == s.col) {
      out.at = own_text(cell.text, max_bytes);
      side = &after;
      found = true;
      continue;
    }
    *side += (side->empty() ? "" : " | ") + cell.text;
  }
  if (!found) return false;
  if (!before.empty()) before += " | ";
  if (!after.empty()) after.insert(0, " | ");
  out.before = tail(before, max_bytes);
  out.after = head(after, max_bytes);
  return true;
}

}  // namespace

SourceText source_text(const Report& report, const Document& document, std::size_t max_bytes) {
  SourceText out;
  out.pages = document.pages;
  for (const Field& field : report.fields) {
    if (field.derived) continue;
    FieldContext c;
    c.key = field.key;
    if (context_of(field, document, max_bytes, c)) out.contexts.push_back(std::move(c));
  }
  return out;
}

std::string write_source_text(sqlite3* db, std::int64_t document_id, const SourceText& source) {
  Statement context(db,
                    "INSERT INTO source_text (document_id, key, text_before, text_at, text_after) "
                    "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!context.ok()) return context.error();
  for (const FieldContext& c : source.contexts) {
    context.reset();
    context.bind(1, document_id);
    context.bind(2, c.key);
    context.bind(3, c.before);
    context.bind(4, c.at);
    context.bind(5, c.after);
    if (context.step() != SQLITE_DONE) return context.error();
  }
  Statement page(db, "INSERT INTO pages (document_id, page, width, height) VALUES (?1, ?2, ?3, ?4)");
  if (!page.ok()) return page.error();
  for (const PageSize& p : source.pages) {
    page.reset();
    page.bind(1, document_id);
    page.bind(2, static_cast<std::int64_t>(p.number));
    page.bind(3, p.width);
    page.bind(4, p.height);
    if (page.step() != SQLITE_DONE) return page.error();
  }
  return {};
}

std::string read_source_text(sqlite3* db, std::int64_t document_id, SourceText& out) {
  out = {};
  Statement has(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'source_text'");
  if (!has.ok()) return has.error();
  if (has.step() != SQLITE_ROW) return {};
  Statement context(db,
                    "SELECT key, text_before, text_at, text_after FROM source_text WHERE document_id = ?1 "
                    "ORDER BY key");
  if (!context.ok()) return context.error();
  context.bind(1, document_id);
  int rc;
  while ((rc = context.step()) == SQLITE_ROW) {
    out.contexts.push_back({context.text(0), context.text(1), context.text(2), context.text(3)});
  }
  if (rc != SQLITE_DONE) return context.error();
  Statement page(db, "SELECT page, width, height FROM pages WHERE document_id = ?1 ORDER BY page");
  if (!page.ok()) return page.error();
  page.bind(1, document_id);
  while ((rc = page.step()) == SQLITE_ROW) {
    out.pages.push_back({static_cast<int>(page.integer(0)), page.real(1), page.real(2)});
  }
  if (rc != SQLITE_DONE) return page.error();
  return {};
}

}  // namespace xxgknb::dataset
