// Build tool: reads the division table's text (src/meta/data/divisions.inc) with the meta
// stage's own parser and writes the parsed, indexed table as C++ data for
// src/meta/divisions_builtin.cpp, so that no run of xxgknb parses 45,000 lines at start.
// Usage: xxgknb_divisions_codegen TABLE.inc OUT.inc
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

#include "meta/divisions.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: xxgknb_divisions_codegen TABLE.inc OUT.inc\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (!in) {
    std::cerr << "xxgknb_divisions_codegen: cannot read " << argv[1] << "\n";
    return 1;
  }
  std::string text = buffer.str();
  // The file is a raw string literal for #include: R"tsv( … )tsv"
  constexpr std::string_view kOpen = "R\"tsv(";
  constexpr std::string_view kClose = ")tsv\"";
  const std::size_t open = text.find(kOpen);
  const std::size_t close = text.rfind(kClose);
  if (open == std::string::npos || close == std::string::npos || close < open) {
    std::cerr << "xxgknb_divisions_codegen: " << argv[1] << " is not an R\"tsv(…)tsv\" literal\n";
    return 1;
  }
  const std::string_view table(text.data() + open + kOpen.size(), close - open - kOpen.size());
  const xxgknb::DivisionTable parsed(table);
  if (parsed.size() == 0 || parsed.version().empty()) {
    std::cerr << "xxgknb_divisions_codegen: " << argv[1] << " holds no divisions\n";
    return 1;
  }
  const std::string tmp = std::string(argv[2]) + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    parsed.write_compiled(out);
    if (!out) {
      std::cerr << "xxgknb_divisions_codegen: cannot write " << tmp << "\n";
      return 1;
    }
  }
  if (std::rename(tmp.c_str(), argv[2]) != 0) {
    std::cerr << "xxgknb_divisions_codegen: cannot rename " << tmp << " to " << argv[2] << "\n";
    return 1;
  }
  return 0;
}
