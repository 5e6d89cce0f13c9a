// Unit tests for engine/schema_registry's compatibility levels (Confluent's BACKWARD / FORWARD / FULL and
// their transitive forms over a subject's versions), Confluent's message format, and the JSON Schema and
// Protobuf parsers and rules.
#include <QtTest>

#include "engine/schema_registry/compatibility.h"
#include "engine/schema_registry/json_schema.h"
#include "engine/schema_registry/protobuf_schema.h"

using namespace partita::schema_registry;

namespace {

SchemaInput Avro(const std::string& fields) {
  return {SchemaType::kAvro, R"({"type":"record","name":"R","fields":[)" + fields + "]}", {}};
}

std::vector<PreviousVersion> History(const std::vector<SchemaInput>& schemas) {
  std::vector<PreviousVersion> out;
  for (size_t i = 0; i < schemas.size(); ++i) out.push_back({SchemaVersion(static_cast<int32_t>(i + 1)), schemas[i]});
  return out;
}

bool Compatible(CompatibilityLevel level, const SchemaInput& candidate, const std::vector<SchemaInput>& history) {
  return CheckCompatibility(level, candidate, History(history)).empty();
}

std::string JsonTypes(const std::string& reader, const std::string& writer) {
  auto r = JsonSchema::Parse(reader);
  auto w = JsonSchema::Parse(writer);
  if (!r.ok() || !w.ok()) qFatal("bad JSON schema in test");
  std::string out;
  for (const SchemaDifference& d : CheckJsonCanRead(*r, *w)) out += (out.empty() ? "" : " ") + d.type + "@" + d.path;
  return out;
}

ProtobufSchema Proto(const std::string& text, const std::vector<ResolvedReference>& refs = {}) {
  auto p = ProtobufSchema::Parse(text, refs);
  if (!p.ok()) qFatal("proto parse failed: %s", p.status().message().c_str());
  return std::move(p).value();
}

std::string ProtoTypes(const std::string& reader, const std::string& writer) {
  std::string out;
  for (const SchemaDifference& d : CheckProtobufCanRead(Proto(reader), Proto(writer))) {
    out += (out.empty() ? "" : " ") + d.type + "@" + d.path;
  }
  return out;
}

}  // namespace

class TestSchemaCompatibility : public QObject {
  Q_OBJECT
 private slots:
  void levelNames() {
    QCOMPARE(ParseCompatibilityLevel("backward_transitive"), std::optional(CompatibilityLevel::kBackwardTransitive));
    QCOMPARE(ParseCompatibilityLevel("FULL"), std::optional(CompatibilityLevel::kFull));
    QVERIFY(!ParseCompatibilityLevel("SIDEWAYS"));
    QCOMPARE(std::string(CompatibilityLevelName(CompatibilityLevel::kForwardTransitive)), std::string("FORWARD_TRANSITIVE"));
  }

  // Confluent's documented example: adding a field without a default breaks BACKWARD but not FORWARD.
  void addingAFieldWithoutDefault() {
    const SchemaInput v1 = Avro(R"({"name":"f1","type":"string"})");
    const SchemaInput v2 = Avro(R"({"name":"f1","type":"string"},{"name":"f2","type":"string"})");
    QVERIFY(!Compatible(CompatibilityLevel::kBackward, v2, {v1}));
    QVERIFY(Compatible(CompatibilityLevel::kForward, v2, {v1}));
    QVERIFY(!Compatible(CompatibilityLevel::kFull, v2, {v1}));
    QVERIFY(Compatible(CompatibilityLevel::kNone, v2, {v1}));
    const SchemaInput v2_default = Avro(R"({"name":"f1","type":"string"},{"name":"f2","type":"string","default":""})");
    QVERIFY(Compatible(CompatibilityLevel::kFull, v2_default, {v1}));
  }

  // Removing a field without default breaks FORWARD (old readers need it) but not BACKWARD.
  void removingAFieldWithoutDefault() {
    const SchemaInput v1 = Avro(R"({"name":"f1","type":"string"},{"name":"f2","type":"int"})");
    const SchemaInput v2 = Avro(R"({"name":"f1","type":"string"})");
    QVERIFY(Compatible(CompatibilityLevel::kBackward, v2, {v1}));
    QVERIFY(!Compatible(CompatibilityLevel::kForward, v2, {v1}));
  }

