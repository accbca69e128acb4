// PLACEHOLDER (to be replaced by the real emit stage): lets the tree link meanwhile.
#include "emit/json.h"
#include "xxgknb/xxgknb.h"
namespace xxgknb {
nlohmann::ordered_json report_json(const Report& r) {
  nlohmann::ordered_json j; j["schema"] = kSchemaId; j["template"] = r.meta.template_version;
  for (const auto& f : r.fields) { j["fields"][f.key] = {{"value", f.value ? *f.value : "null"}, {"kind", kind_name(f.kind)}}; }
  return j;
}
nlohmann::ordered_json error_json(const Error& e) { return {{"error", {{"code", e.code}, {"message", e.message}}}}; }
std::string to_json(const Report& r, JsonStyle s) { return report_json(r).dump(s.pretty ? 2 : -1); }
std::string to_json(const Error& e, JsonStyle s) { return error_json(e).dump(s.pretty ? 2 : -1); }
}  // namespace xxgknb
