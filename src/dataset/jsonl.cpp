// Dataset, batch engine, beside the writer: appends to and repairs the JSON Lines file of a
// batch (jsonl.h). Each line goes out in one write(2) with its newline, so a line is either
// whole or the last one, cut short, which the next open cuts off.
#include "dataset/jsonl.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>
#include <system_error>
#include <unordered_set>

namespace xxgknb::dataset {
namespace {

std::string reason(int error_number) {
  return std::error_code(error_number, std::generic_category()).message();
}

// The JSON string token that starts at `quote` in `line` ("\"a\\\"b\"" → a"b), or nothing.
std::optional<std::string> string_at(const std::string& line, std::size_t quote) {
  if (quote >= line.size() || line[quote] != '"') return std::nullopt;
  std::size_t end = quote + 1;
  while (end < line.size() && line[end] != '"') end += line[end] == '\\' ? 2 : 1;
  if (end >= line.size()) return std::nullopt;
  const nlohmann::json j = nlohmann::json::parse(line.substr(quote, end + 1 - quote), nullptr, false);
  if (!j.is_string()) return std::nullopt;
  return j.get<std::string>();
}

// The dataset key of a line (writer.h, DocumentRecord::key), or "" when it is not an
// object `xxgknb extract` prints. Found without parsing the whole line (reports are tens of
// kilobytes): in compact JSON a '"' inside a string is always escaped, so the first
// `"sha256":` and the first `"source":{"path":` are the members of the object's "source"
// — it is the second member of a report and the third of an error object, after
// "error":{"code","message"}, and no member before it has such a key.
std::string line_key(const std::string& line) {
  static constexpr std::string_view kSha256 = "\"sha256\":";
  static constexpr std::string_view kPath = "\"source\":{\"path\":";
  const std::size_t sha256 = line.find(kSha256);
  if (sha256 == std::string::npos) return {};
  if (std::optional<std::string> hex = string_at(line, sha256 + kSha256.size())) return *hex;
  const std::size_t path = line.find(kPath);
  if (path == std::string::npos) return {};
  std::optional<std::string> text = string_at(line, path + kPath.size());
  return text ? unread_key(*text) : std::string();
}

}  // namespace

JsonlFile::~JsonlFile() {
  if (fd_ >= 0) ::close(fd_);
}

std::string JsonlFile::open(const std::string& path, Writer& writer) {
  path_ = path;
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
  if (fd_ < 0) return "cannot open " + path + ": " + reason(errno);
  std::FILE* in = ::fdopen(::dup(fd_), "rb");
  if (in == nullptr) return "cannot read " + path + ": " + reason(errno);
  char* buffer = nullptr;
  std::size_t capacity = 0;
  off_t complete = 0;   // bytes up to the end of the last whole line
  off_t offset = 0;
  ssize_t got = 0;
  while ((got = ::getline(&buffer, &capacity, in)) > 0) {
    offset += got;
    if (buffer[got - 1] != '\n') break;   // the last line, without its newline
    complete = offset;
    if (std::string key = line_key(std::string(buffer, static_cast<std::size_t>(got - 1)));
        !key.empty()) {
      present_.insert(std::move(key));
    }
  }
  std::free(buffer);
  const bool read_failed = std::ferror(in) != 0;
  std::fclose(in);
  if (read_failed) return "cannot read " + path + ": " + reason(errno);
  // "…\"flags\":[" with no newline: the tail of a write a crash cut short.
  if (offset != complete && ::ftruncate(fd_, complete) != 0) {
    return "cannot cut the unfinished last line of " + path + ": " + reason(errno);
  }
  std::string problem;
  std::string listed = writer.each_document(
      [&](const std::string& key) { return problem.empty() && present_.count(key) == 0; },
      [&](const std::string& key, const std::string& json) { problem = append(key, json); });
  return !listed.empty() ? listed : problem;
}

std::string JsonlFile::append(const std::string& key, const std::string& json) {
  if (!present_.insert(key).second) return {};
  return write_line(json);
}

std::string JsonlFile::write_line(const std::string& json) {
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