  // Non-transitive levels look at the latest version only; transitive ones at all.
  void transitiveLevelsCheckEveryVersion() {
    const SchemaInput v1 = Avro(R"({"name":"a","type":"int"})");
    const SchemaInput v2 = Avro("");
    const SchemaInput v3 = Avro(R"({"name":"a","type":"string","default":"x"})");
    QVERIFY(Compatible(CompatibilityLevel::kBackward, v3, {v1, v2}));
    QVERIFY(!Compatible(CompatibilityLevel::kBackwardTransitive, v3, {v1, v2}));
    QVERIFY(Compatible(CompatibilityLevel::kForward, v3, {v1, v2}));
    QVERIFY(!Compatible(CompatibilityLevel::kForwardTransitive, v3, {v1, v2}));
    QVERIFY(!Compatible(CompatibilityLevel::kFullTransitive, v3, {v1, v2}));
    QVERIFY(Compatible(CompatibilityLevel::kFull, v3, {v1, v2}));
  }

  void confluentMessageFormat() {
    const SchemaInput v1 = Avro(R"({"name":"f1","type":"string"})");
    const SchemaInput v2 = Avro(R"({"name":"f1","type":"string"},{"name":"f2","type":"string"})");
    const std::vector<std::string> messages = CheckCompatibility(CompatibilityLevel::kBackward, v2, History({v1}));
    QCOMPARE(messages.size(), size_t(4));
    QCOMPARE(messages[0], std::string("{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'f2' "
                                      "at path '/fields/1' in the new schema has no default value and is missing in "
                                      "the old schema', additionalInfo:'f2'}"));
    QCOMPARE(messages[1], std::string("{oldSchemaVersion: 1}"));
    QCOMPARE(messages[2], "{oldSchema: '" + v1.text + "'}");
    QCOMPARE(messages[3], std::string("{compatibility: 'BACKWARD'}"));
    // FORWARD names the roles the other way round: the old schema reads the new one's data.
    const std::vector<std::string> fwd = CheckCompatibility(CompatibilityLevel::kForward, v1, History({v2}));
    QVERIFY(!fwd.empty());
    QVERIFY(QString::fromStdString(fwd[0]).contains("in the old schema has no default value and is missing in the new schema"));
  }

  void differentSchemaTypesAreIncompatible() {
    const SchemaInput json{SchemaType::kJson, R"({"type":"object"})", {}};
    QVERIFY(!Compatible(CompatibilityLevel::kBackward, json, {Avro("")}));
  }

  void normalizedTextDropsWhitespaceKeepsOrder() {
    QCOMPARE(NormalizedSchemaText(SchemaType::kAvro, R"( { "type" : "record", "name":"R", "fields": [] } )"),
             std::string(R"({"type":"record","name":"R","fields":[]})"));
    QCOMPARE(NormalizedSchemaText(SchemaType::kProtobuf, "syntax = \"proto3\";"), std::string("syntax = \"proto3\";"));
  }

  // ---- JSON Schema

  void jsonSchemaValidation() {
    QVERIFY(JsonSchema::Parse(R"({"type":"object","properties":{"a":{"type":"string"}}})").ok());
    QVERIFY(JsonSchema::Parse("true").ok());
    QVERIFY(!JsonSchema::Parse("42").ok());
    QVERIFY(!JsonSchema::Parse(R"({"type":"strin"})").ok());
    QVERIFY(!JsonSchema::Parse(R"({"properties":[]})").ok());
    QVERIFY(!JsonSchema::Parse(R"({"required":"a"})").ok());
    QVERIFY(!JsonSchema::Parse("{").ok());
  }

