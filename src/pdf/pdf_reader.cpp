// Stage 1, ingest (PDF): reads a PDF's text layer with poppler-cpp — every text box with its
// position, page by page — after the raw-byte pre-scan has checked the file against the
// Limits, and hands the boxes to the page layout (src/ingest/page_layout.cpp) that rebuilds
// paragraphs and tables. Pages with no text (a scan) and text without a Unicode mapping
// (glyph garbage) are refused as ocr_needed rather than read as values.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <cmath>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/page_layout.h"
#include "pdf/prescan.h"
#include "util/limit_error.h"
#include "xxgknb/pdf.h"

namespace xxgknb {
namespace {

// poppler keeps global state (its parameters, font caches, the error callback): one PDF is
// read at a time in a process, whatever thread asks.
std::mutex poppler_mutex;
// Messages poppler reported while reading the current PDF (under poppler_mutex).
int poppler_messages = 0;

void count_poppler_message(const std::string& /*message*/, void* /*closure*/) {
  ++poppler_messages;
}

Error time_limit(const Limits& limits) {
  return limit_error("max_milliseconds",
               "the time limit of " + std::to_string(limits.max_milliseconds) +
                   " ms ran out while reading the PDF's pages");
}

// What the text layer says about itself, counted over every code point read.
struct TextQuality {
  std::uint64_t code_points = 0;
  std::uint64_t readable = 0;    // CJK ideographs and punctuation, ASCII, full-width forms
  std::uint64_t unmapped = 0;    // U+FFFD, private use, control characters
  bool report_words = false;     // "政府信息公开" somewhere: the words every report has
};

void measure(std::string_view text, TextQuality& q) {
  for (const std::uint32_t cp : utf8_code_points(text)) {
    ++q.code_points;
    const bool readable = (cp >= 0x20 && cp < 0x7F) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
                          (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
                          (cp >= 0x2010 && cp <= 0x206F) || cp == 0xB7;
    const bool unmapped = cp == 0xFFFD || (cp >= 0xE000 && cp <= 0xF8FF) || cp < 0x20 ||
                          (cp >= 0x7F && cp < 0xA0);
    if (readable) ++q.readable;
    if (unmapped) ++q.unmapped;
  }
  if (text.find("政府信息公开") != std::string_view::npos ||
      text.find("信息公开") != std::string_view::npos) {
    q.report_words = true;
  }
}

// Text that cannot be trusted as text: mostly unmapped or unreadable code points, or a long
// text in which not even "信息公开" occurs (glyph ids shown as arbitrary characters).
std::optional<Error> judge_text(const TextQuality& q, int pages) {
  constexpr std::uint64_t kEnoughText = 200;
  const bool no_text = q.code_points == 0;
  const bool mostly_unmapped = q.code_points >= 20 && q.unmapped * 10 > q.code_points;
  const bool mostly_unreadable = q.code_points >= 20 && q.readable * 10 < q.code_points * 7;
  const bool no_report_words = q.code_points >= kEnoughText && !q.report_words;
  if (no_text) {
    return Error{"ocr_needed",
                 "the PDF's " + std::to_string(pages) +
                     " pages have no text layer (scanned images): it needs OCR before it can be "
                     "read",
                 {}};
  }
  if (mostly_unmapped || mostly_unreadable || no_report_words) {
    return Error{"ocr_needed",
                 "the PDF's text has no usable Unicode mapping (its fonts map glyphs to no "
                 "characters, or to the wrong ones): " +
                     std::to_string(q.code_points) + " characters, " +
                     std::to_string(q.readable) + " readable" +
                     (no_report_words ? ", and not even \"信息公开\" among them" : "") +
                     "; it needs OCR before it can be read",
                 {}};
  }
  return std::nullopt;
}

Result<Document, Error> read_pdf(std::string_view bytes, const Limits& limits,
                                 const Deadline& deadline) {
  pdf::PrescanFigures figures;
  if (auto error = pdf::prescan(bytes, limits, deadline, figures)) return *std::move(error);
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    return limit_error("max_input_bytes", "the PDF is larger than poppler can read");
  }

  std::vector<PageBoxes> pages;
  TextQuality quality;
  int page_count = 0;
  int messages = 0;
  {
    const std::lock_guard<std::mutex> lock(poppler_mutex);
    poppler_messages = 0;
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!doc) {
      return Error{"pdf_corrupt", "the PDF cannot be opened: its structure is damaged", {}};
    }
    // An owner password alone (printing or copying restricted) opens without one: read.
    if (doc->is_locked()) {
      return Error{"pdf_encrypted",
                   "the PDF is encrypted with a password needed to open it; save an unprotected "
                   "copy and try again",
                   {}};
    }
    page_count = doc->pages();
    if (page_count <= 0) return Error{"pdf_corrupt", "the PDF has no pages", {}};
    if (static_cast<std::uint64_t>(page_count) > limits.max_pdf_pages) {
      return limit_error("max_pdf_pages",
                   "the PDF has " + std::to_string(page_count) + " pages, more than " +
                       std::to_string(limits.max_pdf_pages) + " (max_pdf_pages)");
    }
    for (int i = 0; i < page_count; ++i) {
      if (deadline.expired()) return time_limit(limits);
      std::unique_ptr<poppler::page> page(doc->create_page(i));
      PageBoxes out;
      out.number = i + 1;
      if (!page) {
        pages.push_back(std::move(out));
        continue;
      }
      const poppler::rectf rect = page->page_rect();
      out.width = rect.width();
      out.height = rect.height();
      std::vector<poppler::text_box> boxes = page->text_list(0);
      if (boxes.size() > limits.max_pdf_boxes_per_page) {
        return limit_error("max_pdf_boxes_per_page",
                     "page " + std::to_string(i + 1) + " has " + std::to_string(boxes.size()) +
                         " text boxes, more than " +
                         std::to_string(limits.max_pdf_boxes_per_page) +
                         " (max_pdf_boxes_per_page)");
      }
      out.boxes.reserve(boxes.size());
      for (const poppler::text_box& b : boxes) {
        const poppler::byte_array utf8 = b.text().to_utf8();
        TextBox box;
        box.text.assign(utf8.begin(), utf8.end());
        const poppler::rectf r = b.bbox();
        // Hundredths of a point: finer than any layout needs, and the JSON stays readable.
        auto hundredths = [](double v) { return std::round(v * 100) / 100; };
        box.x0 = hundredths(r.left());
        box.y0 = hundredths(r.top());
        box.x1 = hundredths(r.right());
        box.y1 = hundredths(r.bottom());
        box.vertical = b.get_wmode() == poppler::text_box::vertical_wmode;
        box.space_after = b.has_space_after();
        measure(box.text, quality);
        out.boxes.push_back(std::move(box));
      }
      pages.push_back(std::move(out));
    }
    messages = poppler_messages;
  }
  if (auto error = judge_text(quality, page_count)) return *std::move(error);

