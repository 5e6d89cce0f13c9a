// Value types shared by the Schema Registry core: schema ids, versions, schema types, references.
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/types.h"

namespace partita::schema_registry {

// A global schema id: the 4 bytes after the magic byte in Confluent's wire format.
using SchemaId = StrongInt<struct SchemaIdTag, int32_t>;
// A version within one subject, from 1.
using SchemaVersion = StrongInt<struct SchemaVersionTag, int32_t>;

enum class SchemaType { kAvro, kProtobuf, kJson };

// "AVRO", "PROTOBUF", "JSON": the names of the REST API and of the `_schemas` records.
const char* SchemaTypeName(SchemaType type);
std::optional<SchemaType> ParseSchemaType(std::string_view name);

// A reference from one schema to another registered schema (Confluent 5.5+): `name` is how the referring
// schema names it (an Avro full name, a .proto import path, a JSON Schema $ref URL).
struct SchemaReference {
  std::string name;
  std::string subject;
  int32_t version = 0;
  bool operator==(const SchemaReference&) const = default;
};

// A referenced schema, resolved: what a parser needs to know the named types / imports a schema uses.
struct ResolvedReference {
  std::string name;
  SchemaType type = SchemaType::kAvro;
  std::string schema;
};

}  // namespace partita::schema_registry

namespace partita::schema_registry {

// One incompatibility found by the Protobuf or JSON Schema rules: Confluent's difference type name
// ("FIELD_KIND_CHANGED", "TYPE_NARROWED", ...), the path in the schema, and a sentence for people.
struct SchemaDifference {
  std::string type;
  std::string path;
  std::string description;
};

}  // namespace partita::schema_registry
