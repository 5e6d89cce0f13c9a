// SchemaRegistryWorker: the part of SchemaRegistry that lives on its worker thread: the HTTP exchanges
// (QNetworkAccessManager, waited for in a local event loop with a transfer timeout) and the cache of parsed
// schemas by id. Ownership: owned by SchemaRegistry (deleted on its thread's finish).
// Thread safety: its methods run on the worker thread only.
#pragma once

#include <QDateTime>
#include <QDeadlineTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSslCertificate>

#include <nlohmann/json.hpp>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

#include "app/bridge/local_schema.h"
#include "app/bridge/schema_registry.h"
#include "engine/schema_registry/avro_schema.h"
#include "engine/schema_registry/protobuf_schema.h"

class QNetworkAccessManager;

namespace partita::app {

class SchemaRegistryWorker : public QObject {
  Q_OBJECT

 public:
  explicit SchemaRegistryWorker(QObject* parent = nullptr);
  ~SchemaRegistryWorker() override;

  // Runs `task` after the ones before it, one at a time (see the .cpp: nested event loops must not re-enter).
  void run(std::function<void()> task);
  void setEndpoint(const RegistryEndpoint& endpoint);
  RegistryAnswer call(const QByteArray& method, const QString& path, const QByteArray& body = {});
  void setLocalSchemas(const LocalSchemaMap& schemas) { m_local = schemas; }
  QList<DecodedRow> decode(const QString& topic, const QList<MessageRow>& rows);
  EncodedValue encode(const QString& subject, const QString& json, const QString& messageName);

 private:
  struct CachedSchema {
    QString error;  // the schema could not be fetched or parsed
    QDeadlineTimer expires = QDeadlineTimer::Forever;  // a transport failure is tried again after a while
    QString type;   // AVRO, PROTOBUF, JSON
    QString subject;
    int version = -1;
    std::optional<schema_registry::AvroSchema> avro;
    std::optional<schema_registry::ProtobufSchema> protobuf;
    std::optional<nlohmann::json> jsonSchema;  // JSON: the schema document (values are validated against it)
  };
  const CachedSchema& schema(int id);
  // Parses a schema answer (/schemas/ids/{id} or /subjects/{s}/versions/{v}) with its references into `out`.
  void parseSchemaAnswer(const QByteArray& body, const QString& what, CachedSchema* out);
  struct SubjectSchema {
    CachedSchema schema;
    int id = -1;
    QDeadlineTimer fresh;  // refetched when this expires ("latest" moves)
  };
  const SubjectSchema& latest(const QString& subject);
  DecodedPayload decodeOne(const QByteArray& bytes, bool isNull);
  // A local file's parse, read again when the file changed (size or modification time).
  std::shared_ptr<const LoadedLocalSchema> localSchema(const QString& path);
  static DecodedPayload decodeLocal(const QByteArray& bytes, const LocalSchemaFile& file,
                                    const LoadedLocalSchema& schema);
  // The referenced schemas of a schema answer, fetched by subject and version (depth-limited).
  QString resolveReferences(const QByteArray& schemaAnswer, int depth, void* out);

  RegistryEndpoint m_endpoint;
  QNetworkAccessManager* m_network = nullptr;  // created on first use, on the worker thread
  QList<QSslCertificate> m_extraCas;  // m_endpoint.caFile's, read when the endpoint is set
  QString m_caError;                  // why m_endpoint.caFile could not be used (every call fails with it)
  QHash<int, std::shared_ptr<CachedSchema>> m_cache;
  LocalSchemaMap m_local;
  QHash<QString, std::shared_ptr<SubjectSchema>> m_subjects;  // by subject: its latest version
  struct CachedLocal {
    QDateTime modified;
    qint64 size = -1;
    std::shared_ptr<const LoadedLocalSchema> schema;
  };
  QHash<QString, CachedLocal> m_localCache;  // by path
  std::deque<std::function<void()>> m_tasks;
  bool m_running = false;
};

}  // namespace partita::app
