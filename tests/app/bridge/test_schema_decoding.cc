// The desktop app's Schema Registry decoders (issue 15) on bytes built by hand: Confluent's wire format and
// Protobuf message indexes, Avro's binary encoding of every type against the writer schema, Protobuf's wire
// format against a registered .proto, and hostile input — truncated data, huge lengths and block counts, deep
// nesting, random bytes — which must end in a clear error with bounded memory, never a crash. And the encoders
// the Produce dialog writes through a schema with: JSON -> Avro / Protobuf -> JSON gives the JSON back, and JSON
// that does not fit says where.
#include <QElapsedTimer>
#include <QTest>

#include <random>
#include <string>

#include "app/bridge/avro_binary_decoder.h"
#include "app/bridge/confluent_wire.h"
#include "app/bridge/avro_json_encoder.h"
#include "app/bridge/json_schema_validator.h"
#include "app/bridge/protobuf_binary_decoder.h"
#include "app/bridge/protobuf_json_encoder.h"

using namespace partita;
using namespace partita::app;
using schema_registry::AvroSchema;
using schema_registry::ProtobufSchema;

namespace {

std::string Varint(uint64_t v) {
  std::string out;
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
  return out;
}
std::string Long(int64_t v) { return Varint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
std::string Str(const std::string& s) { return Long(static_cast<int64_t>(s.size())) + s; }

const char* kOrderSchema = R"({"type":"record","name":"Order","namespace":"shop","fields":[
  {"name":"id","type":"long"},
  {"name":"ok","type":"boolean"},
  {"name":"customer","type":{"type":"record","name":"Customer","fields":[{"name":"name","type":"string"}]}},
  {"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID"]}},
  {"name":"items","type":{"type":"array","items":"int"}},
  {"name":"prices","type":{"type":"map","values":"double"}},
  {"name":"note","type":["null","string"]},
  {"name":"code","type":{"type":"fixed","name":"Code","size":2}},
  {"name":"day","type":{"type":"int","logicalType":"date"}},
  {"name":"ratio","type":"float"},
  {"name":"blob","type":"bytes"}]})";

std::string Double(double d) {
  std::string out(8, '\0');
  std::memcpy(out.data(), &d, 8);  // little-endian machine, as Avro
  return out;
}
std::string Float(float f) {
  std::string out(4, '\0');
  std::memcpy(out.data(), &f, 4);
  return out;
}

std::string OrderBytes() {
  return Long(-42) + std::string(1, '\1') + Str("Ada") + Long(1) +           // id, ok, customer, status PAID
         Long(2) + Long(7) + Long(-8) + Long(0) +                             // items [7, -8]
         Long(-1) + Long(static_cast<int64_t>(Str("tea").size() + 8)) + Str("tea") + Double(2.5) + Long(0) +  // a negative block count
         Long(1) + Str("ring") +                                              // note: the string branch
         std::string("A\x01", 2) + Long(19000) + Float(0.5f) + Str(std::string("\x00\xff", 2));
}

}  // namespace

class SchemaDecodingTest : public QObject {
  Q_OBJECT

 private slots:
  void confluentFrame() {
    QVERIFY(!LooksConfluentFramed(std::string("{\"a\":1}")));
    QVERIFY(!LooksConfluentFramed(std::string("\0\0\0", 3)));
    const std::string framed("\0\0\0\x01\x02payload", 12);  // the frame points into it
    auto frame = ParseConfluentFrame(framed);
    QVERIFY(frame.ok());
    QCOMPARE(frame->schemaId, 258);
    QCOMPARE(std::string(frame->payload), std::string("payload"));
    QVERIFY(!ParseConfluentFrame(std::string("\x01\0\0\0\x01", 5)).ok());

    std::string_view zero("\x00rest", 5);
    auto indexes = ReadProtobufMessageIndexes(&zero);
    QVERIFY(indexes.ok());
    QCOMPARE(*indexes, std::vector<int32_t>({0}));
    QCOMPARE(std::string(zero), std::string("rest"));
    std::string two = Long(2) + Long(1) + Long(3);
    std::string_view view(two);
    indexes = ReadProtobufMessageIndexes(&view);
    QVERIFY(indexes.ok());
    QCOMPARE(*indexes, std::vector<int32_t>({1, 3}));
    std::string huge = Long(1'000'000);
    view = huge;
    QVERIFY(!ReadProtobufMessageIndexes(&view).ok());  // a count that cannot be real is refused, not looped on
  }

