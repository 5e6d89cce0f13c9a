// The `_schemas` topic's records, in the JSON Confluent's Schema Registry writes (so a topic written by
// Confluent's registry replays here, and ours there). Keys:
//   {"keytype":"SCHEMA","subject":s,"version":n,"magic":1}      value: {"subject","version","id","schema",
//                                                                 "schemaType" (absent for AVRO),
//                                                                 "references" (absent when none),"deleted"}
//   {"keytype":"CONFIG","subject":s|null,"magic":0}              value: {"compatibilityLevel":"BACKWARD"}
//   {"keytype":"MODE","subject":s|null,"magic":0}                value: {"mode":"READONLY"}
//   {"keytype":"DELETE_SUBJECT","subject":s,"magic":0}           value: {"subject":s,"version":n}
//   {"keytype":"CLEAR_SUBJECT","subject":s,"magic":0}            value: {"subject":s}
//   {"keytype":"NOOP","magic":0}                                 value: none
// A null value (tombstone) deletes the key's state permanently; compaction keeps the latest per key.
// Thread safety: free functions over values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.h"
#include "engine/schema_registry/types.h"

namespace partita::schema_registry {

// One record of the `_schemas` topic: the key bytes and the value bytes (nullopt: a tombstone).
struct SchemasRecord {
  std::string key;
  std::optional<std::string> value;
  bool operator==(const SchemasRecord&) const = default;
};

enum class SchemasKeyType { kSchema, kConfig, kMode, kDeleteSubject, kClearSubject, kNoop };

struct SchemasKey {
  SchemasKeyType type = SchemasKeyType::kNoop;
  std::optional<std::string> subject;  // nullopt: the global CONFIG / MODE
  int32_t version = 0;                 // SCHEMA only
};

struct SchemaValue {
  std::string subject;
  SchemaVersion version;
  SchemaId id;
  SchemaType type = SchemaType::kAvro;
  std::string schema;
  std::vector<SchemaReference> references;
  bool deleted = false;
};

std::string EncodeKey(const SchemasKey& key);
Result<SchemasKey> DecodeKey(std::string_view bytes);

std::string EncodeSchemaValue(const SchemaValue& value);
Result<SchemaValue> DecodeSchemaValue(std::string_view bytes);

// The record builders a write plan uses.
SchemasRecord SchemaRecord(const SchemaValue& value);
SchemasRecord SchemaTombstone(const std::string& subject, SchemaVersion version);
SchemasRecord ConfigRecord(const std::optional<std::string>& subject, const std::optional<std::string>& level);
SchemasRecord ModeRecord(const std::optional<std::string>& subject, const std::optional<std::string>& mode);
SchemasRecord DeleteSubjectRecord(const std::string& subject, SchemaVersion up_to);
// Written first by a new writer and read back: when it arrives, everything before it has been applied
// (Confluent's leader does the same on election).
SchemasRecord NoopRecord();

}  // namespace partita::schema_registry
