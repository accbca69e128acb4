// Shared utility: runs a helper program (a converter such as catdoc) as a child process
// within a time budget and an output limit, and hands back what it printed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "util/deadline.h"

namespace xxgknb {

struct ChildLimits {
  std::uint64_t max_output_bytes = 0;   // standard output past this kills the child
  std::uint64_t max_memory_bytes = 0;   // RLIMIT_AS of the child (0: none)
};

struct ChildOutcome {
  enum class End { Exited, Signalled, TimedOut, OutputTooLarge, NotStarted };
  End end = End::NotStarted;
  int status = 0;            // exit status when Exited, signal number when Signalled
  std::string out;           // standard output (up to max_output_bytes)
  std::string err;           // the first few KiB of standard error, for messages
  std::string why_not_started;  // the system's reason when NotStarted
};

// The absolute path of `name` found on PATH (an executable regular file), if any.
std::optional<std::string> find_program(const std::string& name);

// Runs `program` (an absolute path) with `args`, standard input from /dev/null, and waits
// for it until `deadline`; a child still running then, or printing more than the limit, is
// killed with SIGKILL and reaped. Safe to call from several threads at once: the child
// only calls async-signal-safe functions between fork and exec.
ChildOutcome run_child(const std::string& program, const std::vector<std::string>& args,
                       const ChildLimits& limits, const Deadline& deadline);

}  // namespace xxgknb
