// Public value types: small helpers of Report (lookup by canonical key, kind names).
#include "xxgknb/report.h"

#include <algorithm>
#include <ostream>
#include <utility>

namespace xxgknb {

const char* status_name(CheckStatus s) {
  switch (s) {
    case CheckStatus::Pass: return "pass";
    case CheckStatus::Fail: return "fail";
    case CheckStatus::NotAssessable: return "not_assessable";
  }
  return "not_assessable";
}

const char* blame_name(Blame b) {
  switch (b) {
    case Blame::Report: return "report";
    case Blame::Extraction: return "extraction";
    case Blame::None: return "";
  }
  return "";
}

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "info";
  }
  return "info";
}

std::ostream& operator<<(std::ostream& out, CheckStatus s) { return out << status_name(s); }
std::ostream& operator<<(std::ostream& out, Blame b) {
  return out << (b == Blame::None ? "none" : blame_name(b));
}
std::ostream& operator<<(std::ostream& out, Severity s) { return out << severity_name(s); }

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::Number: return "number";
    case Kind::Blank: return "blank";
    case Kind::Dash: return "dash";
    case Kind::TextZero: return "text_zero";
    case Kind::Text: return "text";
    case Kind::Missing: return "missing";
  }
  return "missing";
}

void Report::index_fields() {
  index_.clear();
  index_.reserve(fields.size());
  for (std::size_t i = 0; i < fields.size(); ++i) index_.emplace_back(fields[i].key, i);
  std::sort(index_.begin(), index_.end());
}

const Field* Report::field(std::string_view key) const {
  const auto it = std::lower_bound(index_.begin(), index_.end(), key,
                                   [](const auto& entry, std::string_view k) { return entry.first < k; });
  // Trusted only while the field at that position still has that key.
  if (it != index_.end() && it->first == key && it->second < fields.size() &&
      fields[it->second].key == key) {
    return &fields[it->second];
  }
  for (const Field& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

Field* Report::field(std::string_view key) {
  return const_cast<Field*>(std::as_const(*this).field(key));
}

}  // namespace xxgknb
