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
#include <thread>

#include "support/temp_dir.h"

extern char** environ;

namespace xxgknb::testing {

ChildRun run_child(const std::vector<std::string>& argv_strings, const std::string& stdin_path,
                   const std::string& out_path, const std::string& err_path,
                   const ChildOptions& options) {
  std::vector<std::string> copies = argv_strings;
  std::vector<char*> argv;
  for (std::string& a : copies) argv.push_back(a.data());
  argv.push_back(nullptr);
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
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
  ChildRun run;
  if (pid < 0) return run;
  int wait_status = 0;
  for (;;) {
    const pid_t done = ::waitpid(pid, &wait_status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) return run;   // not our child any more: nothing to wait for
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (options.timeout_seconds > 0 && seconds > options.timeout_seconds && !run.timed_out) {
      ::kill(pid, SIGKILL);
      run.timed_out = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (WIFEXITED(wait_status)) run.status = WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) run.signal = WTERMSIG(wait_status);
  run.out = read_file(out_path);
  run.err = read_file(err_path);
  return run;
}

}  // namespace xxgknb::testing
