// Stage 1, ingest (before the bytes): reads one input file whole, within
// Limits::max_input_bytes, and says which file and why when it cannot.
#pragma once

#include <string>

#include "xxgknb/options.h"
#include "xxgknb/report.h"
#include "xxgknb/result.h"

namespace xxgknb {

// The bytes of the file at `path`, read once through one open descriptor (so its type and
// size are those of the file actually read). Errors carry `source.path = path` and never a
// size or hash that was not measured:
//   io_error         cannot open or read it ("No such file or directory", "Permission
//                    denied", …) or it is a directory; source.bytes 0, source.sha256 empty.
//   input_too_large  a regular file over the limit by its size (source.bytes = that size,
//                    nothing read), or any file that gave more than the limit while being
//                    read — a pipe, a device, a file growing — (source.bytes 0: its size is
//                    not known, only that it is over the limit).
Result<std::string, Error> read_input_file(const std::string& path, const Limits& limits);

}  // namespace xxgknb
