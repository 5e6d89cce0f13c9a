// End-to-end tests of the Schema Registry REST routes over a real store: every write goes through a writer
// that applies the records to the store (what "append to _schemas and wait until applied" does in the
// broker) and keeps them, so a second store replaying them must answer the same. Bodies are compared as
// exact JSON text, as clients parse them.
// (Quotes inside raw strings are avoided: moc misreads \" in raw strings; schemas are embedded with Body().)
#include <QtTest>

#include <nlohmann/json.hpp>

#include "engine/schema_registry/rest_router.h"

using namespace partita::schema_registry;
using nlohmann::json;
using nlohmann::ordered_json;

namespace {

const std::string kV1 = R"({"type":"record","name":"User","fields":[{"name":"name","type":"string"}]})";
const std::string kV2 =
    R"({"type":"record","name":"User","fields":[{"name":"name","type":"string"},{"name":"age","type":"int","default":0}]})";
const std::string kV2NoDefault =
    R"({"type":"record","name":"User","fields":[{"name":"name","type":"string"},{"name":"age","type":"int"}]})";

std::string Body(const std::string& schema, const std::string& type = "", const ordered_json& refs = nullptr) {
  ordered_json j;
  j["schema"] = schema;
  if (!type.empty()) j["schemaType"] = type;
  if (!refs.is_null()) j["references"] = refs;
  return j.dump();
}

std::string VersionJson(const std::string& subject, int version, int id, const std::string& schema) {
  ordered_json j;
  j["subject"] = subject;
  j["version"] = version;
  j["id"] = id;
  j["schema"] = schema;
  return j.dump();
}

std::string ErrorJson(int code, const std::string& message) {
  ordered_json j;
  j["error_code"] = code;
  j["message"] = message;
  return j.dump();
}

// A registry as the broker runs it: store + router + a writer that applies what it appends.
struct Registry {
  SchemaRegistryStore store;
  std::vector<SchemasRecord> log;
  partita::Status fail_with;
  bool drop_writes = false;
  SchemaRegistryRouter router{&store, [this](const std::vector<SchemasRecord>& records) {
                                if (!fail_with.ok()) return fail_with;
                                for (const SchemasRecord& r : records) {
                                  log.push_back(r);
                                  if (drop_writes) continue;
                                  partita::Status st = store.Apply(r);
                                  if (!st.ok()) return st;
                                }
                                return partita::Status::Ok();
                              }};

  HttpResponse Call(const std::string& method, const std::string& target, const std::string& body = "") {
    return router.Route({method, target, body});
  }
};

}  // namespace

#define EXPECT_HTTP(response, want_status, ...)                                    \
  do {                                                                              \
    const HttpResponse _r = (response);                                             \
    QCOMPARE(_r.body, std::string(__VA_ARGS__));                                    \
    QCOMPARE(_r.status, (want_status));                                             \
    QCOMPARE(_r.content_type, std::string("application/vnd.schemaregistry.v1+json")); \
  } while (0)

