// Test support: a fresh directory under the system temp directory, removed with its contents
// when the object goes out of scope; tests write their input files there.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace xxgknb::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `bytes` to path()/name and returns the full path.
  std::string write(const std::string& name, std::string_view bytes) const;

 private:
  std::filesystem::path path_;
};

// The whole content of a file; empty when it cannot be read.
std::string read_file(const std::filesystem::path& path);

}  // namespace xxgknb::testing
