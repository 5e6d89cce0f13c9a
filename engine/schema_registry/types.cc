#include "engine/schema_registry/types.h"

namespace partita::schema_registry {

const char* SchemaTypeName(SchemaType type) {
  switch (type) {
    case SchemaType::kAvro: return "AVRO";
    case SchemaType::kProtobuf: return "PROTOBUF";
    case SchemaType::kJson: return "JSON";
  }
  return "AVRO";
}

std::optional<SchemaType> ParseSchemaType(std::string_view name) {
  if (name == "AVRO") return SchemaType::kAvro;
  if (name == "PROTOBUF") return SchemaType::kProtobuf;
  if (name == "JSON") return SchemaType::kJson;
  return std::nullopt;
}

}  // namespace partita::schema_registry