class TestSchemaRegistryRouter : public QObject {
  Q_OBJECT
 private slots:
  void registerGetLookupAndIds() {
    Registry r;
    EXPECT_HTTP(r.Call("GET", "/schemas/types"), 200, R"(["JSON","PROTOBUF","AVRO"])");
    EXPECT_HTTP(r.Call("GET", "/subjects"), 200, "[]");
    EXPECT_HTTP(r.Call("POST", "/subjects/users-value/versions", Body(kV1)), 200, R"({"id":1})");
    QCOMPARE(r.log.size(), size_t(1));
    // Registering the same schema again (formatted differently) writes nothing and answers the same id.
    EXPECT_HTTP(r.Call("POST", "/subjects/users-value/versions", Body(json::parse(kV1).dump(2))), 200, R"({"id":1})");
    QCOMPARE(r.log.size(), size_t(1));
    // The same schema in another subject gets the same id (Confluent's global ids).
    EXPECT_HTTP(r.Call("POST", "/subjects/other/versions", Body(kV1)), 200, R"({"id":1})");
    EXPECT_HTTP(r.Call("POST", "/subjects/users-value/versions", Body(kV2)), 200, R"({"id":2})");
    EXPECT_HTTP(r.Call("GET", "/subjects"), 200, R"(["other","users-value"])");
    EXPECT_HTTP(r.Call("GET", "/subjects?subjectPrefix=us"), 200, R"(["users-value"])");
    EXPECT_HTTP(r.Call("GET", "/subjects/users-value/versions"), 200, "[1,2]");
    EXPECT_HTTP(r.Call("GET", "/subjects/users-value/versions/latest"), 200, VersionJson("users-value", 2, 2, kV2));
    EXPECT_HTTP(r.Call("GET", "/subjects/users-value/versions/-1"), 200, VersionJson("users-value", 2, 2, kV2));
    EXPECT_HTTP(r.Call("GET", "/subjects/users-value/versions/1"), 200, VersionJson("users-value", 1, 1, kV1));
    EXPECT_HTTP(r.Call("GET", "/subjects/users-value/versions/1/schema"), 200, kV1);
    EXPECT_HTTP(r.Call("GET", "/schemas/ids/1"), 200, ordered_json{{"schema", kV1}}.dump());
    EXPECT_HTTP(r.Call("GET", "/schemas/ids/1/schema"), 200, kV1);
    EXPECT_HTTP(r.Call("GET", "/schemas/ids/1/versions"), 200,
                R"([{"subject":"other","version":1},{"subject":"users-value","version":1}])");
    EXPECT_HTTP(r.Call("GET", "/schemas/ids/1/subjects"), 200, R"(["other","users-value"])");
    EXPECT_HTTP(r.Call("GET", "/schemas/ids/99"), 404, ErrorJson(40403, "Schema 99 not found"));
    EXPECT_HTTP(r.Call("GET", "/schemas?subjectPrefix=users&latestOnly=true"), 200,
                "[" + VersionJson("users-value", 2, 2, kV2) + "]");
    EXPECT_HTTP(r.Call("GET", "/schemas"), 200,
                "[" + VersionJson("other", 1, 1, kV1) + "," + VersionJson("users-value", 1, 1, kV1) + "," +
                    VersionJson("users-value", 2, 2, kV2) + "]");
    // Lookup.
    EXPECT_HTTP(r.Call("POST", "/subjects/users-value", Body(kV1)), 200, VersionJson("users-value", 1, 1, kV1));
    EXPECT_HTTP(r.Call("POST", "/subjects/users-value", Body(R"("string")")), 404, ErrorJson(40403, "Schema not found"));
    EXPECT_HTTP(r.Call("POST", "/subjects/nobody", Body(kV1)), 404, ErrorJson(40401, "Subject 'nobody' not found."));
    // Not found answers.
    EXPECT_HTTP(r.Call("GET", "/subjects/nobody/versions"), 404, ErrorJson(40401, "Subject 'nobody' not found."));
    EXPECT_HTTP(r.Call("GET", "/subjects/users-value/versions/3"), 404, ErrorJson(40402, "Version 3 not found."));
  }

