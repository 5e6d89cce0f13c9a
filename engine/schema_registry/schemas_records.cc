#include "engine/schema_registry/schemas_records.h"

#include <nlohmann/json.hpp>

#include "engine/schema_registry/json_util.h"

namespace partita::schema_registry {

using nlohmann::ordered_json;

namespace {

// Subjects come from request paths; bytes that are not UTF-8 are replaced rather than thrown on.
std::string Dump(const ordered_json& j) { return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace); }

const char* KeyTypeName(SchemasKeyType type) {
  switch (type) {
    case SchemasKeyType::kSchema: return "SCHEMA";
    case SchemasKeyType::kConfig: return "CONFIG";
    case SchemasKeyType::kMode: return "MODE";
    case SchemasKeyType::kDeleteSubject: return "DELETE_SUBJECT";
    case SchemasKeyType::kClearSubject: return "CLEAR_SUBJECT";
    case SchemasKeyType::kNoop: return "NOOP";
  }
  return "NOOP";
}

}  // namespace

std::string EncodeKey(const SchemasKey& key) {
  // Confluent's field order: keytype, subject, version, magic (magic 1 for SCHEMA keys, 0 for the rest).
  ordered_json j;
  j["keytype"] = KeyTypeName(key.type);
  if (key.type != SchemasKeyType::kNoop) {
    j["subject"] = key.subject ? ordered_json(*key.subject) : ordered_json(nullptr);
  }
  if (key.type == SchemasKeyType::kSchema) j["version"] = key.version;
  j["magic"] = key.type == SchemasKeyType::kSchema ? 1 : 0;
  return Dump(j);
}

Result<SchemasKey> DecodeKey(std::string_view bytes) {
  Result<ordered_json> parsed = ParseOrderedJson(bytes);
  if (!parsed.ok() || !parsed->is_object()) return Status::Corruption("_schemas key is not a JSON object");
  const ordered_json& j = *parsed;
  auto type_it = j.find("keytype");
  if (type_it == j.end() || !type_it->is_string()) return Status::Corruption("_schemas key without keytype");
  SchemasKey key;
  bool known = false;
  for (SchemasKeyType t : {SchemasKeyType::kSchema, SchemasKeyType::kConfig, SchemasKeyType::kMode,
                           SchemasKeyType::kDeleteSubject, SchemasKeyType::kClearSubject, SchemasKeyType::kNoop}) {
    if (*type_it == KeyTypeName(t)) {
      key.type = t;
      known = true;
    }
  }
  if (!known) return Status::Unsupported("_schemas key type " + type_it->get<std::string>());
  if (auto s = j.find("subject"); s != j.end() && s->is_string()) key.subject = s->get<std::string>();
  if (key.type == SchemasKeyType::kSchema || key.type == SchemasKeyType::kDeleteSubject ||
      key.type == SchemasKeyType::kClearSubject) {
    if (!key.subject) return Status::Corruption("_schemas key without subject: " + std::string(bytes));
  }
  if (key.type == SchemasKeyType::kSchema) {
    auto v = j.find("version");
    if (v == j.end() || !v->is_number_integer()) return Status::Corruption("SCHEMA key without version");
    key.version = v->get<int32_t>();
  }
  return key;
}

std::string EncodeSchemaValue(const SchemaValue& value) {
  ordered_json j;
  j["subject"] = value.subject;
  j["version"] = value.version.value;
  j["id"] = value.id.value;
  j["schema"] = value.schema;
  if (value.type != SchemaType::kAvro) j["schemaType"] = SchemaTypeName(value.type);
  if (!value.references.empty()) {
    ordered_json refs = ordered_json::array();
    for (const SchemaReference& r : value.references) {
      refs.push_back({{"name", r.name}, {"subject", r.subject}, {"version", r.version}});
    }
    j["references"] = std::move(refs);
  }
  j["deleted"] = value.deleted;
  return Dump(j);
}

Result<SchemaValue> DecodeSchemaValue(std::string_view bytes) {
  Result<ordered_json> parsed = ParseOrderedJson(bytes);
  if (!parsed.ok() || !parsed->is_object()) return Status::Corruption("SCHEMA value is not a JSON object");
  const ordered_json& j = *parsed;
  SchemaValue v;
  auto subject = j.find("subject");
  auto version = j.find("version");
  auto id = j.find("id");
  auto schema = j.find("schema");
  if (subject == j.end() || !subject->is_string() || version == j.end() || !version->is_number_integer() ||
      id == j.end() || !id->is_number_integer() || schema == j.end() || !schema->is_string()) {
    return Status::Corruption("SCHEMA value lacks subject, version, id or schema");
  }
  v.subject = subject->get<std::string>();
  v.version = SchemaVersion(version->get<int32_t>());
  v.id = SchemaId(id->get<int32_t>());
  v.schema = schema->get<std::string>();
  if (auto t = j.find("schemaType"); t != j.end() && t->is_string()) {
    std::optional<SchemaType> type = ParseSchemaType(t->get<std::string>());
    if (!type) return Status::Corruption("SCHEMA value with unknown schemaType " + t->get<std::string>());
    v.type = *type;
  }
  if (auto refs = j.find("references"); refs != j.end() && refs->is_array()) {
    for (const ordered_json& r : *refs) {
      if (!r.is_object() || !r.contains("name") || !r["name"].is_string() || !r.contains("subject") ||
          !r["subject"].is_string() || !r.contains("version") || !r["version"].is_number_integer()) {
        return Status::Corruption("SCHEMA value with a malformed reference");
      }
      v.references.push_back({r["name"].get<std::string>(), r["subject"].get<std::string>(), r["version"].get<int32_t>()});
    }
  }
  if (auto d = j.find("deleted"); d != j.end() && d->is_boolean()) v.deleted = d->get<bool>();
  return v;
}

SchemasRecord SchemaRecord(const SchemaValue& value) {
  SchemasKey key{SchemasKeyType::kSchema, value.subject, value.version.value};
  return {EncodeKey(key), EncodeSchemaValue(value)};
}

SchemasRecord SchemaTombstone(const std::string& subject, SchemaVersion version) {
  return {EncodeKey({SchemasKeyType::kSchema, subject, version.value}), std::nullopt};
}

SchemasRecord ConfigRecord(const std::optional<std::string>& subject, const std::optional<std::string>& level) {
  SchemasRecord r{EncodeKey({SchemasKeyType::kConfig, subject, 0}), std::nullopt};
  if (level) r.value = Dump(ordered_json{{"compatibilityLevel", *level}});
  return r;
}

SchemasRecord ModeRecord(const std::optional<std::string>& subject, const std::optional<std::string>& mode) {
  SchemasRecord r{EncodeKey({SchemasKeyType::kMode, subject, 0}), std::nullopt};
  if (mode) r.value = Dump(ordered_json{{"mode", *mode}});
  return r;
}

SchemasRecord DeleteSubjectRecord(const std::string& subject, SchemaVersion up_to) {
  ordered_json value;
  value["subject"] = subject;
  value["version"] = up_to.value;
  return {EncodeKey({SchemasKeyType::kDeleteSubject, subject, 0}), Dump(value)};
}

SchemasRecord NoopRecord() { return {EncodeKey({SchemasKeyType::kNoop, std::nullopt, 0}), std::nullopt}; }

}  // namespace partita::schema_registry
