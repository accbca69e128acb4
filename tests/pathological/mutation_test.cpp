// Adversarial inputs made from the golden corpus: every input truncated, bit-flipped and
// spliced with garbage in fixed, repeatable ways. Each must give a report or an error object
// that validates against the schema, within a time bound, and never crash (the suite also
// runs under ASan and UBSan).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/schema.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<fs::path> corpus_inputs() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(XXGKNB_SOURCE_DIR) / "corpus")) {
    if (entry.is_regular_file() && entry.path().stem() == "input") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A small deterministic generator (xorshift), so every run mutates the same way.
struct Random {
  std::uint64_t state;
  std::uint64_t next() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
};

std::vector<std::string> mutations(const std::string& input, std::uint64_t seed) {
  Random random{seed | 1};
  std::vector<std::string> out;
  // Truncated at a few places (a zip's central directory is at its end).
  for (std::size_t cut : {input.size() / 2, input.size() - 1, input.size() * 9 / 10, std::size_t{3}}) {
    if (cut < input.size()) out.push_back(input.substr(0, cut));
  }
  // Bytes flipped here and there.
  for (int round = 0; round < 8; ++round) {
    std::string m = input;
    for (int k = 0; k < 1 + round; ++k) {
      m[random.below(m.size())] ^= static_cast<char>(1u << random.below(8));
    }
    out.push_back(std::move(m));
  }
  // Garbage spliced into the middle, and a run of one byte repeated.
  std::string spliced = input;
  std::string garbage;
  for (int k = 0; k < 64; ++k) garbage.push_back(static_cast<char>(random.next()));
  spliced.insert(random.below(spliced.size()), garbage);
  out.push_back(std::move(spliced));
  std::string repeated = input;
  repeated.insert(random.below(repeated.size()), std::string(4096, repeated[random.below(repeated.size())]));
  out.push_back(std::move(repeated));
  return out;
}

TEST(Mutations, CorpusInputsBrokenInFixedWaysNeverCrashOrHang) {
  const std::vector<fs::path> inputs = corpus_inputs();
  ASSERT_FALSE(inputs.empty());
  std::size_t reports = 0, errors = 0;
  std::uint64_t seed = 0x9E3779B97F4A7C15ull;
  for (const fs::path& path : inputs) {
    const std::string bytes = read_file(path);
    if (bytes.empty()) continue;
    for (const std::string& mutated : mutations(bytes, seed++)) {
      const auto start = std::chrono::steady_clock::now();
      auto result = extract_bytes(mutated, path.string());
      const auto elapsed = std::chrono::steady_clock::now() - start;
      EXPECT_LT(elapsed, std::chrono::seconds(5)) << path;
      const std::string json = result ? to_json(result.value()) : to_json(result.error());
      (result ? reports : errors) += 1;
      const auto problems = testing::schema_errors(json);
      EXPECT_TRUE(problems.empty()) << path << ": " << (problems.empty() ? "" : problems.front());
    }
  }
  // Both outcomes occur: broken inputs are refused, lightly damaged ones still read.
  EXPECT_GT(reports, 0u);
  EXPECT_GT(errors, 0u);
}

}  // namespace
}  // namespace xxgknb