  void avroEveryType() {
    auto schema = AvroSchema::Parse(kOrderSchema);
    QVERIFY2(schema.ok(), schema.status().message().c_str());
    auto json = DecodeAvroBinary(*schema, OrderBytes());
    QVERIFY2(json.ok(), json.status().message().c_str());
    const std::string text = json->dump();
    QCOMPARE(QString::fromStdString(text),
             QStringLiteral(R"({"id":-42,"ok":true,"customer":{"name":"Ada"},"status":"PAID","items":[7,-8],)"
                            R"("prices":{"tea":2.5},"note":{"string":"ring"},"code":"A\u0001","day":19000,)"
                            R"("ratio":0.5,"blob":"\u0000ÿ"})"));
  }

  void avroRejectsLeftoversAndBadValues() {
    auto schema = AvroSchema::Parse(kOrderSchema);
    QVERIFY(schema.ok());
    QVERIFY(!DecodeAvroBinary(*schema, OrderBytes() + "x").ok());  // a byte too many: a wrong schema
    auto enumSchema = AvroSchema::Parse(R"({"type":"enum","name":"E","symbols":["A"]})");
    auto bad = DecodeAvroBinary(*enumSchema, Long(5));
    QVERIFY(!bad.ok());
    QVERIFY(bad.status().message().find("enum index 5") != std::string::npos);
    auto unionSchema = AvroSchema::Parse(R"(["null","int"])");
    QVERIFY(!DecodeAvroBinary(*unionSchema, Long(2)).ok());
    QVERIFY(!DecodeAvroBinary(*unionSchema, Long(-1)).ok());
    auto boolSchema = AvroSchema::Parse(R"("boolean")");
    QVERIFY(!DecodeAvroBinary(*boolSchema, std::string("\x02", 1)).ok());
    auto intSchema = AvroSchema::Parse(R"("int")");
    QVERIFY(!DecodeAvroBinary(*intSchema, Long(int64_t(1) << 40)).ok());  // does not fit an int
    QVERIFY(!DecodeAvroBinary(*intSchema, std::string(11, '\xff')).ok());  // a varint that never ends
  }

  void avroTruncatedAtEveryByte() {
    auto schema = AvroSchema::Parse(kOrderSchema);
    const std::string full = OrderBytes();
    for (size_t n = 0; n < full.size(); ++n) {
      auto json = DecodeAvroBinary(*schema, std::string_view(full).substr(0, n));
      QVERIFY2(!json.ok(), qPrintable(QStringLiteral("a %1-byte prefix decoded").arg(n)));
      QVERIFY(!json.status().message().empty());
    }
  }

