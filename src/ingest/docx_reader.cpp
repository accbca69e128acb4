// Stage 1, ingest (.docx): read_docx — the package, its main part found through the
// relationships, the optional styles and numbering parts, then the body.
#include <pugixml.hpp>

#include <optional>
#include <string>
#include <utility>

#include "ingest/docx_body.h"
#include "ingest/docx_numbering.h"
#include "ingest/docx_package.h"
#include "ingest/docx_xml.h"
#include "ingest/ingest.h"
#include "util/limit_error.h"

namespace xxgknb {
namespace {

using docx::Package;

Error error(std::string code, std::string message) {
  return Error{std::move(code), std::move(message), {}};
}

void warn(Document& doc, std::string code, std::string message) {
  Diagnostic d;
  d.code = std::move(code);
  d.severity = Diagnostic::Severity::Warning;
  d.message = std::move(message);
  doc.diagnostics.push_back(std::move(d));
}

// Errors that concern the whole input (a limit: sizes, ratio, time; an entry inflating past
// what its header declares), and a part that several entries share: falling back to another
// part, or reading without it, would hide a crafted file.
bool fatal_read_error(const Package& package, const std::string& name, const Error& e) {
  return !e.limit.empty() || e.code == "zip_bomb" || package.duplicated(name);
}

// The target of the first relationship of `type` in `rels_part` that names a part present in
// the package.
std::optional<std::string> find_related(Package& package, const std::string& rels_xml,
                                        std::string_view source_part, std::string_view type) {
  for (const docx::Relationship& r : docx::parse_relationships(rels_xml)) {
    if (r.external || !docx::relationship_is(r, type)) continue;
    std::optional<std::string> name = docx::resolve_target(source_part, r.target);
    if (!name) continue;  // "NULL" and other dangling targets
    if (std::optional<std::string> stored = package.find(*name)) return stored;
  }
  return std::nullopt;
}

// Reads an optional part (styles, numbering): problems become warnings. Fatal errors (see
// fatal_read_error) are returned.
std::optional<Error> read_optional(Package& package, const std::optional<std::string>& name,
                                   std::string_view what, Document& doc, std::string& out,
                                   bool& present) {
  present = false;
  if (!name) return std::nullopt;
  Result<std::string, Error> r = package.read(*name);
  if (!r) {
    if (fatal_read_error(package, *name, r.error())) return r.error();
    warn(doc, "docx_part_unreadable",
         "the " + std::string(what) + " part " + *name + " cannot be read (" +
             r.error().message + "); " + std::string(what) + " are ignored");
    return std::nullopt;
  }
  out = std::move(r).value();
  present = true;
  return std::nullopt;
}

std::string directory_of(std::string_view part) {
  const std::size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

}  // namespace

Result<Document, Error> read_docx(std::string_view bytes, const Limits& limits,
                                  const Deadline& deadline) {
  if (bytes.size() > limits.max_input_bytes) {
    return limit_error("max_input_bytes", "the file has " + std::to_string(bytes.size()) +
                                        " bytes, more than the limit of " +
                                        std::to_string(limits.max_input_bytes));
  }
  Result<Package, Error> opened = Package::open(bytes, limits, deadline);
  if (!opened) return opened.error();
  Package& package = opened.value();
  Document doc;
  doc.format = "docx";

  // The main part: the officeDocument relationship of the package (transitional or Strict
  // type URI), else the conventional name.
  std::optional<std::string> main_part;
  if (std::optional<std::string> rels_name = package.find("_rels/.rels")) {
    Result<std::string, Error> rels = package.read(*rels_name);
    if (rels) {
      main_part = find_related(package, rels.value(), "", "officeDocument");
    } else if (rels.error().code == "zip_corrupt" && !package.duplicated(*rels_name)) {
      warn(doc, "docx_part_unreadable",
           "the package relationships (_rels/.rels) cannot be read (" + rels.error().message +
               "); word/document.xml is tried instead");
    } else {
      return rels.error();
    }
  }
  if (!main_part) main_part = package.find("word/document.xml");
  if (!main_part) {
    return error("not_docx",
                 "the file is a zip but not a Word document: it has no main document part "
                 "(no officeDocument relationship in _rels/.rels and no word/document.xml); "
                 "save it as .docx from Word or WPS");
  }

  Result<std::string, Error> main_xml = package.read(*main_part);
  if (!main_xml) return main_xml.error();
  pugi::xml_document xml;
  // Whitespace-only text is kept where it is an element's only content (<w:t> </w:t>);
  // comments and processing instructions are not parsed at all.
  // Parsed in place: the part's bytes become the tree's storage (no second copy).
  std::string& main_bytes = main_xml.value();
  const pugi::xml_parse_result parsed =
      xml.load_buffer_inplace(main_bytes.data(), main_bytes.size(),
                              pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!parsed) {
    return error("xml_malformed", *main_part + " is not well-formed XML (" +
                                      parsed.description() + " at byte " +
                                      std::to_string(parsed.offset) +
                                      "); the file is damaged — open it in Word or WPS and "
                                      "save it again");
  }
  {
    docx::Names names;
    pugi::xml_node root = xml.document_element();
    names.push(root);
    if (names.word_local(root) != "document") {
      return error("not_docx", "the zip's main part " + *main_part + " is a <" +
                                   std::string(root.name()) +
                                   ">, not a WordprocessingML document; only .docx is read");
    }
  }

  // Styles and numbering, through the main part's relationships.
  std::optional<std::string> styles_part, numbering_part;
  const std::string main_dir = directory_of(*main_part);
  if (std::optional<std::string> rels_name = package.find(docx::rels_part_for(*main_part))) {
    Result<std::string, Error> rels = package.read(*rels_name);
    if (rels) {
      styles_part = find_related(package, rels.value(), *main_part, "styles");
      numbering_part = find_related(package, rels.value(), *main_part, "numbering");
    } else if (fatal_read_error(package, *rels_name, rels.error())) {
      return rels.error();
    } else {
      warn(doc, "docx_part_unreadable",
           "the main part's relationships (" + *rels_name + ") cannot be read (" +
               rels.error().message + "); styles and numbering are looked for by their "
               "usual names");
    }
  }
  if (!styles_part) styles_part = package.find(main_dir + "styles.xml");
  if (!numbering_part) numbering_part = package.find(main_dir + "numbering.xml");

  docx::Styles styles;
  docx::Numbering numbering;
  bool have_styles = false, have_numbering = false;
  {
    std::string text;
    if (auto e = read_optional(package, styles_part, "styles", doc, text, have_styles)) return *e;
    std::string problem;
    if (have_styles && !styles.load(text, problem)) {
      have_styles = false;
      warn(doc, "docx_part_unreadable",
           "the styles part " + *styles_part + " is not well-formed XML (" + problem +
               "); paragraph styles (and the numbering and heading levels they give) are "
               "ignored");
    }
  }
  {
    std::string text;
    if (auto e = read_optional(package, numbering_part, "numbering definitions", doc, text,
                               have_numbering)) {
      return *e;
    }
    std::string problem;
    if (have_numbering && !numbering.load(text, problem)) {
      have_numbering = false;
      warn(doc, "docx_part_unreadable",
           "the numbering part " + *numbering_part + " is not well-formed XML (" + problem +
               "); automatic numbering (such as \"一、\") is not shown");
    }
  }

  if (std::optional<Error> e = docx::read_body(xml, have_styles ? &styles : nullptr,
                                               have_numbering ? &numbering : nullptr, limits,
                                               deadline, doc)) {
    return *std::move(e);
  }
  return doc;
}

}  // namespace xxgknb
