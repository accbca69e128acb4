// Test support: subprocesses with redirected streams (process.h), through posix_spawn.
#include "support/process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/temp_dir.h"

extern char** environ;

namespace xxgknb::testing {

Process::Process(const std::vector<std::string>& argv_strings, const std::string& stdin_path,
                 const std::string& out_path, const std::string& err_path)
    : out_path_(out_path), err_path_(err_path) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, stdin_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  std::vector<std::string> copies = argv_strings;
  std::vector<char*> argv;
  for (std::string& a : copies) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) == 0) pid_ = pid;
  posix_spawn_file_actions_destroy(&actions);
}

Process::~Process() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

void Process::kill(int signal_number) {
  if (pid_ > 0) ::kill(pid_, signal_number);
}

ProcessRun Process::wait() {
  ProcessRun run;
  int wait_status = 0;
  if (pid_ > 0 && waitpid(pid_, &wait_status, 0) == pid_) {
    if (WIFEXITED(wait_status)) run.status = WEXITSTATUS(wait_status);
    if (WIFSIGNALED(wait_status)) run.signal = WTERMSIG(wait_status);
  }
  pid_ = -1;
  run.out = read_file(out_path_);
  run.err = read_file(err_path_);
  return run;
}

ProcessRun run_process(const std::vector<std::string>& argv, const std::string& stdin_path,
                       const std::string& out_path, const std::string& err_path) {
  Process process(argv, stdin_path, out_path, err_path);
  return process.wait();
}

}  // namespace xxgknb::testing