  void jsonSchemaRules() {
    const std::string open = R"({"type":"object","properties":{"a":{"type":"string"}}})";
    const std::string closed = R"({"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":false})";
    QCOMPARE(JsonTypes(open, open), std::string());
    QCOMPARE(JsonTypes(R"({"type":"object","properties":{"a":{"type":"integer"}}})", open),
             std::string("TYPE_CHANGED@#/properties/a"));
    QCOMPARE(JsonTypes(R"({"type":"object","properties":{"a":{"type":"number"}}})",
                       R"({"type":"object","properties":{"a":{"type":"integer"}}})"),
             std::string());  // integer data is valid number data
    QCOMPARE(JsonTypes(R"({"type":"object","properties":{"a":{"type":"string"}}})",
                       R"({"type":"object","properties":{"a":{"type":["string","null"]}}})"),
             std::string("TYPE_NARROWED@#/properties/a"));
    QCOMPARE(JsonTypes(R"({"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}}})", open),
             std::string("PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL@#/properties/b"));
    QCOMPARE(JsonTypes(R"({"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}}})", closed),
             std::string());
    QCOMPARE(JsonTypes(R"({"type":"object","properties":{},"additionalProperties":false})", closed),
             std::string("PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL@#/properties/a"));
    QCOMPARE(JsonTypes(R"({"type":"object","properties":{"a":{"type":"string"}},"required":["a"]})", open),
             std::string("REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL@#/required"));
    QCOMPARE(JsonTypes(closed, open), std::string("ADDITIONAL_PROPERTIES_REMOVED@#"));
    QCOMPARE(JsonTypes(R"({"enum":["x"]})", R"({"enum":["x","y"]})"), std::string("ENUM_ARRAY_NARROWED@#"));
    QCOMPARE(JsonTypes(R"({"type":"string","maxLength":5})", R"({"type":"string","maxLength":10})"),
             std::string("MAX_LENGTH_DECREASED@#"));
    QCOMPARE(JsonTypes(R"({"type":"array","items":{"type":"string"}})", R"({"type":"array","items":{"type":"integer"}})"),
             std::string("TYPE_CHANGED@#/items"));
    QCOMPARE(JsonTypes("true", open), std::string());
  }

  // ---- Protobuf

  void protobufParsesMessagesEnumsNestingMapsOneofs() {
    ProtobufSchema p = Proto(R"(
      // a comment
      syntax = "proto3";
      package acme.orders;
      import "google/protobuf/timestamp.proto";
      option java_package = "com.acme";
      /* block
         comment */
      message Order {
        option deprecated = false;
        reserved 9, 10 to 12;
        enum Status { STATUS_UNKNOWN = 0; PLACED = 1 [deprecated = true]; }
        message Line { string sku = 1; int32 qty = 2; }
        string id = 1;
        repeated Line lines = 2;
        Status status = 3;
        map<string, Line> by_sku = 4;
        google.protobuf.Timestamp at = 5;
        oneof payment { string card = 6; string iban = 7; }
        optional int64 total = 8 [json_name = "sum"];
      }
      service Orders { rpc Get (Order) returns (Order); }
    )");
    QCOMPARE(p.syntax(), std::string("proto3"));
    QCOMPARE(p.package(), std::string("acme.orders"));
    QCOMPARE(p.imports(), std::vector<std::string>{"google/protobuf/timestamp.proto"});
    const ProtobufMessage* order = p.FindMessage("acme.orders.Order");
    QVERIFY(order);
    QVERIFY(p.FindMessage("acme.orders.Order.Line"));
    QVERIFY(p.enums().count("acme.orders.Order.Status"));
    QCOMPARE(order->fields.size(), size_t(8));
    QCOMPARE(order->fields[1].resolved, std::string("acme.orders.Order.Line"));
    QCOMPARE(order->fields[2].resolved, std::string("acme.orders.Order.Status"));
    QVERIFY(order->fields[3].is_map);
    QCOMPARE(order->fields[5].oneof, std::string("payment"));
    QCOMPARE(order->fields[7].label, std::string("optional"));
  }

  void protobufImportsResolveThroughReferences() {
    const std::string common = "syntax = \"proto3\"; package common; message Money { int64 cents = 1; }";
    const std::string order = "syntax = \"proto3\"; import \"common.proto\"; message Order { common.Money total = 1; }";
    QVERIFY(ProtobufSchema::Parse(order, {{"common.proto", SchemaType::kProtobuf, common}}).ok());
    // Without the reference the import cannot be checked, so the type is taken on trust.
    QVERIFY(ProtobufSchema::Parse(order).ok());
    // With no imports an unknown type is an error.
    QVERIFY(!ProtobufSchema::Parse("syntax = \"proto3\"; message Order { Money total = 1; }").ok());
  }

  void protobufInvalidSchemas_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("syntax") << "syntax = \"proto4\";" << "unsupported syntax";
    QTest::newRow("duplicate number") << "message M { int32 a = 1; int32 b = 1; }" << "used twice";
    QTest::newRow("duplicate name") << "message M { int32 a = 1; int64 a = 2; }" << "defined twice";
    QTest::newRow("reserved number range") << "message M { int32 a = 19001; }" << "invalid field number";
    QTest::newRow("zero number") << "message M { int32 a = 0; }" << "invalid field number";
    QTest::newRow("unterminated") << "message M { int32 a = 1;" << "unterminated";
    QTest::newRow("proto3 enum") << "syntax = \"proto3\"; enum E { A = 1; }" << "must be zero";
    QTest::newRow("empty file") << "syntax = \"proto3\";" << "no message or enum";
    QTest::newRow("garbage") << "{ not a proto }" << "unexpected";
    QTest::newRow("bad map key") << "message M { map<double, string> m = 1; }" << "invalid map key";
  }

  void protobufInvalidSchemas() {
    QFETCH(QString, text);
    QFETCH(QString, error);
    auto p = ProtobufSchema::Parse(text.toStdString());
    QVERIFY(!p.ok());
    QVERIFY2(QString::fromStdString(p.status().message()).contains(error), p.status().message().c_str());
  }

  void protobufRules() {
    const std::string base = "syntax = \"proto3\"; package p; message M { int32 a = 1; string b = 2; }";
    QCOMPARE(ProtoTypes(base, base), std::string());
    // Added and removed fields, renamed fields: compatible.
    QCOMPARE(ProtoTypes("syntax = \"proto3\"; package p; message M { int32 a = 1; string b = 2; bool c = 3; }", base),
             std::string());
    QCOMPARE(ProtoTypes("syntax = \"proto3\"; package p; message M { int32 a = 1; }", base), std::string());
    QCOMPARE(ProtoTypes("syntax = \"proto3\"; package p; message M { int32 x = 1; string b = 2; }", base), std::string());
    // Wire-compatible scalar change, and one that is not.
    QCOMPARE(ProtoTypes("syntax = \"proto3\"; package p; message M { int64 a = 1; string b = 2; }", base), std::string());
    QCOMPARE(ProtoTypes("syntax = \"proto3\"; package p; message M { string a = 1; string b = 2; }", base),
             std::string("FIELD_SCALAR_KIND_CHANGED@#/p.M/1"));
    QCOMPARE(ProtoTypes("syntax = \"proto3\"; package p; message N { int32 a = 1; } message M { N a = 1; string b = 2; }", base),
             std::string("FIELD_KIND_CHANGED@#/p.M/1"));
    QCOMPARE(ProtoTypes("syntax = \"proto3\"; package p; message N { int32 a = 1; }", base),
             std::string("MESSAGE_REMOVED@#/p.M"));
    QCOMPARE(ProtoTypes("syntax = \"proto3\"; package q; message M { int32 a = 1; string b = 2; }", base),
             std::string("PACKAGE_CHANGED@#/ MESSAGE_REMOVED@#/p.M"));
    QCOMPARE(ProtoTypes("syntax = \"proto3\"; package p; message M { oneof o { int32 a = 1; string b = 2; } }", base),
             std::string("MULTIPLE_FIELDS_MOVED_TO_ONEOF@#/p.M/o"));
    QCOMPARE(ProtoTypes(base, "syntax = \"proto3\"; package p; message M { oneof o { int32 a = 1; string b = 2; } }"),
             std::string("ONEOF_FIELD_REMOVED@#/p.M/1 ONEOF_FIELD_REMOVED@#/p.M/2"));
    const std::string named = "syntax = \"proto3\"; package p; message A {} message B {} message M { A f = 1; }";
    QCOMPARE(ProtoTypes("syntax = \"proto3\"; package p; message A {} message B {} message M { B f = 1; }", named),
             std::string("FIELD_NAMED_TYPE_CHANGED@#/p.M/1"));
    // proto2 required fields may be neither added nor removed.
    const std::string p2 = "syntax = \"proto2\"; message M { required int32 a = 1; }";
    QCOMPARE(ProtoTypes("syntax = \"proto2\"; message M { required int32 a = 1; required int32 b = 2; }", p2),
             std::string("REQUIRED_FIELD_ADDED@#/M/2"));
    QCOMPARE(ProtoTypes("syntax = \"proto2\"; message M { optional int32 b = 2; }", p2),
             std::string("REQUIRED_FIELD_REMOVED@#/M/1"));
  }

  void protobufThroughTheLevels() {
    const SchemaInput v1{SchemaType::kProtobuf, "syntax = \"proto3\"; message M { int32 a = 1; }", {}};
    const SchemaInput v2{SchemaType::kProtobuf, "syntax = \"proto3\"; message M { string a = 1; }", {}};
    const std::vector<std::string> m = CheckCompatibility(CompatibilityLevel::kBackward, v2, History({v1}));
    QVERIFY(!m.empty());
    QVERIFY2(QString::fromStdString(m[0]).startsWith("{errorType:'FIELD_SCALAR_KIND_CHANGED'"), m[0].c_str());
  }
};

QTEST_GUILESS_MAIN(TestSchemaCompatibility)
#include "test_schema_compatibility.moc"
