// Provenance: a field's `raw` is the printed text of the input at its source span. For every
// UTF-8 text input of the corpus and the regression cases, input[offset, offset + length)
// must be exactly `raw` wherever a field names both.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "xxgknb/xxgknb.h"

namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<fs::path> text_inputs() {
  std::vector<fs::path> out;
  for (const char* root : {"corpus", "tests/regression"}) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(fs::path(XXGKNB_SOURCE_DIR) / root, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->path().filename() == "input.txt") out.push_back(it->path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Provenance, RawIsTheInputAtItsSpan) {
  int inputs = 0, spans = 0;
  for (const fs::path& path : text_inputs()) {
    const std::string bytes = read_all(path);
    auto result = xxgknb::extract_bytes(bytes, path.string());
    if (!result || result->source.encoding != "UTF-8") continue;
    ++inputs;
    for (const xxgknb::Field& f : result->fields) {
      if (!f.raw || f.source.offset < 0 || f.source.length < 0) continue;
      ++spans;
      const auto offset = static_cast<std::size_t>(f.source.offset);
      const auto length = static_cast<std::size_t>(f.source.length);
      ASSERT_LE(offset + length, bytes.size()) << path << " " << f.key;
      EXPECT_EQ(bytes.substr(offset, length), *f.raw) << path << " " << f.key;
    }
  }
  // The corpus holds UTF-8 text in every shape: the test must have looked at real spans.
  EXPECT_GE(inputs, 10);
  EXPECT_GE(spans, 1000);
}

}  // namespace
