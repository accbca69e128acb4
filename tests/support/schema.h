// Test support: validates a JSON text against schema/xxgknb.report-1.schema.json (valijson).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace xxgknb::testing {

// The path of the project's JSON Schema file.
std::string schema_path();

// Every way `json_text` breaks the schema, one line each ("<where>: <what>"); empty when the
// text is valid. A text that is no JSON at all, or a schema that cannot be loaded, is
// reported as an error too, never as valid.
std::vector<std::string> schema_errors(std::string_view json_text);

}  // namespace xxgknb::testing
