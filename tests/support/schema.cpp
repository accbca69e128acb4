// Test support: validates a JSON text against schema/xxgknb.report-1.schema.json (valijson).
#include "support/schema.h"

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

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

const LoadedSchema& cached_schema() {
  static const std::unique_ptr<LoadedSchema> kLoaded = load_schema();
  return *kLoaded;
}

}  // namespace

std::string schema_path() { return XXGKNB_SOURCE_DIR "/schema/xxgknb.report-1.schema.json"; }

std::vector<std::string> schema_errors(std::string_view json_text) {
  const LoadedSchema& loaded = cached_schema();
  if (!loaded.problem.empty()) return {loaded.problem};
  const nlohmann::json document = nlohmann::json::parse(json_text, nullptr, false);
  if (document.is_discarded()) return {"the text is not valid JSON"};

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
