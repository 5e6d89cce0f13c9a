// Unit tests for engine/schema_registry's Avro support: parsing and validation (the spec's rules, with
// Confluent's 42201 in mind), Parsing Canonical Form, and schema resolution (CanRead) with Avro Java's
// incompatibility types and locations.
#include <QtTest>

#include <set>

#include "engine/schema_registry/avro_compatibility.h"
#include "engine/schema_registry/avro_schema.h"

using namespace partita::schema_registry;

namespace {

AvroSchema MustParse(const std::string& text, const std::vector<ResolvedReference>& refs = {}) {
  auto s = AvroSchema::Parse(text, refs);
  if (!s.ok()) qFatal("parse failed for %s: %s", text.c_str(), s.status().message().c_str());
  return std::move(s).value();
}

std::string Canonical(const std::string& text) { return MustParse(text).CanonicalForm(); }

// "TYPE@location:message" per incompatibility, joined by " | ".
std::string CanRead(const std::string& reader, const std::string& writer) {
  std::string out;
  for (const AvroIncompatibility& i : CheckAvroCanRead(MustParse(reader), MustParse(writer))) {
    if (!out.empty()) out += " | ";
    out += std::string(AvroIncompatibilityName(i.type)) + "@" + i.location + ":" + i.message;
  }
  return out;
}

std::string Record(const std::string& fields, const std::string& name = "R") {
  return R"({"type":"record","name":")" + name + R"(","fields":[)" + fields + "]}";
}

}  // namespace

class TestAvroSchema : public QObject {
  Q_OBJECT
 private slots:
  void primitivesInAllSpellings() {
    for (const char* p : {"null", "boolean", "int", "long", "float", "double", "bytes", "string"}) {
      QCOMPARE(Canonical(std::string("\"") + p + "\""), std::string("\"") + p + "\"");
      QCOMPARE(Canonical(std::string(R"({"type":")") + p + "\"}"), std::string("\"") + p + "\"");
    }
  }

