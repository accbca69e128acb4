// Stage 1, ingest (.docx): the package layer. libzip reads the zip from memory; every part is
// read in chunks whose inflated bytes are counted against the limits as they arrive, since
// the sizes in zip headers are only claims.
#include "ingest/docx_package.h"

#include <zip.h>

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <utility>

#include "ingest/docx_xml.h"
#include "util/limit_error.h"

namespace xxgknb::docx {
namespace {

constexpr std::uint64_t kRatioFloor = 1ull << 20;  // ratios are only judged past 1 MiB
constexpr std::size_t kChunk = 64 * 1024;

Error error(std::string code, std::string message) {
  return Error{std::move(code), std::move(message), {}};
}

std::string mib(std::uint64_t bytes) {
  if (bytes < (1ull << 20)) return std::to_string(bytes) + " bytes";
  return std::to_string(bytes >> 20) + " MiB";
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// A part name as find() matches it: ASCII lower case, without a leading "/".
std::string folded_name(std::string_view name) {
  if (!name.empty() && name.front() == '/') name.remove_prefix(1);
  std::string out(name);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool relationship_is(const Relationship& r, std::string_view last_segment) {
  const std::size_t slash = r.type.rfind('/');
  std::string_view tail =
      slash == std::string::npos ? std::string_view(r.type) : std::string_view(r.type).substr(slash + 1);
  return tail == last_segment;
}

std::vector<Relationship> parse_relationships(std::string_view xml) {
  std::vector<Relationship> out;
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size(), pugi::parse_default)) return out;
  pugi::xml_node root = doc.document_element();
  for (pugi::xml_node r = root.first_child(); r; r = r.next_sibling()) {
    if (r.type() != pugi::node_element || split_qname(r.name()).second != "Relationship") {
      continue;
    }
    Relationship rel;
    rel.id = r.attribute("Id").value();
    rel.type = r.attribute("Type").value();
    rel.target = r.attribute("Target").value();
    rel.external = iequals(r.attribute("TargetMode").value(), "External");
    out.push_back(std::move(rel));
  }
  return out;
}

std::optional<std::string> resolve_target(std::string_view source_part, std::string_view target) {
  while (!target.empty() && std::isspace(static_cast<unsigned char>(target.front()))) {
    target.remove_prefix(1);
  }
  while (!target.empty() && std::isspace(static_cast<unsigned char>(target.back()))) {
    target.remove_suffix(1);
  }
  // WPS Office writes dangling relationships such as Target="NULL".
  if (target.empty() || iequals(target, "NULL") || target.find("://") != std::string_view::npos ||
      target.front() == '#') {
    return std::nullopt;
  }
  target = target.substr(0, target.find_first_of("?#"));

  std::string decoded;
  for (std::size_t i = 0; i < target.size(); ++i) {
    char c = target[i];
    if (c == '%' && i + 2 < target.size() && hex_digit(target[i + 1]) >= 0 &&
        hex_digit(target[i + 2]) >= 0) {
      c = static_cast<char>(hex_digit(target[i + 1]) * 16 + hex_digit(target[i + 2]));
      i += 2;
    } else if (c == '\\') {
      c = '/';
    }
    decoded.push_back(c);
  }

  std::string base;
  if (!decoded.empty() && decoded.front() == '/') {
    decoded.erase(0, 1);
  } else {
    const std::size_t slash = source_part.rfind('/');
    if (slash != std::string_view::npos) base = std::string(source_part.substr(0, slash + 1));
  }

  std::vector<std::string> segments;
  std::string joined = base + decoded;
  std::size_t start = 0;
  while (start <= joined.size()) {
    std::size_t end = joined.find('/', start);
    if (end == std::string::npos) end = joined.size();
    std::string segment = joined.substr(start, end - start);
    if (segment == "..") {
      if (segments.empty()) return std::nullopt;
      segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(std::move(segment));
    }
    start = end + 1;
  }
  if (segments.empty()) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) out.push_back('/');
    out += segments[i];
  }
  return out;
}

std::string rels_part_for(std::string_view part) {
  const std::size_t slash = part.rfind('/');
  if (slash == std::string_view::npos) return "_rels/" + std::string(part) + ".rels";
  return std::string(part.substr(0, slash + 1)) + "_rels/" + std::string(part.substr(slash + 1)) +
         ".rels";
}