  auto document = lay_out_pages(pages, limits, deadline);
  if (!document) return document;
  // The frame of each page's boxes, for whoever draws a box on its page (the review pages).
  document->pages.reserve(pages.size());
  for (const PageBoxes& p : pages) document->pages.push_back({p.number, p.width, p.height});
  int empty_pages = 0;
  for (const PageBoxes& p : pages) empty_pages += p.boxes.empty() ? 1 : 0;
  if (empty_pages > 0) {
    document->diagnostics.push_back(
        {"pdf_pages_without_text", Diagnostic::Severity::Warning,
         std::to_string(empty_pages) + " of the PDF's " + std::to_string(page_count) +
             " pages have no text layer (images only): what they show is not read",
         {}});
  }
  if (messages > 0) {
    document->diagnostics.push_back(
        {"pdf_repaired", Diagnostic::Severity::Info,
         "poppler reported " + std::to_string(messages) +
             " problems in the PDF's structure while reading it, and read past them",
         {}});
  }
  return document;
}

}  // namespace

void enable_pdf() {
  static std::once_flag once;
  std::call_once(once, [] {
    // poppler prints its complaints to stderr by default; the library never prints.
    poppler::set_debug_error_function(count_poppler_message, nullptr);
    install_pdf_reader(read_pdf);
  });
}

bool pdf_enabled() { return pdf_reader_installed(); }

}  // namespace xxgknb
