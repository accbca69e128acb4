// Dataset, batch engine, beside the writer: appends to and repairs the JSON Lines file of a
// batch (jsonl.h). Each line goes out in one write(2) with its newline, so a line is either
// whole or the last one, cut short, which the next open cuts off.
#include "dataset/jsonl.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <system_error>
#include <unordered_set>

namespace xxgknb::dataset {
namespace {

std::string reason(int error_number) {
  return std::error_code(error_number, std::generic_category()).message();
}

// The dataset key of a line (writer.h, DocumentRecord::key), or "" when it is not an
// object `xxgknb extract` prints.
std::string line_key(const std::string& line) {
  const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (!j.is_object()) return {};
  const auto source = j.find("source");
  if (source == j.end() || !source->is_object()) return {};
  const auto sha256 = source->find("sha256");
  if (sha256 != source->end() && sha256->is_string()) return sha256->get<std::string>();
  const auto path = source->find("path");
  if (path != source->end() && path->is_string()) return unread_key(path->get<std::string>());
  return {};
}

}  // namespace

JsonlFile::~JsonlFile() {
  if (fd_ >= 0) ::close(fd_);
}

std::string JsonlFile::open(const std::string& path, Writer& writer) {
  path_ = path;
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
  if (fd_ < 0) return "cannot open " + path + ": " + reason(errno);
  std::unordered_set<std::string> present;
  std::FILE* in = ::fdopen(::dup(fd_), "rb");
  if (in == nullptr) return "cannot read " + path + ": " + reason(errno);
  std::string line;
  long complete = 0;   // bytes up to the end of the last whole line
  long offset = 0;
  int c = 0;
  while ((c = std::fgetc(in)) != EOF) {
    ++offset;
    if (c != '\n') {
      line.push_back(static_cast<char>(c));
      continue;
    }
    complete = offset;
    if (std::string key = line_key(line); !key.empty()) present.insert(std::move(key));
    line.clear();
  }
  const bool read_failed = std::ferror(in) != 0;
  std::fclose(in);
  if (read_failed) return "cannot read " + path + ": " + reason(errno);
  // "…\"flags\":[" with no newline: the tail of a write a crash cut short.
  if (offset != complete && ::ftruncate(fd_, complete) != 0) {
    return "cannot cut the unfinished last line of " + path + ": " + reason(errno);
  }
  std::string problem;
  std::string listed = writer.each_document([&](const std::string& key, const std::string& json) {
    if (problem.empty() && present.count(key) == 0) problem = append(json);
  });
  return !listed.empty() ? listed : problem;
}

std::string JsonlFile::append(const std::string& json) {
  std::string line = json;
  line.push_back('\n');
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return "cannot write " + path_ + ": " + reason(n < 0 ? errno : ENOSPC);
    done += static_cast<std::size_t>(n);
  }
  return {};
}

}  // namespace xxgknb::dataset
