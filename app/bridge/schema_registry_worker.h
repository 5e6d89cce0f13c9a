// SchemaRegistryWorker: the part of SchemaRegistry that lives on its worker thread: the HTTP exchanges
// (QNetworkAccessManager, waited for in a local event loop with a transfer timeout) and the cache of parsed
// schemas by id. Ownership: owned by SchemaRegistry (deleted on its thread's finish).
// Thread safety: its methods run on the worker thread only.
#pragma once

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
#include "app/bridge/record_decoder.h"
#include "app/bridge/schema_catalog.h"
#include "app/bridge/schema_registry.h"
#include "engine/schema_registry/avro_schema.h"
#include "engine/schema_registry/protobuf_schema.h"

class QNetworkAccessManager;

namespace partita::app {

class SchemaRegistryWorker : public QObject {
  Q_OBJECT

 public:
  explicit SchemaRegistryWorker(std::shared_ptr<SchemaCatalog> catalog, QObject* parent = nullptr);
  ~SchemaRegistryWorker() override;

  // Runs `task` after the ones before it, one at a time (see the .cpp: nested event loops must not re-enter).
  void run(std::function<void()> task);
  void setEndpoint(const RegistryEndpoint& endpoint);
  RegistryAnswer call(const QByteArray& method, const QString& path, const QByteArray& body = {});
  QList<DecodedRow> decode(const QString& topic, const QList<MessageRow>& rows);
  EncodedValue encode(const QString& subject, const QString& json, const QString& messageName);
  // Encodes with `topic`'s local key or value file: the bytes unframed, as the file decodes them.
  EncodedValue encodeLocal(const QString& topic, RecordDecoder::Part part, const QString& json,
                           const QString& messageName);
  // The registry's schema for `id`: from the cache, else fetched (a failure is a ParsedSchema with its error).
  std::shared_ptr<const ParsedSchema> schema(int id);

 private:
  struct CachedSchema {
    std::shared_ptr<const ParsedSchema> parsed;
    QDeadlineTimer expires = QDeadlineTimer::Forever;  // a transport failure is tried again after a while
  };
  // Parses a schema answer (/schemas/ids/{id} or /subjects/{s}/versions/{v}) with its references into `out`.
  void parseSchemaAnswer(const QByteArray& body, const QString& what, ParsedSchema* out);
  struct SubjectSchema {
    ParsedSchema schema;
    int id = -1;
    QDeadlineTimer fresh;  // refetched when this expires ("latest" moves)
  };
  const SubjectSchema& latest(const QString& subject);
  // The referenced schemas of a schema answer, fetched by subject and version (depth-limited).
  QString resolveReferences(const QByteArray& schemaAnswer, int depth, void* out);

  RegistryEndpoint m_endpoint;
  QNetworkAccessManager* m_network = nullptr;  // created on first use, on the worker thread
  QList<QSslCertificate> m_extraCas;  // m_endpoint.caFile's, read when the endpoint is set
  QString m_caError;                  // why m_endpoint.caFile could not be used (every call fails with it)
  QHash<int, CachedSchema> m_cache;
  std::shared_ptr<SchemaCatalog> m_catalog;  // the definite answers of m_cache, and the local files
  QHash<QString, std::shared_ptr<SubjectSchema>> m_subjects;  // by subject: its latest version
  std::deque<std::function<void()>> m_tasks;
  bool m_running = false;
};

}  // namespace partita::app
