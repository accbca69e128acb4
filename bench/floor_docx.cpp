// Benchmark, .docx floor: what any .docx reader must at least do — inflate word/document.xml
// with libzip, parse it with pugixml and walk every node once — and nothing more, to compare
// `xxgknb extract` with. Usage: floor_docx FILE...; prints the files read and the bytes of
// text seen (so the walk cannot be optimised away); exit 1 when a file cannot be read.
#include <zip.h>

#include <cstdio>
#include <cstdint>
#include <string>
#include <vector>

#include <pugixml.hpp>

namespace {

// The uncompressed bytes of word/document.xml, or an empty string with the reason in `error`.
std::string inflate_document_xml(const char* path, std::string& error) {
  int code = 0;
  zip_t* archive = zip_open(path, ZIP_RDONLY, &code);
  if (archive == nullptr) {
    zip_error_t e;
    zip_error_init_with_code(&e, code);
    error = zip_error_strerror(&e);
    zip_error_fini(&e);
    return {};
  }
  std::string out;
  zip_stat_t st;
  if (zip_stat(archive, "word/document.xml", 0, &st) != 0 || (st.valid & ZIP_STAT_SIZE) == 0) {
    error = "no word/document.xml";
  } else if (zip_file_t* f = zip_fopen(archive, "word/document.xml", 0); f == nullptr) {
    error = zip_strerror(archive);
  } else {
    out.resize(st.size);
    const zip_int64_t n = zip_fread(f, out.data(), st.size);
    if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) {
      error = "short read of word/document.xml";
      out.clear();
    }
    zip_fclose(f);
  }
  zip_discard(archive);
  return out;
}

// Every node once, with an explicit stack (the depth is the input's): the bytes of text seen.
std::uint64_t walk(const pugi::xml_document& doc) {
  std::uint64_t text_bytes = 0;
  std::vector<pugi::xml_node> stack{doc.document_element()};
  while (!stack.empty()) {
    const pugi::xml_node node = stack.back();
    stack.pop_back();
    if (node.type() == pugi::node_pcdata) text_bytes += std::char_traits<char>::length(node.value());
    for (pugi::xml_node child = node.last_child(); child; child = child.previous_sibling()) {
      stack.push_back(child);
    }
  }
  return text_bytes;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t files = 0;
  std::uint64_t text_bytes = 0;
  int status = 0;
  for (int i = 1; i < argc; ++i) {
    std::string error;
    std::string xml = inflate_document_xml(argv[i], error);
    if (!error.empty()) {
      std::fprintf(stderr, "floor_docx: %s: %s\n", argv[i], error.c_str());
      status = 1;
      continue;
    }
    pugi::xml_document doc;
    const pugi::xml_parse_result parsed = doc.load_buffer_inplace(xml.data(), xml.size());
    if (!parsed) {
      std::fprintf(stderr, "floor_docx: %s: %s at byte %td\n", argv[i], parsed.description(),
                   parsed.offset);
      status = 1;
      continue;
    }
    text_bytes += walk(doc);
    ++files;
  }
  std::printf("%llu files, %llu bytes of text\n", static_cast<unsigned long long>(files),
              static_cast<unsigned long long>(text_bytes));
  return status;
}
