// Local schema files for topics read without a Schema Registry (issue 15): the user points a topic's keys or
// values at an Avro schema (.avsc) or a .proto file on disk, and the message views decode its records with it.
// - LocalSchemaFile / LocalTopicSchemas / LocalSchemaMap: which file decodes which topic's keys and values, per
//   connection; kept in the app's settings by connection name (ReadLocalSchemas / WriteLocalSchemas).
// - LoadLocalSchema: reads and parses one file. A .proto's imports are read from the importing file's directory
//   (as protoc's --proto_path would be set to it), up to kMaxImportDepth deep; the google/protobuf well-known
//   files need no file.
// A file bound to a topic wins over the registry for that topic: records in Confluent's wire format have the
// frame taken off (the schema id is still shown; Protobuf's message indexes choose the message unless the
// binding names one), other records are decoded whole.
// Thread safety: plain values and pure functions; the settings functions use QSettings (any one thread).
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

#include "engine/schema_registry/avro_schema.h"
#include "engine/schema_registry/protobuf_schema.h"

namespace partita::app {

struct LocalSchemaFile {
  QString path;         // empty: none
  QString messageName;  // .proto only: the message records hold; empty: the message indexes' or the file's first
  bool isSet() const { return !path.trimmed().isEmpty(); }
  bool operator==(const LocalSchemaFile&) const = default;
};

struct LocalTopicSchemas {
  LocalSchemaFile key;
  LocalSchemaFile value;
  bool isSet() const { return key.isSet() || value.isSet(); }
  bool operator==(const LocalTopicSchemas&) const = default;
};

using LocalSchemaMap = QMap<QString, LocalTopicSchemas>;  // by topic name

struct LoadedLocalSchema {
  QString error;  // the file could not be read or parsed (then neither schema is set)
  QString type;   // AVRO or PROTOBUF
  std::optional<schema_registry::AvroSchema> avro;
  std::optional<schema_registry::ProtobufSchema> protobuf;
  QStringList messageNames;  // .proto: its messages' full names, in declaration order
};

inline constexpr int kMaxImportDepth = 8;

// The type follows the file name: .proto is Protobuf, anything else (.avsc, .json) Avro.
std::shared_ptr<const LoadedLocalSchema> LoadLocalSchema(const QString& path);

LocalSchemaMap ReadLocalSchemas(const QString& connectionName);
void WriteLocalSchemas(const QString& connectionName, const LocalSchemaMap& schemas);

}  // namespace partita::app
