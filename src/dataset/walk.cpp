// Dataset, batch engine, first step: walks the inputs of a batch (walk.h) without recursion
// on the depth of the tree: an explicit stack of folder listings, each sorted by name.
#include "dataset/walk.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <utility>

namespace xxgknb::dataset {
namespace {

namespace fs = std::filesystem;

enum class EntryKind { Folder, Input, Ignored };

EntryKind kind_of(const fs::directory_entry& entry) {
  std::error_code ec;
  const fs::file_status own = entry.symlink_status(ec);
  if (ec) return EntryKind::Input;   // vanished or unreadable: its row will say why
  if (fs::is_directory(own)) return EntryKind::Folder;
  if (fs::is_regular_file(own)) return EntryKind::Input;
  if (fs::is_symlink(own)) {
    const fs::file_status target = entry.status(ec);
    if (ec || !fs::exists(target)) return EntryKind::Input;   // dangling: an error row
    return fs::is_regular_file(target) ? EntryKind::Input : EntryKind::Ignored;
  }
  return EntryKind::Ignored;
}

struct Listing {
  std::vector<fs::path> entries;   // sorted by name
  std::size_t next = 0;
};

// The entries of `folder` sorted by name, or the reason it cannot be listed.
std::string list_folder(const fs::path& folder, Listing& listing) {
  std::error_code ec;
  fs::directory_iterator it(folder, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    listing.entries.push_back(it->path());
  }
  if (ec) return "cannot list this folder: " + ec.message();
  std::sort(listing.entries.begin(), listing.entries.end());
  return {};
}

// Walks one folder given as an input; false when `each` asked to stop.
bool walk_folder(const fs::path& root, const std::function<bool(WalkItem)>& each,
                 const std::atomic<bool>* stop) {
  std::vector<std::pair<fs::path, Listing>> stack;
  stack.emplace_back(root, Listing{});
  if (std::string problem = list_folder(root, stack.back().second); !problem.empty()) {
    return each({root.string(), problem});
  }
  while (!stack.empty()) {
    if (stop != nullptr && stop->load()) return false;
    Listing& top = stack.back().second;
    if (top.next == top.entries.size()) {
      stack.pop_back();
      continue;
    }
    const fs::path path = top.entries[top.next++];
    std::error_code ec;
    const fs::directory_entry entry(path, ec);
    switch (ec ? EntryKind::Input : kind_of(entry)) {
      case EntryKind::Folder: {
        Listing listing;
        if (std::string problem = list_folder(path, listing); !problem.empty()) {
          if (!each({path.string(), problem})) return false;
        } else {
          stack.emplace_back(path, std::move(listing));
        }
        break;
      }
      case EntryKind::Input:
        if (!each({path.string(), {}})) return false;
        break;
      case EntryKind::Ignored:
        break;
    }
  }
  return true;
}

bool is_folder(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

}  // namespace

bool read_record(std::FILE* in, char separator, std::string& record) {
  record.clear();
  int c = 0;
  bool any = false;
  while ((c = std::fgetc(in)) != EOF) {
    any = true;
    if (static_cast<char>(c) == separator) return true;
    record.push_back(static_cast<char>(c));
  }
  return any;
}

void walk_inputs(const std::vector<std::string>& paths, std::FILE* list, char separator,
                 const std::function<bool(WalkItem)>& each) {
  for (const std::string& path : paths) {
    const bool go_on = is_folder(path) ? walk_folder(path, each, nullptr) : each({path, {}});
    if (!go_on) return;
  }
  if (list == nullptr) return;
  std::string record;
  while (read_record(list, separator, record)) {
    // "a.txt\r\n" from a Windows list: the CR is not part of the name.
    if (separator == '\n' && !record.empty() && record.back() == '\r') record.pop_back();
    if (record.empty()) continue;
    if (!each({record, {}})) return;
  }
}

std::uint64_t count_inputs(const std::vector<std::string>& paths, const std::atomic<bool>& stop) {
  std::uint64_t count = 0;
  const auto tally = [&](const WalkItem&) {
    ++count;
    return !stop.load();
  };
  for (const std::string& path : paths) {
    if (stop.load()) break;
    if (is_folder(path)) {
      walk_folder(path, tally, &stop);
    } else {
      ++count;
    }
  }
  return count;
}

}  // namespace xxgknb::dataset
