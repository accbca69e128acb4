// Test support: runs a program (the built CLI) as a subprocess with its standard streams
// redirected to files, waiting for it or killing it mid-run.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace xxgknb::testing {

struct ProcessRun {
  int status = -1;   // exit status, or -1 when the process did not exit normally
  int signal = 0;    // the signal that ended it, if one did
  std::string out;
  std::string err;
};

class Process {
 public:
  // Starts argv[0] with `argv`; stdin from `stdin_path`, stdout and stderr to `out_path` and
  // `err_path` (truncated). started() is false when it could not be started.
  Process(const std::vector<std::string>& argv, const std::string& stdin_path,
          const std::string& out_path, const std::string& err_path);
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  bool started() const { return pid_ > 0; }
  void kill(int signal_number);
  // Waits for the end and collects what it wrote.
  ProcessRun wait();

 private:
  pid_t pid_ = -1;
  std::string out_path_;
  std::string err_path_;
};

// Runs argv to its end.
ProcessRun run_process(const std::vector<std::string>& argv, const std::string& stdin_path,
                       const std::string& out_path, const std::string& err_path);

}  // namespace xxgknb::testing