Result<Package, Error> Package::open(std::string_view bytes, const Limits& limits,
                                     const Deadline& deadline) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &ze);
  if (source == nullptr) {
    zip_error_fini(&ze);
    return error("zip_corrupt", "the zip could not be opened from memory");
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &ze);
  if (archive == nullptr) {
    const int code = zip_error_code_zip(&ze);
    zip_source_free(source);
    zip_error_fini(&ze);
    std::string why;
    switch (code) {
      case ZIP_ER_NOZIP:
        why = "it starts like a zip but its central directory is missing (the file is probably "
              "truncated, or not a .docx at all); save or download it again";
        break;
      case ZIP_ER_MULTIDISK:
        why = "it is one volume of a split (multi-disk) zip; join the volumes into one file";
        break;
      case ZIP_ER_INCONS:
        why = "its central directory is inconsistent (the file is damaged); open it in Word or "
              "WPS and save it again";
        break;
      default:
        why = std::string("libzip says: ") + zip_error_strerror(&ze);
        break;
    }
    return error("zip_corrupt", "the .docx (zip) cannot be read: " + why);
  }
  zip_error_fini(&ze);

  Package package;
  package.archive_ = archive;
  package.limits_ = &limits;
  package.deadline_ = &deadline;
  const zip_int64_t entries = zip_get_num_entries(archive, 0);
  if (entries < 0 || static_cast<std::uint64_t>(entries) > limits.max_zip_entries) {
    return limit_error("max_zip_entries", "the zip holds " + std::to_string(entries) +
                                 " entries, more than the limit of " +
                                 std::to_string(limits.max_zip_entries) +
                                 " for a .docx; it is not read");
  }
  // Two entries "word/document.xml" (or "word/document.xml" and "Word/Document.xml"): zip
  // allows it, Word does not write it; a crafted or broken file.
  std::vector<std::string> names;
  names.reserve(static_cast<std::size_t>(entries));
  for (zip_int64_t i = 0; i < entries; ++i) {
    const char* stored = zip_get_name(archive, static_cast<zip_uint64_t>(i), 0);
    if (stored != nullptr) names.push_back(folded_name(stored));
  }
  std::sort(names.begin(), names.end());
  for (std::size_t i = 1; i < names.size(); ++i) {
    if (names[i] == names[i - 1] &&
        (package.duplicated_.empty() || package.duplicated_.back() != names[i])) {
      package.duplicated_.push_back(names[i]);
    }
  }
  return package;
}

Package::Package(Package&& other) noexcept
    : archive_(std::exchange(other.archive_, nullptr)),
      limits_(other.limits_),
      deadline_(other.deadline_),
      total_read_(other.total_read_),
      duplicated_(std::move(other.duplicated_)) {}

Package& Package::operator=(Package&& other) noexcept {
  if (this != &other) {
    close();
    archive_ = std::exchange(other.archive_, nullptr);
    limits_ = other.limits_;
    deadline_ = other.deadline_;
    total_read_ = other.total_read_;
    duplicated_ = std::move(other.duplicated_);
  }
  return *this;
}

Package::~Package() { close(); }

void Package::close() {
  // A read-only archive has nothing to write back; zip_discard frees it and its source.
  if (archive_ != nullptr) zip_discard(archive_);
  archive_ = nullptr;
}

std::optional<std::string> Package::find(std::string_view name) const {
  if (archive_ == nullptr || name.empty()) return std::nullopt;
  const std::string wanted(name);
  zip_int64_t index = zip_name_locate(archive_, wanted.c_str(), 0);
  if (index < 0) index = zip_name_locate(archive_, wanted.c_str(), ZIP_FL_NOCASE);
  if (index < 0) {
    // Some writers store names with a leading slash.
    const std::string slashed = "/" + wanted;
    index = zip_name_locate(archive_, slashed.c_str(), ZIP_FL_NOCASE);
  }
  if (index < 0) return std::nullopt;
  const char* stored = zip_get_name(archive_, static_cast<zip_uint64_t>(index), 0);
  if (stored == nullptr) return std::nullopt;
  return std::string(stored);
}

bool Package::duplicated(std::string_view name) const {
  return std::binary_search(duplicated_.begin(), duplicated_.end(), folded_name(name));
}

