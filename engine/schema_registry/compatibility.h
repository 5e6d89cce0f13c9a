// Compatibility levels and the check a registration runs: a candidate schema against a subject's earlier
// (non-deleted) versions, as Confluent's registry does (BACKWARD: the candidate reads data written with the
// latest version; FORWARD: the latest reads the candidate's data; FULL: both; *_TRANSITIVE: against every
// earlier version instead of the latest only; NONE: no check). Dispatches on the schema type to the Avro,
// Protobuf and JSON Schema rules. Thread safety: free functions over values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.h"
#include "engine/schema_registry/types.h"

namespace partita::schema_registry {

enum class CompatibilityLevel {
  kNone, kBackward, kBackwardTransitive, kForward, kForwardTransitive, kFull, kFullTransitive,
};

const char* CompatibilityLevelName(CompatibilityLevel level);
// Case-insensitive, as Confluent accepts "backward" and "BACKWARD".
std::optional<CompatibilityLevel> ParseCompatibilityLevel(std::string_view name);

// A schema with what parsing it needs: its text, its type and its resolved references.
struct SchemaInput {
  SchemaType type = SchemaType::kAvro;
  std::string text;
  std::vector<ResolvedReference> references;
};

// Parses and validates; kInvalidArgument carries the message for Confluent's 42201.
Status ValidateSchema(const SchemaInput& schema);

// Whether two valid schemas are the same once their references are resolved (Confluent's
// ParsedSchema.deepEquals, by which a schema sent with its references inlined finds the version registered with
// references). Avro only: a Protobuf import or a JSON Schema $ref to another subject cannot be inlined in one
// text the same way, so for those it is false.
bool SameResolvedSchema(const SchemaInput& a, const SchemaInput& b);

// Whether `reader` can read data written with `writer`: empty when it can, else Confluent-style messages
// ("{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'...', additionalInfo:'f2'}").
// `reader_label` / `writer_label` name the two in descriptions ("new" / "old").
// Both must have passed ValidateSchema; a parse failure here is returned as one message.
std::vector<std::string> CheckCanRead(const SchemaInput& reader, const SchemaInput& writer,
                                      const std::string& reader_label, const std::string& writer_label);

struct PreviousVersion {
  SchemaVersion version;
  SchemaInput schema;
};

// Checks `candidate` against `previous` (ascending versions, non-deleted only) under `level`. Empty result:
// compatible. Otherwise the messages of the first incompatible version followed by Confluent's
// "{oldSchemaVersion: n}", "{oldSchema: '...'}" and "{compatibility: 'BACKWARD'}" lines.
std::vector<std::string> CheckCompatibility(CompatibilityLevel level, const SchemaInput& candidate,
                                            const std::vector<PreviousVersion>& previous);

}  // namespace partita::schema_registry

namespace partita::schema_registry {

// The text a registry stores and compares: Avro and JSON Schema re-serialized compactly (whitespace gone,
// key order kept), so the same schema sent with different formatting gets the same id, as in Confluent;
// Protobuf text as given. Unparsable text is returned unchanged.
std::string NormalizedSchemaText(SchemaType type, std::string_view text);

}  // namespace partita::schema_registry