  void incompatibleSchemasAndTheCompatibilityRoute() {
    Registry r;
    r.Call("POST", "/subjects/s/versions", Body(kV1));
    const HttpResponse rejected = r.Call("POST", "/subjects/s/versions", Body(kV2NoDefault));
    QCOMPARE(rejected.status, 409);
    const json body = json::parse(rejected.body);
    QCOMPARE(body["error_code"].get<int>(), 409);
    QCOMPARE(body["message"].get<std::string>(),
             std::string("Schema being registered is incompatible with an earlier schema for subject \"s\", details: "
                         "[{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'age' at path "
                         "'/fields/1' in the new schema has no default value and is missing in the old schema', "
                         "additionalInfo:'age'}, {oldSchemaVersion: 1}, {oldSchema: '") + kV1 +
                 "'}, {compatibility: 'BACKWARD'}]");
    QCOMPARE(r.log.size(), size_t(1));  // nothing written
    EXPECT_HTTP(r.Call("POST", "/compatibility/subjects/s/versions/latest", Body(kV2NoDefault)), 200,
                R"({"is_compatible":false})");
    const HttpResponse verbose = r.Call("POST", "/compatibility/subjects/s/versions/1?verbose=true", Body(kV2NoDefault));
    QCOMPARE(verbose.status, 200);
    const json v = json::parse(verbose.body);
    QCOMPARE(v["is_compatible"].get<bool>(), false);
    QCOMPARE(v["messages"].size(), size_t(4));
    EXPECT_HTTP(r.Call("POST", "/compatibility/subjects/s/versions/latest?verbose=true", Body(kV2)), 200,
                R"({"is_compatible":true,"messages":[]})");
    EXPECT_HTTP(r.Call("POST", "/compatibility/subjects/s/versions", Body(kV2)), 200, R"({"is_compatible":true})");
    // A new subject: nothing to be incompatible with at "latest"; a numbered version must exist.
    EXPECT_HTTP(r.Call("POST", "/compatibility/subjects/new/versions/latest", Body(kV1)), 200, R"({"is_compatible":true})");
    EXPECT_HTTP(r.Call("POST", "/compatibility/subjects/new/versions/1", Body(kV1)), 404,
                ErrorJson(40401, "Subject 'new' not found."));
    EXPECT_HTTP(r.Call("POST", "/compatibility/subjects/s/versions/5", Body(kV1)), 404, ErrorJson(40402, "Version 5 not found."));
    // With NONE anything goes.
    EXPECT_HTTP(r.Call("PUT", "/config/s", R"({"compatibility":"NONE"})"), 200, R"({"compatibility":"NONE"})");
    EXPECT_HTTP(r.Call("POST", "/subjects/s/versions", Body(kV2NoDefault)), 200, R"({"id":2})");
    // A schema the subject already has answers its id, even if it no longer passes the check (Confluent
    // looks it up before checking).
    const std::string other = R"({"type":"record","name":"Other","fields":[]})";
    EXPECT_HTTP(r.Call("POST", "/subjects/s/versions", Body(other)), 200, R"({"id":3})");
    EXPECT_HTTP(r.Call("PUT", "/config/s", R"({"compatibility":"BACKWARD"})"), 200, R"({"compatibility":"BACKWARD"})");
    EXPECT_HTTP(r.Call("POST", "/subjects/s/versions", Body(kV1)), 200, R"({"id":1})");
    QCOMPARE(r.Call("POST", "/subjects/s/versions", Body(kV2)).status, 409);
  }

  void configRoutes() {
    Registry r;
    EXPECT_HTTP(r.Call("GET", "/config"), 200, R"({"compatibilityLevel":"BACKWARD"})");
    EXPECT_HTTP(r.Call("PUT", "/config", R"({"compatibility":"full_transitive"})"), 200,
                R"({"compatibility":"FULL_TRANSITIVE"})");
    QCOMPARE(r.log.back(), (SchemasRecord{R"({"keytype":"CONFIG","subject":null,"magic":0})",
                                          R"({"compatibilityLevel":"FULL_TRANSITIVE"})"}));
    EXPECT_HTTP(r.Call("GET", "/config"), 200, R"({"compatibilityLevel":"FULL_TRANSITIVE"})");
    EXPECT_HTTP(r.Call("PUT", "/config", R"({"compatibility":"SIDEWAYS"})"), 422,
                ErrorJson(42203, "Invalid compatibility level. Valid values are none, backward, forward, full, "
                                 "backward_transitive, forward_transitive, and full_transitive"));
    EXPECT_HTTP(r.Call("GET", "/config/s"), 404, ErrorJson(40408, "Subject 's' does not have subject-level compatibility configured"));
    EXPECT_HTTP(r.Call("GET", "/config/s?defaultToGlobal=true"), 200, R"({"compatibilityLevel":"FULL_TRANSITIVE"})");
    EXPECT_HTTP(r.Call("PUT", "/config/s", R"({"compatibility":"FORWARD"})"), 200, R"({"compatibility":"FORWARD"})");
    EXPECT_HTTP(r.Call("GET", "/config/s"), 200, R"({"compatibilityLevel":"FORWARD"})");
    EXPECT_HTTP(r.Call("DELETE", "/config/s"), 200, R"({"compatibilityLevel":"FORWARD"})");
    QCOMPARE(r.log.back(), (SchemasRecord{R"({"keytype":"CONFIG","subject":"s","magic":0})", std::nullopt}));
    EXPECT_HTTP(r.Call("GET", "/config/s"), 404, ErrorJson(40408, "Subject 's' does not have subject-level compatibility configured"));
    EXPECT_HTTP(r.Call("DELETE", "/config"), 200, R"({"compatibilityLevel":"FULL_TRANSITIVE"})");
    EXPECT_HTTP(r.Call("GET", "/config"), 200, R"({"compatibilityLevel":"BACKWARD"})");
  }