  void canonicalFormUsesFullNamesAndDropsAnnotations() {
    const std::string schema = R"({
      "type": "record", "name": "Test", "namespace": "com.acme", "doc": "a test", "aliases": ["Old"],
      "fields": [
        {"name": "e", "type": {"type": "enum", "name": "Suit", "symbols": ["SPADES", "HEARTS"]}, "default": "SPADES",
         "doc": "x", "order": "descending"},
        {"name": "again", "type": "Suit"},
        {"name": "when", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "h", "type": {"type": "fixed", "name": "md5", "namespace": "org.hash", "size": 16}},
        {"name": "list", "type": {"type": "array", "items": ["null", "string"]}},
        {"name": "m", "type": {"type": "map", "values": "org.hash.md5"}, "default": {}}
      ]})";
    QCOMPARE(Canonical(schema),
             std::string(R"({"name":"com.acme.Test","type":"record","fields":[)"
                         R"({"name":"e","type":{"name":"com.acme.Suit","type":"enum","symbols":["SPADES","HEARTS"]}},)"
                         R"({"name":"again","type":"com.acme.Suit"},)"
                         R"({"name":"when","type":"long"},)"
                         R"({"name":"h","type":{"name":"org.hash.md5","type":"fixed","size":16}},)"
                         R"({"name":"list","type":{"type":"array","items":["null","string"]}},)"
                         R"({"name":"m","type":{"type":"map","values":"org.hash.md5"}}]})"));
  }

  void canonicalFormIgnoresFormatting() {
    QCOMPARE(Canonical(R"({ "fields" : [ {"type":"int", "name":"a"} ], "name" : "R", "type" : "record" })"),
             Canonical(Record(R"({"name":"a","type":"int"})")));
  }

  void logicalTypesAreKeptAsAnnotations() {
    AvroSchema s = MustParse(R"({"type":"bytes","logicalType":"decimal","precision":4,"scale":2})");
    QCOMPARE(s.root_node().type, AvroType::kBytes);
    QCOMPARE(s.root_node().logical_type, std::string("decimal"));
  }

  void recursiveTypes() {
    const std::string list = R"({"type":"record","name":"Node","fields":[
        {"name":"value","type":"int"},{"name":"next","type":["null","Node"]}]})";
    QCOMPARE(Canonical(list), std::string(R"({"name":"Node","type":"record","fields":[{"name":"value","type":"int"},)"
                                          R"({"name":"next","type":["null","Node"]}]})"));
    QCOMPARE(CanRead(list, list), std::string());
  }

  void namesResolveInTheEnclosingNamespace() {
    AvroSchema s = MustParse(R"({"type":"record","name":"a.b.Outer","fields":[
        {"name":"i","type":{"type":"record","name":"Inner","fields":[]}},
        {"name":"j","type":"a.b.Inner"},
        {"name":"k","type":"Inner"}]})");
    const AvroNode& outer = s.root_node();
    QCOMPARE(s.node(outer.fields[0].type).full_name, std::string("a.b.Inner"));
    QCOMPARE(outer.fields[1].type, outer.fields[0].type);
    QCOMPARE(outer.fields[2].type, outer.fields[0].type);
  }

  void referencesProvideNamedTypes() {
    ResolvedReference ref{"com.acme.Address", SchemaType::kAvro,
                          R"({"type":"record","name":"Address","namespace":"com.acme","fields":[{"name":"city","type":"string"}]})"};
    AvroSchema s = MustParse(R"({"type":"record","name":"Person","fields":[{"name":"home","type":"com.acme.Address"}]})",
                             {ref});
    QCOMPARE(s.node(s.root_node().fields[0].type).full_name, std::string("com.acme.Address"));
    QVERIFY(!AvroSchema::Parse(R"({"type":"record","name":"P","fields":[{"name":"h","type":"com.acme.Address"}]})").ok());
  }

  void invalidSchemasGetClearErrors_data() {
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("error");
    QTest::newRow("malformed json") << R"({"type":)" << "malformed JSON";
    QTest::newRow("unknown type") << R"("integer")" << "Undefined name: \"integer\"";
    QTest::newRow("no type") << R"({"name":"x"})" << "No type";
    QTest::newRow("record without name") << R"({"type":"record","fields":[]})" << "No name in schema";
    QTest::newRow("record without fields") << R"({"type":"record","name":"R"})" << "Record has no fields";
    QTest::newRow("bad name") << R"({"type":"record","name":"1R","fields":[]})" << "Illegal name: 1R";
    QTest::newRow("bad field name")
        << QString::fromStdString(Record(R"({"name":"a-b","type":"int"})")) << "Illegal field name: a-b";
    QTest::newRow("duplicate field")
        << QString::fromStdString(Record(R"({"name":"a","type":"int"},{"name":"a","type":"long"})"))
        << "Duplicate field a in record R";
    QTest::newRow("field without type") << QString::fromStdString(Record(R"({"name":"a"})")) << "No field type";
    QTest::newRow("bad default int")
        << QString::fromStdString(Record(R"({"name":"a","type":"int","default":"x"})")) << "Invalid default for field a";
    QTest::newRow("union default is its first branch")
        << QString::fromStdString(Record(R"({"name":"a","type":["null","string"],"default":"x"})"))
        << "Invalid default for field a";
    QTest::newRow("nested union") << R"(["null",["int","string"]])" << "Nested union";
    QTest::newRow("duplicate union branch") << R"(["int","int"])" << "Duplicate in union:int";
    QTest::newRow("enum default not a symbol")
        << R"({"type":"enum","name":"E","symbols":["A"],"default":"B"})" << "is not in the enum symbol set";
    QTest::newRow("duplicate symbol") << R"({"type":"enum","name":"E","symbols":["A","A"]})" << "Duplicate enum symbol";
    QTest::newRow("fixed without size") << R"({"type":"fixed","name":"F"})" << "Invalid or no size";
    QTest::newRow("array without items") << R"({"type":"array"})" << "Array has no items type";
    QTest::newRow("map without values") << R"({"type":"map"})" << "Map has no values type";
    QTest::newRow("redefined name")
        << QString::fromStdString(Record(R"({"name":"a","type":{"type":"fixed","name":"R","size":1}})"))
        << "Can't redefine: R";
    QTest::newRow("number as schema") << "42" << "Schema must be a string, an object or an array";
  }

  void invalidSchemasGetClearErrors() {
    QFETCH(QString, schema);
    QFETCH(QString, error);
    auto parsed = AvroSchema::Parse(schema.toStdString());
    QVERIFY(!parsed.ok());
    QVERIFY2(QString::fromStdString(parsed.status().message()).contains(error),
             parsed.status().message().c_str());
  }

  void deepNestingIsAnErrorNotACrash() {
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += R"({"type":"array","items":)";
    deep += "\"int\"";
    for (int i = 0; i < 100000; ++i) deep += "}";
    QVERIFY(!AvroSchema::Parse(deep).ok());
    std::string brackets(100000, '[');
    QVERIFY(!AvroSchema::Parse(brackets).ok());
  }

  // ---- schema resolution (the spec's "Schema Resolution"; Avro Java's SchemaCompatibility)

  void primitivePromotions_data() {
    QTest::addColumn<QString>("reader");
    QTest::addColumn<QString>("writer");
    QTest::addColumn<bool>("compatible");
    const char* types[] = {"null", "boolean", "int", "long", "float", "double", "bytes", "string"};
    // Readable pairs: identical types plus the spec's promotions.
    const std::set<std::pair<std::string, std::string>> promotions = {
        {"long", "int"}, {"float", "int"}, {"float", "long"}, {"double", "int"}, {"double", "long"},
        {"double", "float"}, {"bytes", "string"}, {"string", "bytes"}};
    for (const char* r : types) {
      for (const char* w : types) {
        const bool ok = std::string(r) == w || promotions.count({r, w});
        QTest::newRow((std::string(r) + " reads " + w).c_str()) << r << w << ok;
      }
    }
  }

  void primitivePromotions() {
    QFETCH(QString, reader);
    QFETCH(QString, writer);
    QFETCH(bool, compatible);
    // The schemas are JSON strings: "int".
    const std::string result = CanRead(QString("\"%1\"").arg(reader).toStdString(), QString("\"%1\"").arg(writer).toStdString());
    QCOMPARE(result.empty(), compatible);
    if (!compatible) {
      std::string r = reader.toUpper().toStdString(), w = writer.toUpper().toStdString();
      QCOMPARE(result, "TYPE_MISMATCH@/:reader type: " + r + " not compatible with writer type: " + w);
    }
  }

  void readerFieldWithoutDefaultMissingFromWriter() {
    const std::string v1 = Record(R"({"name":"f1","type":"string"})");
    const std::string v2 = Record(R"({"name":"f1","type":"string"},{"name":"f2","type":"string"})");
    QCOMPARE(CanRead(v2, v1), std::string("READER_FIELD_MISSING_DEFAULT_VALUE@/fields/1:f2"));
    QCOMPARE(CanRead(v1, v2), std::string());  // the writer's extra field is skipped
    const std::string v2_default = Record(R"({"name":"f1","type":"string"},{"name":"f2","type":"string","default":"x"})");
    QCOMPARE(CanRead(v2_default, v1), std::string());
  }

  void fieldTypeChangeReportsItsPath() {
    const std::string w = Record(R"({"name":"a","type":"int"},{"name":"b","type":"string"})");
    const std::string r = Record(R"({"name":"a","type":"long"},{"name":"b","type":"int"})");
    QCOMPARE(CanRead(r, w), std::string("TYPE_MISMATCH@/fields/1/type:reader type: INT not compatible with writer type: STRING"));
  }

  void allIncompatibilitiesAreListed() {
    const std::string w = Record(R"({"name":"a","type":"string"})");
    const std::string r = Record(R"({"name":"a","type":"int"},{"name":"b","type":"int"})");
    QCOMPARE(CanRead(r, w), std::string("TYPE_MISMATCH@/fields/0/type:reader type: INT not compatible with writer "
                                        "type: STRING | READER_FIELD_MISSING_DEFAULT_VALUE@/fields/1:b"));
  }

  void fieldAliasesMatchRenamedWriterFields() {
    const std::string w = Record(R"({"name":"old_name","type":"int"})");
    const std::string r = Record(R"({"name":"new_name","aliases":["old_name"],"type":"int"})");
    QCOMPARE(CanRead(r, w), std::string());
    QCOMPARE(CanRead(Record(R"({"name":"new_name","type":"int"})"), w),
             std::string("READER_FIELD_MISSING_DEFAULT_VALUE@/fields/0:new_name"));
  }

  void enumSymbols() {
    const std::string w = R"({"type":"enum","name":"E","symbols":["A","B","D","C"]})";
    QCOMPARE(CanRead(R"({"type":"enum","name":"E","symbols":["A","B"]})", w),
             std::string("MISSING_ENUM_SYMBOLS@/symbols:[C, D]"));
    QCOMPARE(CanRead(R"({"type":"enum","name":"E","symbols":["A","B","U"],"default":"U"})", w), std::string());
    QCOMPARE(CanRead(w, R"({"type":"enum","name":"E","symbols":["A"]})"), std::string());
  }

  void namedTypesMatchByUnqualifiedNameOrAlias() {
    QCOMPARE(CanRead(R"({"type":"fixed","name":"a.F","size":4})", R"({"type":"fixed","name":"b.F","size":4})"),
             std::string());
    QCOMPARE(CanRead(R"({"type":"fixed","name":"G","size":4})", R"({"type":"fixed","name":"ns.F","size":4})"),
             std::string("NAME_MISMATCH@/name:expected: ns.F"));
    QCOMPARE(CanRead(R"({"type":"fixed","name":"G","aliases":["ns.F"],"size":4})",
                     R"({"type":"fixed","name":"ns.F","size":4})"),
             std::string());
    QCOMPARE(CanRead(Record("", "New"), Record("", "Old")), std::string("NAME_MISMATCH@/name:expected: Old"));
  }

  void nameMismatchStillChecksTheRest() {
    QCOMPARE(CanRead(R"({"type":"fixed","name":"G","size":8})", R"({"type":"fixed","name":"F","size":4})"),
             std::string("NAME_MISMATCH@/name:expected: F | FIXED_SIZE_MISMATCH@/size:expected: 4, found: 8"));
    QCOMPARE(CanRead(Record(R"({"name":"a","type":"int"})", "New"), Record("", "Old")),
             std::string("NAME_MISMATCH@/name:expected: Old | READER_FIELD_MISSING_DEFAULT_VALUE@/fields/0:a"));
  }

  // Unions of records nested 30 deep: each level offers two record branches that differ only deep down.
  // Without remembered results the check would take 2^30 steps.
  void nestedUnionsStayFast() {
    auto build = [](const std::string& leaf) {
      std::string s = leaf;
      for (int i = 0; i < 30; ++i) {
        const std::string n = std::to_string(i);
        s = "[{\"type\":\"record\",\"name\":\"A" + n + "\",\"fields\":[{\"name\":\"f\",\"type\":" + s +
            "}]},{\"type\":\"record\",\"name\":\"B" + n + "\",\"fields\":[{\"name\":\"f\",\"type\":\"A" + n + "\"}]}]";
      }
      return s;
    };
    QElapsedTimer timer;
    timer.start();
    const std::string result = CanRead(build(R"("int")"), build(R"("string")"));
    QVERIFY(!result.empty());
    QVERIFY2(timer.elapsed() < 20000, "the check must not explode");
  }

  // Two linked lists whose record cycles have coprime lengths (7 and 11) pair their nodes in a cycle of
  // 77; a long pair of such schemas must not exhaust the stack.
  void coprimeRecursionIsBounded() {
    auto cycle = [](int length, const std::string& leaf) {
      // Names c0.N, c1.N...: one short name, so each pair of records matches by name.
      std::string s = "{\"type\":\"record\",\"name\":\"c0.N\",\"fields\":[{\"name\":\"v\",\"type\":\"" + leaf +
                      "\"},{\"name\":\"next\",\"type\":";
      std::string tail;
      for (int i = 1; i < length; ++i) {
        s += "{\"type\":\"record\",\"name\":\"c" + std::to_string(i) +
             ".N\",\"fields\":[{\"name\":\"v\",\"type\":\"int\"},{\"name\":\"next\",\"type\":";
        tail += "}]}";
      }
      return s + "\"c0.N\"" + tail + "}]}";
    };
    QVERIFY(CanRead(cycle(7, "long"), cycle(11, "int")).empty());
    QVERIFY(!CanRead(cycle(7, "int"), cycle(11, "long")).empty());
    // 40 x 41 pairs: deeper than the checker goes; refused rather than crashing.
    QVERIFY2(QString::fromStdString(CanRead(cycle(40, "long"), cycle(41, "int"))).contains("nested too deeply"),
             "expected the depth guard");
  }

  void fixedSize() {
    QCOMPARE(CanRead(R"({"type":"fixed","name":"F","size":8})", R"({"type":"fixed","name":"F","size":4})"),
             std::string("FIXED_SIZE_MISMATCH@/size:expected: 4, found: 8"));
  }

  void unions() {
    QCOMPARE(CanRead(R"(["null","string"])", R"("string")"), std::string());
    QCOMPARE(CanRead(R"(["null","long"])", R"("int")"), std::string());  // a branch that promotes
    QCOMPARE(CanRead(R"(["null","string"])", R"("int")"),
             std::string("MISSING_UNION_BRANCH@/:reader union lacking writer type: INT"));
    // Each writer branch must be readable.
    QCOMPARE(CanRead(R"("int")", R"(["null","int"])"),
             std::string("TYPE_MISMATCH@/0:reader type: INT not compatible with writer type: NULL"));
    QCOMPARE(CanRead(R"(["int","null","string"])", R"(["null","int"])"), std::string());
    QCOMPARE(CanRead(R"(["null","int"])", R"(["null","int","string"])"),
             std::string("MISSING_UNION_BRANCH@/2:reader union lacking writer type: STRING"));
  }

  void arraysAndMapsRecurse() {
    QCOMPARE(CanRead(R"({"type":"array","items":"long"})", R"({"type":"array","items":"int"})"), std::string());
    QCOMPARE(CanRead(R"({"type":"array","items":"int"})", R"({"type":"array","items":"long"})"),
             std::string("TYPE_MISMATCH@/items:reader type: INT not compatible with writer type: LONG"));
    QCOMPARE(CanRead(R"({"type":"map","values":"int"})", R"({"type":"map","values":"string"})"),
             std::string("TYPE_MISMATCH@/values:reader type: INT not compatible with writer type: STRING"));
    QCOMPARE(CanRead(R"({"type":"map","values":"int"})", R"({"type":"array","items":"int"})"),
             std::string("TYPE_MISMATCH@/:reader type: MAP not compatible with writer type: ARRAY"));
  }

  void nestedRecordPaths() {
    const std::string w = Record(R"({"name":"inner","type":{"type":"record","name":"I","fields":[{"name":"x","type":"int"}]}})");
    const std::string r = Record(R"({"name":"inner","type":{"type":"record","name":"I","fields":[{"name":"x","type":"int"},{"name":"y","type":"int"}]}})");
    QCOMPARE(CanRead(r, w), std::string("READER_FIELD_MISSING_DEFAULT_VALUE@/fields/0/type/fields/1:y"));
  }
};

QTEST_GUILESS_MAIN(TestAvroSchema)
#include "test_avro_schema.moc"
