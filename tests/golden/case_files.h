// Test data: how the folders of the golden corpus (corpus/<group>/<case>/) and of the
// regression cases (tests/regression/<case>/) are read — one input named input.docx,
// input.html or input.txt, files read whole, folder names made into GoogleTest parameter names.
#pragma once

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace xxgknb::testing {

// The case's input: input.docx, else input.html, else input.txt; empty when there is none.
inline std::filesystem::path case_input(const std::filesystem::path& dir) {
  for (const char* name : {"input.docx", "input.html", "input.txt", "input.pdf"}) {
    if (std::filesystem::exists(dir / name)) return dir / name;
  }
  return {};
}

// The file's bytes; empty when it cannot be read (the JSON parse that follows then fails).
inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// "v2021-docx_split_table3" → "v2021_docx_split_table3": GoogleTest allows [A-Za-z0-9_].
inline std::string parameter_name(std::string name) {
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

}  // namespace xxgknb::testing