  void deleteFlows() {
    Registry r;
    r.Call("POST", "/subjects/s/versions", Body(kV1));
    r.Call("POST", "/subjects/s/versions", Body(kV2));
    EXPECT_HTTP(r.Call("DELETE", "/subjects/s/versions/2?permanent=true"), 404,
                ErrorJson(40407, "Subject 's' Version 2 was not deleted first before being permanently deleted"));
    EXPECT_HTTP(r.Call("DELETE", "/subjects/s/versions/2"), 200, "2");
    EXPECT_HTTP(r.Call("GET", "/subjects/s/versions"), 200, "[1]");
    EXPECT_HTTP(r.Call("GET", "/subjects/s/versions?deleted=true"), 200, "[1,2]");
    EXPECT_HTTP(r.Call("GET", "/subjects/s/versions/2"), 404, ErrorJson(40402, "Version 2 not found."));
    EXPECT_HTTP(r.Call("GET", "/subjects/s/versions/2?deleted=true"), 200, VersionJson("s", 2, 2, kV2));
    EXPECT_HTTP(r.Call("GET", "/schemas/ids/2"), 200, ordered_json{{"schema", kV2}}.dump());  // still served by id
    EXPECT_HTTP(r.Call("DELETE", "/subjects/s/versions/2"), 404,
                ErrorJson(40406, "Subject 's' Version 2 was soft deleted.Set permanent=true to delete permanently"));
    EXPECT_HTTP(r.Call("DELETE", "/subjects/s/versions/2?permanent=true"), 200, "2");
    EXPECT_HTTP(r.Call("GET", "/schemas/ids/2"), 404, ErrorJson(40403, "Schema 2 not found"));
    // Subjects.
    EXPECT_HTTP(r.Call("DELETE", "/subjects/s?permanent=true"), 404,
                ErrorJson(40405, "Subject 's' was not deleted first before being permanently deleted"));
    EXPECT_HTTP(r.Call("DELETE", "/subjects/s"), 200, "[1]");
    EXPECT_HTTP(r.Call("DELETE", "/subjects/s"), 404,
                ErrorJson(40404, "Subject 's' was soft deleted.Set permanent=true to delete permanently"));
    EXPECT_HTTP(r.Call("GET", "/subjects"), 200, "[]");
    EXPECT_HTTP(r.Call("GET", "/subjects?deleted=true"), 200, R"(["s"])");
    EXPECT_HTTP(r.Call("GET", "/subjects/s/versions"), 404, ErrorJson(40401, "Subject 's' not found."));
    EXPECT_HTTP(r.Call("DELETE", "/subjects/s?permanent=true"), 200, "[1]");
    EXPECT_HTTP(r.Call("GET", "/subjects?deleted=true"), 200, "[]");
    EXPECT_HTTP(r.Call("DELETE", "/subjects/s"), 404, ErrorJson(40401, "Subject 's' not found."));
    // Re-registering after a permanent delete starts again at version 1 with a fresh id.
    EXPECT_HTTP(r.Call("POST", "/subjects/s/versions", Body(kV1)), 200, R"({"id":3})");
    EXPECT_HTTP(r.Call("GET", "/subjects/s/versions"), 200, "[1]");
  }

