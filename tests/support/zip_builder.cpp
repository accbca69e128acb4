// Test support: zips and small .docx packages built in memory with libzip.
#include "support/zip_builder.h"

#include <zip.h>

#include <cstdio>
#include <stdexcept>

namespace xxgknb::testing {
namespace {

// A zip_source that produces an entry's bytes on demand from ZipEntry::generate.
struct Generated {
  const ZipEntry* entry;
  zip_error_t error;
};

zip_int64_t generated_source(void* userdata, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
  auto* g = static_cast<Generated*>(userdata);
  switch (cmd) {
    case ZIP_SOURCE_OPEN: return 0;
    case ZIP_SOURCE_READ:
      return static_cast<zip_int64_t>(g->entry->generate(static_cast<char*>(data),
                                                         static_cast<std::size_t>(len)));
    case ZIP_SOURCE_CLOSE: return 0;
    case ZIP_SOURCE_STAT: {
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      return sizeof(*st);
    }
    case ZIP_SOURCE_ERROR: return zip_error_to_data(&g->error, data, len);
    case ZIP_SOURCE_FREE:
      zip_error_fini(&g->error);
      delete g;
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                            ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                            -1);
    default: return -1;
  }
}

}  // namespace

std::string make_zip(const std::vector<ZipEntry>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (out == nullptr) throw std::runtime_error("zip_source_buffer_create failed");
  zip_source_keep(out);
  zip_t* archive = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  if (archive == nullptr) throw std::runtime_error("zip_open_from_source failed");
  for (const ZipEntry& e : entries) {
    zip_source_t* s = nullptr;
    if (e.generate) {
      auto* g = new Generated{&e, {}};
      zip_error_init(&g->error);
      s = zip_source_function(archive, generated_source, g);
    } else {
      s = zip_source_buffer(archive, e.data.data(), e.data.size(), 0);
    }
    const zip_int64_t index = zip_file_add(archive, e.name.c_str(), s, ZIP_FL_ENC_UTF_8);
    if (index < 0) throw std::runtime_error("zip_file_add failed: " + e.name);
    const auto i = static_cast<zip_uint64_t>(index);
    if (e.store) zip_set_file_compression(archive, i, ZIP_CM_STORE, 0);
    if (e.encrypt && zip_file_set_encryption(archive, i, ZIP_EM_AES_256, "secret") != 0) {
      throw std::runtime_error("zip_file_set_encryption failed");
    }
  }
  if (zip_close(archive) != 0) throw std::runtime_error("zip_close failed");

  std::string bytes;
  if (zip_source_open(out) != 0) throw std::runtime_error("zip_source_open failed");
  char buffer[65536];
  zip_int64_t n = 0;
  while ((n = zip_source_read(out, buffer, sizeof buffer)) > 0) {
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  zip_source_close(out);
  zip_source_free(out);
  return bytes;
}

const char* const kDocxNamespaces =
    R"( xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")"
    R"( xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships")"
    R"( xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006")"
    R"( xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing")"
    R"( xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main")"
    R"( xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape")"
    R"( xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml")"
    R"( xmlns:v="urn:schemas-microsoft-com:vml")"
    R"( xmlns:o="urn:schemas-microsoft-com:office:office")"
    R"( xmlns:zz="http://example.com/not-understood")";

std::string document_xml(std::string_view body_xml) {
  return std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)") +
         "\n<w:document" + kDocxNamespaces + "><w:body>" + std::string(body_xml) +
         "</w:body></w:document>";
}

std::string make_docx(const DocxParts& parts) {
  std::vector<ZipEntry> entries;
  entries.push_back({"[Content_Types].xml",
                     R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>)"});
  std::string rels = parts.package_rels;
  if (rels.empty()) {
    rels = R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target=")" +
           parts.main_part + R"("/></Relationships>)";
  }
  entries.push_back({"_rels/.rels", rels});
  entries.push_back(
      {parts.main_part, parts.document.empty() ? document_xml(parts.body) : parts.document});
  std::string doc_rels =
      R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
  if (!parts.styles.empty()) {
    entries.push_back({"word/styles.xml", parts.styles});
    doc_rels += R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)";
  }
  if (!parts.numbering.empty()) {
    entries.push_back({"word/numbering.xml", parts.numbering});
    doc_rels += R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>)";
  }
  doc_rels += "</Relationships>";
  const std::size_t slash = parts.main_part.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : parts.main_part.substr(0, slash + 1);
  const std::string file = parts.main_part.substr(dir.size());
  entries.push_back({dir + "_rels/" + file + ".rels", doc_rels});
  for (const ZipEntry& e : parts.extra) entries.push_back(e);
  return make_zip(entries);
}

std::string make_docx(std::string_view body_xml) {
  DocxParts parts;
  parts.body = std::string(body_xml);
  return make_docx(parts);
}

}  // namespace xxgknb::testing
