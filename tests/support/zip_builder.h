// Test support: zips and small .docx packages built in memory with libzip, for the .docx
// reader's unit and pathological tests.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xxgknb::testing {

struct ZipEntry {
  ZipEntry(std::string name_, std::string data_, bool store_ = false, bool encrypt_ = false)
      : name(std::move(name_)), data(std::move(data_)), store(store_), encrypt(encrypt_) {}
  std::string name;
  std::string data;
  bool store = false;           // no compression
  bool encrypt = false;         // WinZip AES-256 with password "secret"
  // When set, the entry's bytes come from this generator instead of `data` (for entries too
  // big to hold in memory): called with a buffer, returns how many bytes it wrote (0 = end).
  std::function<std::size_t(char*, std::size_t)> generate;
};

// The zip file's bytes.
std::string make_zip(const std::vector<ZipEntry>& entries);

// The XML namespace declarations a Word document.xml carries (w, r, mc, wp, wps, v, w14…).
extern const char* const kDocxNamespaces;

// A document.xml around `body_xml` (the content of w:body).
std::string document_xml(std::string_view body_xml);

struct DocxParts {
  std::string body;             // content of w:body
  std::string document;         // whole document.xml; overrides `body` when set
  std::string styles;           // word/styles.xml content, "" for none
  std::string numbering;        // word/numbering.xml content, "" for none
  std::string package_rels;     // _rels/.rels, "" for the standard one
  std::string main_part = "word/document.xml";
  std::vector<ZipEntry> extra;  // more entries
};

// A .docx package: [Content_Types].xml, _rels/.rels, the main part, its relationships.
std::string make_docx(const DocxParts& parts);
std::string make_docx(std::string_view body_xml);

}  // namespace xxgknb::testing
