// Unit tests for SchemaRegistryStore: replay of `_schemas` records in Confluent's key/value JSON (as a
// Confluent registry writes them), and the records the store plans for writes.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "engine/schema_registry/schema_registry_store.h"

using namespace partita::schema_registry;

// Quotes inside raw-string record values are written \u0022: moc misreads \" in raw strings.
namespace {

// A string as a JSON string literal (quotes escaped), to embed schemas in record values.
std::string JsonString(const std::string& s) { return nlohmann::json(s).dump(); }

const std::string kUserV1 = R"({"type":"record","name":"User","fields":[{"name":"name","type":"string"}]})";
const std::string kUserV2 =
    R"({"type":"record","name":"User","fields":[{"name":"name","type":"string"},{"name":"age","type":"int","default":0}]})";

// A `_schemas` topic as a Confluent registry (7.x) wrote it, extra fields included.
std::vector<SchemasRecord> RecordedTopic() {
  auto json_string = [](const std::string& s) { return nlohmann::json(s).dump(); };
  return {
      {R"({"keytype":"NOOP","magic":0})", std::nullopt},
      {R"({"keytype":"CONFIG","subject":null,"magic":0})", R"({"compatibilityLevel":"FULL"})"},
      {R"({"keytype":"SCHEMA","subject":"users-value","version":1,"magic":1})",
       R"({"subject":"users-value","version":1,"id":1,"schema":)" + json_string(kUserV1) +
           R"(,"deleted":false,"metadata":null,"ruleSet":null})"},
      {R"({"keytype":"SCHEMA","subject":"users-value","version":2,"magic":1})",
       R"({"subject":"users-value","version":2,"id":2,"schema":)" + json_string(kUserV2) + R"(,"deleted":false})"},
      // The same schema in another subject keeps its id.
      {R"({"keytype":"SCHEMA","subject":"users-copy","version":1,"magic":1})",
       R"({"subject":"users-copy","version":1,"id":1,"schema":)" + json_string(kUserV1) + R"(,"deleted":false})"},
      {R"({"keytype":"SCHEMA","subject":"proto-value","version":1,"magic":1})",
       R"({"subject":"proto-value","version":1,"id":3,"schemaType":"PROTOBUF","schema":"syntax = \u0022proto3\u0022;\nmessage M { int32 a = 1; }\n","deleted":false})"},
      {R"({"keytype":"CONFIG","subject":"proto-value","magic":0})", R"({"compatibilityLevel":"NONE"})"},
      {R"({"keytype":"MODE","subject":"users-copy","magic":0})", R"({"mode":"READONLY"})"},
      {R"({"keytype":"SCHEMA","subject":"refs-value","version":1,"magic":1})",
       R"({"subject":"refs-value","version":1,"id":4,"schema":"{\u0022type\u0022:\u0022record\u0022,\u0022name\u0022:\u0022Holder\u0022,\u0022fields\u0022:[{\u0022name\u0022:\u0022u\u0022,\u0022type\u0022:\u0022User\u0022}]}","references":[{"name":"User","subject":"users-value","version":1}],"deleted":false})"},
  };
}

void ApplyAll(SchemaRegistryStore* store, const std::vector<SchemasRecord>& records) {
  for (const SchemasRecord& r : records) {
    partita::Status st = store->Apply(r);
    if (!st.ok()) qFatal("apply failed: %s for %s", st.message().c_str(), r.key.c_str());
  }
}

std::vector<int32_t> VersionNumbers(const SchemaRegistryStore& store, const std::string& subject, bool deleted) {
  std::vector<int32_t> out;
  if (auto versions = store.Versions(subject, deleted)) {
    for (const StoredVersion& v : *versions) out.push_back(v.version.value);
  }
  return out;
}

}  // namespace

