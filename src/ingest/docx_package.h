// Stage 1, ingest (.docx): the package layer — a zip opened from memory with libzip, parts
// read under the zip-bomb limits, and the relationships that lead to the main part.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/deadline.h"
#include "xxgknb/options.h"
#include "xxgknb/report.h"
#include "xxgknb/result.h"

struct zip;
struct zip_source;

namespace xxgknb::docx {

struct Relationship {
  std::string id;
  std::string type;
  std::string target;
  bool external = false;
};

// Transitional and Strict relationship type URIs end the same way ("…/officeDocument",
// "…/styles", "…/numbering"); this matches the last path segment.
bool relationship_is(const Relationship& r, std::string_view last_segment);

// Relationships of a .rels part; unreadable XML gives an empty list.
std::vector<Relationship> parse_relationships(std::string_view xml);

// The part name a relationship target points to, from the part that holds the relationship
// ("" for the package). Returns nullopt for targets that cannot be a part ("NULL", empty,
// escaping above the root, external URIs).
std::optional<std::string> resolve_target(std::string_view source_part, std::string_view target);

// "word/document.xml" → "word/_rels/document.xml.rels".
std::string rels_part_for(std::string_view part);

class Package {
 public:
  // Opens the zip; errors "zip_corrupt" (not a zip, truncated, bad central directory) and
  // "zip_too_many_entries" (more than limits.max_zip_entries). Zip allows several entries of one
  // name; they are noted here, and read() refuses them.
  static Result<Package, Error> open(std::string_view bytes, const Limits& limits,
                                     const Deadline& deadline);

  Package(Package&&) noexcept;
  Package& operator=(Package&&) noexcept;
  ~Package();

  // The stored name of a part, matched exactly, then ignoring ASCII case (some writers
  // disagree with their own relationships about case); nullopt when absent.
  std::optional<std::string> find(std::string_view name) const;

  // Reads a whole part, counting the inflated bytes as they come: "zip_encrypted",
  // "zip_part_too_large" (declared or actual size over max_part_bytes), "zip_too_large" (all
  // parts together over max_total_uncompressed), "zip_bomb" (an inflate ratio over
  // max_inflate_ratio past 1 MiB, or more bytes than the entry declares), "zip_corrupt" (a read or CRC failure, or a name that
  // several entries share), "time_limit".
  Result<std::string, Error> read(const std::string& name);

  // True when more than one entry answers to `name` (ignoring ASCII case and a leading "/",
  // as find() does): which one Word would show cannot be told, so such a part is never read
  // and a reader must refuse the file rather than fall back to another part.
  bool duplicated(std::string_view name) const;

 private:
  Package() = default;
  void close();

  zip* archive_ = nullptr;
  const Limits* limits_ = nullptr;
  const Deadline* deadline_ = nullptr;
  std::uint64_t total_read_ = 0;
  std::vector<std::string> duplicated_;  // folded names (see duplicated()), sorted
};

}  // namespace xxgknb::docx