  void modeRoutes() {
    Registry r;
    EXPECT_HTTP(r.Call("GET", "/mode"), 200, R"({"mode":"READWRITE"})");
    EXPECT_HTTP(r.Call("PUT", "/mode", R"({"mode":"READONLY"})"), 200, R"({"mode":"READONLY"})");
    EXPECT_HTTP(r.Call("POST", "/subjects/s/versions", Body(kV1)), 422, ErrorJson(42205, "Subject s is in read-only mode"));
    EXPECT_HTTP(r.Call("PUT", "/mode", R"({"mode":"SOMETIMES"})"), 422,
                ErrorJson(42204, "Invalid mode. Valid values are READWRITE, READONLY, IMPORT"));
    EXPECT_HTTP(r.Call("PUT", "/mode/s", R"({"mode":"READWRITE"})"), 200, R"({"mode":"READWRITE"})");
    EXPECT_HTTP(r.Call("POST", "/subjects/s/versions", Body(kV1)), 200, R"({"id":1})");
    EXPECT_HTTP(r.Call("GET", "/mode/s"), 200, R"({"mode":"READWRITE"})");
    EXPECT_HTTP(r.Call("GET", "/mode/t"), 404, ErrorJson(40409, "Subject 't' does not have subject-level mode configured"));
    EXPECT_HTTP(r.Call("PUT", "/mode", R"({"mode":"IMPORT"})"), 422,
                ErrorJson(42205, "Cannot import since found existing subjects"));
  }

  void badRequests() {
    Registry r;
    EXPECT_HTTP(r.Call("GET", "/nothing/here"), 404, ErrorJson(404, "HTTP 404 Not Found"));
    EXPECT_HTTP(r.Call("PUT", "/subjects"), 405, ErrorJson(405, "HTTP 405 Method Not Allowed"));
    const std::string invalid_version = "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"";
    EXPECT_HTTP(r.Call("GET", "/subjects/s/versions/0"), 422, ErrorJson(42202, "The specified version '0" + invalid_version));
    EXPECT_HTTP(r.Call("GET", "/subjects/s/versions/abc"), 422, ErrorJson(42202, "The specified version 'abc" + invalid_version));
    EXPECT_HTTP(r.Call("POST", "/subjects/s/versions", "{not json"), 400,
                ErrorJson(400, "Unrecognized request body: malformed JSON"));
    EXPECT_HTTP(r.Call("POST", "/subjects/s/versions", "{}"), 422, ErrorJson(42201, "Empty schema"));
    EXPECT_HTTP(r.Call("POST", "/subjects/s/versions", Body(kV1, "XML")), 422, ErrorJson(42201, "Invalid schema type \"XML\""));
    const HttpResponse invalid = r.Call("POST", "/subjects/s/versions", Body(R"({"type":"record","name":"R"})"));
    QCOMPARE(invalid.status, 422);
    QCOMPARE(json::parse(invalid.body)["error_code"].get<int>(), 42201);
    QVERIFY2(QString::fromStdString(invalid.body).contains("Record has no fields"), invalid.body.c_str());
    EXPECT_HTTP(r.Call("GET", "/schemas/ids/x"), 404, ErrorJson(404, "HTTP 404 Not Found"));
    QVERIFY(r.log.empty());
  }

  void encodedSubjectNames() {
    Registry r;
    EXPECT_HTTP(r.Call("POST", "/subjects/team%2Forders-value/versions", Body(kV1)), 200, R"({"id":1})");
    EXPECT_HTTP(r.Call("GET", "/subjects"), 200, R"(["team/orders-value"])");
    EXPECT_HTTP(r.Call("GET", "/subjects/team%2Forders-value/versions"), 200, "[1]");
    EXPECT_HTTP(r.Call("POST", "/subjects/caf%C3%A9/versions", Body(kV1)), 200, R"({"id":1})");
    // Control characters and bytes that are not UTF-8 are refused (42208), never stored.
    QCOMPARE(r.Call("POST", "/subjects/a%0Ab/versions", Body(kV1)).status, 422);
    const HttpResponse bad_utf8 = r.Call("POST", "/subjects/%FF%FE/versions", Body(kV1));
    QCOMPARE(bad_utf8.status, 422);
    QCOMPARE(json::parse(bad_utf8.body)["error_code"].get<int>(), 42208);
    QCOMPARE(r.Call("GET", "/config/%C3").status, 422);
    EXPECT_HTTP(r.Call("GET", "/subjects"), 200, R"(["café","team/orders-value"])");
  }

