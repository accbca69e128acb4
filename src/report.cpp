// Public value types: small helpers of Report (lookup by canonical key, kind names).
#include "xxgknb/report.h"

namespace xxgknb {

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

const Field* Report::field(const std::string& key) const {
  for (const Field& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

Field* Report::field(const std::string& key) {
  for (Field& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

}  // namespace xxgknb
