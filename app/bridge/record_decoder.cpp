#include "app/bridge/record_decoder.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <string_view>

#include "app/bridge/avro_binary_decoder.h"
#include "app/bridge/confluent_wire.h"
#include "app/bridge/protobuf_binary_decoder.h"
#include "app/bridge/schema_registry.h"

namespace partita::app {

// The messages keep the context they were translated in when this code lived in SchemaRegistryWorker.
namespace {

// Invalid UTF-8 in a string (Avro strings are not checked on the wire) becomes U+FFFD instead of throwing.
std::string DumpJson(const nlohmann::ordered_json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string_view ViewOf(const QByteArray& bytes) { return {bytes.constData(), static_cast<size_t>(bytes.size())}; }

}  // namespace

RecordDecoder::RecordDecoder(LocalTopicSchemas files, std::shared_ptr<const LoadedLocalSchema> keySchema,
                             std::shared_ptr<const LoadedLocalSchema> valueSchema, SchemaLookup registry)
    : m_files(std::move(files)),
      m_keySchema(std::move(keySchema)),
      m_valueSchema(std::move(valueSchema)),
      m_registry(std::move(registry)) {}

DecodedPayload RecordDecoder::decode(const QByteArray& bytes, bool isNull, Part part) const {
  nlohmann::ordered_json tree;
  DecodedPayload out = decodeTree(bytes, isNull, part, &tree);
  if (out.kind == DecodedPayload::Kind::Decoded) {
    out.json = QString::fromStdString(DumpJson(tree, 4));
    out.compact = QString::fromStdString(DumpJson(tree, -1));
  }
  return out;
}

DecodedRow RecordDecoder::decode(const MessageRow& row) const {
  return {decode(row.key, row.keyIsNull, Part::Key), decode(row.value, row.valueIsNull, Part::Value)};
}

std::optional<std::string> RecordDecoder::compactJson(const QByteArray& bytes, bool isNull, Part part) const {
  nlohmann::ordered_json tree;
  if (decodeTree(bytes, isNull, part, &tree).kind != DecodedPayload::Kind::Decoded) return std::nullopt;
  return DumpJson(tree, -1);
}

DecodedPayload RecordDecoder::decodeTree(const QByteArray& bytes, bool isNull, Part part,
                                         nlohmann::ordered_json* tree) const {
  if (isNull) return {};
  // A topic's local file wins over the registry.
  const auto& local = part == Part::Key ? m_keySchema : m_valueSchema;
  if (local != nullptr) return decodeLocal(ViewOf(bytes), part == Part::Key ? m_files.key : m_files.value, *local, tree);
  return m_registry ? decodeFramed(ViewOf(bytes), tree) : DecodedPayload();
}

DecodedPayload RecordDecoder::decodeFramed(std::string_view view, nlohmann::ordered_json* tree) const {
  DecodedPayload out;
  if (!LooksConfluentFramed(view)) return out;
  auto frame = ParseConfluentFrame(view);
  if (!frame.ok()) return out;
  out.schemaId = frame->schemaId;
  out.kind = DecodedPayload::Kind::Failed;
  const std::shared_ptr<const ParsedSchema> found = m_registry(frame->schemaId);
  if (found == nullptr) {
    out.error = QCoreApplication::translate("partita::app::SchemaRegistryWorker", "schema %1 is not known yet").arg(out.schemaId);
    return out;
  }
  const ParsedSchema& s = *found;
  out.schemaType = s.type;
  out.subject = s.subject;
  out.version = s.version;
  if (!s.error.isEmpty()) {
    out.error = s.error;
    return out;
  }
  if (s.avro) {
    auto json = DecodeAvroBinary(*s.avro, frame->payload);
    if (!json.ok()) {
      out.error = QCoreApplication::translate("partita::app::SchemaRegistryWorker", "not Avro of schema %1: %2").arg(out.schemaId).arg(QString::fromStdString(json.status().message()));
      return out;
    }
    *tree = std::move(*json);
  } else if (s.protobuf) {
    std::string_view payload = frame->payload;
    auto indexes = ReadProtobufMessageIndexes(&payload);
    auto name = indexes.ok() ? ProtobufMessageForIndexes(*s.protobuf, *indexes) : Result<std::string>(indexes.status());
    if (!name.ok()) {
      out.error = QCoreApplication::translate("partita::app::SchemaRegistryWorker", "not Protobuf of schema %1: %2").arg(out.schemaId).arg(QString::fromStdString(name.status().message()));
      return out;
    }
    out.messageName = QString::fromStdString(*name);
    auto json = DecodeProtobufBinary(*s.protobuf, *name, payload);
    if (!json.ok()) {
      out.error = QCoreApplication::translate("partita::app::SchemaRegistryWorker", "not Protobuf of schema %1: %2").arg(out.schemaId).arg(QString::fromStdString(json.status().message()));
      return out;
    }
    *tree = std::move(*json);
  } else {  // JSON Schema: the payload is the JSON document itself
    auto json = nlohmann::ordered_json::parse(frame->payload, nullptr, false);
    if (json.is_discarded()) {
      out.error = QCoreApplication::translate("partita::app::SchemaRegistryWorker", "not JSON of schema %1: the payload does not parse as JSON").arg(out.schemaId);
      return out;
    }
    *tree = std::move(json);
  }
  out.kind = DecodedPayload::Kind::Decoded;
  return out;
}

DecodedPayload RecordDecoder::decodeLocal(std::string_view view, const LocalSchemaFile& file,
                                          const LoadedLocalSchema& schema, nlohmann::ordered_json* tree) {
  DecodedPayload out;
  out.kind = DecodedPayload::Kind::Failed;
  out.localFile = QFileInfo(file.path).fileName();
  out.schemaType = schema.type;
  if (!schema.error.isEmpty()) {
    out.error = schema.error;
    return out;
  }
  std::optional<ConfluentFrame> frame;
  if (LooksConfluentFramed(view)) {
    if (auto parsed = ParseConfluentFrame(view); parsed.ok()) frame = *parsed;
  }
  if (schema.avro) {
    // Avro data can itself start with a 0 byte (a first field of 0, say): a record that only looks framed is
    // decoded whole when its payload does not decode.
    if (frame) {
      if (auto json = DecodeAvroBinary(*schema.avro, frame->payload); json.ok()) {
        out.schemaId = frame->schemaId;
        *tree = std::move(*json);
        out.kind = DecodedPayload::Kind::Decoded;
        return out;
      }
    }
    auto json = DecodeAvroBinary(*schema.avro, view);
    if (!json.ok()) {
      out.error = QCoreApplication::translate("partita::app::SchemaRegistryWorker", "not Avro of %1: %2").arg(out.localFile, QString::fromStdString(json.status().message()));
      return out;
    }
    *tree = std::move(*json);
    out.kind = DecodedPayload::Kind::Decoded;
    return out;
  }
  // Protobuf: a 0 byte is never a field tag, so a record starting with one is framed.
  std::string_view payload = view;
  std::string name = file.messageName.toStdString();
  if (frame) {
    out.schemaId = frame->schemaId;
    payload = frame->payload;
    auto indexes = ReadProtobufMessageIndexes(&payload);
    if (!indexes.ok()) {
      out.error = QCoreApplication::translate("partita::app::SchemaRegistryWorker", "not Protobuf of %1: %2").arg(out.localFile, QString::fromStdString(indexes.status().message()));
      return out;
    }
    if (name.empty()) {
      auto chosen = ProtobufMessageForIndexes(*schema.protobuf, *indexes);
      if (!chosen.ok()) {
        out.error = QCoreApplication::translate("partita::app::SchemaRegistryWorker", "not Protobuf of %1: %2").arg(out.localFile, QString::fromStdString(chosen.status().message()));
        return out;
      }
      name = *chosen;
    }
  }
  if (name.empty()) name = schema.messageNames.first().toStdString();
  if (schema.protobuf->FindMessage(name) == nullptr) {
    out.error = QCoreApplication::translate("partita::app::SchemaRegistryWorker", "%1 declares no message %2").arg(out.localFile, QString::fromStdString(name));
    return out;
  }
  out.messageName = QString::fromStdString(name);
  auto json = DecodeProtobufBinary(*schema.protobuf, name, payload);
  if (!json.ok()) {
    out.error = QCoreApplication::translate("partita::app::SchemaRegistryWorker", "not Protobuf of %1: %2").arg(out.localFile, QString::fromStdString(json.status().message()));
    return out;
  }
  *tree = std::move(*json);
  out.kind = DecodedPayload::Kind::Decoded;
  return out;
}

}  // namespace partita::app