class TestSchemaRegistryStore : public QObject {
  Q_OBJECT
 private slots:
  void replaysConfluentRecords() {
    SchemaRegistryStore store;
    ApplyAll(&store, RecordedTopic());
    QCOMPARE(store.Subjects(false), (std::vector<std::string>{"proto-value", "refs-value", "users-copy", "users-value"}));
    QCOMPARE(VersionNumbers(store, "users-value", false), (std::vector<int32_t>{1, 2}));
    std::optional<StoredVersion> latest = store.Version("users-value", std::nullopt, false);
    QVERIFY(latest);
    QCOMPARE(latest->id.value, 2);
    QCOMPARE(latest->schema, kUserV2);
    QCOMPARE(store.SchemaById(SchemaId(3))->type, SchemaType::kProtobuf);
    QCOMPARE(store.VersionsOfId(SchemaId(1), false).size(), size_t(2));
    QCOMPARE(store.GlobalCompatibility(), std::optional(CompatibilityLevel::kFull));
    QCOMPARE(store.EffectiveCompatibility("proto-value"), CompatibilityLevel::kNone);
    QCOMPARE(store.EffectiveCompatibility("users-value"), CompatibilityLevel::kFull);
    QCOMPARE(store.EffectiveMode("users-copy"), RegistryMode::kReadOnly);
    QCOMPARE(store.EffectiveMode("users-value"), RegistryMode::kReadWrite);
    QCOMPARE(store.ReferencedBy("users-value", SchemaVersion(1)), std::vector<int32_t>{4});
    QCOMPARE(store.SchemaById(SchemaId(4))->references,
             (std::vector<SchemaReference>{{"User", "users-value", 1}}));
  }

  void replayIsDeterministic() {
    SchemaRegistryStore a, b;
    ApplyAll(&a, RecordedTopic());
    ApplyAll(&b, RecordedTopic());
    // Replaying twice (a re-read after a leader change) changes nothing either.
    ApplyAll(&b, RecordedTopic());
    QCOMPARE(a.Subjects(true), b.Subjects(true));
    for (const std::string& s : a.Subjects(true)) QCOMPARE(VersionNumbers(a, s, true), VersionNumbers(b, s, true));
    // The next id is the same on both: the state a new leader plans from.
    RegisterRequest r{SchemaType::kAvro, R"("string")", {}, std::nullopt, std::nullopt};
    QCOMPARE(a.PlanRegister("new", r)->id, b.PlanRegister("new", r)->id);
    QCOMPARE(a.PlanRegister("new", r)->id.value, 5);
  }

  void softDeleteTombstoneAndDeleteSubject() {
    SchemaRegistryStore store;
    ApplyAll(&store, RecordedTopic());
    // A version soft-deleted: the same key with deleted=true.
    ApplyAll(&store, {{R"({"keytype":"SCHEMA","subject":"users-value","version":2,"magic":1})",
                       R"({"subject":"users-value","version":2,"id":2,"schema":"\u0022int\u0022","deleted":true})"}});
    QCOMPARE(VersionNumbers(store, "users-value", false), std::vector<int32_t>{1});
    QCOMPARE(VersionNumbers(store, "users-value", true), (std::vector<int32_t>{1, 2}));
    QVERIFY(store.SchemaById(SchemaId(2)));  // still served by id
    // Then permanently: a tombstone.
    ApplyAll(&store, {{R"({"keytype":"SCHEMA","subject":"users-value","version":2,"magic":1})", std::nullopt}});
    QCOMPARE(VersionNumbers(store, "users-value", true), std::vector<int32_t>{1});
    QVERIFY(!store.SchemaById(SchemaId(2)));
    // DELETE_SUBJECT soft-deletes every version up to the one named.
    ApplyAll(&store, {{R"({"keytype":"DELETE_SUBJECT","subject":"proto-value","magic":0})",
                       R"({"subject":"proto-value","version":1})"}});
    QVERIFY(!store.Versions("proto-value", false));
    QCOMPARE(VersionNumbers(store, "proto-value", true), std::vector<int32_t>{1});
    QCOMPARE(store.Subjects(false), (std::vector<std::string>{"refs-value", "users-copy", "users-value"}));
    // CLEAR_SUBJECT drops the soft-deleted versions.
    ApplyAll(&store, {{R"({"keytype":"CLEAR_SUBJECT","subject":"proto-value","magic":0})", R"({"subject":"proto-value"})"}});
    QVERIFY(!store.Versions("proto-value", true));
    // Config and mode tombstones.
    ApplyAll(&store, {{R"({"keytype":"CONFIG","subject":null,"magic":0})", std::nullopt},
                      {R"({"keytype":"MODE","subject":"users-copy","magic":0})", std::nullopt}});
    QCOMPARE(store.EffectiveCompatibility("users-value"), kDefaultCompatibility);
    QCOMPARE(store.EffectiveMode("users-copy"), RegistryMode::kReadWrite);
  }

  void idsAreNeverReused() {
    SchemaRegistryStore store;
    ApplyAll(&store, RecordedTopic());
    ApplyAll(&store, {{R"({"keytype":"SCHEMA","subject":"refs-value","version":1,"magic":1})", std::nullopt}});
    RegisterRequest r{SchemaType::kAvro, R"("bytes")", {}, std::nullopt, std::nullopt};
    QCOMPARE(store.PlanRegister("fresh", r)->id.value, 5);
  }

