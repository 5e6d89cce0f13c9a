#include "engine/schema_registry/compatibility.h"

#include <cctype>

#include "engine/schema_registry/avro_compatibility.h"
#include "engine/schema_registry/json_schema.h"
#include "engine/schema_registry/protobuf_schema.h"

namespace partita::schema_registry {

const char* CompatibilityLevelName(CompatibilityLevel level) {
  switch (level) {
    case CompatibilityLevel::kNone: return "NONE";
    case CompatibilityLevel::kBackward: return "BACKWARD";
    case CompatibilityLevel::kBackwardTransitive: return "BACKWARD_TRANSITIVE";
    case CompatibilityLevel::kForward: return "FORWARD";
    case CompatibilityLevel::kForwardTransitive: return "FORWARD_TRANSITIVE";
    case CompatibilityLevel::kFull: return "FULL";
    case CompatibilityLevel::kFullTransitive: return "FULL_TRANSITIVE";
  }
  return "NONE";
}

std::optional<CompatibilityLevel> ParseCompatibilityLevel(std::string_view name) {
  std::string upper(name);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (CompatibilityLevel level :
       {CompatibilityLevel::kNone, CompatibilityLevel::kBackward, CompatibilityLevel::kBackwardTransitive,
        CompatibilityLevel::kForward, CompatibilityLevel::kForwardTransitive, CompatibilityLevel::kFull,
        CompatibilityLevel::kFullTransitive}) {
    if (upper == CompatibilityLevelName(level)) return level;
  }
  return std::nullopt;
}

Status ValidateSchema(const SchemaInput& schema) {
  switch (schema.type) {
    case SchemaType::kAvro: return AvroSchema::Parse(schema.text, schema.references).status();
    case SchemaType::kJson: return JsonSchema::Parse(schema.text).status();
    case SchemaType::kProtobuf: return ProtobufSchema::Parse(schema.text, schema.references).status();
  }
  return Status::InvalidArgument("unknown schema type");
}

bool SameResolvedSchema(const SchemaInput& a, const SchemaInput& b) {
  if (a.type != SchemaType::kAvro || b.type != SchemaType::kAvro) return false;
  Result<AvroSchema> x = AvroSchema::Parse(a.text, a.references);
  Result<AvroSchema> y = AvroSchema::Parse(b.text, b.references);
  return x.ok() && y.ok() && AvroEquivalent(*x, *y);
}

namespace {

// Confluent's wording for each Avro incompatibility (its AvroCompatibilityChecker's descriptions).
std::string DescribeAvro(const AvroIncompatibility& i, const std::string& reader, const std::string& writer) {
  switch (i.type) {
    case AvroIncompatibilityType::kNameMismatch:
      return "The name of the schema has changed (path '" + i.location + "')";
    case AvroIncompatibilityType::kFixedSizeMismatch:
      return "The size of FIXED type field at path '" + i.location + "' in the " + reader +
             " schema does not match with the " + writer + " schema";
    case AvroIncompatibilityType::kMissingEnumSymbols:
      return "The " + reader + " schema is missing enum symbols '" + i.message + "' at path '" + i.location +
             "' in the " + writer + " schema";
    case AvroIncompatibilityType::kReaderFieldMissingDefaultValue:
      return "The field '" + i.message + "' at path '" + i.location + "' in the " + reader +
             " schema has no default value and is missing in the " + writer + " schema";
    case AvroIncompatibilityType::kTypeMismatch:
      return "The type (path '" + i.location + "') of a field in the " + reader +
             " schema does not match with the " + writer + " schema";
    case AvroIncompatibilityType::kMissingUnionBranch:
      return "The " + reader + " schema is missing a type inside a union field at path '" + i.location +
             "' in the " + writer + " schema";
  }
  return i.message;
}

std::string FormatMessage(const std::string& type, const std::string& description, const std::string& info) {
  return "{errorType:'" + type + "', description:'" + description + "', additionalInfo:'" + info + "'}";
}

}  // namespace

std::vector<std::string> CheckCanRead(const SchemaInput& reader, const SchemaInput& writer,
                                      const std::string& reader_label, const std::string& writer_label) {
  std::vector<std::string> out;
  if (reader.type != writer.type) {
    out.push_back(FormatMessage("TYPE_MISMATCH", std::string("Incompatible schema type: ") +
                                                     SchemaTypeName(reader.type) + " vs " +
                                                     SchemaTypeName(writer.type), ""));
    return out;
  }
  // Parses both with `parse` and turns each finding of `check` into a Confluent message.
  auto run = [&](auto parse, auto check, auto to_message) {
    auto r = parse(reader);
    auto w = parse(writer);
    if (!r.ok() || !w.ok()) {
      out.push_back((r.ok() ? w : r).status().message());
      return;
    }
    for (const auto& finding : check(*r, *w)) out.push_back(to_message(finding));
  };
  auto difference_message = [](const SchemaDifference& d) { return FormatMessage(d.type, d.description, d.path); };
  switch (reader.type) {
    case SchemaType::kAvro:
      run([](const SchemaInput& s) { return AvroSchema::Parse(s.text, s.references); }, CheckAvroCanRead,
          [&](const AvroIncompatibility& i) {
            return FormatMessage(AvroIncompatibilityName(i.type), DescribeAvro(i, reader_label, writer_label), i.message);
          });
      break;
    case SchemaType::kJson:
      run([](const SchemaInput& s) { return JsonSchema::Parse(s.text); }, CheckJsonCanRead, difference_message);
      break;
    case SchemaType::kProtobuf:
      run([](const SchemaInput& s) { return ProtobufSchema::Parse(s.text, s.references); }, CheckProtobufCanRead,
          difference_message);
      break;
  }
  return out;
}

std::vector<std::string> CheckCompatibility(CompatibilityLevel level, const SchemaInput& candidate,
                                            const std::vector<PreviousVersion>& previous) {
  if (level == CompatibilityLevel::kNone || previous.empty()) return {};
  const bool transitive = level == CompatibilityLevel::kBackwardTransitive ||
                          level == CompatibilityLevel::kForwardTransitive ||
                          level == CompatibilityLevel::kFullTransitive;
  const bool backward = level != CompatibilityLevel::kForward && level != CompatibilityLevel::kForwardTransitive;
  const bool forward = level != CompatibilityLevel::kBackward && level != CompatibilityLevel::kBackwardTransitive;
  // Newest first, so the message names the latest version that breaks (Confluent checks in that order).
  for (auto it = previous.rbegin(); it != previous.rend(); ++it) {
    std::vector<std::string> messages;
    if (backward) messages = CheckCanRead(candidate, it->schema, "new", "old");
    if (forward) {
      std::vector<std::string> f = CheckCanRead(it->schema, candidate, "old", "new");
      messages.insert(messages.end(), f.begin(), f.end());
    }
    if (!messages.empty()) {
      messages.push_back("{oldSchemaVersion: " + std::to_string(it->version.value) + "}");
      messages.push_back("{oldSchema: '" + it->schema.text + "'}");
      messages.push_back(std::string("{compatibility: '") + CompatibilityLevelName(level) + "'}");
      return messages;
    }
    if (!transitive) break;
  }
  return {};
}

}  // namespace partita::schema_registry

#include "engine/schema_registry/json_util.h"

namespace partita::schema_registry {

std::string NormalizedSchemaText(SchemaType type, std::string_view text) {
  if (type == SchemaType::kProtobuf) return std::string(text);
  Result<nlohmann::ordered_json> parsed = ParseOrderedJson(text);
  if (!parsed.ok()) return std::string(text);
  return parsed->dump();
}

}  // namespace partita::schema_registry