  // Mutated requests and records: every answer is Confluent-shaped JSON (or a raw schema), nothing crashes.
  void mutatedInputsGetAnswersNotCrashes() {
    Registry r;
    const std::vector<std::string> bodies = {
        Body(kV1), Body(kV2), Body("syntax = \"proto3\"; message M { map<string, int32> m = 1; oneof o { string a = 2; } }", "PROTOBUF"),
        Body(R"({"type":"object","properties":{"a":{"type":"string"}},"required":["a"]})", "JSON"),
        R"({"compatibility":"FULL"})", R"({"mode":"READONLY"})"};
    const std::vector<std::string> targets = {"/subjects/s/versions", "/subjects/s", "/compatibility/subjects/s/versions/latest?verbose=true",
                                              "/config/s", "/mode", "/subjects/s/versions/1", "/schemas/ids/1"};
    QRandomGenerator rng(15);
    for (int i = 0; i < 3000; ++i) {
      std::string body = bodies[rng.bounded(static_cast<int>(bodies.size()))];
      const int edits = 1 + rng.bounded(4);
      for (int e = 0; e < edits && !body.empty(); ++e) {
        const auto at = static_cast<size_t>(rng.bounded(static_cast<int>(body.size())));
        switch (rng.bounded(3)) {
          case 0: body[at] = static_cast<char>(rng.bounded(256)); break;
          case 1: body.erase(at, 1 + rng.bounded(8)); break;
          default: body.insert(at, body.substr(at, 1 + rng.bounded(8))); break;
        }
      }
      const std::string& target = targets[rng.bounded(static_cast<int>(targets.size()))];
      const char* methods[] = {"GET", "POST", "PUT", "DELETE"};
      const HttpResponse resp = r.Call(methods[rng.bounded(4)], target, body);
      QVERIFY(resp.status >= 200 && resp.status < 600);
      if (resp.status != 200) {
        const json parsed = json::parse(resp.body, nullptr, false);
        QVERIFY2(parsed.is_object() && parsed.contains("error_code"), resp.body.c_str());
      }
      // The same bytes as a `_schemas` record: a Status, never a crash.
      (void)r.store.Apply({body, body});
    }
  }