  // Lengths and counts from the wire are never trusted: nothing is allocated or looped on before it is checked.
  void avroHugeLengthsStayBounded() {
    auto stringSchema = AvroSchema::Parse(R"("string")");
    auto r = DecodeAvroBinary(*stringSchema, Long(int64_t(1) << 62) + "abc");
    QVERIFY(!r.ok());
    QVERIFY(r.status().message().find("only 3 byte(s) left") != std::string::npos);
    QVERIFY(!DecodeAvroBinary(*stringSchema, Long(-5)).ok());

    // An array of nulls needs no bytes per item: a block count of 2^62 must be refused, not looped on.
    auto nulls = AvroSchema::Parse(R"({"type":"array","items":"null"})");
    QElapsedTimer timer;
    timer.start();
    r = DecodeAvroBinary(*nulls, Long(int64_t(1) << 62) + Long(0));
    QVERIFY(!r.ok());
    QVERIFY(timer.elapsed() < 1000);
    r = DecodeAvroBinary(*nulls, Long(INT64_MIN));
    QVERIFY(!r.ok());
    // Many small blocks add up against the same limit.
    AvroDecodeLimits limits;
    limits.maxValues = 1000;
    std::string blocks;
    for (int i = 0; i < 200; ++i) blocks += Long(10);
    blocks += Long(0);
    QVERIFY(!DecodeAvroBinary(*nulls, blocks, limits).ok());
    // A negative block count whose byte size is larger than the data.
    auto ints = AvroSchema::Parse(R"({"type":"array","items":"int"})");
    QVERIFY(!DecodeAvroBinary(*ints, Long(-1) + Long(1000) + Long(1) + Long(0)).ok());
    // Maps: a huge key length.
    auto map = AvroSchema::Parse(R"({"type":"map","values":"int"})");
    QVERIFY(!DecodeAvroBinary(*map, Long(1) + Long(int64_t(1) << 50)).ok());
  }

