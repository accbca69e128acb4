// Test support: child processes under a file size limit and a deadline (child.h), through
// fork and exec; between the two only async-signal-safe calls, as the test may run threads.
#include "support/child.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <thread>

#include "support/temp_dir.h"

extern char** environ;

namespace xxgknb::testing {
namespace {

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// The SigCgt mask of /proc/PID/status: one bit per signal the process catches.
unsigned long long caught_signals(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("SigCgt:", 0) == 0) return std::stoull(line.substr(7), nullptr, 16);
  }
  return 0;
}

}  // namespace

Child::Child(const std::vector<std::string>& argv_strings, const std::string& stdin_path,
             const std::string& out_path, const std::string& err_path,
             const ChildOptions& options)
    : timeout_seconds_(options.timeout_seconds), out_path_(out_path), err_path_(err_path) {
  std::vector<std::string> copies = argv_strings;
  std::vector<char*> argv;
  for (std::string& a : copies) argv.push_back(a.data());
  argv.push_back(nullptr);
  start_ = now_seconds();
  pid_ = ::fork();
  if (pid_ != 0) return;
  const int in = ::open(stdin_path.c_str(), O_RDONLY);
  const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (in < 0 || out < 0 || err < 0 || ::dup2(in, 0) < 0 || ::dup2(out, 1) < 0 ||
      ::dup2(err, 2) < 0) {
    ::_exit(127);
  }
  if (options.file_size_limit != 0) {
    // Ignored, SIGXFSZ stays ignored across exec, and a write past the limit returns EFBIG
    // instead of killing the child.
    ::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{options.file_size_limit, options.file_size_limit};
    if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(127);
  }
  ::execve(argv[0], argv.data(), environ);
  ::_exit(127);
}

Child::~Child() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

void Child::kill(int signal_number) {
  if (pid_ > 0) ::kill(pid_, signal_number);
}

bool Child::catches(int signal_number, double seconds) const {
  const double until = now_seconds() + seconds;
  while (pid_ > 0 && now_seconds() < until) {
    if ((caught_signals(pid_) >> (signal_number - 1) & 1) != 0) return true;
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
        info.si_pid == pid_) {
      return false;   // ended, and left to wait() to collect
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return false;
}

ChildRun Child::wait() {
  ChildRun run;
  if (pid_ <= 0) return run;
  int wait_status = 0;
  for (;;) {
    const pid_t done = ::waitpid(pid_, &wait_status, WNOHANG);
    if (done == pid_) break;
    if (done < 0 && errno != EINTR) {   // not our child any more: nothing to wait for
      pid_ = -1;
      return run;
    }
    if (timeout_seconds_ > 0 && now_seconds() - start_ > timeout_seconds_ && !run.timed_out) {
      ::kill(pid_, SIGKILL);
      run.timed_out = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  pid_ = -1;
  run.seconds = now_seconds() - start_;
  if (WIFEXITED(wait_status)) run.status = WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) run.signal = WTERMSIG(wait_status);
  run.out = read_file(out_path_);
  run.err = read_file(err_path_);
  return run;
}

ChildRun run_child(const std::vector<std::string>& argv, const std::string& stdin_path,
                   const std::string& out_path, const std::string& err_path,
                   const ChildOptions& options) {
  Child child(argv, stdin_path, out_path, err_path, options);
  return child.wait();
}

}  // namespace xxgknb::testing
