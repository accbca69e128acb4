// Test support: runs a program (the built CLI) as a child process under conditions a test
// sets up — a file size limit with SIGXFSZ ignored, so that every write past it fails with
// EFBIG as on a full disk, and a deadline after which it is killed as hung.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace xxgknb::testing {

struct ChildOptions {
  // RLIMIT_FSIZE in bytes for the child, 0 for none: no file it writes (its standard streams
  // included) can grow past this offset, and the write that would fails with EFBIG.
  std::uint64_t file_size_limit = 0;
  // Killed with SIGKILL after this long (timed_out is then true); 0 for no deadline.
  double timeout_seconds = 0;
};

struct ChildRun {
  int status = -1;         // exit status, or -1 when the child did not exit normally
  int signal = 0;          // the signal that ended it, if one did
  bool timed_out = false;  // killed at the deadline
  double seconds = 0;      // wall-clock time from start to end
  std::string out;
  std::string err;
};

// A child started and left running, for a test that acts on it meanwhile (signals it, or
// starts another beside it). Killed with SIGKILL if still running when destroyed.
class Child {
 public:
  // Starts argv[0] (a path, not searched in PATH) as run_child does; pid() is 0 when it could
  // not be forked.
  Child(const std::vector<std::string>& argv, const std::string& stdin_path,
        const std::string& out_path, const std::string& err_path, const ChildOptions& options);
  ~Child();
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  int pid() const { return pid_ > 0 ? pid_ : 0; }
  void kill(int signal_number);
  // Whether the child has installed a handler of `signal_number` (Linux: SigCgt in
  // /proc/PID/status), waiting up to `seconds` for it; false if it ended first.
  bool catches(int signal_number, double seconds) const;
  // Waits for the end (or the deadline of its options) and collects what it wrote.
  ChildRun wait();

 private:
  int pid_ = -1;
  double timeout_seconds_ = 0;
  double start_ = 0;
  std::string out_path_;
  std::string err_path_;
};

// Runs argv[0] (a path, not searched in PATH) with `argv` to its end or its deadline; stdin
// from `stdin_path`, stdout and stderr to `out_path` and `err_path` (truncated). A child that
// cannot be started ends with status 127.
ChildRun run_child(const std::vector<std::string>& argv, const std::string& stdin_path,
                   const std::string& out_path, const std::string& err_path,
                   const ChildOptions& options);

}  // namespace xxgknb::testing