  void badRecordsAreReportedAndChangeNothing_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::newRow("key not json") << "not json" << "{}";
    QTest::newRow("unknown keytype") << R"({"keytype":"FOO","magic":0})" << "{}";
    QTest::newRow("schema key without version") << R"({"keytype":"SCHEMA","subject":"s","magic":1})" << "{}";
    QTest::newRow("value not json") << R"({"keytype":"SCHEMA","subject":"s","version":1,"magic":1})" << "{{";
    QTest::newRow("value without id") << R"({"keytype":"SCHEMA","subject":"s","version":1,"magic":1})"
                                      << R"({"subject":"s","version":1,"schema":"\u0022int\u0022"})";
    QTest::newRow("value for another key") << R"({"keytype":"SCHEMA","subject":"s","version":1,"magic":1})"
                                           << R"({"subject":"t","version":1,"id":9,"schema":"\u0022int\u0022"})";
    QTest::newRow("unknown schemaType") << R"({"keytype":"SCHEMA","subject":"s","version":1,"magic":1})"
                                        << R"({"subject":"s","version":1,"id":9,"schema":"x","schemaType":"XML"})";
    QTest::newRow("unknown level") << R"({"keytype":"CONFIG","subject":null,"magic":0})"
                                   << R"({"compatibilityLevel":"SOMETIMES"})";
    QTest::newRow("deep nesting") << QString(10000, '[') << "{}";
  }

  void badRecordsAreReportedAndChangeNothing() {
    QFETCH(QString, key);
    QFETCH(QString, value);
    SchemaRegistryStore store;
    ApplyAll(&store, RecordedTopic());
    QVERIFY(!store.Apply({key.toStdString(), value.toStdString()}).ok());
    QCOMPARE(store.Subjects(true).size(), size_t(4));
    QCOMPARE(store.GlobalCompatibility(), std::optional(CompatibilityLevel::kFull));
    QVERIFY(!store.SchemaById(SchemaId(9)));
  }

  // ---- planning

  void registerPlansConfluentRecords() {
    SchemaRegistryStore store;
    RegisterRequest r{SchemaType::kAvro, " { \"type\" : \"string\" } ", {}, std::nullopt, std::nullopt};
    ApiResult<RegisterPlan> plan = store.PlanRegister("s", r);
    QVERIFY(plan.ok());
    QCOMPARE(plan->id.value, 1);
    QCOMPARE(plan->version.value, 1);
    QCOMPARE(plan->records, (std::vector<SchemasRecord>{
                                {R"({"keytype":"SCHEMA","subject":"s","version":1,"magic":1})",
                                 R"({"subject":"s","version":1,"id":1,"schema":)" + JsonString(R"({"type":"string"})") + R"(,"deleted":false})"}}));
    ApplyAll(&store, plan->records);
    // Registering the same schema again, however formatted, writes nothing and answers the same id.
    r.schema = R"({"type":"string"})";
    QVERIFY(store.PlanRegister("s", r)->records.empty());
    QCOMPARE(store.PlanRegister("s", r)->id.value, 1);
    // Protobuf carries schemaType; references are written as given.
    RegisterRequest p{SchemaType::kProtobuf, "syntax = \"proto3\"; message M { int32 a = 1; }", {}, std::nullopt, std::nullopt};
    ApiResult<RegisterPlan> pp = store.PlanRegister("p", p);
    QVERIFY(pp.ok());
    QCOMPARE(*pp->records[0].value,
             R"({"subject":"p","version":1,"id":2,"schema":)" + JsonString(p.schema) +
                 R"(,"schemaType":"PROTOBUF","deleted":false})");
  }

  void registerChecksCompatibilityAndMode() {
    SchemaRegistryStore store;
    ApplyAll(&store, RecordedTopic());
    // FULL globally: a field without default cannot be added.
    RegisterRequest bad{SchemaType::kAvro,
                        R"({"type":"record","name":"User","fields":[{"name":"name","type":"string"},{"name":"x","type":"int"}]})",
                        {}, std::nullopt, std::nullopt};
    ApiResult<RegisterPlan> plan = store.PlanRegister("users-value", bad);
    QVERIFY(!plan.ok());
    QCOMPARE(plan.error().code, 409);
    QVERIFY(QString::fromStdString(plan.error().message)
                .startsWith("Schema being registered is incompatible with an earlier schema for subject \"users-value\", "
                            "details: [{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'"));
    // Read-only subject.
    RegisterRequest ok{SchemaType::kAvro, R"("string")", {}, std::nullopt, std::nullopt};
    QCOMPARE(store.PlanRegister("users-copy", ok).error().code, error_code::kOperationNotPermitted);
    // Invalid schema.
    RegisterRequest invalid{SchemaType::kAvro, R"({"type":"record"})", {}, std::nullopt, std::nullopt};
    QCOMPARE(store.PlanRegister("x", invalid).error().code, error_code::kInvalidSchema);
    // A missing reference is an invalid schema.
    RegisterRequest dangling{SchemaType::kAvro, R"("User")", {{"User", "nobody", 1}}, std::nullopt, std::nullopt};
    QCOMPARE(store.PlanRegister("x", dangling).error().code, error_code::kInvalidSchema);
    // A resolved reference makes the named type known.
    RegisterRequest with_ref{SchemaType::kAvro, R"({"type":"array","items":"User"})", {{"User", "users-value", 1}},
                             std::nullopt, std::nullopt};
    QVERIFY(store.PlanRegister("x", with_ref).ok());
    // Ids given outside IMPORT mode are refused.
    RegisterRequest with_id = ok;
    with_id.id = 100;
    QCOMPARE(store.PlanRegister("x", with_id).error().code, error_code::kOperationNotPermitted);
  }

  // Confluent's lookup and register take a schema sent with its references resolved (inlined) as the version
  // registered with those references; @kafkajs/confluent-schema-registry's getRegistryIdBySchema always sends
  // a lookup without references. Fails without FindResolvedInSubjectLocked (40403 / a new version).
  void schemaWithReferencesResolvedFindsItsVersion() {
    SchemaRegistryStore store;
    ApplyAll(&store, RecordedTopic());
    const std::string resolved =
        R"({"type":"record","name":"Holder","fields":[{"name":"u","type":)" + kUserV1 + "}]}";
    RegisterRequest r{SchemaType::kAvro, resolved, {}, std::nullopt, std::nullopt};
    std::optional<StoredVersion> found = store.FindSchemaInSubject("refs-value", r, false);
    QVERIFY(found.has_value());
    QCOMPARE(found->id.value, 4);
    QCOMPARE(found->version.value, 1);
    ApiResult<RegisterPlan> plan = store.PlanRegister("refs-value", r);
    QVERIFY(plan.ok());
    QVERIFY(plan->records.empty());
    QCOMPARE(plan->id.value, 4);
    // What the canonical form leaves out still tells schemas apart: a default, an alias.
    for (const std::string& other :
         {R"({"type":"record","name":"Holder","fields":[{"name":"u","type":)" + kUserV1 + R"(,"default":{"name":"x"}}]})",
          R"({"type":"record","name":"Holder","aliases":["Old"],"fields":[{"name":"u","type":)" + kUserV1 + "}]}"}) {
      RegisterRequest differs{SchemaType::kAvro, other, {}, std::nullopt, std::nullopt};
      QVERIFY2(!store.FindSchemaInSubject("refs-value", differs, false), other.c_str());
    }
    // A subject whose versions have no references is matched by the schema as registered only.
    QVERIFY(!store.FindSchemaInSubject("users-value", r, false));
  }

  void versionsContinueAfterSoftDelete() {
    SchemaRegistryStore store;
    ApplyAll(&store, RecordedTopic());
    ApplyAll(&store, store.PlanDeleteVersion("users-value", SchemaVersion(2), false)->records);
    RegisterRequest r{SchemaType::kAvro, kUserV2, {}, std::nullopt, std::nullopt};
    ApiResult<RegisterPlan> plan = store.PlanRegister("users-value", r);
    QVERIFY(plan.ok());
    QCOMPARE(plan->version.value, 3);  // never reuses a soft-deleted version number
    QCOMPARE(plan->id.value, 2);       // the same schema keeps its id
  }

  void deleteRules() {
    SchemaRegistryStore store;
    ApplyAll(&store, RecordedTopic());
    ApplyAll(&store, {{R"({"keytype":"MODE","subject":"users-copy","magic":0})", std::nullopt}});
    // Permanent before soft: 40407 for a version, 40405 for a subject.
    QCOMPARE(store.PlanDeleteVersion("users-value", SchemaVersion(2), true).error().code, error_code::kVersionNotSoftDeleted);
    QCOMPARE(store.PlanDeleteSubject("users-copy", true).error().code, error_code::kSubjectNotSoftDeleted);
    // Referenced versions cannot go: 42206.
    QCOMPARE(store.PlanDeleteVersion("users-value", SchemaVersion(1), false).error().code, error_code::kReferenceExists);
    QCOMPARE(store.PlanDeleteSubject("users-value", false).error().code, error_code::kReferenceExists);
    // Unknown subject / version.
    QCOMPARE(store.PlanDeleteSubject("nope", false).error().code, error_code::kSubjectNotFound);
    QCOMPARE(store.PlanDeleteVersion("users-value", SchemaVersion(7), false).error().code, error_code::kVersionNotFound);
    // Soft then permanent, with the exact records.
    ApiResult<DeletePlan> soft = store.PlanDeleteSubject("users-copy", false);
    QVERIFY(soft.ok());
    QCOMPARE(soft->versions, std::vector<int32_t>{1});
    QCOMPARE(soft->records, (std::vector<SchemasRecord>{{R"({"keytype":"DELETE_SUBJECT","subject":"users-copy","magic":0})",
                                                         R"({"subject":"users-copy","version":1})"}}));
    ApplyAll(&store, soft->records);
    QCOMPARE(store.PlanDeleteSubject("users-copy", false).error().code, error_code::kSubjectSoftDeleted);
    ApiResult<DeletePlan> hard = store.PlanDeleteSubject("users-copy", true);
    QVERIFY(hard.ok());
    QCOMPARE(hard->records, (std::vector<SchemasRecord>{
                                {R"({"keytype":"SCHEMA","subject":"users-copy","version":1,"magic":1})", std::nullopt}}));
    ApplyAll(&store, hard->records);
    QVERIFY(!store.Versions("users-copy", true));
    QVERIFY(store.SchemaById(SchemaId(1)));  // users-value v1 still has it
    // A soft-deleted version: 40406 on a second soft delete.
    ApplyAll(&store, store.PlanDeleteVersion("users-value", std::nullopt, false)->records);
    QCOMPARE(store.PlanDeleteVersion("users-value", SchemaVersion(2), false).error().code, error_code::kVersionSoftDeleted);
    QVERIFY(store.PlanDeleteVersion("users-value", SchemaVersion(2), true).ok());
  }

  void configAndModeRecords() {
    SchemaRegistryStore store;
    QCOMPARE(store.PlanSetCompatibility(std::nullopt, CompatibilityLevel::kFullTransitive),
             (std::vector<SchemasRecord>{{R"({"keytype":"CONFIG","subject":null,"magic":0})",
                                          R"({"compatibilityLevel":"FULL_TRANSITIVE"})"}}));
    QCOMPARE(store.PlanSetCompatibility(std::string("s"), std::nullopt),
             (std::vector<SchemasRecord>{{R"({"keytype":"CONFIG","subject":"s","magic":0})", std::nullopt}}));
    QCOMPARE(store.PlanSetMode(std::nullopt, RegistryMode::kReadOnly, false).value(),
             (std::vector<SchemasRecord>{{R"({"keytype":"MODE","subject":null,"magic":0})", R"({"mode":"READONLY"})"}}));
    ApplyAll(&store, RecordedTopic());
    QCOMPARE(store.PlanSetMode(std::nullopt, RegistryMode::kImport, false).error().code, error_code::kOperationNotPermitted);
    QVERIFY(store.PlanSetMode(std::nullopt, RegistryMode::kImport, true).ok());
  }

  void importModeKeepsGivenIds() {
    SchemaRegistryStore store;
    ApplyAll(&store, store.PlanSetMode(std::nullopt, RegistryMode::kImport, false).value());
    RegisterRequest r{SchemaType::kAvro, R"("string")", {}, 42, 7};
    ApiResult<RegisterPlan> plan = store.PlanRegister("imported", r);
    QVERIFY(plan.ok());
    QCOMPARE(plan->id.value, 42);
    QCOMPARE(plan->version.value, 7);
    ApplyAll(&store, plan->records);
    RegisterRequest clash{SchemaType::kAvro, R"("int")", {}, 42, std::nullopt};
    QCOMPARE(store.PlanRegister("other", clash).error().code, error_code::kIdDoesNotMatch);
    // Back to READWRITE, the next id follows the highest imported one.
    ApplyAll(&store, store.PlanSetMode(std::nullopt, RegistryMode::kReadWrite, false).value());
    QCOMPARE(store.PlanRegister("next", {SchemaType::kAvro, R"("int")", {}, std::nullopt, std::nullopt})->id.value, 43);
  }
};

QTEST_GUILESS_MAIN(TestSchemaRegistryStore)
#include "test_schema_registry_store.moc"