  void referencesAndOtherSchemaTypes() {
    Registry r;
    const std::string address = R"({"type":"record","name":"Address","namespace":"acme","fields":[{"name":"city","type":"string"}]})";
    const std::string person = R"({"type":"record","name":"Person","namespace":"acme","fields":[{"name":"home","type":"Address"}]})";
    const ordered_json refs = ordered_json::array({{{"name", "acme.Address"}, {"subject", "address"}, {"version", 1}}});
    EXPECT_HTTP(r.Call("POST", "/subjects/address/versions", Body(address)), 200, R"({"id":1})");
    EXPECT_HTTP(r.Call("POST", "/subjects/person/versions", Body(person, "AVRO", refs)), 200, R"({"id":2})");
    ordered_json expected;
    expected["subject"] = "person";
    expected["version"] = 1;
    expected["id"] = 2;
    expected["references"] = refs;
    expected["schema"] = person;
    EXPECT_HTTP(r.Call("GET", "/subjects/person/versions/1"), 200, expected.dump());
    EXPECT_HTTP(r.Call("GET", "/subjects/address/versions/1/referencedby"), 200, "[2]");
    EXPECT_HTTP(r.Call("DELETE", "/subjects/address/versions/1"), 422,
                ErrorJson(42206, "One or more references exist to the schema {magic=1,keytype=SCHEMA,subject=address,version=1}."));
    // Without its reference the schema is invalid.
    QCOMPARE(r.Call("POST", "/subjects/person2/versions", Body(person)).status, 422);
    // Protobuf and JSON Schema carry their type.
    const std::string proto = "syntax = \"proto3\";\npackage acme;\nmessage Order { string id = 1; }\n";
    EXPECT_HTTP(r.Call("POST", "/subjects/orders/versions", Body(proto, "PROTOBUF")), 200, R"({"id":3})");
    ordered_json pj;
    pj["subject"] = "orders";
    pj["version"] = 1;
    pj["id"] = 3;
    pj["schemaType"] = "PROTOBUF";
    pj["schema"] = proto;
    EXPECT_HTTP(r.Call("GET", "/subjects/orders/versions/latest"), 200, pj.dump());
    EXPECT_HTTP(r.Call("GET", "/schemas/ids/3"), 200, ordered_json({{"schemaType", "PROTOBUF"}, {"schema", proto}}).dump());
    // Layout and comments do not make another schema.
    EXPECT_HTTP(r.Call("POST", "/subjects/orders2/versions",
                       Body("// orders\nsyntax = \"proto3\"; package acme;\n\nmessage Order {\n  string id = 1; // the id\n}", "PROTOBUF")),
                200, R"({"id":3})");
    const HttpResponse bad_change =
        r.Call("POST", "/subjects/orders/versions", Body("syntax = \"proto3\";\npackage acme;\nmessage Order { int64 id = 1; }\n", "PROTOBUF"));
    QCOMPARE(bad_change.status, 409);
    EXPECT_HTTP(r.Call("POST", "/subjects/doc/versions", Body(R"({"type":"object"})", "JSON")), 200, R"({"id":4})");
    QCOMPARE(r.Call("POST", "/subjects/doc2/versions", Body("[1]", "JSON")).status, 422);
  }

  // Another broker replaying the same `_schemas` records answers exactly the same.
  void aReplicaReplayingTheLogAgrees() {
    Registry leader;
    leader.Call("POST", "/subjects/a/versions", Body(kV1));
    leader.Call("POST", "/subjects/a/versions", Body(kV2));
    leader.Call("POST", "/subjects/b/versions", Body(kV2));
    leader.Call("PUT", "/config/b", R"({"compatibility":"NONE"})");
    leader.Call("DELETE", "/subjects/a/versions/1");
    Registry replica;
    for (const SchemasRecord& rec : leader.log) QVERIFY(replica.store.Apply(rec).ok());
    for (const char* target : {"/subjects", "/subjects?deleted=true", "/subjects/a/versions", "/subjects/a/versions/latest",
                               "/subjects/a/versions/1?deleted=true", "/schemas/ids/2/versions", "/config/b"}) {
      QCOMPARE(replica.Call("GET", target).body, leader.Call("GET", target).body);
    }
    // And plans the same next id.
    EXPECT_HTTP(replica.Call("POST", "/subjects/c/versions", Body(R"("string")")), 200, R"({"id":3})");
  }

  void writeFailuresAreStoreErrors() {
    Registry r;
    r.fail_with = partita::Status::IOError("broker down");
    EXPECT_HTTP(r.Call("POST", "/subjects/s/versions", Body(kV1)), 500,
                ErrorJson(50001, "Error while writing to the schemas topic: broker down"));
    r.fail_with = partita::Status::Timeout("no ack");
    EXPECT_HTTP(r.Call("PUT", "/config", R"({"compatibility":"NONE"})"), 500,
                ErrorJson(50002, "Write to the schemas topic timed out: no ack"));
    // A writer that reports success without the record arriving (lost leadership): not claimed as done.
    r.fail_with = partita::Status::Ok();
    r.drop_writes = true;
    EXPECT_HTTP(r.Call("POST", "/subjects/s/versions", Body(kV1)), 500,
                ErrorJson(50001, "Register of subject 's' was not applied"));
  }
};

QTEST_GUILESS_MAIN(TestSchemaRegistryRouter)
#include "test_schema_registry_router.moc"