  void avroDeepNestingIsLimited() {
    auto list = AvroSchema::Parse(
        R"({"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]})");
    QVERIFY2(list.ok(), list.status().message().c_str());
    std::string shallow = Long(1) + Long(1) + Long(0);  // two nodes
    QVERIFY(DecodeAvroBinary(*list, shallow).ok());
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += Long(1);  // 100,000 nested nodes: refused at the depth limit
    deep += Long(0);
    auto r = DecodeAvroBinary(*list, deep);
    QVERIFY(!r.ok());
    QVERIFY(r.status().message().find("nesting deeper") != std::string::npos);
  }

  void avroRandomBytesNeverCrash() {
    auto schema = AvroSchema::Parse(kOrderSchema);
    std::mt19937 rng(15);
    std::string base = OrderBytes();
    int decoded = 0;
    for (int i = 0; i < 20000; ++i) {
      std::string bytes = base;
      const int flips = 1 + static_cast<int>(rng() % 4);
      for (int f = 0; f < flips; ++f) bytes[rng() % bytes.size()] = static_cast<char>(rng());
      if (rng() % 3 == 0) bytes.resize(rng() % (bytes.size() + 1));
      auto r = DecodeAvroBinary(*schema, bytes);
      if (r.ok()) {
        ++decoded;
        (void)r->dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
      } else {
        QVERIFY(!r.status().message().empty());
      }
    }
    QVERIFY(decoded < 20000);
  }

  void protobufMessages() {
    auto schema = ProtobufSchema::Parse(R"(syntax = "proto3";
      package shop;
      message Header { string source = 1; }
      message Parcel {
        int32 weight = 1;
        string label = 2;
        repeated int32 sizes = 3;
        enum Kind { SMALL = 0; LARGE = 1; }
        Kind kind = 4;
        Header header = 5;
        map<string, int64> stock = 6;
        sint32 delta = 7;
        double price = 8;
        message Inner { bool flag = 1; }
      })");
    QVERIFY2(schema.ok(), schema.status().message().c_str());
    auto name = ProtobufMessageForIndexes(*schema, {1});
    QVERIFY(name.ok());
    QCOMPARE(*name, std::string("shop.Parcel"));
    QCOMPARE(*ProtobufMessageForIndexes(*schema, {1, 0}), std::string("shop.Parcel.Inner"));
    QVERIFY(!ProtobufMessageForIndexes(*schema, {2}).ok());
    QVERIFY(!ProtobufMessageForIndexes(*schema, {0, 0}).ok());

    const std::string packed = Varint(3) + Varint(4);
    const std::string header = Varint(1 << 3 | 2) + Varint(3) + "web";
    const std::string entry = Varint(1 << 3 | 2) + Varint(3) + "tea" + Varint(2 << 3 | 0) + Varint(9);
    std::string bytes = Varint(1 << 3 | 0) + Varint(700) + Varint(2 << 3 | 2) + Varint(7) + "fragile" +
                        Varint(3 << 3 | 2) + Varint(packed.size()) + packed + Varint(3 << 3 | 0) + Varint(5) +
                        Varint(4 << 3 | 0) + Varint(1) + Varint(5 << 3 | 2) + Varint(header.size()) + header +
                        Varint(6 << 3 | 2) + Varint(entry.size()) + entry + Varint(7 << 3 | 0) + Varint(3) +
                        Varint(8 << 3 | 1) + Double(1.25) + Varint(99 << 3 | 0) + Varint(1);
    auto json = DecodeProtobufBinary(*schema, "shop.Parcel", bytes);
    QVERIFY2(json.ok(), json.status().message().c_str());
    QCOMPARE(QString::fromStdString(json->dump()),
             QStringLiteral(R"({"weight":700,"label":"fragile","sizes":[3,4,5],"kind":"LARGE",)"
                            R"("header":{"source":"web"},"stock":{"tea":9},"delta":-2,"price":1.25,"#99":1})"));
    // Truncated at every byte: an error or a shorter message, never a crash.
    for (size_t n = 0; n < bytes.size(); ++n) (void)DecodeProtobufBinary(*schema, "shop.Parcel", bytes.substr(0, n));
    // A length far past the end.
    auto bad = DecodeProtobufBinary(*schema, "shop.Parcel", Varint(2 << 3 | 2) + Varint(uint64_t(1) << 60));
    QVERIFY(!bad.ok());
    QVERIFY(bad.status().message().find("byte(s) left") != std::string::npos);
    // The wrong wire type for a declared field.
    QVERIFY(!DecodeProtobufBinary(*schema, "shop.Parcel", Varint(2 << 3 | 0) + Varint(1)).ok());
    // Groups are refused.
    QVERIFY(!DecodeProtobufBinary(*schema, "shop.Parcel", Varint(9 << 3 | 3)).ok());
    // Deep nesting through a self-referencing message is limited.
    auto tree = ProtobufSchema::Parse("syntax = \"proto3\"; message T { T child = 1; }");
    QVERIFY(tree.ok());
    std::string deep;
    for (int i = 0; i < 200; ++i) deep = Varint(1 << 3 | 2) + Varint(deep.size()) + deep;
    auto r = DecodeProtobufBinary(*tree, "T", deep);
    QVERIFY(!r.ok());
    QVERIFY(r.status().message().find("nesting deeper") != std::string::npos);
    // Random bytes.
    std::mt19937 rng(15);
    for (int i = 0; i < 20000; ++i) {
      std::string b(rng() % 64, '\0');
      for (char& c : b) c = static_cast<char>(rng());
      (void)DecodeProtobufBinary(*schema, "shop.Parcel", b);
    }
  }

  void avroEncodeRoundTrip() {
    auto schema = AvroSchema::Parse(kOrderSchema);
    QVERIFY(schema.ok());
    auto json = DecodeAvroBinary(*schema, OrderBytes());
    QVERIFY(json.ok());
    auto bytes = EncodeAvroJson(*schema, nlohmann::json::parse(json->dump()));
    QVERIFY2(bytes.ok(), bytes.status().message().c_str());
    auto again = DecodeAvroBinary(*schema, *bytes);
    QVERIFY(again.ok());
    QCOMPARE(QString::fromStdString(again->dump()), QString::fromStdString(json->dump()));

    // Convenience: a bare union value goes to the first branch that takes it; a field left out takes its default.
    auto withDefaults = AvroSchema::Parse(R"({"type":"record","name":"R","fields":[
      {"name":"a","type":"int"},{"name":"note","type":["null","string"],"default":null},
      {"name":"n","type":"long","default":7}]})");
    QVERIFY(withDefaults.ok());
    auto bare = EncodeAvroJson(*withDefaults, nlohmann::json::parse(R"({"a":1,"note":"hi"})"));
    QVERIFY(bare.ok());
    QCOMPARE(QString::fromStdString(DecodeAvroBinary(*withDefaults, *bare)->dump()),
             QStringLiteral(R"({"a":1,"note":{"string":"hi"},"n":7})"));

    const auto error = [&](const char* text) {
      auto r = EncodeAvroJson(*schema, nlohmann::json::parse(text));
      return r.ok() ? std::string("(encoded)") : r.status().message();
    };
    nlohmann::json order = nlohmann::json::parse(json->dump());
    order["items"][1] = 5000000000;
    QCOMPARE(QString::fromStdString(error(order.dump().c_str())), QStringLiteral("$.items[1]: does not fit an int (32 bits)"));
    order = nlohmann::json::parse(json->dump());
    order["status"] = "LOST";
    QCOMPARE(QString::fromStdString(error(order.dump().c_str())), QStringLiteral("$.status: 'LOST' is not a symbol of shop.Status"));
    order = nlohmann::json::parse(json->dump());
    order.erase("customer");
    QCOMPARE(QString::fromStdString(error(order.dump().c_str())), QStringLiteral("$.customer: missing, and the field has no default"));
    order = nlohmann::json::parse(json->dump());
    order["extra"] = 1;
    QCOMPARE(QString::fromStdString(error(order.dump().c_str())), QStringLiteral("$: record shop.Order has no field 'extra'"));
    order = nlohmann::json::parse(json->dump());
    order["note"] = 3;
    QCOMPARE(QString::fromStdString(error(order.dump().c_str())), QStringLiteral("$.note: fits no branch of the union [null, string]"));
    order = nlohmann::json::parse(json->dump());
    order["code"] = "ABC";
    QCOMPARE(QString::fromStdString(error(order.dump().c_str())), QStringLiteral("$.code: fixed shop.Code takes 2 bytes, not 3"));
  }

  void protobufEncodeRoundTrip() {
    auto schema = ProtobufSchema::Parse(R"(syntax = "proto3";
      package shop;
      message Header { string source = 1; }
      message Parcel {
        int32 weight = 1;
        string label = 2;
        repeated int32 sizes = 3;
        enum Kind { SMALL = 0; LARGE = 1; }
        Kind kind = 4;
        Header header = 5;
        map<string, int64> stock = 6;
        sint32 delta = 7;
        double price = 8;
        bytes blob = 9;
        fixed64 big = 10;
        map<int32, string> names = 11;
        message Inner { bool flag = 1; }
      })");
    QVERIFY2(schema.ok(), schema.status().message().c_str());
    const auto value = nlohmann::json::parse(
        R"({"weight":-700,"label":"fragile","sizes":[3,4,5],"kind":"LARGE","header":{"source":"web"},)"
        R"("stock":{"tea":9},"delta":-2,"price":1.25,"blob":"AP8=","big":"18446744073709551615","names":{"7":"seven"}})");
    auto bytes = EncodeProtobufJson(*schema, "shop.Parcel", value);
    QVERIFY2(bytes.ok(), bytes.status().message().c_str());
    auto json = DecodeProtobufBinary(*schema, "shop.Parcel", *bytes);
    QVERIFY2(json.ok(), json.status().message().c_str());
    QCOMPARE(QString::fromStdString(json->dump()),
             QStringLiteral(R"({"weight":-700,"label":"fragile","sizes":[3,4,5],"kind":"LARGE","header":{"source":"web"},)"
                            R"("stock":{"tea":9},"delta":-2,"price":1.25,"blob":"AP8=","big":18446744073709551615,)"
                            R"("names":{"7":"seven"}})"));
    // A negative int32 is sign-extended to ten bytes, as Protobuf writes it.
    QCOMPARE(EncodeProtobufJson(*schema, "shop.Parcel", nlohmann::json::parse(R"({"weight":-1})"))->size(), size_t(11));

    const auto error = [&](const char* text) {
      auto r = EncodeProtobufJson(*schema, "shop.Parcel", nlohmann::json::parse(text));
      return QString::fromStdString(r.ok() ? std::string("(encoded)") : r.status().message());
    };
    QCOMPARE(error(R"({"weight":3000000000})"), QStringLiteral("$.weight: does not fit int32"));
    QCOMPARE(error(R"({"kind":"HUGE"})"), QStringLiteral("$.kind: 'HUGE' is not a value of shop.Parcel.Kind"));
    QCOMPARE(error(R"({"colour":"red"})"), QStringLiteral("$: message shop.Parcel has no field 'colour'"));
    QCOMPARE(error(R"({"sizes":[1,"x"]})"), QStringLiteral("$.sizes[1]: expected an integer (int32)"));
    QCOMPARE(error(R"({"header":{"source":1}})"), QStringLiteral("$.header.source: expected a string"));

    // The message indexes that frame it, the inverse of ProtobufMessageForIndexes.
    QCOMPARE(*ProtobufIndexesForMessage(*schema, "shop.Parcel"), std::vector<int32_t>({1}));
    QCOMPARE(*ProtobufIndexesForMessage(*schema, "shop.Parcel.Inner"), std::vector<int32_t>({1, 0}));
    QVERIFY(!ProtobufIndexesForMessage(*schema, "shop.Nothing").ok());
    const std::vector<int32_t> first{0}, inner{1, 0};
    QCOMPARE(ConfluentFrameFor(258, &first), std::string("\0\0\0\x01\x02\0", 6));
    QCOMPARE(ConfluentFrameFor(258, &inner), std::string("\0\0\0\x01\x02", 5) + Long(2) + Long(1) + Long(0));
    QCOMPARE(ConfluentFrameFor(258), std::string("\0\0\0\x01\x02", 5));
    const std::string framed = ConfluentFrameFor(258, &inner);
    std::string_view view = std::string_view(framed).substr(5);
    QCOMPARE(*ReadProtobufMessageIndexes(&view), inner);
  }

  void jsonSchemaValidation() {
    const auto schema = nlohmann::json::parse(
        R"({)"
        R"("type": "object",)"
        R"("properties": {)"
        R"("id": {"type": "integer", "minimum": 1},)"
        R"("item": {"type": "string", "minLength": 2, "pattern": "^[a-z]+$"},)"
        R"("price": {"type": "number", "exclusiveMinimum": 0, "multipleOf": 0.5},)"
        R"("tags": {"type": "array", "items": {"type": "string"}, "maxItems": 2, "uniqueItems": true},)"
        R"("status": {"enum": ["NEW", "PAID"]},)"
        R"("ship": {"$ref": "#/definitions/address"},)"
        R"("note": {"type": ["string", "null"]},)"
        R"("code": {"oneOf": [{"type": "string"}, {"type": "integer"}]})"
        R"(},)"
        R"("required": ["id", "item"],)"
        R"("additionalProperties": false,)"
        R"("definitions": {"address": {"type": "object", "required": ["city"], "properties": {"city": {"type": "string"}}}})"
        R"(})");
    const auto check = [&](const char* doc) {
      Status st = ValidateJsonSchema(schema, nlohmann::json::parse(doc));
      return QString::fromStdString(st.ok() ? std::string("ok") : st.message());
    };
    QCOMPARE(check(R"({"id":1,"item":"tea","price":2.5,"tags":["a","b"],"status":"PAID","ship":{"city":"Oslo"},"note":null,"code":7})"),
             QStringLiteral("ok"));
    QCOMPARE(check(R"({"id":2.0,"item":"tea"})"), QStringLiteral("ok"));  // a whole number is an integer
    QCOMPARE(check(R"({"item":"tea"})"), QStringLiteral("$: the required property 'id' is missing"));
    QCOMPARE(check(R"({"id":0,"item":"tea"})"), QStringLiteral("$.id: 0 is below the minimum 1"));
    QCOMPARE(check(R"({"id":1,"item":"Tea"})"), QStringLiteral("$.item: does not match the pattern ^[a-z]+$"));
    QCOMPARE(check(R"({"id":1,"item":"t"})"), QStringLiteral("$.item: shorter than 2 characters"));
    QCOMPARE(check(R"({"id":1,"item":"tea","price":0})"), QStringLiteral("$.price: 0 is not above 0"));
    QCOMPARE(check(R"({"id":1,"item":"tea","price":0.7})"), QStringLiteral("$.price: 0.7 is not a multiple of 0.5"));
    QCOMPARE(check(R"({"id":1,"item":"tea","tags":["a","a"]})"), QStringLiteral("$.tags: has \"a\" more than once"));
    QCOMPARE(check(R"({"id":1,"item":"tea","tags":["a",3]})"), QStringLiteral("$.tags[1]: expected string, got 3"));
    QCOMPARE(check(R"({"id":1,"item":"tea","status":"LOST"})"), QStringLiteral("$.status: \"LOST\" is not one of [\"NEW\",\"PAID\"]"));
    QCOMPARE(check(R"({"id":1,"item":"tea","ship":{}})"), QStringLiteral("$.ship: the required property 'city' is missing"));
    QCOMPARE(check(R"({"id":1,"item":"tea","colour":"red"})"),
             QStringLiteral("$: the property 'colour' is not allowed (additionalProperties is false)"));
    QCOMPARE(check(R"({"id":1,"item":"tea","code":true})"), QStringLiteral("$.code: matches 0 of oneOf's schemas, not exactly one"));
    QCOMPARE(check(R"({"id":1,"item":"tea","note":5})"), QStringLiteral("$.note: expected one of the types [\"string\",\"null\"], got 5"));
    // A $ref loop ends in an error, not a stack overflow.
    const auto loop = nlohmann::json::parse("{\"$ref\": \"#\"}");  // not a raw string: moc misreads R"({"#"})"
    QVERIFY(!ValidateJsonSchema(loop, nlohmann::json::parse("1")).ok());
  }

  // The message browser's decode rate (docs/PERFORMANCE.md, issue 15 "Measured"): records decoded and turned into
  // the indented and the one-line JSON the Messages page shows, as the registry worker does for each page.
  void decodeRate() {
    auto avro = AvroSchema::Parse(kOrderSchema);
    auto proto = ProtobufSchema::Parse(
        "syntax = \"proto3\"; package shop; message Parcel { int32 weight = 1; string label = 2; "
        "repeated int32 sizes = 3; map<string, int64> stock = 4; }");
    QVERIFY(avro.ok() && proto.ok());
    const std::string avroBytes = OrderBytes();
    const std::string packed = Varint(3) + Varint(4) + Varint(5);
    const std::string entry = Varint(1 << 3 | 2) + Varint(3) + "tea" + Varint(2 << 3 | 0) + Varint(9);
    const std::string protoBytes = Varint(1 << 3 | 0) + Varint(700) + Varint(2 << 3 | 2) + Varint(7) + "fragile" +
                                   Varint(3 << 3 | 2) + Varint(packed.size()) + packed + Varint(4 << 3 | 2) +
                                   Varint(entry.size()) + entry;
    constexpr int kRecords = 100000;
    const auto measure = [&](const char* what, auto&& decode) {
      QElapsedTimer timer;
      timer.start();
      size_t chars = 0;
      for (int i = 0; i < kRecords; ++i) {
        auto json = decode();
        if (!json.ok()) return false;
        chars += json->dump(4).size() + json->dump().size();
      }
      const double seconds = std::max<qint64>(timer.elapsed(), 1) / 1000.0;
      qInfo("%s: %d records in %.2f s = %.0f records/s (%zu JSON chars)", what, kRecords, seconds, kRecords / seconds, chars);
      return true;
    };
    QVERIFY(measure("Avro (11 fields, nested record, array, map, union)", [&] { return DecodeAvroBinary(*avro, avroBytes); }));
    QVERIFY(measure("Protobuf (4 fields, packed, map)", [&] { return DecodeProtobufBinary(*proto, "shop.Parcel", protoBytes); }));
  }
};

QTEST_GUILESS_MAIN(SchemaDecodingTest)
#include "test_schema_decoding.moc"
