// RecordDecoder: turns one topic's keys and values into the JSON the message views show, with the topic's local
// schema files (local_schema.h) or, for records in Confluent's wire format, the registry's schemas by id.
// - ParsedSchema: one registry schema, parsed. Immutable once built and held by shared_ptr<const>, so the
//   registry worker's cache and a filter scan on another thread share the same objects without copying.
// - SchemaLookup: how a decoder finds a registry schema by id (the worker: its cache, fetching; a filter scan:
//   a snapshot of that cache plus a bounded number of fetches, see SchemaCatalog).
// Used by SchemaRegistryWorker::decode (pages) and MessagePager's filters (MessageBrowser's filtered reads), so a filter
// matches the very JSON a user sees in the table.
// Thread safety: a RecordDecoder is used by one thread at a time (its lookup may keep state); the schemas it
// holds are immutable and may be shared with any thread.
#pragma once

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>

#include "app/bridge/local_schema.h"
#include "app/bridge/message_types.h"
#include "engine/schema_registry/avro_schema.h"
#include "engine/schema_registry/protobuf_schema.h"

namespace partita::app {

struct DecodedPayload;
struct DecodedRow;

struct ParsedSchema {
  QString error;  // the schema could not be fetched or parsed
  QString type;   // AVRO, PROTOBUF, JSON
  QString subject;
  int version = -1;
  std::optional<schema_registry::AvroSchema> avro;
  std::optional<schema_registry::ProtobufSchema> protobuf;
  std::optional<nlohmann::json> jsonSchema;  // JSON: the schema document (values are validated against it)
};

// The registry's schema for an id (never nullptr when a registry is set: a failure is a ParsedSchema with its
// error). An empty function: no registry, framed records are left as they are.
using SchemaLookup = std::function<std::shared_ptr<const ParsedSchema>(int id)>;

class RecordDecoder {
 public:
  enum class Part { Key, Value };

  // `files`: the topic's local files; `keySchema` / `valueSchema`: their parses (nullptr: no file for that part).
  RecordDecoder(LocalTopicSchemas files, std::shared_ptr<const LoadedLocalSchema> keySchema,
                std::shared_ptr<const LoadedLocalSchema> valueSchema, SchemaLookup registry);

  // Whether any part of any record can be decoded (a local file or a registry).
  bool decodes() const { return m_keySchema || m_valueSchema || m_registry; }

  DecodedPayload decode(const QByteArray& bytes, bool isNull, Part part) const;
  DecodedRow decode(const MessageRow& row) const;
  // The one-line JSON of a decoded key or value as UTF-8, as the table previews it (what filters match);
  // nullopt when the bytes do not decode.
  std::optional<std::string> compactJson(const QByteArray& bytes, bool isNull, Part part) const;

 private:
  // Decodes into *tree; the payload carries the kind, schema facts and error, without its JSON texts.
  DecodedPayload decodeTree(const QByteArray& bytes, bool isNull, Part part, nlohmann::ordered_json* tree) const;
  DecodedPayload decodeFramed(std::string_view bytes, nlohmann::ordered_json* tree) const;
  static DecodedPayload decodeLocal(std::string_view bytes, const LocalSchemaFile& file,
                                    const LoadedLocalSchema& schema, nlohmann::ordered_json* tree);

  LocalTopicSchemas m_files;
  std::shared_ptr<const LoadedLocalSchema> m_keySchema;
  std::shared_ptr<const LoadedLocalSchema> m_valueSchema;
  SchemaLookup m_registry;
};

}  // namespace partita::app
