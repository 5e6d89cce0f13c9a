// Avro schema resolution as a compatibility check: can a reader with schema R decode every datum written with
// schema W? The rules are the spec's "Schema Resolution" section, in the shape of Avro Java's
// SchemaCompatibility (the checker Confluent's registry runs): each incompatibility has a type, a location
// (a JSON-pointer-like path into the reader schema, e.g. "/fields/1/type") and a message.
// Thread safety: a free function over immutable schemas.
#pragma once

#include <string>
#include <vector>

#include "engine/schema_registry/avro_schema.h"

namespace partita::schema_registry {

enum class AvroIncompatibilityType {
  kNameMismatch,
  kFixedSizeMismatch,
  kMissingEnumSymbols,
  kReaderFieldMissingDefaultValue,
  kTypeMismatch,
  kMissingUnionBranch,
};

// "NAME_MISMATCH", "READER_FIELD_MISSING_DEFAULT_VALUE", ...: Avro Java's enum names, which Confluent shows.
const char* AvroIncompatibilityName(AvroIncompatibilityType type);

struct AvroIncompatibility {
  AvroIncompatibilityType type;
  std::string location;  // "/" for the root, "/fields/0/type", "/items", "/symbols", "/1" (a union branch)
  std::string message;   // Avro Java's: the field name, "reader type: INT not compatible with writer type: STRING"
};

// Every incompatibility found (empty: the reader can read all the writer's data). Recursive types are
// handled: a (reader, writer) pair already being checked is assumed compatible, as in Avro Java.
std::vector<AvroIncompatibility> CheckAvroCanRead(const AvroSchema& reader, const AvroSchema& writer);

}  // namespace partita::schema_registry
