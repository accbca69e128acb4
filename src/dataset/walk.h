// Dataset, batch engine, first step: the inputs of a batch — paths given, folders walked
// recursively in name order, and paths listed one per line (or NUL-separated) in a stream.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace xxgknb::dataset {

struct WalkItem {
  std::string path;
  // Why the path could not be walked (a folder that cannot be listed); empty otherwise.
  std::string problem;
};

// Calls `each` for every input, in order, until it returns false. A path given is yielded
// as it is, unless it is a folder: then every regular file under it (and every symbolic link
// to one, or dangling) is, in name order, depth first. Symbolic links to folders are not
// followed (no loops); pipes, sockets and devices met in a folder are left out (reading one
// could wait forever). `list`, when not null, is read to its end after `paths`, one path per
// `separator`-ended record; empty records are ignored.
void walk_inputs(const std::vector<std::string>& paths, std::FILE* list, char separator,
                 const std::function<bool(WalkItem)>& each);

// How many inputs walk_inputs yields for `paths` alone (a list is not counted), or stops
// early with what it counted so far once `stop` is set.
std::uint64_t count_inputs(const std::vector<std::string>& paths, const std::atomic<bool>& stop);

// Reads one `separator`-ended record from `in` into `record` (without the separator); false
// at the end of the input with nothing read.
bool read_record(std::FILE* in, char separator, std::string& record);

}  // namespace xxgknb::dataset
