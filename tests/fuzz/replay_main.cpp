// Fuzzing: the main() that lets a fuzz target run without libFuzzer, as a plain test. It
// feeds every file under the folders it is given (a target's seed corpus and its named
// reproducers) to LLVMFuzzerTestOneInput, one at a time in name order, and fails when a
// folder that must hold inputs holds none. A crash, a sanitizer report or a hang is the
// test's failure; ctest's timeout catches the hang.
//
//   replay_fuzz_text [--allow-empty] DIR...
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

// The regular files under `dir`, sorted; nothing when it does not exist.
std::vector<fs::path> inputs_under(const fs::path& dir, std::error_code& error) {
  std::vector<fs::path> out;
  if (!fs::exists(dir, error)) return out;
  for (fs::recursive_directory_iterator it(dir, error), end; !error && it != end;
       it.increment(error)) {
    if (it->is_regular_file(error)) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  bool allow_empty = false;
  std::size_t replayed = 0;
  double slowest_ms = 0;
  std::string slowest;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--allow-empty") {
      allow_empty = true;
      continue;
    }
    std::error_code error;
    const std::vector<fs::path> files = inputs_under(arg, error);
    if (error) {
      std::fprintf(stderr, "%s: %s\n", arg.c_str(), error.message().c_str());
      return 1;
    }
    if (files.empty() && !allow_empty) {
      std::fprintf(stderr, "%s: no inputs to replay\n", arg.c_str());
      return 1;
    }
    allow_empty = false;  // applies to the next folder only
    for (const fs::path& file : files) {
      std::ifstream in(file, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
      if (!in.good() && !in.eof()) {
        std::fprintf(stderr, "%s: cannot be read\n", file.c_str());
        return 1;
      }
      const auto start = std::chrono::steady_clock::now();
      LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      const std::chrono::duration<double, std::milli> took =
          std::chrono::steady_clock::now() - start;
      if (took.count() > slowest_ms) {
        slowest_ms = took.count();
        slowest = file.string();
      }
      ++replayed;
    }
  }
  std::printf("replayed %zu inputs; slowest %.1f ms (%s)\n", replayed, slowest_ms,
              slowest.c_str());
  return 0;
}
