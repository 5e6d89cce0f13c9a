// SchemaRegistry: the desktop app's client of one cluster's Confluent Schema Registry (Partita's broker registry
// or Confluent's), per ClusterConnection. Every request runs on its own worker thread (a QNetworkAccessManager
// living there, one blocking exchange at a time, so http, https and basic auth all work), never on the GUI thread:
// - decode(rows): recognises Confluent's wire format in keys and values, fetches each schema id once
//   (/schemas/ids/{id}, its references, /schemas/ids/{id}/versions for subject and version) and caches it
//   parsed, then decodes Avro (our own binary decoder), Protobuf (message indexes honoured) and JSON Schema
//   payloads to indented JSON. Answers decoded(ticket, rows) with one DecodedRow per row.
// - decode(topic, rows) with a local .avsc / .proto file instead, for topics the user pointed at one
//   (setLocalSchemas; see local_schema.h).
// - encode(subject, json): a record typed as JSON encoded with the subject's latest schema, framed (Produce);
//   encodeLocal(topic, json): with the topic's local value file instead, unframed (as the file decodes it).
// - catalog(): the parsed schemas and local files, shared with filter scans on other threads (schema_catalog.h).
// - call(method, path, body): one REST call for the Schemas page; answers answered(ticket, answer).
// Changing the endpoint drops the cache (ids belong to one registry).
// Ownership: owns its worker thread (joined in the destructor). Thread safety: GUI thread only; signals arrive
// on the GUI thread.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>

#include <functional>
#include <memory>

#include "app/bridge/connection_profile.h"
#include "app/bridge/local_schema.h"
#include "app/bridge/message_types.h"
#include "app/bridge/record_decoder.h"

namespace partita::app {

class SchemaCatalog;
class SchemaRegistryWorker;

// The outcome of decoding one key or value.
struct DecodedPayload {
  enum class Kind { NotFramed, Decoded, Failed };
  Kind kind = Kind::NotFramed;
  QString json;        // Decoded: indented JSON
  QString compact;     // Decoded: the same JSON on one line (table previews)
  QString schemaType;  // AVRO, PROTOBUF, JSON
  int schemaId = -1;   // framed payloads (also when decoding failed)
  QString subject;     // empty when the registry names none
  int version = -1;
  QString messageName;  // Protobuf: the message the indexes (or the local file's binding) chose
  QString localFile;    // decoded with a local schema file (its name); empty: with the registry
  QString error;        // Failed: why, in English from the decoder or the registry
};

struct DecodedRow {
  DecodedPayload key;
  DecodedPayload value;
};

// A value produced through a subject's latest schema (Produce dialog): the record bytes in Confluent's wire
// format, or why the JSON does not fit.
struct EncodedValue {
  QByteArray bytes;   // empty when error is set
  QString error;      // the JSON is not valid, does not fit the schema, or the schema cannot be fetched
  int schemaId = -1;
  int version = -1;
  QString schemaType;    // AVRO, PROTOBUF, JSON
  QString messageName;   // Protobuf: the message written
  QString localFile;     // encoded with a topic's local schema file (its name): the bytes are unframed
  QStringList messages;  // Protobuf: the file's messages, for choosing
  bool ok() const { return error.isEmpty(); }
};

struct RegistryAnswer {
  int httpStatus = 0;  // 0: no answer (error says why)
  QByteArray body;
  QString error;  // transport error, or the registry's "message (error code N)" for HTTP errors
  bool ok() const { return error.isEmpty() && httpStatus >= 200 && httpStatus < 300; }
};

class SchemaRegistry : public QObject {
  Q_OBJECT

 public:
  explicit SchemaRegistry(QObject* parent = nullptr);
  ~SchemaRegistry() override;

  void setEndpoint(const RegistryEndpoint& endpoint);
  RegistryEndpoint endpoint() const { return m_endpoint; }

  // Local schema files by topic (local_schema.h); they win over the registry for their topics.
  void setLocalSchemas(const LocalSchemaMap& schemas);
  LocalSchemaMap localSchemas() const { return m_local; }
  // Whether decode() can do anything for `topic`'s records: a registry is set or the topic has a local file.
  bool canDecode(const QString& topic) const { return m_endpoint.isSet() || m_local.value(topic).isSet(); }

  // Decodes `rows` of `topic`; answers decoded(ticket, ...).
  quint64 decode(const QString& topic, const QList<MessageRow>& rows);
  quint64 call(const QByteArray& method, const QString& path, const QByteArray& body = {});
  // Encodes `json` with `subject`'s latest schema (fetched once per 10 s, so typing is checked quickly);
  // Protobuf: as `messageName` (empty: the file's first message). Answers encoded(ticket, value).
  quint64 encode(const QString& subject, const QString& json, const QString& messageName = {});
  // Encodes `json` with `topic`'s local value (or key) file (Protobuf: as `messageName`, empty: the binding's
  // message or the file's first). The bytes carry no Confluent frame: a local file has no registry id, and the
  // Messages page decodes unframed records with the file. Answers encoded(ticket, value).
  quint64 encodeLocal(const QString& topic, const QString& json, const QString& messageName = {},
                      RecordDecoder::Part part = RecordDecoder::Part::Value);

  // What filter scans decode with (any thread may use it; it outlives this object while a scan holds it).
  std::shared_ptr<SchemaCatalog> catalog() const { return m_catalog; }

  // "Schema 3 · orders-value v1 · AVRO": the line the message views show above a decoded record.
  static QString describe(const DecodedPayload& payload);

 signals:
  void endpointChanged();
  void localSchemasChanged();
  void decoded(quint64 ticket, const QList<partita::app::DecodedRow>& rows);
  void answered(quint64 ticket, const partita::app::RegistryAnswer& answer);
  void encoded(quint64 ticket, const partita::app::EncodedValue& value);

 private:
  // Runs an encoding on the worker; answers encoded(ticket, value).
  quint64 requestEncoding(std::function<EncodedValue(SchemaRegistryWorker*)> work);

  RegistryEndpoint m_endpoint;
  LocalSchemaMap m_local;
  std::shared_ptr<SchemaCatalog> m_catalog;
  QThread m_thread;
  SchemaRegistryWorker* m_worker;  // lives in m_thread
  quint64 m_nextTicket = 1;
};

}  // namespace partita::app

Q_DECLARE_METATYPE(partita::app::DecodedRow)
Q_DECLARE_METATYPE(partita::app::RegistryAnswer)
Q_DECLARE_METATYPE(partita::app::EncodedValue)
