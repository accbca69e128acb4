// Dataset, batch engine, beside the writer: the JSON Lines file of a batch, one line per
// document of the dataset, each the object `xxgknb extract` prints for it.
#pragma once

#include <string>
#include <unordered_set>

#include "dataset/writer.h"

namespace xxgknb::dataset {

class JsonlFile {
 public:
  JsonlFile() = default;
  ~JsonlFile();
  JsonlFile(const JsonlFile&) = delete;
  JsonlFile& operator=(const JsonlFile&) = delete;

  // Opens `path` for appending (creating it when missing) and repairs it against the
  // dataset: a last line cut short by a crash is cut off, and every document of the dataset
  // that has no line yet gets one, so that the file again holds each document once. Lines are
  // appended after the document's commit: a crash between the two leaves a line missing,
  // which this repair adds. "" on success, else why not.
  std::string open(const std::string& path, Writer& writer);

  // Appends the line of the document of dataset key `key` (DocumentRecord::key), unless the
  // file has one already (an unreadable input tried again, a document extracted again with
  // --force); "" on success, else why not.
  std::string append(const std::string& key, const std::string& json);

 private:
  std::string write_line(const std::string& json);

  std::string path_;
  int fd_ = -1;
  std::unordered_set<std::string> present_;   // the keys of the lines in the file
};

}  // namespace xxgknb::dataset
