// PLACEHOLDER CLI (to be replaced): prints the JSON of each file.
#include <iostream>
#include "xxgknb/xxgknb.h"
int main(int argc, char** argv) {
  for (int i = 2; i < argc; ++i) {
    auto r = xxgknb::extract_file(argv[i]);
    std::cout << (r ? xxgknb::to_json(r.value(), {true}) : xxgknb::to_json(r.error(), {true})) << "\n";
  }
}
