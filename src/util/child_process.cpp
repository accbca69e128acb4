// Shared utility: runs a converter as a child process with a deadline and output limits.
#include "util/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

extern char** environ;

namespace xxgknb {
namespace {

constexpr std::size_t kMaxStderrBytes = 4096;
constexpr std::size_t kChunk = 64 * 1024;

// Closes a descriptor once, at scope exit.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

// In the child, between fork and exec: async-signal-safe calls only, then _exit.
[[noreturn]] void exec_child(const char* program, char* const argv[], int out_fd, int err_fd,
                             std::uint64_t max_memory) {
  const int null_fd = ::open("/dev/null", O_RDONLY);
  if (null_fd < 0 || ::dup2(null_fd, 0) < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(err_fd, 2) < 0) {
    ::_exit(127);
  }
  if (max_memory > 0) {
    const rlimit limit{static_cast<rlim_t>(max_memory), static_cast<rlim_t>(max_memory)};
    ::setrlimit(RLIMIT_AS, &limit);
  }
  ::execve(program, argv, environ);
  ::_exit(127);
}

}  // namespace

std::optional<std::string> find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  while (true) {
    const auto colon = dirs.find(':');
    std::string dir(dirs.substr(0, colon));
    if (dir.empty()) dir = ".";
    const std::string candidate = dir + "/" + name;
    struct stat st {};
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    if (colon == std::string_view::npos) return std::nullopt;
    dirs.remove_prefix(colon + 1);
  }
}

ChildOutcome run_child(const std::string& program, const std::vector<std::string>& args,
                       const ChildLimits& limits, const Deadline& deadline) {
  ChildOutcome outcome;
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    outcome.why_not_started = std::strerror(errno);
    return outcome;
  }
  Fd out_read(out_pipe[0]), out_write(out_pipe[1]);
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    outcome.why_not_started = std::strerror(errno);
    return outcome;
  }
  Fd err_read(err_pipe[0]), err_write(err_pipe[1]);

  // argv is built before fork: the child must not allocate.
  std::vector<std::string> owned;
  owned.reserve(args.size() + 1);
  owned.push_back(program);
  owned.insert(owned.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : owned) argv.push_back(a.data());
  argv.push_back(nullptr);

  const pid_t pid = ::fork();
  if (pid < 0) {
    outcome.why_not_started = std::strerror(errno);
    return outcome;
  }
  if (pid == 0) {
    exec_child(program.c_str(), argv.data(), out_write.get(), err_write.get(),
               limits.max_memory_bytes);
  }
  out_write.reset();
  err_write.reset();

  bool out_open = true, err_open = true;
  char buffer[kChunk];
  outcome.end = ChildOutcome::End::Exited;
  while (out_open || err_open) {
    const std::int64_t left = deadline.remaining_ms();
    if (left <= 0) {
      outcome.end = ChildOutcome::End::TimedOut;
      break;
    }
    pollfd fds[2];
    nfds_t n = 0;
    if (out_open) fds[n++] = {out_read.get(), POLLIN, 0};
    if (err_open) fds[n++] = {err_read.get(), POLLIN, 0};
    const int wait_ms = static_cast<int>(std::min<std::int64_t>(left, 1000));
    const int ready = ::poll(fds, n, wait_ms);
    if (ready < 0) {
      if (errno == EINTR) continue;
      outcome.end = ChildOutcome::End::TimedOut;  // cannot wait on it: stop it
      break;
    }
    for (nfds_t i = 0; i < n; ++i) {
      if (fds[i].revents == 0) continue;
      const bool is_out = fds[i].fd == out_read.get();
      const ssize_t got = ::read(fds[i].fd, buffer, sizeof buffer);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        (is_out ? out_open : err_open) = false;
        continue;
      }
      if (is_out) {
        if (outcome.out.size() + static_cast<std::size_t>(got) > limits.max_output_bytes) {
          outcome.end = ChildOutcome::End::OutputTooLarge;
          out_open = err_open = false;
          break;
        }
        outcome.out.append(buffer, static_cast<std::size_t>(got));
      } else if (outcome.err.size() < kMaxStderrBytes) {
        outcome.err.append(buffer, std::min<std::size_t>(static_cast<std::size_t>(got),
                                                         kMaxStderrBytes - outcome.err.size()));
      }
    }
  }
  // Both pipes closed: the child is exiting, or has closed them and runs on; it gets
  // until the deadline like everything else.
  int status = 0;
  bool reaped = false;
  while (outcome.end == ChildOutcome::End::Exited) {
    const pid_t got = ::waitpid(pid, &status, WNOHANG);
    if (got == pid) {
      reaped = true;
      break;
    }
    if (got < 0 && errno != EINTR) break;
    if (deadline.remaining_ms() <= 0) {
      outcome.end = ChildOutcome::End::TimedOut;
      break;
    }
    ::usleep(1000);
  }
  const bool stopped = outcome.end != ChildOutcome::End::Exited;
  if (!reaped) {
    ::kill(pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  if (!stopped) {
    if (WIFEXITED(status)) {
      outcome.status = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
      outcome.end = ChildOutcome::End::Signalled;
      outcome.status = WTERMSIG(status);
    }
  }
  return outcome;
}

}  // namespace xxgknb
