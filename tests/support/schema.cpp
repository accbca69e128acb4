// Test support: validates a JSON text against schema/xxgknb.report-1.schema.json (valijson).
#include "support/schema.h"

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace xxgknb::testing {
namespace {

struct LoadedSchema {
  valijson::Schema schema;
  std::string problem;  // why the schema could not be loaded; empty when it was
};

std::unique_ptr<LoadedSchema> load_schema() {
  auto loaded = std::make_unique<LoadedSchema>();
  std::ifstream in(schema_path(), std::ios::binary);
  if (!in) {
    loaded->problem = "cannot open " + schema_path();
    return loaded;
  }
  std::stringstream text;
  text << in.rdbuf();
  const nlohmann::json document = nlohmann::json::parse(text.str(), nullptr, false);
  if (document.is_discarded()) {
    loaded->problem = schema_path() + " is not valid JSON";
    return loaded;
  }
  try {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(document);
    parser.populateSchema(adapter, loaded->schema);
  } catch (const std::exception& e) {
    loaded->problem = schema_path() + " cannot be parsed as a schema: " + e.what();
  }
  return loaded;
}

// valijson measures a string's minLength/maxLength up to its first NUL (as a C string), so
// a label read from damaged text ("\u00001.信访举报投诉类申请") would count as "". Each U+0000
// becomes U+FFFD, one code point for one, before validating; an explicit stack walks the
// document.
void replace_nul_characters(nlohmann::json& document) {
  std::vector<nlohmann::json*> stack = {&document};
  while (!stack.empty()) {
    nlohmann::json* j = stack.back();
    stack.pop_back();
    if (j->is_string()) {
      std::string& text = j->get_ref<std::string&>();
      for (std::size_t at = text.find('\0'); at != std::string::npos; at = text.find('\0', at)) {
        text.replace(at, 1, "\xEF\xBF\xBD");
      }
    } else if (j->is_structured()) {
      for (auto& child : *j) stack.push_back(&child);
    }
  }
}

const LoadedSchema& cached_schema() {
  static const std::unique_ptr<LoadedSchema> kLoaded = load_schema();
  return *kLoaded;
}

}  // namespace

std::string schema_path() { return XXGKNB_SOURCE_DIR "/schema/xxgknb.report-1.schema.json"; }

std::vector<std::string> schema_errors(std::string_view json_text) {
  const LoadedSchema& loaded = cached_schema();
  if (!loaded.problem.empty()) return {loaded.problem};
  nlohmann::json document = nlohmann::json::parse(json_text, nullptr, false);
  if (document.is_discarded()) return {"the text is not valid JSON"};
  replace_nul_characters(document);

  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(document);
  std::vector<std::string> errors;
  if (validator.validate(loaded.schema, adapter, &results)) return errors;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    std::string where;
    for (const std::string& part : error.context) where += part;
    errors.push_back(where + ": " + error.description);
  }
  if (errors.empty()) errors.push_back("rejected by the schema without a description");
  return errors;
}

}  // namespace xxgknb::testing