Result<std::string, Error> Package::read(const std::string& name) {
  const Limits& limits = *limits_;
  if (duplicated(name)) {
    return error("zip_corrupt",
                 "the zip holds more than one entry named " + name +
                     " (a .docx has one of each part; this file was crafted or damaged), so "
                     "which one Word would show cannot be told; it is not read");
  }
  const zip_int64_t index = zip_name_locate(archive_, name.c_str(), 0);
  if (index < 0) return error("not_docx", "the zip has no part " + name);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &st) != 0) {
    return error("zip_corrupt", "the zip entry " + name + " cannot be read: " +
                                    zip_strerror(archive_));
  }
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
    return error("zip_encrypted",
                 "the zip entry " + name +
                     " is encrypted; remove the password (or export an unprotected copy) "
                     "and try again");
  }
  const std::uint64_t declared = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
  const std::uint64_t compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
  if (declared > limits.max_part_bytes) {
    return limit_error("max_part_bytes", "the zip entry " + name + " declares " + mib(declared) +
                                 " uncompressed, more than the limit of " +
                                 mib(limits.max_part_bytes) + " for one part");
  }
  if (total_read_ + declared > limits.max_total_uncompressed) {
    return limit_error("max_total_uncompressed", "the parts read from the zip would inflate to more than " +
                                 mib(limits.max_total_uncompressed) + " together");
  }
  if (declared > kRatioFloor &&
      (compressed == 0 || declared / compressed > limits.max_inflate_ratio)) {
    return limit_error("max_inflate_ratio", "the zip entry " + name + " would inflate " + mib(compressed) +
                                 " to " + mib(declared) + ", a ratio over the limit of " +
                                 std::to_string(limits.max_inflate_ratio));
  }

  zip_file_t* file = zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) {
    const int code = zip_error_code_zip(zip_get_error(archive_));
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP) {
      return error("zip_encrypted", "the zip entry " + name +
                                        " is encrypted; remove the password and try again");
    }
    return error("zip_corrupt", "the zip entry " + name + " cannot be opened: " +
                                    zip_strerror(archive_));
  }

  std::string out;
  out.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(declared, 16ull << 20)));
  // Not zero-filled: zip_fread writes what is then read.
  const auto chunk = std::make_unique_for_overwrite<char[]>(kChunk);
  std::uint64_t actual = 0;
  std::optional<Error> failure;
  for (;;) {
    const zip_int64_t n = zip_fread(file, chunk.get(), kChunk);
    if (n < 0) {
      const int code = zip_error_code_zip(zip_file_get_error(file));
      if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD) {
        failure = error("zip_encrypted", "the zip entry " + name + " is encrypted");
      } else {
        failure = error("zip_corrupt", "the zip entry " + name +
                                           " is damaged (" + zip_file_strerror(file) +
                                           "); open the file in Word or WPS and save it again");
      }
      break;
    }
    if (n == 0) break;
    actual += static_cast<std::uint64_t>(n);
    // The declared size is a claim: the inflated bytes are what count.
    if (actual > declared) {
      failure = error("zip_bomb", "the zip entry " + name +
                                      " inflates to more than the " + mib(declared) +
                                      " its header declares; it is not read");
    } else if (actual > limits.max_part_bytes) {
      failure = limit_error("max_part_bytes", "the zip entry " + name + " inflates to more than " +
                                      mib(limits.max_part_bytes));
    } else if (total_read_ + actual > limits.max_total_uncompressed) {
      failure = limit_error("max_total_uncompressed", "the parts read from the zip inflate to more than " +
                                      mib(limits.max_total_uncompressed) + " together");
    } else if (actual > kRatioFloor &&
               (compressed == 0 || actual / compressed > limits.max_inflate_ratio)) {
      failure = limit_error("max_inflate_ratio", "the zip entry " + name + " inflates at a ratio over " +
                                      std::to_string(limits.max_inflate_ratio));
    } else if (deadline_->expired()) {
      failure = limit_error("max_milliseconds", "the time limit ran out while inflating " + name);
    }
    if (failure) break;
    out.append(chunk.get(), static_cast<std::size_t>(n));
  }
  zip_fclose(file);
  if (failure) return *std::move(failure);
  total_read_ += actual;
  return out;
}

}  // namespace xxgknb::docx
