// A program outside the project that uses the installed xxgknb: reads the file it is given
// with extract_bytes and prints the JSON of the report (or of the error). Exit 0 on a report.
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "xxgknb/xxgknb.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: xxgknb_consumer FILE\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    std::cerr << argv[1] << ": cannot be read\n";
    return 2;
  }
  auto result = xxgknb::extract_bytes(bytes, argv[1]);
  std::cout << (result ? xxgknb::to_json(result.value()) : xxgknb::to_json(result.error()))
            << "\n";
  return result ? 0 : 1;
}
