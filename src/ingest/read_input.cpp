// Stage 1, ingest (before the bytes): one input file read whole within the input limit, with
// the OS's reason when it cannot be.
#include "ingest/read_input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include "util/limit_error.h"

namespace xxgknb {
namespace {

// "No such file or directory", "Permission denied", … for an errno value.
std::string reason(int error_number) {
  return std::error_code(error_number, std::generic_category()).message();
}

Error input_error(std::string code, std::string message, const std::string& path,
                  std::uint64_t bytes = 0) {
  Error error{std::move(code), std::move(message), {}};
  error.source.path = path;
  error.source.bytes = bytes;
  return error;
}

Error too_large(std::string message, const std::string& path, std::uint64_t bytes = 0) {
  Error error = limit_error("max_input_bytes", std::move(message));
  error.source.path = path;
  error.source.bytes = bytes;
  return error;
}

// Closes the descriptor on every way out of read_input_file.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

Result<std::string, Error> read_input_file(const std::string& path, const Limits& limits) {
  const Descriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (file.get() < 0) {
    return input_error("io_error", "cannot open " + path + ": " + reason(errno), path);
  }
  struct stat info {};
  if (::fstat(file.get(), &info) != 0) {
    return input_error("io_error", "cannot read " + path + ": " + reason(errno), path);
  }
  if (S_ISDIR(info.st_mode)) {
    return input_error("io_error", "cannot read " + path + ": it is a directory, not a file",
                       path);
  }
  const bool regular = S_ISREG(info.st_mode);
  const auto size = static_cast<std::uint64_t>(info.st_size);
  // A regular file's size is known up front: refuse a larger one before reading a byte of it.
  if (regular && size > limits.max_input_bytes) {
    return too_large("file is " + std::to_string(size) + " bytes, over the limit of " +
                         std::to_string(limits.max_input_bytes),
                     path, size);
  }
  // Read at most one byte past the limit: a pipe or device has no size, and a regular file
  // may grow while it is read.
  std::string bytes;
  if (regular) bytes.reserve(static_cast<std::size_t>(size));
  const std::uint64_t cap = limits.max_input_bytes + 1;
  char buffer[1 << 16];
  while (bytes.size() < cap) {
    const auto want =
        static_cast<std::size_t>(std::min<std::uint64_t>(sizeof buffer, cap - bytes.size()));
    const ssize_t got = ::read(file.get(), buffer, want);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      return input_error("io_error", "cannot read " + path + ": " + reason(errno), path);
    }
    if (got == 0) break;
    bytes.append(buffer, static_cast<std::size_t>(got));
  }
  if (bytes.size() > limits.max_input_bytes) {
    const std::string what = regular ? " grew while being read and is now larger than the limit of "
                                     : " is larger than the limit of ";
    return too_large(path + what + std::to_string(limits.max_input_bytes) +
                         " bytes (its full size is not known: reading stopped there)",
                     path);
  }
  return bytes;
}

}  // namespace xxgknb
